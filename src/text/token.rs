//! Tokens: words, numbers and punctuation with their byte spans and a lower-case form.

use super::Span;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// A word: letters, possibly with digits, apostrophes or inner periods.
    Word,
    /// A number: starts with a digit (`1.000`, `3,5`, `2025`).
    Number,
    /// Anything else that is not white space: punctuation, symbols, emoji.
    Punct,
}

/// One token of the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Where the token stands (bytes).
    pub span: Span,
    /// What kind of token it is.
    pub kind: TokenKind,
    /// Whether the token ends a clause for patterns that must stay inside one: commas,
    /// semicolons, colons, brackets, quotation marks, free-standing dashes.
    pub clause_break: bool,
    /// Whether a line break stands between the previous token and this one.
    pub after_newline: bool,
}

impl Token {
    /// The token as written.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        self.span.slice(text)
    }
}

/// Lower-cases `text` without moving any byte offset: each character whose lower-case form has
/// the same UTF-8 length is replaced by it, every other character is kept. Offsets into the
/// result are offsets into `text`.
pub fn lower_same_length(text: &str) -> String {
    lower_same_length_noting(text, &mut Vec::new())
}

/// [`lower_same_length`], also noting in `odd` where the characters are that have a lower case
/// of their own but were kept, since it is not one character of the same length (*İ*, *ẞ*).
pub(crate) fn lower_same_length_noting(text: &str, odd: &mut Vec<usize>) -> String {
    const L: u64 = 0x0101_0101_0101_0101;
    let bytes = text.as_bytes();
    let mut out = bytes.to_vec();
    let mut i = 0;
    while i < bytes.len() {
        // Eight ASCII bytes at a time, `A`–`Z` lower-cased at once (each byte is below 0x80,
        // so no sum carries into the next one; `i` is always at a character boundary).
        if let (Some(c), Some(o)) = (bytes.get(i..i + 8), out.get_mut(i..i + 8)) {
            let x = u64::from_le_bytes(c.try_into().unwrap_or([0x80; 8]));
            if x & (L * 0x80) == 0 {
                let upper =
                    x.wrapping_add(L * (0x80 - 0x41)) & !x.wrapping_add(L * (0x80 - 0x5B)) & (L * 0x80);
                o.copy_from_slice(&(x | (upper >> 2)).to_le_bytes());
                i += 8;
                continue;
            }
        }
        match bytes[i] {
            b if b < 0x80 => {
                out[i] = b.to_ascii_lowercase();
                i += 1;
            }
            0xC3 => {
                // U+00C0..U+00DE (but ×) lower-case to U+00E0..U+00FE: the second byte + 0x20.
                if let Some(d) = out.get_mut(i + 1) {
                    if (0x80..=0x9E).contains(d) && *d != 0x97 {
                        *d += 0x20;
                    }
                }
                i += 2;
            }
            _ => {
                let Some(ch) = text.get(i..).and_then(|r| r.chars().next()) else { break };
                let n = ch.len_utf8();
                let mut lower = ch.to_lowercase();
                match (lower.next(), lower.next()) {
                    (Some(l), None) if l == ch => {}
                    (Some(l), None) if l.len_utf8() == n => {
                        l.encode_utf8(&mut out[i..i + n]);
                    }
                    _ => odd.push(i),
                }
                i += n;
            }
        }
    }
    // Whole characters were replaced by characters of the same length: still UTF-8.
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

/// Splits `text` into tokens by Unicode word boundaries (UAX #29, as `unicode-segmentation`
/// finds them), dropping white space.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(text.len() / 5);
    tokenize_into(text, Span::new(0, text.len()), &mut out);
    out
}

/// The tokens of every sentence, each sentence tokenized on its own (so no token crosses a
/// sentence boundary), one after the other, with where each sentence's tokens start (one more
/// entry than sentences). A sentence's first token is marked `after_newline` when a line break
/// stands between it and the token before, as if the text had been tokenized as a whole.
pub fn tokenize_sentences(text: &str, sentences: &[Span]) -> (Vec<Token>, Vec<u32>) {
    let mut out: Vec<Token> = Vec::with_capacity(text.len() / 5);
    let mut starts = Vec::with_capacity(sentences.len() + 1);
    for sent in sentences {
        let first = out.len();
        starts.push(first as u32);
        tokenize_into(text, *sent, &mut out);
        if let (Some(prev), Some(tok)) = (first.checked_sub(1).map(|k| out[k]), out.get(first)) {
            let gap = &text[prev.span.end.min(tok.span.start)..tok.span.start];
            if gap.contains(['\n', '\r', '\u{2028}', '\u{2029}', '\u{85}']) {
                out[first].after_newline = true;
            }
        } else if let Some(tok) = out.get_mut(first) {
            tok.after_newline =
                text[..tok.span.start].contains(['\n', '\r', '\u{2028}', '\u{2029}', '\u{85}']);
        }
    }
    starts.push(out.len() as u32);
    (out, starts)
}

/// Appends the tokens of `text[within]` to `out`, with spans into `text`.
pub fn tokenize_into(text: &str, within: Span, out: &mut Vec<Token>) {
    let mut newline = false;
    let mut prev_end = within.start;
    super::segment::word_bounds(within.slice(text), |rel, w| {
        let start = within.start + rel;
        // ASCII first: a space segment holds no line break, a letter or digit decides the kind.
        let kind = match w.as_bytes().first().copied().unwrap_or(b' ') {
            b' ' => return,
            b'a'..=b'z' | b'A'..=b'Z' => TokenKind::Word,
            b'0'..=b'9' => TokenKind::Number,
            _ => {
                let first = w.chars().next().unwrap_or(' ');
                let (space, numeric, _) = props(first);
                if space {
                    if w.contains(['\n', '\r', '\u{2028}', '\u{2029}', '\u{85}']) {
                        newline = true;
                    }
                    return;
                }
                if numeric {
                    TokenKind::Number
                } else if w.chars().any(|c| props(c).2) {
                    TokenKind::Word
                } else {
                    TokenKind::Punct
                }
            }
        };
        let end = start + w.len();
        let clause_break = kind == TokenKind::Punct && is_clause_break(text, w, start, end, prev_end);
        out.push(Token { span: Span::new(start, end), kind, clause_break, after_newline: newline });
        newline = false;
        prev_end = end;
    });
}

/// `(is_whitespace, is_numeric, is_alphanumeric)` of a character, answered without Unicode
/// tables for Latin letters and general punctuation.
#[inline]
fn props(c: char) -> (bool, bool, bool) {
    match c {
        '\u{c0}'..='\u{24f}' if c != '×' && c != '÷' => (false, false, true),
        '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205e}' => (false, false, false),
        _ => (c.is_whitespace(), c.is_numeric(), c.is_alphanumeric()),
    }
}

fn is_clause_break(text: &str, w: &str, start: usize, end: usize, prev_end: usize) -> bool {
    match w {
        "," | ";" | ":" | "(" | ")" | "[" | "]" | "–" | "—" | "\"" | "„" | "“" | "”" | "»" | "«" | "‚"
        | "‘" | "’" | "›" | "‹" | "…" | "." | "!" | "?" => true,
        // A hyphen between letters joins a compound; with space on either side it is a dash.
        "-" => prev_end < start || text[end..].starts_with(char::is_whitespace) || start == 0,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain definition: each character's lower case if it is one character of the same
    /// length, else the character.
    fn lower_by_chars(text: &str) -> String {
        text.chars()
            .map(|ch| {
                let mut lower = ch.to_lowercase();
                match (lower.next(), lower.next()) {
                    (Some(l), None) if l.len_utf8() == ch.len_utf8() => l,
                    _ => ch,
                }
            })
            .collect()
    }

    #[test]
    fn lower_notes_the_characters_it_keeps() {
        let mut odd = Vec::new();
        let t = "Aİb ẞ Ä ß ǅ";
        assert_eq!(lower_same_length_noting(t, &mut odd), lower_same_length(t));
        // İ (lower case i + combining dot) and ẞ (ß: 2 bytes, not 3) keep their place; ß and
        // ǅ's ǆ are a character of the same length, Ä becomes ä.
        assert_eq!(odd, [t.find('İ').unwrap(), t.find('ẞ').unwrap()]);
    }

    #[test]
    fn lower_is_the_plain_definition() {
        let all: String = (0..0x11_0000u32).filter_map(char::from_u32).collect();
        assert_eq!(lower_same_length(&all), lower_by_chars(&all));
        for t in ["", "ABC", "ÄÖÜ İx ẞ Straße", "ΣΑΣ ǅ ﬁ Ⅻ 😀"] {
            assert_eq!(lower_same_length(t), lower_by_chars(t));
        }
    }

    #[test]
    fn props_are_the_char_methods() {
        for c in (0..0x11_0000u32).filter_map(char::from_u32) {
            assert_eq!(props(c), (c.is_whitespace(), c.is_numeric(), c.is_alphanumeric()), "{c:?}");
        }
    }

    #[test]
    fn lower_keeps_offsets() {
        let t = "ÄÖÜ İx ẞ Straße";
        let l = lower_same_length(t);
        assert_eq!(l.len(), t.len());
        assert!(l.starts_with("äöü"));
    }

    #[test]
    fn tokens_and_breaks() {
        let t = "Schmuggel-Netzwerke, 1.000 Mal - so.";
        let toks = tokenize(t);
        let words: Vec<&str> = toks.iter().map(|k| k.text(t)).collect();
        assert_eq!(words, ["Schmuggel", "-", "Netzwerke", ",", "1.000", "Mal", "-", "so", "."]);
        assert!(!toks[1].clause_break);
        assert!(toks[3].clause_break);
        assert!(toks[6].clause_break);
        assert_eq!(toks[4].kind, TokenKind::Number);
    }
}
