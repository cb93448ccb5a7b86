//! Byte spans inside the engine, and the one conversion to UTF-16 at the edge.

use serde::Serialize;

/// A half-open range `[start, end)` of **UTF-8 byte offsets** into the analysed text.
///
/// Every span the engine produces lies on `char` boundaries, so `&text[span.start..span.end]`
/// never panics. The `hedgemark/1` result reports UTF-16 code units instead; that conversion
/// happens once, in [`crate::Document`], never inside the engine.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    /// First byte of the span.
    pub start: usize,
    /// One past the last byte of the span.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (bytes).
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// Length in bytes.
    pub const fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no byte.
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The text the span covers.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }

    /// Whether the two spans share at least one byte.
    pub const fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// Whether `other` lies entirely inside this span.
    pub const fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The smallest span covering both.
    pub fn cover(&self, other: &Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// Converts byte offsets of one text to UTF-16 code-unit offsets.
///
/// Built from the set of byte offsets that will be asked for, in one pass over the text, so the
/// cost is `O(text + offsets · log offsets)` however many spans there are.
#[derive(Debug)]
pub struct Utf16Offsets {
    bytes: Vec<usize>,
    units: Vec<usize>,
}

impl Utf16Offsets {
    /// Prepares the conversion of `offsets` (byte offsets on `char` boundaries of `text`).
    pub fn new(text: &str, offsets: impl IntoIterator<Item = usize>) -> Self {
        let mut bytes: Vec<usize> = offsets.into_iter().collect();
        bytes.sort_unstable();
        bytes.dedup();
        let text = text.as_bytes();
        let mut units = Vec::with_capacity(bytes.len());
        let (mut at, mut unit) = (0, 0);
        for &b in &bytes {
            let b = b.min(text.len());
            unit += utf16_units(&text[at..b]);
            units.push(unit);
            at = b;
        }
        Utf16Offsets { bytes, units }
    }

    /// The UTF-16 offset of a byte offset given to [`Utf16Offsets::new`].
    ///
    /// An offset that was not announced is converted by the nearest announced one below it;
    /// callers announce every offset they convert.
    pub fn get(&self, byte: usize) -> usize {
        match self.bytes.binary_search(&byte) {
            Ok(i) => self.units[i],
            Err(0) => 0,
            Err(i) => self.units[i - 1],
        }
    }
}

/// The UTF-16 length of UTF-8 bytes cut on `char` boundaries, counted without decoding: every
/// byte that starts a character is one unit, and a four-byte character (`0xF0`…) one more.
fn utf16_units(utf8: &[u8]) -> usize {
    // Summed in 16-bit lanes, which the compiler vectorises (a `usize` sum it does not, here):
    // a chunk of 16 Ki bytes counts at most 32 Ki units.
    utf8.chunks(16 << 10)
        .map(|chunk| {
            let units: u16 =
                chunk.iter().map(|&b| u16::from((b as i8) >= -0x40) + u16::from(b >= 0xF0)).sum();
            usize::from(units)
        })
        .sum()
}

/// The UTF-16 length of a string.
pub fn utf16_len(s: &str) -> usize {
    utf16_units(s.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_multibyte_and_astral() {
        let text = "aß„x“😀b";
        let offs: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        let map = Utf16Offsets::new(text, offs.iter().copied());
        let got: Vec<usize> = offs.iter().map(|&b| map.get(b)).collect();
        assert_eq!(got, vec![0, 1, 2, 3, 4, 5, 7, 8]);
        assert_eq!(utf16_len(text), 8);
    }

    #[test]
    fn byte_count_equals_decoding() {
        let mut below = crate::text::hash::xorshift(7);
        let alphabet =
            ['a', 'ß', '„', '€', '😀', '\u{10FFFF}', '\u{7F}', '\u{80}', '\u{7FF}', '\u{800}', '\u{FFFF}'];
        for _ in 0..500 {
            let len = below(40);
            let text: String = (0..len).map(|_| alphabet[below(alphabet.len())]).collect();
            assert_eq!(utf16_len(&text), text.chars().map(char::len_utf16).sum::<usize>(), "{text:?}");
            let offs: Vec<usize> =
                text.char_indices().map(|(i, _)| i).chain([text.len(), text.len() + 3]).collect();
            let map = Utf16Offsets::new(&text, offs.iter().rev().copied());
            for &o in &offs {
                let want = text.get(..o.min(text.len())).map_or(0, |t| t.encode_utf16().count());
                assert_eq!(map.get(o), want, "{text:?} at {o}");
            }
        }
    }

    #[test]
    fn overlap_and_cover() {
        let a = Span::new(0, 5);
        let b = Span::new(4, 9);
        assert!(a.overlaps(&b));
        assert!(!a.overlaps(&Span::new(5, 6)));
        assert_eq!(a.cover(&b), Span::new(0, 9));
        assert!(a.contains(&Span::new(1, 5)));
    }
}
