//! The languages hedgemark analyses, and telling them apart from the text itself.

use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use serde::Serialize;

use crate::lexicon::Vocab;
use crate::Error;

/// A language the engine has rules for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[non_exhaustive]
pub enum Language {
    /// German (`de`).
    #[serde(rename = "de")]
    German,
    /// English (`en`).
    #[serde(rename = "en")]
    English,
}

impl Language {
    /// Every supported language, in a fixed order.
    pub const ALL: [Language; 2] = [Language::German, Language::English];

    /// The ISO 639-1 code: `"de"` or `"en"`.
    pub const fn code(self) -> &'static str {
        match self {
            Language::German => "de",
            Language::English => "en",
        }
    }

    /// Parses an ISO 639-1 code (`de`, `en`, case-insensitive, region suffix such as `de-AT`
    /// allowed). Returns `None` for anything else.
    pub fn from_code(code: &str) -> Option<Language> {
        let base = code.split(['-', '_']).next().unwrap_or("");
        if base.eq_ignore_ascii_case("de") {
            Some(Language::German)
        } else if base.eq_ignore_ascii_case("en") {
            Some(Language::English)
        } else {
            None
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Language {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Language::from_code(s).ok_or_else(|| Error::unknown_language(s))
    }
}

/// Function words frequent in German and rare in English (and the other way round). Words that
/// are common in both languages (`in`, `war`) are left out on purpose; those frequent in one and
/// not rare in the other (`die`, `also`, `was`, `will`) are weak evidence below.
#[rustfmt::skip]
const GERMAN: &[&str] = &[
    "der", "das", "und", "ist", "nicht", "ein", "eine", "einen", "einem", "einer", "eines", "zu", "mit",
    "sich", "auf", "für", "dem", "den", "von", "vom", "sie", "es", "auch", "wird", "werden", "wurde",
    "wurden", "worden", "nach", "bei", "beim", "aus", "noch", "wie", "sind", "hat", "haben", "hatte", "nur",
    "oder", "aber", "vor", "zur", "zum", "über", "im", "ich", "er", "wir", "ihr", "ihm", "ihn", "uns",
    "dass", "soll", "sollen", "sollte", "kann", "können", "könnte", "müssen", "des", "durch", "unter",
    "gegen", "seit", "schon", "sein", "seine", "seiner", "ihre", "ihren", "ihrem", "diese", "dieser",
    "dieses", "diesem", "sei", "seien", "habe", "laut", "sagte", "sagt", "mehr", "als", "keine", "kein",
    "bereits", "jetzt", "heute", "dann", "wenn", "weil", "sehr", "doch", "ob", "ohne", "danach", "damit",
    "dabei", "sowie", "jedoch", "zwischen", "während", "gibt", "gab", "waren", "wäre", "hätte", "um", "wo",
    "wer", "nun", "immer", "wieder", "etwa", "rund", "neue", "neuen", "du", "dies", "dort", "sowohl",
    "seinen", "unsere", "euch", "denn",
];
#[rustfmt::skip]
const ENGLISH: &[&str] = &[
    "the", "a", "i", "and", "of", "to", "is", "that", "it", "it's", "for", "on", "with", "as", "be", "by",
    "at", "this", "are", "from", "or", "not", "but", "have", "has", "had", "they", "he", "she", "we", "you",
    "his", "her", "their", "them", "him", "my", "me", "your", "which", "would", "were", "been", "being",
    "said", "says", "about", "after", "there", "who", "what", "when", "where", "why", "how", "into", "than",
    "its", "more", "could", "may", "might", "should", "must", "these", "those", "our", "out", "up", "can",
    "according", "reportedly", "if", "because", "while", "over", "just", "some", "any", "only", "other",
    "such", "many", "much", "most", "does", "did", "don't", "didn't", "won't", "can't", "isn't", "people",
    "new", "year",
];

/// Words frequent in one language that also occur in the other: weak evidence.
const GERMAN_WEAK: &[&str] = &["die", "am", "also", "man", "bis", "hier"];
const ENGLISH_WEAK: &[&str] = &["was", "will", "an", "so", "all"];

/// Letter sequences frequent in words of one language and rare in the other.
const GERMAN_LETTERS: &[&str] = &["sch", "cht", "tz", "pf", "ei"];
const ENGLISH_LETTERS: &[&str] = &["th", "wh", "ght", "oo", "ou", "ow", "aw", "ew"];

/// Endings typical of German words (`Regierung`, `Möglichkeit`, `Botschaft`) and of English ones.
const GERMAN_ENDINGS: &[&str] = &["ung", "ungen", "keit", "heit", "schaft", "lich", "isch", "chen", "igen"];
const ENGLISH_ENDINGS: &[&str] = &["ing", "ly", "ness", "ed", "ship", "ies"];

/// Detects German or English from the text.
///
/// Scores the words of the first 64 KiB: a frequent function word of either language counts
/// most, a word with `ä ö ü ß` or a typical ending (`-ung`, `-keit`; `-ing`, `-ly`) a little.
/// Words inside quotation marks count half, so that an English quotation does not outvote the
/// German article around it (and the other way round). A tie, or a text with neither, falls back
/// to letters only German uses and then to English. Reliable on one sentence or a headline of a
/// few words; linear in the (bounded) sample.
pub fn detect(text: &str) -> Language {
    let sample = prefix(text, 64 * 1024);
    let (de, en) = tally(sample);
    if de != en {
        return if de > en { Language::German } else { Language::English };
    }
    if sample.chars().any(|c| matches!(c, 'ä' | 'ö' | 'ü' | 'ß' | 'Ä' | 'Ö' | 'Ü' | '„')) {
        Language::German
    } else {
        Language::English
    }
}

/// The points for German and for English of the words of `sample` (see [`detect`]).
fn tally(sample: &str) -> (u64, u64) {
    let bytes = sample.as_bytes();
    let (mut de, mut en) = (0u64, 0u64);
    let mut quoted = false;
    // The lower case of the word being read: its first 64 bytes and the character that crosses
    // them (at most three characters of four bytes).
    let mut word = [0u8; 64 + 12];
    let mut n = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // ASCII byte by byte; other characters decoded (`i` stays on a character boundary).
        let c = if b < 0x80 {
            i += 1;
            let lower = ASCII_WORD[usize::from(b)];
            if lower != 0 && (lower != b'\'' || n > 0) {
                if n < 64 {
                    word[n] = lower;
                    n += 1;
                }
                continue;
            }
            char::from(b)
        } else {
            let Some(c) = sample[i..].chars().next() else { break };
            i += c.len_utf8();
            if c.is_alphabetic() || (c == '’' && n > 0) {
                if n < 64 {
                    for l in c.to_lowercase() {
                        n += (if l == '’' { '\'' } else { l }).encode_utf8(&mut word[n..]).len();
                    }
                }
                continue;
            }
            c
        };
        if n > 0 {
            add_points(&word[..n], quoted, &mut de, &mut en);
            n = 0;
        }
        // A lead this large is not overturned: stop early on long texts.
        if de.abs_diff(en) > 600 {
            break;
        }
        if matches!(c, '"' | '„' | '“' | '”' | '«' | '»') {
            quoted = !quoted;
        }
    }
    if n > 0 {
        add_points(&word[..n], quoted, &mut de, &mut en);
    }
    (de, en)
}

/// Per ASCII byte, what it adds to a word: its lower case for a letter, `'` for an apostrophe
/// (which joins only inside a word), 0 for a byte that ends a word.
static ASCII_WORD: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphabetic() {
            c.to_ascii_lowercase()
        } else if c == b'\'' {
            c
        } else {
            0
        };
        b += 1;
    }
    t
};

/// Adds the points of a lower-case word (see [`score`]): twice as many outside quotation marks.
fn add_points(word: &[u8], quoted: bool, de: &mut u64, en: &mut u64) {
    let (d, e) = score(word);
    let weight = if quoted { 1 } else { 2 };
    *de += weight * d;
    *en += weight * e;
}

/// The points of every function word, strong and weak, looked up once per word (a fixed set:
/// the vocabulary table of the lexicons serves).
fn function_words() -> &'static (Vocab, Vec<(u64, u64)>) {
    static TABLE: OnceLock<(Vocab, Vec<(u64, u64)>)> = OnceLock::new();
    TABLE.get_or_init(|| {
        // A later list overrides an earlier one, except that English weak words only add.
        let mut words: Vec<&'static str> = Vec::new();
        let mut points: Vec<(u64, u64)> = Vec::new();
        let mut set =
            |w: &'static str, p: (u64, u64), overwrite: bool| match words.iter().position(|x| *x == w) {
                Some(i) if overwrite => points[i] = p,
                Some(_) => {}
                None => {
                    words.push(w);
                    points.push(p);
                }
            };
        GERMAN.iter().for_each(|&w| set(w, (3, 0), true));
        ENGLISH.iter().for_each(|&w| set(w, (0, 3), true));
        GERMAN_WEAK.iter().for_each(|&w| set(w, (1, u64::from(ENGLISH_WEAK.contains(&w))), true));
        ENGLISH_WEAK.iter().for_each(|&w| set(w, (0, 1), false));
        (Vocab::new(&words), points)
    })
}

/// Points for German and for English of one lower-case word (UTF-8): 3 for a function word, 1
/// for a weak one, otherwise up to 2 for letters, sequences and endings typical of either
/// language.
fn score(word: &[u8]) -> (u64, u64) {
    let mut word = word;
    while let [rest @ .., b'\''] = word {
        word = rest;
    }
    let (words, points) = function_words();
    if let Some(id) = words.get_bytes(word) {
        return points[id as usize];
    }
    // English contractions and possessives: "wasn't", "they're", "Bob's".
    if word.contains(&b'\'') {
        if ["n't", "'re", "'ve", "'ll", "'m", "'d"].iter().any(|e| word.ends_with(e.as_bytes())) {
            return (0, 3);
        }
        if word.ends_with(b"'s") {
            return (0, 1);
        }
    }
    let ascii = word.is_ascii();
    // Characters: the bytes that do not continue one.
    let chars = if ascii { word.len() } else { word.iter().filter(|&&b| (b as i8) >= -0x40).count() };
    let (mut de, mut en) = (0, 0);
    // ä ö ü ß: C3 A4, C3 B6, C3 BC, C3 9F.
    if !ascii && word.windows(2).any(|w| w[0] == 0xC3 && matches!(w[1], 0xA4 | 0xB6 | 0xBC | 0x9F)) {
        de += 1;
    }
    let last = word.last().copied().unwrap_or(0);
    let ends = |endings: &[&str], mask: u128| {
        last < 128 && mask >> last & 1 != 0 && endings.iter().any(|e| word.ends_with(e.as_bytes()))
    };
    if chars >= 6 && ends(GERMAN_ENDINGS, const { last_bytes(GERMAN_ENDINGS) }) {
        de += 1;
    }
    let (german, english) = letters(word);
    if german {
        de += 1;
    }
    if chars >= 5 && ends(ENGLISH_ENDINGS, const { last_bytes(ENGLISH_ENDINGS) }) {
        en += 1;
    }
    if english || (chars >= 3 && last == b'y') {
        en += 1;
    }
    (de.min(2), en.min(2))
}

/// Whether `word` contains one of [`GERMAN_LETTERS`], and one of [`ENGLISH_LETTERS`]: one pass
/// over its bytes, the sequences tried only where a byte can begin one of them.
fn letters(word: &[u8]) -> (bool, bool) {
    let (mut german, mut english) = (false, false);
    for (i, pair) in word.windows(2).enumerate() {
        let (a, b) = (usize::from(pair[0]), pair[1]);
        if a >= 128 || b >= 128 || PAIRS[a] >> b & 1 == 0 {
            continue;
        }
        let rest = &word[i..];
        german = german || GERMAN_LETTERS.iter().any(|l| rest.starts_with(l.as_bytes()));
        english = english || ENGLISH_LETTERS.iter().any(|l| rest.starts_with(l.as_bytes()));
        if german && english {
            break;
        }
    }
    (german, english)
}

/// The first two bytes of [`GERMAN_LETTERS`] and [`ENGLISH_LETTERS`]: per first byte, a bit per
/// second byte (all are ASCII, each at least two bytes long).
static PAIRS: [u128; 128] = {
    let mut t = [0u128; 128];
    let mut k = 0;
    while k < GERMAN_LETTERS.len() + ENGLISH_LETTERS.len() {
        let s = if k < GERMAN_LETTERS.len() {
            GERMAN_LETTERS[k].as_bytes()
        } else {
            ENGLISH_LETTERS[k - GERMAN_LETTERS.len()].as_bytes()
        };
        t[s[0] as usize] |= 1 << s[1];
        k += 1;
    }
    t
};

/// A bit per ASCII byte that ends one of `sequences` (each ASCII, none empty).
const fn last_bytes(sequences: &[&str]) -> u128 {
    let mut mask = 0u128;
    let mut i = 0;
    while i < sequences.len() {
        let s = sequences[i].as_bytes();
        mask |= 1 << s[s.len() - 1];
        i += 1;
    }
    mask
}

/// The longest prefix of `text` of at most `max` bytes that ends on a `char` boundary.
fn prefix(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_short_texts() {
        assert_eq!(detect("Die Regierung hat das Gesetz beschlossen."), Language::German);
        assert_eq!(detect("The government passed the law on Monday."), Language::English);
        assert_eq!(detect("Grüße"), Language::German);
        assert_eq!(detect(""), Language::English);
    }

    #[test]
    fn sequences_are_found_as_contains_finds_them() {
        for word in
            ["", "schicht", "tz", "xpf", "eis", "the", "ought", "oo", "ä", "päf", "wheat", "neu", "ews"]
        {
            let want = |seqs: &[&str]| seqs.iter().any(|l| word.contains(l));
            assert_eq!(letters(word.as_bytes()), (want(GERMAN_LETTERS), want(ENGLISH_LETTERS)), "{word}");
        }
    }

    /// [`tally`] as first written: a `String` per word, `char` by `char`, every check on every
    /// word. The fast path must give the same points on every text.
    fn tally_by_definition(sample: &str) -> (u64, u64) {
        fn score(word: &str) -> (u64, u64) {
            let word = word.trim_end_matches('\'');
            let (words, points) = function_words();
            if let Some(id) = words.get(word) {
                return points[id as usize];
            }
            if ["n't", "'re", "'ve", "'ll", "'m", "'d"].iter().any(|e| word.ends_with(e)) {
                return (0, 3);
            }
            if word.ends_with("'s") {
                return (0, 1);
            }
            let chars = word.chars().count();
            let has = |seqs: &[&str]| seqs.iter().any(|l| word.contains(l));
            let (mut de, mut en) = (0, 0);
            de += u64::from(word.contains(['ä', 'ö', 'ü', 'ß']));
            de += u64::from(chars >= 6 && GERMAN_ENDINGS.iter().any(|e| word.ends_with(e)));
            de += u64::from(has(GERMAN_LETTERS));
            en += u64::from(chars >= 5 && ENGLISH_ENDINGS.iter().any(|e| word.ends_with(e)));
            en += u64::from(has(ENGLISH_LETTERS) || (chars >= 3 && word.ends_with('y')));
            (de.min(2), en.min(2))
        }
        let (mut de, mut en) = (0u64, 0u64);
        let mut quoted = false;
        let mut word = String::new();
        let flush = |word: &mut String, quoted: bool, de: &mut u64, en: &mut u64| {
            if !word.is_empty() {
                let (d, e) = score(word);
                let weight = if quoted { 1 } else { 2 };
                *de += weight * d;
                *en += weight * e;
                word.clear();
            }
        };
        for c in sample.chars() {
            if c.is_alphabetic() || ((c == '\'' || c == '’') && !word.is_empty()) {
                if word.len() < 64 {
                    word.extend(c.to_lowercase().map(|c| if c == '’' { '\'' } else { c }));
                }
                continue;
            }
            flush(&mut word, quoted, &mut de, &mut en);
            if de.abs_diff(en) > 600 {
                break;
            }
            if matches!(c, '"' | '„' | '“' | '”' | '«' | '»') {
                quoted = !quoted;
            }
        }
        flush(&mut word, quoted, &mut de, &mut en);
        (de, en)
    }

    #[test]
    fn points_are_the_definition() {
        let tricky = [
            "",
            "'",
            "'tis the season, isn't it? Bob's ’twas",
            "Die Straße: „Er sagte, ‚it’s over‘“ – und ging.",
            "İstanbul İİİ ẞtraße ǅemal Σίσυφος",
            "Ärger über Öl, Übel, GRÜSSE",
            "wheat ought ews päf schicht",
            "\u{0}\u{7f}\u{80}\u{10ffff} «quoted» »gequotet« \"plain\"",
        ];
        let long = "Pneumonoultramicroscopicsilicovolcanoconiosis".repeat(3);
        let many = "Die Regierung teilte mit, sie habe the plan, they said. ".repeat(400);
        let mut texts: Vec<String> = tricky.iter().map(|s| s.to_string()).collect();
        texts.push(format!("{long} {long}ä {long}’s"));
        texts.push(many);
        for dir in ["tests/articles", "tests/snapshots"] {
            let Ok(entries) = std::fs::read_dir(dir) else { continue };
            for e in entries.flatten() {
                if let Ok(t) = std::fs::read_to_string(e.path()) {
                    texts.push(t);
                }
            }
        }
        // Every cut of a mixed text, so that ties and near ties come up.
        let mixed = "Er sagte: \"That may be so.\" Die Lage sei ernst, reportedly. Grüße, y'all!";
        texts.extend(mixed.char_indices().map(|(i, _)| mixed[i..].to_string()));
        assert!(texts.len() > 30);
        for t in &texts {
            let t = prefix(t, 64 * 1024);
            assert_eq!(tally(t), tally_by_definition(t), "{:?}", t.chars().take(80).collect::<String>());
        }
    }

    #[test]
    fn function_word_points_are_the_lists() {
        // The lists in order, a later insert overriding, the English weak words only adding.
        let mut map = std::collections::HashMap::new();
        for &w in GERMAN {
            map.insert(w, (3, 0));
        }
        for &w in ENGLISH {
            map.insert(w, (0, 3));
        }
        for &w in GERMAN_WEAK {
            map.insert(w, (1, u64::from(ENGLISH_WEAK.contains(&w))));
        }
        for &w in ENGLISH_WEAK {
            map.entry(w).or_insert((0, 1));
        }
        let (words, points) = function_words();
        assert_eq!(words.len(), map.len());
        for (w, p) in map {
            assert_eq!(points[words.get(w).unwrap() as usize], p, "{w}");
        }
    }

    #[test]
    fn parses_codes() {
        assert_eq!("de-AT".parse::<Language>().unwrap(), Language::German);
        assert_eq!("EN".parse::<Language>().unwrap(), Language::English);
        assert!("fr".parse::<Language>().is_err());
    }
}
