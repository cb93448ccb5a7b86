//! The languages hedgemark analyses, and telling them apart from the text itself.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

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
/// are common in both languages (`in`, `die`, `was`, `so`, `man`) are left out on purpose.
const GERMAN: &[&str] = &[
    "der", "das", "und", "ist", "nicht", "ein", "eine", "einen", "einem", "einer", "zu", "mit", "sich",
    "auf", "für", "dem", "den", "von", "sie", "es", "auch", "wird", "werden", "wurde", "nach", "bei", "aus",
    "noch", "wie", "sind", "hat", "haben", "nur", "oder", "aber", "vor", "zur", "zum", "über", "im", "ich",
    "er", "wir", "ihr", "dass", "soll", "sollen", "kann", "des", "durch", "unter", "gegen", "seit", "schon",
    "sein", "seine", "ihre", "diese", "dieser", "sei", "habe", "laut", "sagte", "mehr", "als", "keine",
    "kein", "bereits", "jetzt", "heute",
];
const ENGLISH: &[&str] = &[
    "the",
    "and",
    "of",
    "to",
    "is",
    "that",
    "it",
    "for",
    "on",
    "with",
    "as",
    "be",
    "by",
    "at",
    "this",
    "are",
    "from",
    "or",
    "an",
    "not",
    "but",
    "have",
    "has",
    "had",
    "they",
    "he",
    "she",
    "we",
    "you",
    "his",
    "her",
    "their",
    "which",
    "would",
    "will",
    "were",
    "been",
    "said",
    "about",
    "after",
    "there",
    "who",
    "what",
    "when",
    "into",
    "than",
    "its",
    "also",
    "more",
    "could",
    "may",
    "should",
    "these",
    "those",
    "our",
    "out",
    "up",
    "can",
    "according",
    "reportedly",
];

/// Detects German or English from the text.
///
/// Counts frequent function words of each language (case-insensitive); a tie, or a text with
/// neither, falls back to letters only German uses (`ä ö ü ß`) and then to English. Reliable
/// on a sentence or two of running text; the first 64 KiB are enough for any article.
pub fn detect(text: &str) -> Language {
    let sample = prefix(text, 64 * 1024);
    let (mut de, mut en) = (0usize, 0usize);
    let mut word = String::new();
    for token in sample.split(|c: char| !c.is_alphabetic() && c != '\'') {
        if token.is_empty() || token.len() > 12 {
            continue;
        }
        word.clear();
        word.extend(token.chars().flat_map(char::to_lowercase));
        if GERMAN.contains(&word.as_str()) {
            de += 1;
        } else if ENGLISH.contains(&word.as_str()) {
            en += 1;
        }
    }
    if de != en {
        return if de > en { Language::German } else { Language::English };
    }
    if sample.chars().any(|c| matches!(c, 'ä' | 'ö' | 'ü' | 'ß' | 'Ä' | 'Ö' | 'Ü' | '„')) {
        Language::German
    } else {
        Language::English
    }
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
    fn parses_codes() {
        assert_eq!("de-AT".parse::<Language>().unwrap(), Language::German);
        assert_eq!("EN".parse::<Language>().unwrap(), Language::English);
        assert!("fr".parse::<Language>().is_err());
    }
}
