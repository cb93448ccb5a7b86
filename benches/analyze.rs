//! Throughput of [`hedgemark::analyze`] on German and English news-like text of 1 KB, 100 KB,
//! 1 MB and 10 MB. See `benches/README.md` for how to run it and read the figures.
//!
//! The text is built from the sample articles in `tests/articles/`: paragraph after paragraph of
//! the articles of one language, each round with the paragraphs rotated by one, so that a big
//! input is not one string repeated verbatim, cut to the size on a `char` boundary.

use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode, Throughput};
use hedgemark::{analyze, Language, Options};

const GERMAN: [&str; 2] =
    [include_str!("../tests/articles/de-trinkwasser.txt"), include_str!("../tests/articles/de-klinik.txt")];
const ENGLISH: [&str; 2] =
    [include_str!("../tests/articles/en-harbor.txt"), include_str!("../tests/articles/en-drought.txt")];

const KB: usize = 1024;
const MB: usize = 1024 * 1024;

/// The sizes benchmarked, with their labels.
const SIZES: [(&str, usize); 4] = [("1KB", KB), ("100KB", 100 * KB), ("1MB", MB), ("10MB", 10 * MB)];

/// At least `size` bytes of news-like text from `articles`, cut to `size` bytes or just below.
fn news_text(articles: &[&str], size: usize) -> String {
    let paragraphs: Vec<Vec<&str>> =
        articles.iter().map(|a| a.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).collect()).collect();
    let mut text = String::with_capacity(size + 4 * KB);
    let mut round = 0usize;
    while text.len() < size {
        for paras in &paragraphs {
            // The headline stays first; the body paragraphs rotate from round to round.
            let (headline, body) = paras.split_first().expect("an article has paragraphs");
            text.push_str(headline);
            text.push_str("\n\n");
            for i in 0..body.len() {
                text.push_str(body[(i + round) % body.len()]);
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

fn bench_language(c: &mut Criterion, language: Language, articles: &[&str]) {
    let mut group = c.benchmark_group(format!("analyze/{}", language.code()));
    // Few samples: a 10 MB iteration takes a good fraction of a second.
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    for (label, size) in SIZES {
        let text = news_text(articles, size);
        let options = Options::default(); // detect the language, as users do
        assert_eq!(analyze(&text, &options).language, language, "the {label} text is detected as {language}");
        if size >= MB {
            // The same number of iterations in every sample, instead of 1, 2, … 10 of them.
            group.sampling_mode(SamplingMode::Flat);
            group.measurement_time(Duration::from_secs(if size >= 10 * MB { 10 } else { 3 }));
        } else {
            group.sampling_mode(SamplingMode::Auto);
            group.measurement_time(Duration::from_secs(3));
        }
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(label), &text, |b, text| {
            b.iter(|| analyze(std::hint::black_box(text), &options))
        });
    }
    group.finish();
}

fn analyze_news(c: &mut Criterion) {
    bench_language(c, Language::German, &GERMAN);
    bench_language(c, Language::English, &ENGLISH);
}

criterion_group!(benches, analyze_news);
criterion_main!(benches);
