//! The full invariants on any input, in every language mode: no panic, no hang (libFuzzer's timeout), every
//! span valid in bytes and in UTF-16, lists sorted, stats consistent, output deterministic, auto
//! equal to the detected language (the invariants of `tests/support/invariants.rs`, shared with
//! the property tests). The input is taken as UTF-8 where it is, with U+FFFD elsewhere, so that
//! broken text is fuzzed as well as text.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/invariants.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Err(e) = invariants::check_all(&text) {
        panic!("invariant broken: {e}\ninput: {text:?}");
    }
});
