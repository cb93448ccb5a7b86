//! The checks of the `jsonl` fuzz target (fuzz/fuzz_targets/jsonl.rs), also run by
//! tests/properties.rs on the seed corpus and on generated corpora.
//!
//! The JSON Lines reader of `hedgemark analyze --jsonl` (`hedgemark::jsonl`) on any byte stream.
//! The first byte sets the line limit (1 to 2,041 bytes, so that over-long lines are common) and
//! the default language, the second the reader's buffer size (1 to 64 bytes, so that lines
//! straddle many reads); the rest is the corpus. Checks:
//! - the lines partition the input: contiguous offsets and numbers, each line's bytes equal to
//!   the input at its offset, only the last line without `\n`, a line skipped exactly when it is
//!   longer than the limit;
//! - the same lines through a large buffer (reading does not depend on where reads end);
//! - every line answered by one output line of valid JSON: blank lines by none, a result with the
//!   input's `id` first and `schema` `hedgemark/1`, or an error object with the message, the
//!   line number and the `id` where it could be read;
//! - the same answer twice.

use std::io::BufReader;

use hedgemark::jsonl::{analyze_line, Line, LineReader, Outcome};
use hedgemark::{Language, Options};
use serde::Deserialize;
use serde_json::value::RawValue;

/// The fields of an output line that are checked.
#[derive(Deserialize)]
struct Output<'a> {
    #[serde(borrow)]
    id: &'a RawValue,
    schema: Option<String>,
    error: Option<String>,
    line: Option<u64>,
}

/// The `id` of an input line, if it is a JSON object.
#[derive(Deserialize)]
struct Input<'a> {
    #[serde(borrow)]
    id: Option<&'a RawValue>,
}

fn read_all(stream: &[u8], limit: usize, capacity: usize) -> Vec<(Line, Vec<u8>)> {
    let mut reader = LineReader::with_limit(BufReader::with_capacity(capacity, stream), limit);
    let mut lines = Vec::new();
    let mut buf = Vec::new();
    while let Some(line) = reader.read_line(&mut buf).expect("reading a slice cannot fail") {
        lines.push((line, std::mem::take(&mut buf)));
    }
    lines
}

/// Reads `data` (setup byte, buffer byte, corpus) as the `jsonl` fuzz target does and panics
/// with a message if any check fails.
pub fn check_stream(data: &[u8]) {
    let [setup, capacity, stream @ ..] = data else { return };
    let limit = 1 + usize::from(*setup) * 8;
    let capacity = 1 + usize::from(*capacity) % 64;
    let options = Options::with_language(match setup % 3 {
        0 => None,
        1 => Some(Language::German),
        _ => Some(Language::English),
    });

    let lines = read_all(stream, limit, capacity);
    let mut at = 0usize;
    for (i, (line, bytes)) in lines.iter().enumerate() {
        assert_eq!(line.number, i as u64 + 1);
        assert_eq!(line.offset, at as u64);
        let len = line.len as usize;
        let whole = &stream[at..at + len];
        at += len;
        let ends = whole.last() == Some(&b'\n');
        assert!(len > 0 && (ends || at == stream.len()), "only the last line may lack its break");
        assert!(!whole[..len - 1].contains(&b'\n'), "one line holds one line break, at its end");
        assert_eq!(line.too_long, len - usize::from(ends) > limit);
        assert_eq!(bytes.as_slice(), if line.too_long { &[][..] } else { whole });
    }
    assert_eq!(at, stream.len(), "the lines cover the input");
    assert!(read_all(stream, limit, 4096) == lines, "the lines depend on the reads");

    for (line, bytes) in &lines {
        let outcome = analyze_line(bytes, line, &options);
        assert!(analyze_line(bytes, line, &options) == outcome, "two answers differ");
        let mut content = bytes.strip_suffix(b"\n").unwrap_or(bytes);
        if line.number == 1 {
            content = content.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(content);
        }
        let blank = !line.too_long && content.iter().all(u8::is_ascii_whitespace);
        let json = match &outcome {
            Outcome::Blank => {
                assert!(blank, "a line that is not blank is answered");
                continue;
            }
            Outcome::Done(json) | Outcome::Failed { json, .. } => json,
        };
        assert!(!blank, "a blank line is not answered");
        assert!(json.ends_with(b"\n") && !json[..json.len() - 1].contains(&b'\n'), "one output line");
        assert!(json.starts_with(b"{\"id\":"), "the id comes first");
        // Ids are compared as written: they are echoed exactly, and serde_json's `Value` would
        // refuse an id with an escaped lone surrogate, which JavaScript and Python accept.
        let out: Output<'_> = serde_json::from_slice(json).expect("every output line is JSON");
        let input: Option<Input<'_>> = serde_json::from_slice(content).ok();
        // A missing id and `null` are both written as `null`.
        let input_id = input.map(|i| i.id.map_or("null", RawValue::get));
        let why = || {
            format!(
                "line {} {:?} gave {:?}",
                line.number,
                String::from_utf8_lossy(bytes),
                String::from_utf8_lossy(json)
            )
        };
        match &outcome {
            Outcome::Done(_) => {
                assert_eq!(out.schema.as_deref(), Some("hedgemark/1"), "{}", why());
                assert!(!line.too_long);
                assert_eq!(Some(out.id.get()), input_id, "the output carries the input's id: {}", why());
            }
            Outcome::Failed { message, .. } => {
                assert_eq!(out.error.as_deref(), Some(message.as_str()), "{}", why());
                assert_eq!(out.line, Some(line.number), "{}", why());
                let id = out.id.get();
                assert!(
                    id == "null" || Some(id) == input_id,
                    "an error keeps the id it could read: {}",
                    why()
                );
                assert!(!message.starts_with("internal error"), "the analysis panicked: {}", why());
            }
            Outcome::Blank => unreachable!(),
        }
    }
}
