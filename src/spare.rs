//! Working buffers that one analysis leaves to the next on the same thread.
//!
//! An analysis of 1 MB of news needs about 10 MB of working memory (tokens, the form table of
//! the hedge layer, per-token marks) that no result holds. Allocated afresh each time, buffers
//! that big come from the operating system and go back to it when freed (the system allocator's
//! choice), and the next analysis pays a page fault for each of their pages again: measured on
//! 1 MB of German news, about 4 ms of a 24 ms analysis. So [`crate::analyze`] takes its buffers
//! from here and gives them back emptied, and the next analysis on the thread writes over the
//! same memory.
//!
//! What is kept is bounded: buffers holding more than [`KEEP_AT_MOST`] bytes in all are freed,
//! not kept, so a thread keeps at most that much between analyses whatever texts it was given.
//! Nothing of one text reaches the next: every buffer is cleared before it is used again. An
//! analysis that finds the buffers taken (none does today: `analyze` does not call itself)
//! simply allocates its own.

#[cfg(not(target_arch = "wasm32"))]
use std::cell::RefCell;

use crate::lexicon::matcher::FormsSpare;
use crate::text::token::Token;

/// The most bytes of buffer capacity a thread keeps between analyses: enough for texts of a few
/// megabytes.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) const KEEP_AT_MOST: usize = 32 << 20;

/// The reusable buffers of one analysis (all empty when taken).
#[derive(Default)]
pub(crate) struct Spare {
    /// The tokens of all sentences, and where each sentence's start.
    pub tokens: Vec<Token>,
    pub starts: Vec<u32>,
    /// The hedge layer's form table.
    pub forms: FormsSpare,
    /// Per token, its form; per token, the bits of the word lists it is in.
    pub form_of_token: Vec<u32>,
    pub bits: Vec<u32>,
}

#[cfg(not(target_arch = "wasm32"))]
impl Spare {
    /// The bytes its buffers hold.
    fn capacity_bytes(&self) -> usize {
        use std::mem::size_of;
        self.tokens.capacity() * size_of::<Token>()
            + (self.starts.capacity() + self.form_of_token.capacity() + self.bits.capacity()) * 4
            + self.forms.capacity_bytes()
    }

    /// Empties every buffer, keeping its memory.
    fn clear(&mut self) {
        self.tokens.clear();
        self.starts.clear();
        self.forms.clear();
        self.form_of_token.clear();
        self.bits.clear();
    }
}

// (Not in WebAssembly: its memory is never given back to the system, so fresh buffers cost no
// page faults there, and keeping them would only cost code.)
#[cfg(not(target_arch = "wasm32"))]
thread_local! {
    static SPARE: RefCell<Spare> = RefCell::new(Spare::default());
}

/// The thread's spare buffers (empty, with the memory of the last analysis), or new ones.
#[cfg(target_arch = "wasm32")]
pub(crate) fn take() -> Spare {
    Spare::default()
}

/// Frees the buffers (see [`take`]).
#[cfg(target_arch = "wasm32")]
pub(crate) fn give_back(_: Spare) {}

/// The thread's spare buffers (empty, with the memory of the last analysis), or new ones.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn take() -> Spare {
    SPARE
        .try_with(|s| s.try_borrow_mut().map(|mut s| std::mem::take(&mut *s)).unwrap_or_default())
        .unwrap_or_default()
}

/// Gives the buffers back for the next analysis on this thread, or frees them if they hold
/// more than [`KEEP_AT_MOST`] bytes.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn give_back(mut spare: Spare) {
    if spare.capacity_bytes() > KEEP_AT_MOST {
        return;
    }
    spare.clear();
    // (During the thread's teardown there is nothing to keep them for.)
    let _ = SPARE.try_with(|s| {
        if let Ok(mut s) = s.try_borrow_mut() {
            *s = spare;
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buffers_are_kept_empty_and_only_up_to_the_bound() {
        let mut big = Spare::default();
        big.bits.reserve(KEEP_AT_MOST / 4 + 1);
        give_back(big);
        assert_eq!(take().bits.capacity(), 0, "over the bound: freed, not kept");

        let mut spare = take();
        spare.tokens.reserve(1000);
        spare.bits.extend([1, 2, 3]);
        give_back(spare);
        let again = take();
        assert!(again.tokens.capacity() >= 1000);
        assert!(again.bits.is_empty() && again.bits.capacity() >= 3);
        // Taken: a second take gets fresh buffers.
        assert_eq!(take().tokens.capacity(), 0);
    }

    #[test]
    fn a_second_analysis_on_the_thread_gives_the_same_result_as_the_first() {
        let texts = [
            "Der Minister soll Geld erhalten haben, sagte ein Sprecher. „Das ist falsch“, so Müller.",
            "Officials said the talks may resume. \"We are hopeful,\" Smith told reporters.",
            "Kurz.",
            "",
        ];
        let o = crate::Options::default();
        let first: Vec<_> = texts.iter().map(|t| format!("{:?}", crate::analyze(t, &o))).collect();
        for _ in 0..3 {
            for (t, f) in texts.iter().zip(&first).rev() {
                assert_eq!(&format!("{:?}", crate::analyze(t, &o)), f);
            }
        }
    }
}
