//! The JSON Lines reader of `hedgemark analyze --jsonl` on any byte stream; the checks are in
//! tests/support/jsonl.rs (shared with tests/properties.rs).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/jsonl.rs"]
mod jsonl;

fuzz_target!(|data: &[u8]| jsonl::check_stream(data));
