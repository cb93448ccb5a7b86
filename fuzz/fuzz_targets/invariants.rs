//! The full invariants on any input: no panic, no hang (libFuzzer's timeout), every span valid
//! in bytes and in UTF-16, lists sorted, stats consistent, output deterministic, auto equal to
//! the detected language (the invariants of `tests/support/invariants.rs`, shared with the
//! property tests). As in the `analyze` target, the first byte picks the language option (auto,
//! German, English) and the rest is the text, taken as UTF-8 where it is, with U+FFFD elsewhere,
//! so that broken text is fuzzed as well as text. (One option a run, not all three: three times
//! the runs, and libFuzzer varies the first byte like any other.)
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/invariants.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    let options = &invariants::all_options()[usize::from(mode) % 3];
    let text = String::from_utf8_lossy(rest);
    if let Err(e) = invariants::check_with(&text, options, true) {
        panic!("invariant broken: {e}\ninput: {text:?}");
    }
});
