//! Pairs quotation marks into quotations, in one pass over the text.
//!
//! Styles: „…“ ‚…‘ »…« «…» ›…‹ “…” ‘…’ and straight "…" (also written as two apostrophes,
//! ''…''). Straight marks (and the English
//! single marks, which double as apostrophes) pair by position: an opening mark follows white
//! space, the start of the text or an opening bracket; a closing mark comes before white space,
//! punctuation or the end. While a quotation is open, marks of other styles are ignored (a nested
//! quotation belongs to the outer one). A blank line ends an open quotation unless the next
//! paragraph starts with the same opening mark (a quotation running over several paragraphs), so
//! an unbalanced mark never shifts the pairing beyond its paragraph.

use crate::text::Span;

/// One quotation: its two marks and the paragraph its opening mark stands in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Quote {
    /// The opening mark.
    pub open: Span,
    /// The closing mark.
    pub close: Span,
    /// Paragraph number (blank lines counted) of the opening mark.
    pub para: usize,
    /// Paragraph number of the closing mark.
    pub end_para: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    LowDouble,   // „ … “ (”)
    LowSingle,   // ‚ … ‘ (’)
    GuilRight,   // » … «
    GuilLeft,    // « … »
    SingleRight, // › … ‹
    SingleLeft,  // ‹ … ›
    CurlyDouble, // “ … ” (“)
    CurlySingle, // ‘ … ’
    Straight,    // " … "
}

impl Style {
    fn closes(self, c: char) -> bool {
        match self {
            Style::LowDouble => c == '“' || c == '”',
            Style::LowSingle => c == '‘' || c == '’',
            Style::GuilRight => c == '«',
            Style::GuilLeft => c == '»',
            Style::SingleRight => c == '‹',
            Style::SingleLeft => c == '›',
            Style::CurlyDouble => c == '”' || c == '“',
            Style::CurlySingle => c == '’',
            Style::Straight => c == '"',
        }
    }
    /// Whether a closing mark of this style must stand before a non-letter.
    fn positional(self) -> bool {
        matches!(self, Style::Straight | Style::CurlySingle | Style::LowSingle)
    }
}

fn opener(c: char) -> Option<Style> {
    Some(match c {
        '„' => Style::LowDouble,
        '‚' => Style::LowSingle,
        '»' => Style::GuilRight,
        '«' => Style::GuilLeft,
        '›' => Style::SingleRight,
        '‹' => Style::SingleLeft,
        '“' => Style::CurlyDouble,
        '‘' => Style::CurlySingle,
        '"' => Style::Straight,
        _ => return None,
    })
}

fn can_open(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(p) => p.is_whitespace() || matches!(p, '(' | '[' | '{' | '–' | '—' | '-' | '/'),
    }
}

fn can_close(next: Option<char>) -> bool {
    match next {
        None => true,
        Some(n) => !n.is_alphanumeric(),
    }
}

/// The bytes [`find`] must look at: line breaks, straight marks, and the first bytes of the
/// characters that may be quotation marks or white space (U+0085, U+00A0, « and »: 0xC2;
/// U+1680: 0xE1; U+2000–U+205F, with ‘ ’ ‚ “ ” „ ‹ ›: 0xE2; U+3000: 0xE3). Any other
/// character, ASCII or not, is neither, and is passed over with the run it is in.
static STOP: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = matches!(i as u8, b'\n' | b'"' | b'\'' | 0xC2 | 0xE1 | 0xE2 | 0xE3);
        i += 1;
    }
    t
};

/// The length of the run of bytes at the start of `bytes` that are not [`STOP`]s.
#[inline(always)]
fn run_to_stop(bytes: &[u8]) -> usize {
    crate::text::token::first_where(bytes, |b| STOP[b as usize])
}

/// Every quotation in `text`, in order. Linear in the text.
pub(crate) fn find(text: &str) -> Vec<Quote> {
    let mut out = Vec::new();
    // The open quotation: style, opening mark, paragraph.
    let mut open: Option<(Style, Span, usize)> = None;
    let mut para = 0usize;
    let mut newlines = 0usize; // line breaks since the last non-space character
    let bytes = text.as_bytes();
    let mut i = 0;
    // One pass over the bytes: most characters take the short way; only quotation marks, line
    // breaks and characters that may be one or white space are looked at closely.
    while i < bytes.len() {
        // Runs of ordinary ASCII (letters, digits, spaces, punctuation) at once.
        let rest = &bytes[i..];
        let run = run_to_stop(rest);
        if run > 0 {
            if newlines > 0 && rest[..run].iter().any(|&b| !matches!(b, b' ' | b'\t' | b'\r' | 0x0b | 0x0c)) {
                if newlines >= 2 {
                    para += 1;
                    open = None;
                }
                newlines = 0;
            }
            i += run;
            continue;
        }
        let b = bytes[i];
        let (mut c, mut width) = if b < 0x80 {
            match b {
                b'\n' => {
                    newlines += 1;
                    i += 1;
                    continue;
                }
                b' ' | b'\t' | b'\r' | 0x0b | 0x0c => {
                    i += 1;
                    continue;
                }
                b'"' | b'\'' => (b as char, 1),
                _ => {
                    if newlines >= 2 {
                        para += 1;
                        open = None;
                    }
                    newlines = 0;
                    i += 1;
                    continue;
                }
            }
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            (c, c.len_utf8())
        };
        if c == '\'' && bytes.get(i + 1) == Some(&b'\'') {
            // Two apostrophes stand for a straight double mark (''…'').
            c = '"';
            width = 2;
        }
        if c.is_whitespace() {
            if c == '\u{2029}' {
                newlines += 1;
            }
            i += width;
            continue;
        }
        let span = Span::new(i, i + width);
        let prev = text[..i].chars().next_back();
        let next = text[i + width..].chars().next();
        i += width;
        if newlines >= 2 {
            para += 1;
            if let Some((style, _, _)) = open {
                // A new paragraph: an open quotation goes on only if it opens again here.
                if opener(c) == Some(style) {
                    newlines = 0;
                    continue;
                }
                open = None;
            }
        }
        newlines = 0;
        match open {
            Some((style, o, p)) => {
                if style.closes(c) && (!style.positional() || can_close(next)) {
                    out.push(Quote { open: o, close: span, para: p, end_para: para });
                    open = None;
                } else if opener(c) == Some(style) && style != Style::Straight && can_open(prev) {
                    // The same opening mark again: the earlier one was never closed.
                    open = Some((style, span, para));
                } else if style == Style::Straight && c == '"' && can_open(prev) {
                    open = Some((style, span, para));
                }
            }
            None => {
                if let Some(style) = opener(c) {
                    let ok = match style {
                        Style::Straight | Style::CurlySingle => can_open(prev),
                        _ => true,
                    };
                    if ok {
                        open = Some((style, span, para));
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_to_stop_is_the_position_of_the_first_stop() {
        let pieces: [&[u8]; 8] =
            [b"abc", b"\n", b"\"", b"'", "„".as_bytes(), "ü".as_bytes(), b"0123456789", b" "];
        let mut seed = 7u32;
        for _ in 0..2000 {
            let mut bytes = Vec::new();
            for _ in 0..(seed % 9) {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                bytes.extend_from_slice(pieces[(seed >> 16) as usize % pieces.len()]);
            }
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let want = bytes.iter().position(|&b| STOP[b as usize]).unwrap_or(bytes.len());
            assert_eq!(run_to_stop(&bytes), want, "{bytes:?}");
        }
    }

    fn contents(text: &str) -> Vec<&str> {
        find(text).iter().map(|q| &text[q.open.end..q.close.start]).collect()
    }

    #[test]
    fn styles() {
        assert_eq!(contents("„a“ ‚b‘ »c« «d» ›e‹ “f” \"g\""), ["a", "b", "c", "d", "e", "f", "g"]);
        assert_eq!(contents("''It is late,'' she said, ''and cold.''"), ["It is late,", "and cold."]);
    }

    #[test]
    fn nested_and_apostrophes() {
        assert_eq!(contents("„Er rief ‚Halt‘, dann ging er“, sagte sie."), ["Er rief ‚Halt‘, dann ging er"]);
        assert_eq!(contents("“It’s the ‘best’ day,” he said."), ["It’s the ‘best’ day,"]);
        assert_eq!(contents("Smith's \"plan\" and 'x' isn't"), ["plan"]);
    }

    #[test]
    fn paragraphs() {
        // Unbalanced: reset at the blank line.
        assert_eq!(contents("„a b c\n\nDann „d“."), ["d"]);
        // Continued over paragraphs.
        assert_eq!(contents("„a b c\n\n„d e“, sagte sie."), ["a b c\n\n„d e"]);
        // Straight marks: an opening mark after an unclosed one restarts.
        assert_eq!(contents("\"a b \"c d\" e"), ["c d"]);
        // A letter outside ASCII after a blank line (or a line of white space outside ASCII)
        // starts a paragraph like any other.
        assert_eq!(contents("„a b c\n\nÄrger „d“."), ["d"]);
        assert_eq!(contents("„a b c\n\u{a0}\u{2003}\nÄrger „d“."), ["d"]);
        assert_eq!(contents("„a b c\n\u{2029}Ärger „d“."), ["d"]);
        assert_eq!(contents("„a b c\nÄrger d“."), ["a b c\nÄrger d"]);
    }
}
