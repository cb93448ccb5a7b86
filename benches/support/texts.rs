//! The bench texts: German and English news-like text of a given size, the same bytes on every
//! run and machine. Shared by `benches/analyze.rs` (criterion) and `benches/native.rs` (which
//! writes them to files for the Node benchmarks and times them natively); see
//! `benches/README.md` for how they are made.
//!
//! The text is built from the sample articles in `tests/articles/`: paragraph after paragraph of
//! the articles of one language, each round with the paragraphs rotated by one and (after the
//! first round) varied: numbers get other digits and most long words a new order of their inner
//! letters, from a fixed seed, so that a big input has many distinct words as real news has
//! (per-word caches miss as they would) and yet is the same on every run; cut to the size on a
//! `char` boundary.

#![allow(dead_code)] // each bench uses a part

pub const GERMAN: [&str; 2] = [
    include_str!("../../tests/articles/de-trinkwasser.txt"),
    include_str!("../../tests/articles/de-klinik.txt"),
];
pub const ENGLISH: [&str; 2] =
    [include_str!("../../tests/articles/en-harbor.txt"), include_str!("../../tests/articles/en-drought.txt")];

pub const KB: usize = 1024;
pub const MB: usize = 1024 * 1024;

/// The sizes benchmarked, with their labels.
pub const SIZES: [(&str, usize); 4] = [("1KB", KB), ("100KB", 100 * KB), ("1MB", MB), ("10MB", 10 * MB)];

/// At least `size` bytes of news-like text from `articles`, cut to `size` bytes or just below.
pub fn news_text(articles: &[&str], size: usize) -> String {
    let paragraphs: Vec<Vec<&str>> =
        articles.iter().map(|a| a.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).collect()).collect();
    let mut text = String::with_capacity(size + 4 * KB);
    let mut round = 0usize;
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    while text.len() < size {
        for paras in &paragraphs {
            // The headline stays first; the body paragraphs rotate from round to round.
            let (headline, body) = paras.split_first().expect("an article has paragraphs");
            let order =
                std::iter::once(*headline).chain((0..body.len()).map(|i| body[(i + round) % body.len()]));
            for para in order {
                if round == 0 {
                    text.push_str(para);
                } else {
                    vary(para, &mut rng, &mut text);
                }
                text.push_str("\n\n");
            }
        }
        round += 1;
    }
    let mut end = size;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    text
}

/// A xorshift generator: the same numbers on every run and platform.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// Appends `para` to `out` with its digits replaced by random ones (a leading digit stays
/// non-zero) and about two in three words of seven letters or more given a random order of
/// their inner letters (the first two and last three kept, so the endings and capitals the
/// rules look at stay). Short words, most function words among them, stay as they are.
fn vary(para: &str, rng: &mut Rng, out: &mut String) {
    let mut rest = para;
    while let Some(c) = rest.chars().next() {
        if c.is_ascii_digit() {
            let leading = !out.ends_with(|p: char| p.is_ascii_digit() || p == '.' || p == ',');
            let low = u64::from(leading && c != '0');
            out.push(char::from(b'0' + (low + rng.below(10 - low)) as u8));
            rest = &rest[1..];
        } else if c.is_alphabetic() {
            let len = rest.find(|c: char| !c.is_alphabetic()).unwrap_or(rest.len());
            let word = &rest[..len];
            let mut chars: Vec<char> = word.chars().collect();
            let n = chars.len();
            if n >= 7 && rng.below(3) != 0 {
                let inner = &mut chars[2..n - 3];
                for i in (1..inner.len()).rev() {
                    inner.swap(i, rng.below(i as u64 + 1) as usize);
                }
                out.extend(chars);
            } else {
                out.push_str(word);
            }
            rest = &rest[len..];
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
}
