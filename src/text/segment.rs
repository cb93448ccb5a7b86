//! Fast paths for the Unicode segmentation (UAX #29) that sentences and tokens are built on.
//!
//! `unicode-segmentation` decides every boundary, but looks up every character in its range
//! tables and runs its state machine on each: two thirds of the engine's time before these fast
//! paths. Here the same decisions are made from a table of the characters news text is made of
//! (ASCII, Latin-1, Latin Extended-A/B, combining diacritics, General Punctuation, currency signs,
//! common pictographs), with the crate as the fallback for any part of the text holding another
//! character:
//!
//! - **Sentences**: the crate's state machine, ported rule for rule ([`sentence_breaks`]), with
//!   a tight loop over ASCII where no rule can apply, and without the crate's quadratic
//!   look-ahead. The category of a character outside the table is learned from how the crate
//!   breaks a few tiny strings holding it ([`probe_category`]), once per character and text.
//! - **Words**: the word rules for the categories of the table ([`word_bounds`]). After ASCII
//!   white space, an ASCII character always starts a segment and no rule looks back across that
//!   boundary, so the text is cut there into chunks, and a chunk holding a character outside the
//!   table (or with `Extend`, `Format`, `ZWJ` …) is handed to the crate on its own.
//!
//! The table says, per character, its sentence-break and word-break category as the crate has
//! them; the unit tests check every entry against the crate's behaviour, check the probes
//! against the table and a sample of all of Unicode, and compare both fast paths with the crate
//! on random text.

use unicode_segmentation::UnicodeSegmentation;

// Sentence-break categories (low nibble of the table).
const S_ANY: u8 = 0;
const S_CR: u8 = 1;
const S_LF: u8 = 2;
const S_SEP: u8 = 3;
const S_SP: u8 = 4;
const S_LOWER: u8 = 5;
const S_UPPER: u8 = 6;
const S_OLETTER: u8 = 7;
const S_NUMERIC: u8 = 8;
const S_ATERM: u8 = 9;
const S_STERM: u8 = 10;
const S_CLOSE: u8 = 11;
const S_SCONTINUE: u8 = 12;
/// `Extend` and `Format`: the rules treat them alike.
const S_EXTEND: u8 = 13;

// Word-break categories (high nibble of the table).
pub(super) const W_ANY: u8 = 0;
const W_CR: u8 = 1;
const W_LF: u8 = 2;
const W_NEWLINE: u8 = 3;
const W_WSEGSPACE: u8 = 4;
const W_ALETTER: u8 = 5;
const W_NUMERIC: u8 = 6;
pub(super) const W_MIDLETTER: u8 = 7;
const W_MIDNUM: u8 = 8;
pub(super) const W_MIDNUMLET: u8 = 9;
const W_SINGLE_QUOTE: u8 = 10;
#[allow(dead_code)]
const W_DOUBLE_QUOTE: u8 = 11;
const W_EXTENDNUMLET: u8 = 12;
/// A category the fast path does not handle (`Extend`, `Format`, `ZWJ`, …).
const W_COMPLEX: u8 = 15;

/// U+0000 to U+024F: word-break category << 4 | sentence-break category.
#[rustfmt::skip]
static LOW: [u8; 0x250] = [
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x22, 0x34, 0x34, 0x11, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x44, 0x0a, 0xbb, 0x00, 0x00, 0x00, 0x00, 0xab, 0x0b, 0x0b, 0x00, 0x00, 0x8c, 0x0c, 0x99, 0x00,
    0x68, 0x68, 0x68, 0x68, 0x68, 0x68, 0x68, 0x68, 0x68, 0x68, 0x7c, 0x8c, 0x00, 0x00, 0x00, 0x0a,
    0x00, 0x56, 0x56, 0x56, 0x56, 0x56, 0x56, 0x56, 0x56, 0x56, 0x56, 0x56, 0x56, 0x56, 0x56, 0x56,
    0x56, 0x56, 0x56, 0x56, 0x56, 0x56, 0x56, 0x56, 0x56, 0x56, 0x56, 0x0b, 0x00, 0x0b, 0x00, 0xc0,
    0x00, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55,
    0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x0b, 0x00, 0x0b, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x33, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x55, 0x0b, 0x00, 0xfd, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x55, 0x00, 0x70, 0x50, 0x00, 0x55, 0x0b, 0x00, 0x00, 0x00, 0x00,
    0x56, 0x56, 0x56, 0x56, 0x56, 0x56, 0x56, 0x56, 0x56, 0x56, 0x56, 0x56, 0x56, 0x56, 0x56, 0x56,
    0x56, 0x56, 0x56, 0x56, 0x56, 0x56, 0x56, 0x00, 0x56, 0x56, 0x56, 0x56, 0x56, 0x56, 0x56, 0x55,
    0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55,
    0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x00, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55,
    0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55,
    0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55,
    0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55,
    0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56,
    0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55,
    0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55,
    0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55,
    0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x55,
    0x55, 0x56, 0x56, 0x55, 0x56, 0x55, 0x56, 0x56, 0x55, 0x56, 0x56, 0x56, 0x55, 0x55, 0x56, 0x56,
    0x56, 0x56, 0x55, 0x56, 0x56, 0x55, 0x56, 0x56, 0x56, 0x55, 0x55, 0x55, 0x56, 0x56, 0x55, 0x56,
    0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x56, 0x55, 0x56, 0x55, 0x55, 0x56, 0x55, 0x56, 0x56,
    0x55, 0x56, 0x56, 0x56, 0x55, 0x56, 0x55, 0x56, 0x56, 0x55, 0x55, 0x57, 0x56, 0x55, 0x55, 0x55,
    0x57, 0x57, 0x57, 0x57, 0x56, 0x56, 0x55, 0x56, 0x56, 0x55, 0x56, 0x56, 0x55, 0x56, 0x55, 0x56,
    0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x55, 0x56, 0x55,
    0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55,
    0x55, 0x56, 0x56, 0x55, 0x56, 0x55, 0x56, 0x56, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55,
    0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55,
    0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55,
    0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55,
    0x56, 0x55, 0x56, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x56, 0x56, 0x55, 0x56, 0x56, 0x55,
    0x55, 0x56, 0x55, 0x56, 0x56, 0x56, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55, 0x56, 0x55,
];

/// Further blocks, as [`LOW`]: `(first, end, offset into MORE)`. Combining diacritics, General
/// Punctuation, currency signs, and the pictographs news text uses.
static BLOCKS: [(u32, u32, u32); 5] = [
    (0x300, 0x370, 0),
    (0x2000, 0x2070, 112),
    (0x20A0, 0x20D0, 224),
    (0x1F300, 0x1F700, 272),
    (0x1F900, 0x1FA00, 1296),
];

#[rustfmt::skip]
static MORE: [u8; 1552] = [
    // U+0300..U+0370
    0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd,
    0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd,
    0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd,
    0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd,
    0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd,
    0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd,
    0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd,
    // U+2000..U+2070
    0x44, 0x44, 0x44, 0x44, 0x44, 0x44, 0x44, 0x04, 0x44, 0x44, 0x44, 0x0d, 0xfd, 0xfd, 0xfd, 0xfd,
    0x00, 0x00, 0x00, 0x0c, 0x0c, 0x00, 0x00, 0x00, 0x9b, 0x9b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b,
    0x00, 0x00, 0x00, 0x00, 0x99, 0x00, 0x00, 0x70, 0x33, 0x33, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xc4,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0b, 0x0b, 0x00, 0x0a, 0x0a, 0x00, 0xc0,
    0xc0, 0x00, 0x00, 0x00, 0x80, 0x0b, 0x0b, 0x0a, 0x0a, 0x0a, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0xc0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x44,
    0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0x00, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd, 0xfd,
    // U+20A0..U+20D0
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    // U+1F300..U+1F700
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xf0, 0xf0, 0xf0, 0xf0, 0xf0,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0b, 0x0b, 0x0b, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    // U+1F900..U+1FA00
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
];

/// The word-break categories of U+2000..U+203F (`W_…`, as in [`MORE`]), for the one-pass
/// tokenizer, which takes the ones of general punctuation itself.
pub(super) static WORD_2000: [u8; 64] = {
    let mut t = [0u8; 64];
    let mut k = 0;
    while k < 64 {
        t[k] = MORE[112 + k] >> 4;
        k += 1;
    }
    t
};

/// The categories of a character, if the table has it.
#[inline]
fn categories(c: char) -> Option<u8> {
    let c = c as u32;
    if c < LOW.len() as u32 {
        return Some(LOW[c as usize]);
    }
    BLOCKS.iter().find(|b| (b.0..b.1).contains(&c)).map(|b| MORE[(b.2 + c - b.0) as usize])
}

// ---------------------------------------------------------------------------------------------
// Sentences.

// The parts of the sentence-break state, as unicode-segmentation keeps them (its `StatePart`).
const P_SOT: u8 = 0;
const P_OTHER: u8 = 1;
const P_CR: u8 = 2;
const P_LF: u8 = 3;
const P_SEP: u8 = 4;
const P_ATERM: u8 = 5;
const P_UPPER_LOWER: u8 = 6;
const P_CLOSE: u8 = 7;
const P_SP: u8 = 8;
const P_STERM: u8 = 9;

/// The last four parts, the latest in the low byte.
#[derive(Clone, Copy, PartialEq, Eq)]
struct State(u32);

impl State {
    const START: State = State(0);

    /// Part `i`, 3 being the latest (the crate's `parts[i]`).
    #[inline]
    fn part(self, i: u32) -> u8 {
        (self.0 >> (8 * (3 - i))) as u8
    }

    #[inline]
    fn next(self, cat: u8) -> State {
        let last = self.part(3);
        if (last == P_CLOSE && cat == S_CLOSE) || (last == P_SP && cat == S_SP) {
            return self;
        }
        let part = match cat {
            S_CR => P_CR,
            S_LF => P_LF,
            S_SEP => P_SEP,
            S_ATERM => P_ATERM,
            S_UPPER | S_LOWER => P_UPPER_LOWER,
            S_CLOSE => P_CLOSE,
            S_SP => P_SP,
            S_STERM => P_STERM,
            _ => P_OTHER,
        };
        State(self.0 << 8 | u32::from(part))
    }

    /// The part before any trailing `Sp` and then `Close` parts (the crate's index walk in
    /// `match_sb8`, `match_sb8a`).
    #[inline]
    fn before_close_sp(self) -> u8 {
        let mut i = 3;
        if self.part(i) == P_SP {
            i -= 1;
        }
        if self.part(i) == P_CLOSE {
            i -= 1;
        }
        self.part(i)
    }

    /// SB8a: `SATerm Close* Sp*` before.
    #[inline]
    fn sb8a(self) -> bool {
        matches!(self.before_close_sp(), P_STERM | P_ATERM)
    }

    /// SB9: `SATerm Close*` before.
    #[inline]
    fn sb9(self) -> bool {
        let i = if self.part(3) == P_CLOSE { 2 } else { 3 };
        matches!(self.part(i), P_STERM | P_ATERM)
    }

    /// SB11: `SATerm Close* Sp* ParaSep?` before.
    #[inline]
    fn sb11(self) -> bool {
        let mut i = if matches!(self.part(3), P_SEP | P_CR | P_LF) { 2 } else { 3 };
        if self.part(i) == P_SP {
            i -= 1;
        }
        if self.part(i) == P_CLOSE {
            i -= 1;
        }
        matches!(self.part(i), P_STERM | P_ATERM)
    }

    /// Whether no rule can break or look ahead before the next character unless that character
    /// is a terminator, a paragraph separator or outside ASCII and U+00C0..U+00FF: nothing
    /// pending.
    #[inline]
    fn quiet(self) -> bool {
        !matches!(self.part(3), P_SOT | P_CR | P_LF | P_SEP | P_ATERM | P_STERM)
            && !matches!(self.before_close_sp(), P_STERM | P_ATERM)
    }
}

/// The sentence-break categories of the characters outside the table met so far.
type Learned = std::collections::HashMap<char, u8>;

/// The sentence-break category of a character: from the table, else learned from the crate
/// (once per character and text; see [`probe_category`]).
#[inline]
fn sentence_category(c: char, learned: &mut Learned) -> u8 {
    match categories(c) {
        Some(cats) => cats & 15,
        None => *learned.entry(c).or_insert_with(|| probe_category(c)),
    }
}

/// The sentence-break category of `c` as the crate has it, read from where the crate breaks a
/// few strings of up to six characters holding `c` (each step tells apart the categories left;
/// the unit tests check it against the table and against full signatures).
fn probe_category(c: char) -> u8 {
    // The boundaries of a string, counted in characters.
    let breaks = |s: String| -> Vec<usize> {
        s.split_sentence_bound_indices().map(|(at, _)| s[..at].chars().count()).collect()
    };
    match breaks(format!("a{c} a"))[..] {
        [0, 2] => return S_SEP,
        [0, 3] => return S_STERM,
        _ => {}
    }
    if breaks(format!("a{c} A")) == [0, 3] {
        return S_ATERM;
    }
    match breaks(format!("A.{c} B"))[..] {
        [0, 2] => {
            if breaks(format!("a. {c}b")) == [0] {
                S_ANY
            } else {
                S_OLETTER
            }
        }
        [0, 4] => {
            if breaks(format!("A{c}.B")) == [0] {
                S_EXTEND
            } else if breaks(format!("A. {c}B")) == [0, 3] {
                S_CLOSE
            } else {
                S_SP
            }
        }
        _ => {
            let lower = breaks(format!("A. {c}")) == [0];
            let letter = breaks(format!("x{c}.B")) == [0];
            match (lower, letter) {
                (true, true) => S_LOWER,
                (true, false) => S_SCONTINUE,
                (false, true) => S_UPPER,
                (false, false) => S_NUMERIC,
            }
        }
    }
}

/// SB8: `ATerm Close* Sp*` before, and ahead `(¬(OLetter | Upper | Lower | ParaSep | SATerm))*
/// Lower`, for the character at `i`.
///
/// The crate scans ahead afresh at every character, which is quadratic after a period followed
/// by a long run of spaces or closing marks (50,000 spaces took 11 s). The answer is the same
/// from every position up to the character that decides it, so `memo` keeps the last scan:
/// `(from, decided at, answer)`.
fn sb8(
    before: State,
    text: &str,
    i: usize,
    memo: &mut Option<(usize, usize, bool)>,
    learned: &mut Learned,
) -> bool {
    if before.before_close_sp() != P_ATERM {
        return false;
    }
    if let Some((from, to, answer)) = *memo {
        if from <= i && i <= to {
            return answer;
        }
    }
    let mut decided = (text.len(), false);
    for (k, c) in text[i..].char_indices() {
        match sentence_category(c, learned) {
            S_LOWER => decided = (i + k, true),
            S_OLETTER | S_UPPER | S_SEP | S_CR | S_LF | S_STERM | S_ATERM => decided = (i + k, false),
            _ => continue,
        }
        break;
    }
    *memo = Some((i, decided.0, decided.1));
    decided.1
}

/// Per byte, the state part its character adds (`State::next`), or 0 for the bytes the quiet
/// loop must not pass: terminators, line breaks, and all bytes outside ASCII.
static QUIET_PART: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = match LOW[b] & 15 {
            S_ATERM | S_STERM | S_CR | S_LF | S_SEP => 0,
            S_UPPER | S_LOWER => P_UPPER_LOWER,
            S_CLOSE => P_CLOSE,
            S_SP => P_SP,
            _ => P_OTHER,
        };
        b += 1;
    }
    t
};

/// [`QUIET_PART`] of the characters U+00C0..U+00FF (lead byte 0xC3), by the low six bits of
/// their second byte: letters, and × and ÷.
static QUIET_C3: [u8; 64] = {
    let mut t = [0u8; 64];
    let mut k = 0;
    while k < 64 {
        t[k] = match LOW[0xC0 + k] & 15 {
            S_UPPER | S_LOWER => P_UPPER_LOWER,
            _ => P_OTHER,
        };
        k += 1;
    }
    t
};

/// The state after the characters of `run` (ASCII bytes with a [`QUIET_PART`] and characters
/// U+00C0..U+00FF, [`QUIET_C3`]), as [`State::next`] byte by
/// byte would leave it: only the last four parts count, so they are read from the end of the
/// run, a run of `Close` or of `Sp` parts counting as one part, as `next` keeps it.
#[inline]
fn after_quiet_run(state: State, run: &[u8]) -> State {
    // Most runs end in four ASCII characters that are neither `Close` nor `Sp` (the end of a
    // word before a period): those four parts are the state.
    if let Some(last) = run.last_chunk::<4>() {
        let parts = last.map(|b| if b < 0x80 { QUIET_PART[b as usize] } else { 0 });
        if parts.iter().all(|&p| p == P_OTHER || p == P_UPPER_LOWER) {
            return State(u32::from_be_bytes(parts));
        }
    }
    let mut parts = [0u8; 4];
    let mut n = 0;
    let mut k = run.len();
    while k > 0 {
        let b = run[k - 1];
        // (A byte outside ASCII ends a character U+00C0..U+00FF, led by 0xC3.)
        let (part, len) =
            if b < 0x80 { (QUIET_PART[b as usize], 1) } else { (QUIET_C3[b as usize & 0x3f], 2) };
        k -= len;
        if n > 0 && parts[n - 1] == part && (part == P_CLOSE || part == P_SP) {
            continue;
        }
        if n == 4 {
            break;
        }
        parts[n] = part;
        n += 1;
    }
    // Four parts of the run replace the whole state; fewer follow the state before it.
    let mut s = if n == 4 { State(0) } else { state };
    for &part in parts[..n].iter().rev() {
        if !(part == s.0 as u8 && (part == P_CLOSE || part == P_SP)) {
            s = State(s.0 << 8 | u32::from(part));
        }
    }
    s
}

/// The first byte at or after `from` that is not certainly a quiet ASCII byte (one with a
/// [`QUIET_PART`]), a word of eight bytes at a time: it stops at every byte outside ASCII,
/// below U+0020 (tab, vertical tab and form feed too, which the caller then passes one by one),
/// `!`, `.` and `?`, and leaves the last bytes (fewer than eight) to the caller.
#[inline]
fn skip_quiet_ascii(bytes: &[u8], mut from: usize) -> usize {
    const L: u64 = 0x0101_0101_0101_0101;
    const H: u64 = L * 0x80;
    // Per byte of seven bits, the high bit set where it equals `c`.
    let eq = |y: u64, c: u64| !((y ^ (L * c)) + L * 0x7f) & H;
    let stop = |x: u64| {
        let y = x & !H;
        (x & H) | (!(y + L * (0x80 - 0x20)) & H) | eq(y, 0x21) | eq(y, 0x2E) | eq(y, 0x3F)
    };
    // Sixteen bytes a round while there are, then eight.
    while let Some(chunk) = bytes.get(from..from + 16) {
        let (a, b) = chunk.split_at(8);
        let a = stop(u64::from_le_bytes(a.try_into().unwrap_or([0; 8])));
        if a != 0 {
            return from + (a.trailing_zeros() / 8) as usize;
        }
        let b = stop(u64::from_le_bytes(b.try_into().unwrap_or([0; 8])));
        if b != 0 {
            return from + 8 + (b.trailing_zeros() / 8) as usize;
        }
        from += 16;
    }
    if let Some(chunk) = bytes.get(from..from + 8) {
        let a = stop(u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8])));
        if a != 0 {
            return from + (a.trailing_zeros() / 8) as usize;
        }
        from += 8;
    }
    from
}

/// Writes to `out` every sentence boundary of `text` that
/// `unicode_segmentation::UnicodeSegmentation::split_sentence_bound_indices` finds: the start
/// of every segment, then the end of the text (nothing for an empty text). Also writes to
/// `marks` where every `.`, `…` and `•` is (ascending), for the cuts the sentence layer adds.
pub(crate) fn sentence_breaks(text: &str, out: &mut Vec<usize>, marks: &mut Vec<usize>) {
    out.clear();
    marks.clear();
    let bytes = text.as_bytes();
    let mut state = State::START;
    let mut sb8_memo = None;
    let mut learned = Learned::new();
    let mut i = 0;
    while i < bytes.len() {
        if state.quiet() {
            let run = i;
            loop {
                i = skip_quiet_ascii(bytes, i);
                match bytes.get(i) {
                    Some(&b) if QUIET_PART[b as usize] != 0 => i += 1,
                    // U+00C0..U+00FF, letters (and × ÷): as quiet as ASCII letters.
                    Some(0xC3) => i += 2,
                    _ => break,
                }
            }
            state = after_quiet_run(state, &bytes[run..i]);
            if i == bytes.len() {
                break;
            }
        }
        let (c, cat) = match bytes[i] {
            b @ 0..0x80 => (char::from(b), LOW[b as usize] & 15),
            _ => {
                let c = text[i..].chars().next().unwrap_or('\0');
                (c, sentence_category(c, &mut learned))
            }
        };
        // (The quiet run passes none of these.)
        if matches!(c, '.' | '…' | '•') {
            marks.push(i);
        }
        let before = state;
        state = state.next(cat);
        let top = before.part(3);
        let brk = if top == P_SOT {
            true
        } else if cat == S_LF && top == P_CR {
            false
        } else if matches!(top, P_SEP | P_CR | P_LF) {
            true
        } else if cat == S_EXTEND {
            state = before;
            false
        } else if (cat == S_NUMERIC && top == P_ATERM)
            || (cat == S_UPPER && top == P_ATERM && before.part(2) == P_UPPER_LOWER)
            || sb8(before, text, i, &mut sb8_memo, &mut learned)
            || (matches!(cat, S_SCONTINUE | S_STERM | S_ATERM) && before.sb8a())
            || (matches!(cat, S_CLOSE | S_SP | S_SEP | S_CR | S_LF) && before.sb9())
            || (matches!(cat, S_SP | S_SEP | S_CR | S_LF) && before.sb8a())
        {
            false
        } else {
            before.sb11()
        };
        if brk {
            out.push(i);
        }
        i += c.len_utf8();
    }
    if state.part(3) != P_SOT {
        out.push(text.len());
    }
}

// ---------------------------------------------------------------------------------------------
// Words.

const fn mid_letter(k: u8) -> bool {
    matches!(k, W_MIDLETTER | W_MIDNUMLET | W_SINGLE_QUOTE)
}

const fn mid_num(k: u8) -> bool {
    matches!(k, W_MIDNUM | W_MIDNUMLET | W_SINGLE_QUOTE)
}

// What the word rules say between two characters of the table (categories other than
// `W_COMPLEX`), given their categories; some rules also read the character before or after.
const BREAK: u8 = 0;
const KEEP: u8 = 1;
/// WB6: keep if a letter follows; WB7: if a letter precedes; WB12, WB11: likewise numbers.
const KEEP_IF_LETTER_AFTER: u8 = 2;
const KEEP_IF_LETTER_BEFORE: u8 = 3;
const KEEP_IF_NUMBER_AFTER: u8 = 4;
const KEEP_IF_NUMBER_BEFORE: u8 = 5;

const fn word_rule(b: u8, c: u8) -> u8 {
    match (b, c) {
        (W_CR, W_LF) => KEEP,                                                             // WB3
        (W_CR | W_LF | W_NEWLINE, _) | (_, W_CR | W_LF | W_NEWLINE) => BREAK,             // WB3a, WB3b
        (W_WSEGSPACE, W_WSEGSPACE) => KEEP,                                               // WB3d
        (W_ALETTER, W_ALETTER) => KEEP,                                                   // WB5
        (W_ALETTER, m) if mid_letter(m) => KEEP_IF_LETTER_AFTER,                          // WB6
        (m, W_ALETTER) if mid_letter(m) => KEEP_IF_LETTER_BEFORE,                         // WB7
        (W_NUMERIC, W_NUMERIC) | (W_ALETTER, W_NUMERIC) | (W_NUMERIC, W_ALETTER) => KEEP, // WB8-10
        (m, W_NUMERIC) if mid_num(m) => KEEP_IF_NUMBER_BEFORE,                            // WB11
        (W_NUMERIC, m) if mid_num(m) => KEEP_IF_NUMBER_AFTER,                             // WB12
        (W_ALETTER | W_NUMERIC | W_EXTENDNUMLET, W_EXTENDNUMLET) => KEEP,                 // WB13a
        (W_EXTENDNUMLET, W_ALETTER | W_NUMERIC) => KEEP,                                  // WB13b
        _ => BREAK,                                                                       // WB999
    }
}

/// [`word_rule`] for every pair, indexed by `b << 4 | c`.
static WORD_RULES: [u8; 256] = {
    let mut t = [0; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = word_rule((i >> 4) as u8, (i & 15) as u8);
        i += 1;
    }
    t
};

/// Whether an ASCII byte is white space (tab, line feed, vertical tab, form feed, carriage
/// return, space).
#[inline]
const fn ascii_space(b: u8) -> bool {
    const SPACES: u64 = 1 << b'\t' | 1 << b'\n' | 1 << 0x0b | 1 << 0x0c | 1 << b'\r' | 1 << b' ';
    b <= b' ' && SPACES >> b & 1 != 0
}

/// The longest chunk the fast path takes (in characters); a longer one goes to the crate.
const CHUNK: usize = 64;

/// Whether the rule `rule` keeps the characters `k - 1` and `k` together, `cat(j)` being the
/// category of character `j` (`W_ANY` past the end).
#[inline]
fn keep(rule: u8, k: usize, cat: impl Fn(usize) -> u8) -> bool {
    // The plain answers first, as branches that predict well.
    if rule == KEEP {
        return true;
    }
    if rule == BREAK {
        return false;
    }
    match rule {
        KEEP_IF_LETTER_AFTER => cat(k + 1) == W_ALETTER,
        KEEP_IF_NUMBER_AFTER => cat(k + 1) == W_NUMERIC,
        KEEP_IF_LETTER_BEFORE => k >= 2 && cat(k - 2) == W_ALETTER,
        _ => k >= 2 && cat(k - 2) == W_NUMERIC,
    }
}

// What a byte is to the chunk scan and the ASCII word loop.
const KIND_OTHER: u8 = 0;
const KIND_SPACE: u8 = 1;
const KIND_WORDISH: u8 = 2;
const KIND_NON_ASCII: u8 = 3;

/// Per byte: ASCII white space, ASCII letters, digits and `_`, other ASCII, or not ASCII.
static BYTE_KIND: [u8; 256] = {
    let mut t = [KIND_NON_ASCII; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = if ascii_space(b as u8) {
            KIND_SPACE
        } else if (b as u8).is_ascii_alphanumeric() || b == b'_' as usize {
            KIND_WORDISH
        } else {
            KIND_OTHER
        };
        b += 1;
    }
    t
};

/// ASCII letters, digits and `_`: two of them side by side are always one word (WB5, WB8-10,
/// WB13a/b).
#[inline]
fn wordish(b: u8) -> bool {
    BYTE_KIND[b as usize] == KIND_WORDISH
}

/// Where the chunk starting at `start` ends (`start < bytes.len()`), and whether it is all
/// ASCII: at the next ASCII character, not white space, that follows ASCII white space (no word
/// rule looks back across that boundary), or at the end of `bytes`.
#[inline]
pub(crate) fn chunk_end(bytes: &[u8], start: usize) -> (usize, bool) {
    let mut end = start + 1;
    let mut ascii = bytes[start] < 0x80;
    let mut after_space = ascii_space(bytes[start]);
    while let Some(&b) = bytes.get(end) {
        match BYTE_KIND[b as usize] {
            KIND_SPACE => after_space = true,
            KIND_NON_ASCII => {
                ascii = false;
                after_space = false;
            }
            // ASCII, not white space: a chunk starts here after white space.
            _ if after_space => break,
            _ => {}
        }
        end += 1;
    }
    (end, ascii)
}

/// Calls `f(start, segment)` for every segment of `text` that
/// `unicode_segmentation::UnicodeSegmentation::split_word_bound_indices` yields, in order.
pub(crate) fn word_bounds<'t>(text: &'t str, mut f: impl FnMut(usize, &'t str)) {
    let bytes = text.as_bytes();
    let mut start = 0;
    while start < bytes.len() {
        let (end, ascii) = chunk_end(bytes, start);
        let chunk = &text[start..end];
        if ascii {
            let b = chunk.as_bytes();
            let cat = |j: usize| b.get(j).map_or(W_ANY, |&c| LOW[c as usize] >> 4);
            let mut from = 0;
            let mut k = 1;
            while k < b.len() {
                if wordish(b[k - 1]) {
                    // A run of letters, digits and '_' is one word: skip to its end.
                    while k < b.len() && wordish(b[k]) {
                        k += 1;
                    }
                    if k == b.len() {
                        break;
                    }
                }
                if !keep(WORD_RULES[(cat(k - 1) << 4 | cat(k)) as usize], k, cat) {
                    f(start + from, &chunk[from..k]);
                    from = k;
                }
                k += 1;
            }
            f(start + from, &chunk[from..]);
        } else {
            words_of_chunk(chunk, start, &mut f);
        }
        start = end;
    }
}

/// [`word_bounds`] for a chunk with characters outside ASCII.
fn words_of_chunk<'t>(chunk: &'t str, start: usize, f: &mut impl FnMut(usize, &'t str)) {
    // Offsets and word-break categories of the chunk's characters.
    let mut at = [0u32; CHUNK + 1];
    let mut cat = [W_ANY; CHUNK + 1];
    let mut n = 0;
    for (k, c) in chunk.char_indices() {
        let w = categories(c).map_or(W_COMPLEX, |cats| cats >> 4);
        if w == W_COMPLEX || n == CHUNK {
            for (k, w) in chunk.split_word_bound_indices() {
                f(start + k, w);
            }
            return;
        }
        at[n] = k as u32;
        cat[n] = w;
        n += 1;
    }
    at[n] = chunk.len() as u32;
    let get = |j: usize| if j < n { cat[j] } else { W_ANY };
    let mut from = 0;
    for k in 1..n {
        if !keep(WORD_RULES[(cat[k - 1] << 4 | cat[k]) as usize], k, get) {
            f(start + at[from] as usize, &chunk[at[from] as usize..at[k] as usize]);
            from = k;
        }
    }
    f(start + at[from] as usize, &chunk[at[from] as usize..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every string of one to three symbols that holds `X` at least once, over `reps` and `X`.
    fn templates(reps: &[char]) -> Vec<Vec<Option<char>>> {
        let symbols: Vec<Option<char>> = reps.iter().copied().map(Some).chain([None]).collect();
        let mut out: Vec<Vec<Option<char>>> = vec![vec![]];
        let mut all = Vec::new();
        for _ in 0..3 {
            out = out
                .iter()
                .flat_map(|t| symbols.iter().map(move |s| [t.clone(), vec![*s]].concat()))
                .collect();
            all.extend(out.iter().filter(|t| t.contains(&None)).cloned());
        }
        all
    }

    /// The break positions (in characters) of each template with `X` replaced by `x`.
    fn signature(
        x: char,
        templates: &[Vec<Option<char>>],
        breaks: fn(&str) -> Vec<usize>,
    ) -> Vec<Vec<usize>> {
        templates
            .iter()
            .map(|t| {
                let s: String = t.iter().map(|c| c.unwrap_or(x)).collect();
                breaks(&s).into_iter().map(|b| s[..b].chars().count()).collect()
            })
            .collect()
    }

    fn crate_sentences(s: &str) -> Vec<usize> {
        s.split_sentence_bound_indices().map(|(i, _)| i).collect()
    }

    fn crate_words(s: &str) -> Vec<usize> {
        s.split_word_bound_indices().map(|(i, _)| i).collect()
    }

    fn table() -> impl Iterator<Item = char> {
        (0..LOW.len() as u32).chain(BLOCKS.iter().flat_map(|b| b.0..b.1)).filter_map(char::from_u32)
    }

    /// Every entry of the table behaves in the crate as a character of its category: the same
    /// boundaries in every context of up to three characters, and those contexts tell all
    /// categories apart.
    #[test]
    fn table_has_the_crates_categories() {
        // One character of each sentence-break category, in the order of the S_ constants.
        let reps =
            ['#', '\r', '\n', '\u{2029}', ' ', 'a', 'A', '\u{5d0}', '1', '.', '!', ')', ',', '\u{301}'];
        let ts = templates(&reps);
        let sigs: Vec<_> = reps.iter().map(|&r| signature(r, &ts, crate_sentences)).collect();
        for i in 0..sigs.len() {
            for j in 0..i {
                assert!(sigs[i] != sigs[j], "sentence categories {i} and {j} look alike");
            }
        }
        for c in table() {
            let cat = categories(c).unwrap() & 15;
            assert!(signature(c, &ts, crate_sentences) == sigs[cat as usize], "sentence category of {c:?}");
        }
        // Word-break categories, in the order of the W_ constants; the others (Extend and Format,
        // which the rules treat alike, Hebrew letters, Katakana, regional indicators) only tell
        // the categories apart. ZWJ is left out: before a pictograph it is the one rule that
        // reads more than a category, and the fast path leaves it to the crate.
        let reps = ['#', '\r', '\n', '\u{b}', ' ', 'a', '1', ':', ',', '.', '\'', '"', '_'];
        let others = ['\u{301}', '\u{5d0}', '\u{30a2}', '\u{1f1e6}'];
        let all: Vec<char> = reps.iter().chain(&others).copied().collect();
        let ts = templates(&all);
        let sigs: Vec<_> = all.iter().map(|&r| signature(r, &ts, crate_words)).collect();
        for i in 0..sigs.len() {
            for j in 0..i {
                assert!(sigs[i] != sigs[j], "word categories {i} and {j} look alike");
            }
        }
        for c in table() {
            let cat = categories(c).unwrap() >> 4;
            if cat != W_COMPLEX {
                assert!(signature(c, &ts, crate_words) == sigs[cat as usize], "word category of {c:?}");
            }
        }
    }

    /// The probes find every category: those of the table, and for a sample of all code points
    /// (and characters of special categories) the one whose signature theirs is.
    #[test]
    fn probes_find_the_crates_categories() {
        for c in table() {
            // CR and LF (ASCII, never probed) look like the other paragraph separators.
            let want = match categories(c).unwrap() & 15 {
                S_CR | S_LF => S_SEP,
                cat => cat,
            };
            assert_eq!(probe_category(c), want, "{c:?}");
        }
        let reps =
            ['#', '\r', '\n', '\u{2029}', ' ', 'a', 'A', '\u{5d0}', '1', '.', '!', ')', ',', '\u{301}'];
        let ts = templates(&reps);
        let sigs: Vec<_> = reps.iter().map(|&r| signature(r, &ts, crate_sentences)).collect();
        let special = "。．！？؟।‼⁇\u{fe52}\u{ff0e}「」『』（）〈〉\u{200b}\u{200d}\u{fe0f}\u{e0001}\u{1f3fb}\u{3000}\u{1680}٣३〇ⅫⓐⒶ\u{10400}\u{10428}\u{1d400}中ア한";
        let sample = (0x250..0x11_0000u32).step_by(1009).filter_map(char::from_u32).chain(special.chars());
        for c in sample {
            let cat = probe_category(c);
            assert!(signature(c, &ts, crate_sentences) == sigs[cat as usize], "probe of {c:?} says {cat}");
        }
    }

    /// Random strings over the table's characters, others, and characters with special rules.
    fn random_texts(n: usize) -> Vec<String> {
        let mut pool: Vec<char> = table().collect();
        pool.extend("....!!??\n\n\r\r    aaAA11,,''\"\"()„“”’–— \u{a0}\u{301}\u{200d}\u{ad}\u{5d0}\u{30a2}\u{1f1e6}\u{1f600}é中".chars());
        let common: Vec<char> = "abcXYZ ..,!?\n'\"()1".chars().collect();
        let mut next = crate::text::hash::xorshift(0x853c_49e6_748f_ea9bu64);
        (0..n)
            .map(|_| {
                (0..next(24))
                    .map(|_| if next(3) == 0 { pool[next(pool.len())] } else { common[next(common.len())] })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn sentence_breaks_are_the_crates() {
        let mut out = Vec::new();
        let mut texts = random_texts(60_000);
        texts.extend(
            ["", "a", "\r\n", "a. B", "a.\u{301} b", "x\r\ry", "„Ja.“ Nein", "a. 1 b", "é.Ü"]
                .map(String::from),
        );
        let mut marks = Vec::new();
        for t in &texts {
            sentence_breaks(t, &mut out, &mut marks);
            let want: Vec<usize> = t.match_indices(['.', '…', '•']).map(|(i, _)| i).collect();
            assert_eq!(marks, want, "{t:?}");
            let mut want = crate_sentences(t);
            if !t.is_empty() {
                want.push(t.len());
            }
            assert_eq!(out, want, "{t:?}");
        }
    }

    #[test]
    fn the_quiet_scan_passes_only_quiet_ascii() {
        let mut next = crate::text::hash::xorshift(0x9e37_79b9_7f4a_7c15);
        for _ in 0..20_000 {
            let bytes: Vec<u8> = (0..next(40)).map(|_| next(256) as u8).collect();
            let from = next(bytes.len() + 1);
            let at = skip_quiet_ascii(&bytes, from);
            assert!(from <= at && at <= bytes.len(), "{bytes:?}");
            assert!(bytes[from..at].iter().all(|&b| b < 0x80 && QUIET_PART[b as usize] != 0), "{bytes:?}");
            // It stops at a byte it must stop at, or fewer than eight bytes before the end.
            let stop = |b: u8| !(0x20..0x80).contains(&b) || matches!(b, b'!' | b'.' | b'?');
            assert!(at + 8 > bytes.len() || stop(bytes[at]), "{bytes:?} {from}");
        }
    }

    /// The word rules as UAX #29 states them, for the table's categories: whether to break
    /// between `b` and `c`, `a` before them and `d` after (`W_ANY` where there is none).
    fn word_break(a: u8, b: u8, c: u8, d: u8) -> bool {
        match (b, c) {
            (W_CR, W_LF) => false,
            (W_CR | W_LF | W_NEWLINE, _) | (_, W_CR | W_LF | W_NEWLINE) => true,
            (W_WSEGSPACE, W_WSEGSPACE) => false,
            (W_ALETTER, W_ALETTER) => false,
            (W_ALETTER, m) if mid_letter(m) && d == W_ALETTER => false,
            (m, W_ALETTER) if mid_letter(m) && a == W_ALETTER => false,
            (W_NUMERIC, W_NUMERIC) | (W_ALETTER, W_NUMERIC) | (W_NUMERIC, W_ALETTER) => false,
            (m, W_NUMERIC) if mid_num(m) && a == W_NUMERIC => false,
            (W_NUMERIC, m) if mid_num(m) && d == W_NUMERIC => false,
            (W_ALETTER | W_NUMERIC | W_EXTENDNUMLET, W_EXTENDNUMLET) => false,
            (W_EXTENDNUMLET, W_ALETTER | W_NUMERIC) => false,
            _ => true,
        }
    }

    #[test]
    fn word_rules_table_is_the_rules() {
        for x in 0..16u32 * 16 * 16 * 16 {
            let [a, b, c, d] = [x >> 12, x >> 8 & 15, x >> 4 & 15, x & 15].map(|k| k as u8);
            let keep = match WORD_RULES[(b << 4 | c) as usize] {
                BREAK => false,
                KEEP => true,
                KEEP_IF_LETTER_AFTER => d == W_ALETTER,
                KEEP_IF_NUMBER_AFTER => d == W_NUMERIC,
                KEEP_IF_LETTER_BEFORE => a == W_ALETTER,
                _ => a == W_NUMERIC,
            };
            assert_eq!(keep, !word_break(a, b, c, d), "{a} {b} {c} {d}");
        }
    }

    #[test]
    fn quiet_parts_are_state_parts() {
        for b in 0..=255u8 {
            let part = QUIET_PART[b as usize];
            let special = matches!(b, b'.' | b'!' | b'?' | b'\n' | b'\r') || b >= 0x80;
            assert_eq!(part == 0, special, "{b}");
            if !special {
                assert_eq!(State(0).next(LOW[b as usize] & 15).part(3), part, "{b}");
            }
        }
    }

    #[test]
    fn a_quiet_run_leaves_the_state_byte_by_byte_would() {
        let quiet: Vec<u8> = (0..128u8).filter(|&b| QUIET_PART[b as usize] != 0).collect();
        let few = b"a )  )\"'x";
        let latin: Vec<char> = ('\u{c0}'..='\u{ff}').collect();
        let mut next = crate::text::hash::xorshift(0x9e37_79b9_7f4a_7c15);
        for _ in 0..20_000 {
            let mut state = State(next(1 << 30) as u32);
            if next(2) == 0 {
                state = State(state.0 & !0xff | u32::from(QUIET_PART[few[next(few.len())] as usize]));
            }
            let run: String = (0..next(12))
                .map(|_| match next(3) {
                    0 => few[next(few.len())] as char,
                    1 => latin[next(latin.len())],
                    _ => quiet[next(quiet.len())] as char,
                })
                .collect();
            let want = run.chars().fold(state, |s, c| s.next(categories(c).unwrap_or(0) & 15));
            assert!(after_quiet_run(state, run.as_bytes()) == want, "{run:?}");
        }
    }

    #[test]
    fn wordish_is_letters_digits_underscore() {
        for b in 0..=255u8 {
            assert_eq!(wordish(b), b.is_ascii_alphanumeric() || b == b'_', "{b}");
            if wordish(b) {
                assert!(matches!(LOW[b as usize] >> 4, W_ALETTER | W_NUMERIC | W_EXTENDNUMLET));
            }
        }
    }

    #[test]
    fn word_bounds_are_the_crates() {
        let mut texts = random_texts(60_000);
        texts.extend(
            ["", "a", "don’t", "1.000,5", "a\u{202f}b", "e.g. x", "a:b", "\u{2009} x"].map(String::from),
        );
        // Chunks longer than the fast path takes.
        let long = random_texts(2_000).into_iter().map(|t| t.replace([' ', '\n'], "").repeat(12));
        texts.extend(long);
        texts.extend(["a".repeat(CHUNK), "a".repeat(CHUNK + 1), format!("{} b", "1.".repeat(40))]);
        for t in &texts {
            let mut got = Vec::new();
            word_bounds(t, |i, w| got.push((i, w)));
            let want: Vec<(usize, &str)> = t.split_word_bound_indices().collect();
            assert_eq!(got, want, "{t:?}");
        }
    }
}
