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
    let (mut de, mut en) = (0u64, 0u64);
    let mut quoted = false;
    let mut word = String::new();
    // Scores a finished word and clears it.
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
        // A lead this large is not overturned: stop early on long texts.
        if de.abs_diff(en) > 600 {
            break;
        }
        if matches!(c, '"' | '„' | '“' | '”' | '«' | '»') {
            quoted = !quoted;
        }
    }
    flush(&mut word, quoted, &mut de, &mut en);
    if de != en {
        return if de > en { Language::German } else { Language::English };
    }
    if sample.chars().any(|c| matches!(c, 'ä' | 'ö' | 'ü' | 'ß' | 'Ä' | 'Ö' | 'Ü' | '„')) {
        Language::German
    } else {
        Language::English
    }
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

/// Points for German and for English of one lower-case word: 3 for a function word, 1 for a
/// weak one, otherwise up to 2 for letters, sequences and endings typical of either language.
fn score(word: &str) -> (u64, u64) {
    let word = word.trim_end_matches('\'');
    let (words, points) = function_words();
    if let Some(id) = words.get(word) {
        return points[id as usize];
    }
    // English contractions and possessives: "wasn't", "they're", "Bob's".
    if ["n't", "'re", "'ve", "'ll", "'m", "'d"].iter().any(|e| word.ends_with(e)) {
        return (0, 3);
    }
    if word.ends_with("'s") {
        return (0, 1);
    }
    let chars = word.chars().count();
    let (mut de, mut en) = (0, 0);
    if word.contains(['ä', 'ö', 'ü', 'ß']) {
        de += 1;
    }
    if chars >= 6 && GERMAN_ENDINGS.iter().any(|e| word.ends_with(e)) {
        de += 1;
    }
    if has_any(word, GERMAN_LETTERS) {
        de += 1;
    }
    if chars >= 5 && ENGLISH_ENDINGS.iter().any(|e| word.ends_with(e)) {
        en += 1;
    }
    if has_any(word, ENGLISH_LETTERS) || (chars >= 3 && word.ends_with('y')) {
        en += 1;
    }
    (de.min(2), en.min(2))
}

/// Whether `word` contains one of the (ASCII) `sequences`: one pass over its bytes, where
/// `str::contains` would set up a searcher per sequence.
fn has_any(word: &str, sequences: &[&str]) -> bool {
    let bytes = word.as_bytes();
    (0..bytes.len()).any(|i| sequences.iter().any(|l| bytes[i..].starts_with(l.as_bytes())))
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
            for seqs in [GERMAN_LETTERS, ENGLISH_LETTERS] {
                assert_eq!(has_any(word, seqs), seqs.iter().any(|l| word.contains(l)), "{word}");
            }
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
