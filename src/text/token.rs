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
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    // `text[..copied]` is in `out`, with the characters outside ASCII already lower-cased; ASCII
    // is lower-cased at the end, all at once (no character outside ASCII has a lower case of the
    // same length in ASCII, nor the other way round).
    let mut copied = 0;
    let mut i = 0;
    while let Some(at) = next_non_ascii(bytes, i) {
        let Some(ch) = text.get(at..).and_then(|r| r.chars().next()) else { break };
        let n = ch.len_utf8();
        i = at + n;
        let lower = match bytes[at] {
            // U+0080..U+00BF: no lower case of their own.
            0xC2 => continue,
            // U+00C0..U+00DE (but ×) lower-case to U+00E0..U+00FE; the rest of U+00C0..U+00FF is
            // lower case already.
            0xC3 => match bytes[at + 1] {
                d @ 0x80..=0x9E if d != 0x97 => char::from_u32(ch as u32 + 0x20).unwrap_or(ch),
                _ => continue,
            },
            // U+2000..U+207F (General Punctuation, super- and subscripts): no case.
            0xE2 if matches!(bytes[at + 1], 0x80 | 0x81) => continue,
            _ => {
                let mut lower = ch.to_lowercase();
                match (lower.next(), lower.next()) {
                    (Some(l), None) if l == ch => continue,
                    (Some(l), None) if l.len_utf8() == n => l,
                    _ => {
                        odd.push(at);
                        continue;
                    }
                }
            }
        };
        out.push_str(&text[copied..at]);
        out.push(lower);
        copied = i;
    }
    out.push_str(&text[copied..]);
    out.make_ascii_lowercase();
    out
}

/// The first byte at or after `from` in `bytes` that is not ASCII: sixteen bytes at a time.
#[inline]
fn next_non_ascii(bytes: &[u8], mut from: usize) -> Option<usize> {
    const HI: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = bytes.get(from..from + 16) {
        let (a, b) = chunk.split_at(8);
        let a = u64::from_le_bytes(a.try_into().unwrap_or([0; 8]));
        let b = u64::from_le_bytes(b.try_into().unwrap_or([0; 8]));
        if (a | b) & HI != 0 {
            break;
        }
        from += 16;
    }
    bytes.get(from..)?.iter().position(|&b| b >= 0x80).map(|k| from + k)
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
///
/// The tokens are the segments of UAX #29 word boundaries (as `unicode-segmentation` finds
/// them) that are not white space. The text is read in the chunks of
/// chunks: from one chunk start to the next character, not white space, that follows ASCII
/// white space, a place no word rule looks back across. A chunk of ASCII and Latin letters
/// (U+00C0 to U+023F) is tokenized here in one pass, with the word rules as they apply to those
/// characters; when the pass meets any other character, what it emitted for the chunk is taken
/// back and the chunk goes to the full segmentation (`segment::word_bounds`) instead.
pub fn tokenize_into(text: &str, within: Span, out: &mut Vec<Token>) {
    let bytes = &text.as_bytes()[..within.end];
    let mut at = Emit { newline: false, prev_end: within.start };
    let mut i = within.start;
    while i < within.end {
        let (tokens, before) = (out.len(), at);
        match fast_chunk(text, bytes, i, out, &mut at) {
            Some(next) => i = next,
            None => {
                out.truncate(tokens);
                at = before;
                let (end, _) = super::segment::chunk_end(bytes, i);
                super::segment::word_bounds(&text[i..end], |rel, w| segment(text, i + rel, w, out, &mut at));
                i = end;
            }
        }
    }
}

/// What tokenizing carries from one segment to the next.
#[derive(Clone, Copy)]
struct Emit {
    /// Whether a line break stood in the white space since the last token.
    newline: bool,
    /// Where the last token ended.
    prev_end: usize,
}

// What a character is to the one-pass tokenizer ([`CLASS`], [`class_at`]).
const OTHER: u8 = 0;
const SPACE: u8 = 1;
const LETTER: u8 = 2;
const DIGIT: u8 = 3;
const UNDERSCORE: u8 = 4;
/// Anything the one pass does not decide itself: the chunk goes to the full segmentation.
const COMPLEX: u8 = 5;

/// Per first byte: ASCII white space (tab, line feed, vertical tab, form feed, carriage return,
/// space), letters, digits, `_`, other ASCII; the lead bytes of U+00C0 to U+023F, all letters
/// to the word rules (but × and ÷, told apart in [`class_at`]); every other byte is
/// [`COMPLEX`].
static CLASS: [u8; 256] = {
    let mut t = [COMPLEX; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if matches!(c, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ') {
            SPACE
        } else if c.is_ascii_alphabetic() {
            LETTER
        } else if c.is_ascii_digit() {
            DIGIT
        } else if c == b'_' {
            UNDERSCORE
        } else {
            OTHER
        };
        b += 1;
    }
    let mut b = 0xC3;
    while b <= 0xC8 {
        t[b] = LETTER;
        b += 1;
    }
    t
};

/// ASCII letters, digits and `_`.
static WORD_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = matches!(CLASS[b], LETTER | DIGIT | UNDERSCORE);
        b += 1;
    }
    t
};

/// The class and byte length of the character at `i` (`i < bytes.len()`, on a character
/// boundary of UTF-8).
#[inline(always)]
fn class_at(bytes: &[u8], i: usize) -> (u8, usize) {
    let b = bytes[i];
    let c = CLASS[b as usize];
    if b < 0x80 {
        (c, 1)
    } else if c == LETTER && !(b == 0xC3 && matches!(bytes.get(i + 1), Some(0x97 | 0xB7))) {
        (LETTER, 2)
    } else {
        (COMPLEX, 0)
    }
}

/// Whether the ASCII `mid` keeps a character of class `before` and one of class `after` in one
/// word: WB6/WB7 (letter, `:` `.` `'`, letter) and WB11/WB12 (digit, `,` `;` `.` `'`, digit).
#[inline]
fn joins(before: u8, mid: u8, after: u8) -> bool {
    match mid {
        b'.' | b'\'' => before == after && (before == LETTER || before == DIGIT),
        b':' => before == LETTER && after == LETTER,
        b',' | b';' => before == DIGIT && after == DIGIT,
        _ => false,
    }
}

/// Tokenizes the chunk starting at `i` if the one pass can (ASCII and Latin letters), returning
/// where the next chunk starts (the next character, not white space, after ASCII white space);
/// `None`, with tokens possibly pushed, at the first character it cannot decide.
#[inline]
fn fast_chunk(text: &str, bytes: &[u8], mut i: usize, out: &mut Vec<Token>, at: &mut Emit) -> Option<usize> {
    let end = bytes.len();
    let mut after_space = false;
    while i < end {
        let (class, n) = class_at(bytes, i);
        if class == COMPLEX {
            return None;
        }
        if class == SPACE {
            let b = bytes[i];
            at.newline |= b == b'\n' || b == b'\r';
            after_space = true;
            i += 1;
            continue;
        }
        if after_space {
            return Some(i);
        }
        let start = i;
        i += n;
        let kind = if class == OTHER {
            // One character of punctuation, unless what follows attaches to it (WB4).
            if i < end && class_at(bytes, i).0 == COMPLEX {
                return None;
            }
            TokenKind::Punct
        } else {
            loop {
                // ASCII letters, digits and `_` first, a byte at a time.
                while i < end && WORD_BYTE[bytes[i] as usize] {
                    i += 1;
                }
                if i == end {
                    break;
                }
                match class_at(bytes, i) {
                    (LETTER, n) => i += n,
                    (COMPLEX, _) => return None,
                    (OTHER, _) if i + 1 < end => {
                        let (after, m) = class_at(bytes, i + 1);
                        if after == COMPLEX {
                            return None;
                        }
                        // (A byte outside ASCII before `i` ends a Latin letter.)
                        let last = bytes[i - 1];
                        let last = if last < 0x80 { CLASS[last as usize] } else { LETTER };
                        if !joins(last, bytes[i], after) {
                            break;
                        }
                        i += 1 + m;
                    }
                    _ => break,
                }
            }
            // (Only letters and digits are joined by a mid character.)
            let alnum = class != UNDERSCORE || bytes[start..i].iter().any(|&b| b != b'_');
            match class {
                DIGIT => TokenKind::Number,
                UNDERSCORE if !alnum => TokenKind::Punct,
                _ => TokenKind::Word,
            }
        };
        let w = &text[start..i];
        let clause_break = kind == TokenKind::Punct && is_clause_break(text, w, start, i, at.prev_end);
        out.push(Token { span: Span::new(start, i), kind, clause_break, after_newline: at.newline });
        at.newline = false;
        at.prev_end = i;
    }
    Some(i)
}

/// Appends the token of one word-boundary segment `w` at `start`, if it is not white space.
fn segment(text: &str, start: usize, w: &str, out: &mut Vec<Token>, at: &mut Emit) {
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
                    at.newline = true;
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
    let clause_break = kind == TokenKind::Punct && is_clause_break(text, w, start, end, at.prev_end);
    out.push(Token { span: Span::new(start, end), kind, clause_break, after_newline: at.newline });
    at.newline = false;
    at.prev_end = end;
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

    /// The tokens as defined: every word-boundary segment of the crate, white space dropped.
    fn tokens_by_definition(text: &str, within: Span) -> Vec<Token> {
        use unicode_segmentation::UnicodeSegmentation;
        let mut out = Vec::new();
        let mut at = Emit { newline: false, prev_end: within.start };
        for (rel, w) in within.slice(text).split_word_bound_indices() {
            segment(text, within.start + rel, w, &mut out, &mut at);
        }
        out
    }

    #[test]
    fn tokens_are_the_segments_of_the_crate() {
        let pool: Vec<char> =
            "aZ9_ .,:;'\"-–()!?\t\n\r\u{b}\u{c}äßÉ×÷ªµ·\u{ad}ĀȿɀɐǅŁ\u{301}\u{200d}\u{a0}\u{2028}’„“…€😀中"
                .chars()
                .collect();
        let common: Vec<char> = "abcXY 1. ,'".chars().collect();
        let mut next = crate::text::hash::xorshift(0x2545_f491_4f6c_dd1d);
        let mut texts: Vec<String> = (0..40_000)
            .map(|_| {
                (0..next(30))
                    .map(|_| if next(3) == 0 { pool[next(pool.len())] } else { common[next(common.len())] })
                    .collect()
            })
            .collect();
        texts.extend(
            [
                "",
                " ",
                "a",
                "_",
                "__a",
                "a_",
                "a.b",
                "a.1",
                "1.a",
                "1,5",
                "a,b",
                "a:b",
                "1:2",
                "a'b",
                "1'2",
                "a..b",
                "a.\u{301}",
                "x \u{301}y",
                "Stra\u{df}e",
                "a.é",
                "é.a",
                "ß:ä",
                "ä'ö",
                "Ä_1",
                "a×b",
                "a÷",
                "ɀ.ɀ",
                "1,\u{661}",
                "(\u{201e}",
                "a\r\nb",
                "e.g. x",
                "a - b",
                "-a",
                "a-",
                " \t\n x",
            ]
            .map(String::from),
        );
        // Every character the one pass takes for a letter, in the places the rules look at.
        for c in ('\u{a0}'..='\u{250}').chain(['\u{2bc}', '\u{300}']) {
            texts.push(format!("a{c}.{c}b {c}:{c} 1{c},{c}2 {c}'_ ({c}) {c}"));
        }
        for t in &texts {
            let all = Span::new(0, t.len());
            let mut got = Vec::new();
            tokenize_into(t, all, &mut got);
            assert_eq!(got, tokens_by_definition(t, all), "{t:?}");
            // A part of the text, as sentences are tokenized.
            if let (Some(a), Some(b)) = (t.char_indices().nth(1), t.char_indices().nth_back(1)) {
                if a.0 < b.0 {
                    let part = Span::new(a.0, b.0);
                    let mut got = Vec::new();
                    tokenize_into(t, part, &mut got);
                    assert_eq!(got, tokens_by_definition(t, part), "{t:?} {part:?}");
                }
            }
        }
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
