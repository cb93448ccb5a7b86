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
        let a = u64::from_le_bytes(a.try_into().unwrap_or([0; 8])) & HI;
        let b = u64::from_le_bytes(b.try_into().unwrap_or([0; 8])) & HI;
        // The byte from the bit mask, not from a loop whose end cannot be predicted.
        if a != 0 {
            return Some(from + (a.trailing_zeros() / 8) as usize);
        }
        if b != 0 {
            return Some(from + 8 + (b.trailing_zeros() / 8) as usize);
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
    let (mut out, mut starts) = (Vec::new(), Vec::new());
    tokenize_sentences_into(text, sentences, &mut out, &mut starts);
    (out, starts)
}

/// [`tokenize_sentences`] into the given buffers (cleared first).
pub(crate) fn tokenize_sentences_into(
    text: &str,
    sentences: &[Span],
    out: &mut Vec<Token>,
    starts: &mut Vec<u32>,
) {
    out.clear();
    starts.clear();
    out.reserve(text.len() / 5);
    starts.reserve(sentences.len() + 1);
    for sent in sentences {
        let first = out.len();
        starts.push(first as u32);
        tokenize_into(text, *sent, out);
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
}

/// Appends the tokens of `text[within]` to `out`, with spans into `text`.
///
/// The tokens are the segments of UAX #29 word boundaries (as `unicode-segmentation` finds
/// them) that are not white space. The text is read in chunks: from one chunk start to the next
/// character, not white space, that follows ASCII white space, a place no word rule looks back
/// across. Text of ASCII, Latin letters (U+00C0 to U+024F), the no-break space, `«` `»` and
/// general punctuation (U+2010 to U+203E, but U+2028 to U+202F) is tokenized here in one pass,
/// with the word rules as they apply to those characters; when the pass meets any other
/// character, what it emitted for that character's chunk is taken back and the chunk goes to the
/// full segmentation (`segment::word_bounds`) instead.
pub fn tokenize_into(text: &str, within: Span, out: &mut Vec<Token>) {
    let bytes = &text.as_bytes()[..within.end];
    let mut at = Emit { newline: false, prev_end: within.start };
    let mut i = within.start;
    while i < within.end {
        let Err(chunk) = fast_run(text, bytes, i, out, &mut at) else { return };
        out.truncate(chunk.tokens);
        at = chunk.at;
        let (start, (end, _)) = (chunk.start, super::segment::chunk_end(bytes, chunk.start));
        super::segment::word_bounds(&text[start..end], |rel, w| segment(text, start + rel, w, out, &mut at));
        i = end;
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

/// Where a chunk starts, with what was emitted before it: the one pass goes back there when it
/// meets a character it does not decide.
struct Chunk {
    start: usize,
    tokens: usize,
    at: Emit,
}

// What a character is to the one-pass tokenizer ([`CLASS`], [`class_at`]).
const OTHER: u8 = 0;
const SPACE: u8 = 1;
const LETTER: u8 = 2;
const DIGIT: u8 = 3;
const UNDERSCORE: u8 = 4;
/// Anything the one pass does not decide itself: the chunk goes to the full segmentation.
const COMPLEX: u8 = 5;
/// The no-break space: white space, but not to the word rules (a segment of its own).
const NBSP: u8 = 6;
/// Punctuation that keeps letters together and numbers together (`.` `'` `’`: WB6/7, WB11/12),
/// only letters (`:`: WB6/7), only numbers (`,` `;`: WB11/12).
const MID_NUMLET: u8 = 7;
const MID_LETTER: u8 = 8;
const MID_NUM: u8 = 9;

/// Per first byte: ASCII white space (tab, line feed, vertical tab, form feed, carriage return,
/// space), letters, digits, `_`, the mid punctuation, other ASCII; the lead bytes of U+00C0 to
/// U+023F, all letters to the word rules (but × and ÷, told apart in [`class_at`]); every other
/// byte is [`COMPLEX`] here.
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
        } else if c == b'.' || c == b'\'' {
            MID_NUMLET
        } else if c == b':' {
            MID_LETTER
        } else if c == b',' || c == b';' {
            MID_NUM
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

/// The class of U+2000..U+203F by the low six bits of the last byte (`E2 80 xx`): punctuation
/// the word rules break around (`Other`), the mid punctuation (`’` `‘` `․` `‧`), and
/// [`COMPLEX`] for white space, line separators, format characters and `‿`.
static CLASS_2000: [u8; 64] = {
    use super::segment::{WORD_2000, W_ANY, W_MIDLETTER, W_MIDNUMLET};
    let mut t = [COMPLEX; 64];
    let mut k = 0x10;
    while k < 64 {
        t[k] = match WORD_2000[k] {
            W_ANY => OTHER,
            W_MIDNUMLET => MID_NUMLET,
            W_MIDLETTER => MID_LETTER,
            _ => COMPLEX,
        };
        k += 1;
    }
    // U+2028 to U+202F: line and paragraph separators, format characters, a space.
    let mut k = 0x28;
    while k < 0x30 {
        t[k] = COMPLEX;
        k += 1;
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

/// The end of the run of [`WORD_BYTE`]s at `i` (at most `end`).
#[inline(always)]
fn word_bytes_end(bytes: &[u8], i: usize, end: usize) -> usize {
    i + first_non_word_byte(&bytes[i..end])
}

/// The index of the first byte of `bytes` that is not a [`WORD_BYTE`], or `bytes.len()`: as
/// [`first_where`], but each eight bytes are tested at once, as one number (no byte of an
/// ASCII letter, digit or `_` has its high bit set, and the sums below stay inside their byte).
#[inline(always)]
fn first_non_word_byte(bytes: &[u8]) -> usize {
    const L: u64 = 0x0101_0101_0101_0101;
    const H: u64 = L * 0x80;
    let mut i = 0;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        let y = x & !H;
        // Per byte, the high bit: a letter (`A`..`Z` folded onto `a`..`z`, 0x61..=0x7A), a
        // digit (0x30..=0x39), `_` (0x5F).
        let folded = y | (L * 0x20);
        let letter = (folded + L * (0x80 - 0x61)) & !(folded + L * (0x7F - 0x7A));
        let digit = (y + L * (0x80 - 0x30)) & !(y + L * (0x7F - 0x39));
        let underscore = !((y ^ (L * 0x5F)) + L * 0x7F);
        let stops = (x | !(letter | digit | underscore)) & H;
        if stops != 0 {
            return i + (stops.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    i + bytes[i..].iter().position(|&b| !WORD_BYTE[b as usize]).unwrap_or(bytes.len() - i)
}

/// The index of the first byte of `bytes` for which `stop` holds, or `bytes.len()`. Eight bytes
/// at a time where there are eight: the stop within them comes from a bit mask rather than a
/// branch per byte, whose exit (the end of a word, the next quotation mark) a processor cannot
/// predict.
#[inline(always)]
pub(crate) fn first_where(bytes: &[u8], stop: impl Fn(u8) -> bool) -> usize {
    let mut i = 0;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let mut stops = 0u32;
        for (j, &b) in chunk.iter().enumerate() {
            stops |= u32::from(stop(b)) << j;
        }
        if stops != 0 {
            return i + stops.trailing_zeros() as usize;
        }
        i += 8;
    }
    i + bytes[i..].iter().position(|&b| stop(b)).unwrap_or(bytes.len() - i)
}

/// ASCII punctuation that ends a clause (as [`is_clause_break`] has it; `-` is decided there).
static CLAUSE_BYTE: [bool; 128] = {
    let mut t = [false; 128];
    let list = b",;:()[]\".!?";
    let mut k = 0;
    while k < list.len() {
        t[list[k] as usize] = true;
        k += 1;
    }
    t
};

/// The class and byte length of the character at `i` (`i < bytes.len()`, on a character
/// boundary of UTF-8); the length is 0 for [`COMPLEX`].
#[inline(always)]
fn class_at(bytes: &[u8], i: usize) -> (u8, usize) {
    let b = bytes[i];
    if b < 0x80 {
        return (CLASS[b as usize], 1);
    }
    match b {
        // × and ÷
        0xC3 if matches!(bytes.get(i + 1), Some(0x97 | 0xB7)) => (OTHER, 2),
        0xC3..=0xC8 => (LETTER, 2),
        0xC2 => match bytes.get(i + 1) {
            Some(0xA0) => (NBSP, 2),
            Some(0xAB | 0xBB) => (OTHER, 2), // « »
            _ => (COMPLEX, 0),
        },
        0xE2 if bytes.get(i + 1) == Some(&0x80) => match bytes.get(i + 2) {
            Some(&c) if CLASS_2000[c as usize & 0x3f] != COMPLEX => (CLASS_2000[c as usize & 0x3f], 3),
            _ => (COMPLEX, 0),
        },
        _ => (COMPLEX, 0),
    }
}

/// Whether the mid punctuation `mid` keeps a character of class `before` and one of class
/// `after` in one word: WB6/WB7 (letter, mid, letter) and WB11/WB12 (digit, mid, digit).
#[inline]
fn joins(before: u8, mid: u8, after: u8) -> bool {
    match mid {
        MID_NUMLET => before == after && (before == LETTER || before == DIGIT),
        MID_LETTER => before == LETTER && after == LETTER,
        MID_NUM => before == DIGIT && after == DIGIT,
        _ => false,
    }
}

/// Tokenizes from `i` to the end of `bytes` in one pass, or, at the first character it cannot
/// decide, returns the start of that character's chunk (with tokens of the chunk possibly
/// pushed).
#[inline]
fn fast_run(
    text: &str,
    bytes: &[u8],
    mut i: usize,
    out: &mut Vec<Token>,
    at: &mut Emit,
) -> Result<(), Chunk> {
    let end = bytes.len();
    let mut chunk = Chunk { start: i, tokens: out.len(), at: *at };
    if i >= end {
        return Ok(());
    }
    // The class and length of the character at `i`.
    let (mut class, mut n) = class_at(bytes, i);
    loop {
        if class == COMPLEX {
            return Err(chunk);
        }
        if class == SPACE {
            // ASCII white space; the next character (not white space) starts a chunk.
            loop {
                let b = bytes[i];
                if b != b' ' {
                    at.newline |= b == b'\n' || b == b'\r';
                }
                i += 1;
                if i == end {
                    return Ok(());
                }
                if CLASS[bytes[i] as usize] != SPACE {
                    break;
                }
            }
            (class, n) = class_at(bytes, i);
            if class == COMPLEX {
                return Err(chunk);
            }
            chunk = Chunk { start: i, tokens: out.len(), at: *at };
        }
        if class == NBSP {
            i += n;
            if i == end {
                return Ok(());
            }
            (class, n) = class_at(bytes, i);
            continue;
        }
        let start = i;
        i += n;
        let (kind, clause_break) = if class == OTHER || class >= MID_NUMLET {
            // One character of punctuation, unless what follows attaches to it (WB4).
            let clause_break = match bytes[start] {
                b'-' => is_clause_break(text, "-", start, i, at.prev_end),
                b if b < 0x80 => CLAUSE_BYTE[b as usize],
                _ => is_clause_break(text, &text[start..i], start, i, at.prev_end),
            };
            let kind = TokenKind::Punct;
            if i < end {
                (class, n) = class_at(bytes, i);
                if class == COMPLEX {
                    return Err(chunk);
                }
            }
            (kind, clause_break)
        } else {
            let first = class;
            loop {
                // ASCII letters, digits and `_` first, a byte at a time.
                i = word_bytes_end(bytes, i, end);
                if i == end {
                    break;
                }
                (class, n) = class_at(bytes, i);
                if class == LETTER {
                    i += n;
                } else if class == COMPLEX {
                    return Err(chunk);
                } else if class >= MID_NUMLET && i + n < end {
                    let (after, m) = class_at(bytes, i + n);
                    if after == COMPLEX {
                        return Err(chunk);
                    }
                    // (A byte outside ASCII before `i` ends a Latin letter.)
                    let last = bytes[i - 1];
                    let last = if last < 0x80 { CLASS[last as usize] } else { LETTER };
                    if !joins(last, class, after) {
                        break;
                    }
                    i += n + m;
                } else {
                    break;
                }
            }
            let kind = match first {
                DIGIT => TokenKind::Number,
                // (Only letters and digits are joined by a mid character.)
                UNDERSCORE if bytes[start..i].iter().all(|&b| b == b'_') => TokenKind::Punct,
                _ => TokenKind::Word,
            };
            (kind, false)
        };
        out.push(Token { span: Span::new(start, i), kind, clause_break, after_newline: at.newline });
        at.newline = false;
        at.prev_end = i;
        if i == end {
            return Ok(());
        }
    }
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

    /// The eight-bytes-at-once test of word bytes agrees with the table: every byte value at
    /// every place of a run of word bytes (so at every lane of a word and in the tail), and
    /// random bytes.
    #[test]
    fn word_byte_runs_end_where_the_table_says() {
        let by_table = |b: &[u8]| b.iter().position(|&x| !WORD_BYTE[x as usize]).unwrap_or(b.len());
        let word: Vec<u8> = b"aZ09_mQz".iter().cycle().take(27).copied().collect();
        for at in 0..word.len() {
            for v in 0..=255u8 {
                let mut b = word.clone();
                b[at] = v;
                assert_eq!(first_non_word_byte(&b), by_table(&b), "byte {v:#04x} at {at}");
            }
        }
        let mut next = crate::text::hash::xorshift(0x9e37_79b9_7f4a_7c15);
        for _ in 0..20_000 {
            let len = next(40);
            // Mostly word bytes, some of anything.
            let b: Vec<u8> =
                (0..len).map(|_| if next(6) == 0 { next(256) as u8 } else { word[next(8)] }).collect();
            assert_eq!(first_non_word_byte(&b), by_table(&b), "{b:?}");
        }
    }

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
            "aZ9_ .,:;'\"-–()!?\t\n\r\u{b}\u{c}äßÉ×÷ªµ·\u{ad}ĀȿɀɐǅŁ\u{301}\u{200d}\u{a0}\u{2028}’„“…€😀中«»‘—․‧\u{2007}\u{202f}\u{203f}"
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
        for c in ('\u{a0}'..='\u{250}').chain('\u{2000}'..='\u{2070}').chain(['\u{2bc}', '\u{300}']) {
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
