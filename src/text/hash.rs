//! A fast hash for short words.

use std::hash::Hasher;

/// An unkeyed FxHash-style hasher for words: the sources layer's word lists (fixed at build
/// time, so no text chooses what is hashed against them); SipHash costs more than the rest of a
/// lookup.
#[derive(Default)]
pub(crate) struct WordHasher(u64);

impl Hasher for WordHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            h = (h.rotate_left(5) ^ w).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            h = (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
        self.0 = h;
    }

    #[inline]
    fn write_u8(&mut self, b: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// [`WordHasher`] as the hasher of a `HashMap`: for tables fixed at build time only.
pub(crate) type Words = std::hash::BuildHasherDefault<WordHasher>;

/// A small deterministic generator for tests (xorshift): each call gives a number below `m`.
#[cfg(test)]
pub(crate) fn xorshift(seed: u64) -> impl FnMut(usize) -> usize {
    let mut x = seed;
    move |m: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % m as u64) as usize
    }
}
