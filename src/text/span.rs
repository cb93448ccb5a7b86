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
/// Built in one pass over the text, then each conversion costs the same whatever the offset:
/// per block of 64 bytes, the UTF-16 units before the block and two bit masks of its bytes,
/// those that start a character (one unit each) and those that start a four-byte one (one unit
/// more). That is 24 bytes a block, about 0.4 bytes per byte of text.
#[derive(Debug)]
pub struct Utf16Offsets {
    blocks: Vec<Block>,
    /// The UTF-16 length of the whole text.
    len: usize,
    /// The text's length in bytes.
    bytes: usize,
}

/// See [`Utf16Offsets`].
#[derive(Clone, Copy, Debug)]
struct Block {
    /// UTF-16 units before the block.
    before: usize,
    /// Bit `i`: byte `i` of the block starts a character.
    starts: u64,
    /// Bit `i`: byte `i` of the block starts a four-byte character.
    astral: u64,
}

impl Utf16Offsets {
    /// Prepares the conversion of byte offsets of `text`.
    pub fn new(text: &str) -> Self {
        let mut blocks = Vec::with_capacity(text.len() / 64 + 1);
        let mut before = 0;
        for chunk in text.as_bytes().chunks(64) {
            // (The last block padded with continuation bytes, which set neither mask.)
            let mut padded = [0x80u8; 64];
            padded[..chunk.len()].copy_from_slice(chunk);
            let (mut starts, mut astral) = (0u64, 0u64);
            for (k, word) in padded.chunks_exact(8).enumerate() {
                let (s, a) = masks_of_8(u64::from_le_bytes(word.try_into().unwrap_or([0x80; 8])));
                starts |= s << (8 * k);
                astral |= a << (8 * k);
            }
            blocks.push(Block { before, starts, astral });
            before += (starts.count_ones() + astral.count_ones()) as usize;
        }
        Utf16Offsets { blocks, len: before, bytes: text.len() }
    }

    /// The UTF-16 offset of byte offset `byte` (on a `char` boundary of the text; an offset
    /// past the end is the end).
    pub fn get(&self, byte: usize) -> usize {
        if byte >= self.bytes {
            return self.len;
        }
        let Block { before, starts, astral } = self.blocks[byte / 64];
        let below = (1u64 << (byte % 64)) - 1;
        before + (starts & below).count_ones() as usize + (astral & below).count_ones() as usize
    }
}

/// For eight bytes of UTF-8 (`word`, little-endian), the masks of [`Block`]: bit `i` of the first
/// is set if byte `i` starts a character (is no continuation byte `10xxxxxx`), of the second if
/// it starts a four-byte character (`11110xxx`). Eight bytes as one number: a byte's flag is
/// computed in its top bit, then the eight top bits are gathered by one multiplication.
#[inline]
fn masks_of_8(word: u64) -> (u64, u64) {
    const H: u64 = 0x8080_8080_8080_8080;
    // (A left shift moves bit 6 of each byte to bit 7 of the same byte.)
    let continuation = word & !(word << 1) & H;
    let four = word & (word << 1) & (word << 2) & (word << 3) & H;
    let gather = |m: u64| ((m >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56;
    (gather(!continuation & H), gather(four))
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

    /// The masks of eight bytes at once are those of the bytes one by one, for every byte value
    /// in every lane (the other lanes holding bytes that set neither flag, or both).
    #[test]
    fn masks_of_8_are_the_bytes_flags() {
        for fill in [0x80u8, 0xF4] {
            for lane in 0..8 {
                for b in 0..=255u8 {
                    let mut bytes = [fill; 8];
                    bytes[lane] = b;
                    let (mut starts, mut four) = (0u64, 0u64);
                    for (i, &x) in bytes.iter().enumerate() {
                        starts |= u64::from((x as i8) >= -0x40) << i;
                        four |= u64::from(x >= 0xF0) << i;
                    }
                    assert_eq!(
                        masks_of_8(u64::from_le_bytes(bytes)),
                        (starts, four),
                        "{b:#x} in lane {lane}"
                    );
                }
            }
        }
    }

    #[test]
    fn converts_multibyte_and_astral() {
        let text = "aß„x“😀b";
        let offs: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        let map = Utf16Offsets::new(text);
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
            // (Up to 480 bytes: across several blocks of 64.)
            let len = below(120);
            let text: String = (0..len).map(|_| alphabet[below(alphabet.len())]).collect();
            assert_eq!(utf16_len(&text), text.chars().map(char::len_utf16).sum::<usize>(), "{text:?}");
            let offs: Vec<usize> =
                text.char_indices().map(|(i, _)| i).chain([text.len(), text.len() + 3]).collect();
            let map = Utf16Offsets::new(&text);
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
