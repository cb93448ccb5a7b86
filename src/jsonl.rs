//! JSON Lines, the corpus format of `hedgemark analyze --jsonl`: reading a corpus line by line
//! with a bounded line length, and turning one line into its output line.
//!
//! Each input line is a JSON object `{"id": …, "text": "…", "language": "de"}` (`id` any JSON
//! value, `language` optional). Its output line is the `id` followed by the `hedgemark/1` fields;
//! a line that cannot be analysed gives `{"id": …, "error": "…", "line": N}` in its place (the
//! `id` is null if it could not be read), so one output line answers each input line in order.
//! Blank lines are skipped.
//!
//! Only with the `cli` feature (it needs `serde_json`). The command line's threads and channels
//! are in `src/main.rs`; what is here does no I/O of its own beyond reading the [`BufRead`] it is
//! given, so the fuzz target `jsonl` (fuzz/) runs it on arbitrary bytes.
//!
//! ```
//! use hedgemark::jsonl::{analyze_line, LineReader, Outcome};
//! use hedgemark::Options;
//!
//! let corpus = "{\"id\": 1, \"text\": \"Es soll geregnet haben.\"}\n\n{\"id\": 2}\n";
//! let mut reader = LineReader::new(corpus.as_bytes());
//! let mut buf = Vec::new();
//! let mut out = Vec::new();
//! while let Some(line) = reader.read_line(&mut buf).unwrap() {
//!     match analyze_line(&buf, &line, &Options::default()) {
//!         Outcome::Blank => {}
//!         Outcome::Done(json) => out.push(String::from_utf8(json).unwrap()),
//!         Outcome::Failed { json, .. } => out.push(String::from_utf8(json).unwrap()),
//!     }
//!     buf.clear();
//! }
//! assert!(out[0].starts_with(r#"{"id":1,"schema":"hedgemark/1","language":"de""#));
//! assert_eq!(out[1], "{\"id\":2,\"error\":\"no \\\"text\\\" field (each line needs {\\\"id\\\": …, \\\"text\\\": \\\"…\\\"})\",\"line\":3}\n");
//! ```

use std::borrow::Cow;
use std::fmt;
use std::io::{self, BufRead};

use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use crate::{try_analyze, Document, Options, MAX_TEXT_BYTES};

/// The longest input line [`LineReader::new`] reads, without its line break: 128 MiB, twice
/// [`MAX_TEXT_BYTES`], room for the JSON escapes of a text at the limit.
///
/// A longer line is not held in memory: the reader skips to its end and the line is answered by
/// an error object, so a corpus with one endless line (a file with no line breaks, a stray
/// binary) cannot run the command out of memory.
pub const MAX_LINE_BYTES: usize = 2 * MAX_TEXT_BYTES;

/// Reads a corpus line by line, each line into the caller's buffer, counting lines and bytes;
/// a line longer than its limit is skipped rather than buffered.
#[derive(Debug)]
pub struct LineReader<R> {
    input: R,
    limit: usize,
    number: u64,
    offset: u64,
}

/// Where a line was read and what became of it; [`LineReader::read_line`] returns one per line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Line {
    /// The line's number in the input, from 1.
    pub number: u64,
    /// The byte offset of the line's start in the input.
    pub offset: u64,
    /// The line's length in bytes with its line break (`\n`, if it has one).
    pub len: u64,
    /// The line was longer than the reader's limit and was skipped: nothing of it is in the
    /// buffer.
    pub too_long: bool,
}

impl<R: BufRead> LineReader<R> {
    /// A reader whose lines may be up to [`MAX_LINE_BYTES`] long.
    pub fn new(input: R) -> Self {
        Self::with_limit(input, MAX_LINE_BYTES)
    }

    /// A reader whose lines may be up to `limit` bytes long, line break not counted.
    pub fn with_limit(input: R, limit: usize) -> Self {
        LineReader { input, limit, number: 0, offset: 0 }
    }

    /// The input, for asking whether more is buffered (`BufReader::buffer`).
    pub fn get_ref(&self) -> &R {
        &self.input
    }

    /// Appends the next line, with its `\n` if it has one, to `buf`; `None` at the end of the
    /// input. A line longer than the limit appends nothing and has [`Line::too_long`] set; it is
    /// read to its end all the same, so the next call reads the next line.
    ///
    /// An I/O error is returned as it is (an interrupted read is retried); what was read of the
    /// line is then lost.
    pub fn read_line(&mut self, buf: &mut Vec<u8>) -> io::Result<Option<Line>> {
        let start = buf.len();
        let mut len = 0u64;
        let mut too_long = false;
        loop {
            let available = match self.input.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    buf.truncate(start);
                    return Err(e);
                }
            };
            if available.is_empty() {
                break;
            }
            let (used, ends) = match available.iter().position(|&b| b == b'\n') {
                Some(i) => (i + 1, true),
                None => (available.len(), false),
            };
            len += used as u64;
            if !too_long {
                if len - u64::from(ends) > self.limit as u64 {
                    too_long = true;
                    buf.truncate(start);
                } else {
                    buf.extend_from_slice(&available[..used]);
                }
            }
            self.input.consume(used);
            if ends {
                break;
            }
        }
        if len == 0 {
            return Ok(None);
        }
        self.number += 1;
        let line = Line { number: self.number, offset: self.offset, len, too_long };
        self.offset += len;
        Ok(Some(line))
    }
}

/// What one input line gives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// A blank line: no output.
    Blank,
    /// The output line: the `id`, then the `hedgemark/1` fields, and `\n`.
    Done(Vec<u8>),
    /// The line could not be analysed.
    Failed {
        /// Why, in words.
        message: String,
        /// The error object written in the line's place, with `\n`.
        json: Vec<u8>,
    },
}

/// Reads and analyses one line as [`LineReader::read_line`] gave it (`bytes` is the line, line
/// break included or not), with `default` where the line names no `language`.
///
/// A panic in the engine is caught and answered as a failed line: a bug costs one line of a long
/// corpus run, not the run.
pub fn analyze_line(bytes: &[u8], line: &Line, default: &Options) -> Outcome {
    let mut id = None;
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        parse_and_analyze(bytes, line, default, &mut id)
    }));
    let message = match result {
        Ok(Ok(Some(json))) => return Outcome::Done(json),
        Ok(Ok(None)) => return Outcome::Blank,
        Ok(Err(msg)) => msg,
        Err(_) => "internal error: the analysis panicked (please report this line)".to_string(),
    };
    let mut json =
        serde_json::to_vec(&ErrorLine { id: id.unwrap_or(NULL), error: &message, line: line.number })
            .unwrap_or_else(|_| format!("{{\"id\":null,\"line\":{}}}", line.number).into_bytes());
    json.push(b'\n');
    Outcome::Failed { message, json }
}

/// What `--jsonl` writes in place of a line it could not analyse.
#[derive(serde::Serialize)]
struct ErrorLine<'a> {
    /// The line's `id`, if it could be read, else null.
    id: &'a RawValue,
    /// Why the line could not be analysed.
    error: &'a str,
    /// The line's number in the input, from 1.
    line: u64,
}

/// One output line: the input's id, then the hedgemark/1 fields.
#[derive(serde::Serialize)]
struct WithId<'a> {
    id: &'a RawValue,
    #[serde(flatten)]
    doc: Document<'a>,
}

/// One input line as it is parsed: the fields hedgemark reads, the others skipped unparsed.
#[derive(serde::Deserialize)]
struct InLine<'a> {
    /// As it is written in the line, so that the output carries it exactly (a number keeps all
    /// its digits).
    #[serde(default, borrow)]
    id: Option<&'a RawValue>,
    #[serde(default, borrow)]
    text: Option<Field<'a>>,
    #[serde(default, borrow)]
    language: Option<Field<'a>>,
}

/// The JSON `null`, for a line without an `id`.
const NULL: &RawValue = RawValue::NULL;

/// Reads and analyses one line; `id` gets the line's id as soon as it is known.
fn parse_and_analyze<'a>(
    bytes: &'a [u8],
    at: &Line,
    default: &Options,
    id: &mut Option<&'a RawValue>,
) -> Result<Option<Vec<u8>>, String> {
    if at.too_long {
        return Err(format!(
            "the line is too long: {} bytes, and a line may have at most {MAX_LINE_BYTES} \
             ({} MiB, room for a text of {} MiB); split the text into several lines",
            at.len,
            MAX_LINE_BYTES >> 20,
            MAX_TEXT_BYTES >> 20
        ));
    }
    let mut line = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    line = line.strip_suffix(b"\r").unwrap_or(line);
    let mut skipped = 0;
    if let Some(rest) = line.strip_prefix(b"\xEF\xBB\xBF").filter(|_| at.number == 1) {
        (line, skipped) = (rest, 3); // a byte order mark
    }
    if line.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    let line = std::str::from_utf8(line).map_err(|e| {
        let offset = at.offset + (skipped + e.valid_up_to()) as u64;
        format!(
            "not UTF-8: {} at byte offset {offset} of the input{}",
            bad_byte(line, e),
            latin1_hint(line, e)
        )
    })?;
    if !line.trim_start().starts_with('{') {
        // serde would read an array as the fields in order; say what it is instead.
        return Err(match serde_json::from_str::<IgnoredAny>(line) {
            Ok(_) => {
                format!("expected a JSON object {{\"id\": …, \"text\": \"…\"}}, found {}", json_kind(line))
            }
            Err(e) => json_problem(&e),
        });
    }
    let parsed: InLine<'_> = serde_json::from_str(line).map_err(|e| json_problem(&e))?;
    *id = parsed.id;
    let text = match parsed.text {
        Some(Field::Str(t)) => t,
        None => return Err("no \"text\" field (each line needs {\"id\": …, \"text\": \"…\"})".to_string()),
        Some(Field::Other(what)) => return Err(format!("\"text\" is {what}, not a string")),
    };
    let options = match parsed.language {
        None | Some(Field::Other("null")) => default.clone(),
        Some(Field::Str(code)) => Options::from_code(&code).map_err(|e| e.to_string())?,
        Some(Field::Other(what)) => {
            return Err(format!("\"language\" is {what}, not \"auto\", \"de\" or \"en\""));
        }
    };
    let analysis = try_analyze(&text, &options).map_err(|e| e.to_string())?;
    let mut json = Vec::with_capacity(256 + text.len() * 2);
    serde_json::to_writer(
        &mut json,
        &WithId { id: parsed.id.unwrap_or(NULL), doc: analysis.document(&text) },
    )
    .map_err(|e| format!("cannot write the result: {e}"))?;
    json.push(b'\n');
    Ok(Some(json))
}

/// "invalid byte 0xFC", or "an incomplete character at the end" (also for the command line's
/// message on a text file).
#[doc(hidden)]
pub fn bad_byte(bytes: &[u8], error: std::str::Utf8Error) -> String {
    match error.error_len() {
        Some(_) => format!("invalid byte 0x{:02X}", bytes[error.valid_up_to()]),
        None => "an incomplete character at the end".to_string(),
    }
}

/// A hint for text that looks like Latin-1 or Windows-1252, or "" (also for the command line).
#[doc(hidden)]
pub fn latin1_hint(bytes: &[u8], error: std::str::Utf8Error) -> &'static str {
    match error.error_len() {
        Some(_) if bytes[error.valid_up_to()] >= 0x80 => {
            "; if it is Latin-1 or Windows-1252 text, convert it with iconv -f WINDOWS-1252 -t UTF-8"
        }
        _ => "",
    }
}

/// What a (valid JSON) line that is not an object is.
fn json_kind(line: &str) -> &'static str {
    match line.trim_start().as_bytes().first() {
        Some(b'[') => "an array",
        Some(b'"') => "a string",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        _ => "a number",
    }
}

/// A message for a line serde_json could not read.
fn json_problem(e: &serde_json::Error) -> String {
    match e.classify() {
        // Valid JSON, but something wrong in the fields hedgemark reads (a duplicate "text").
        serde_json::error::Category::Data => strip_position(e),
        _ => format!("not valid JSON: {} (column {})", strip_position(e), e.column()),
    }
}

/// serde_json's message without its " at line 1 column 7" (every line is line 1 to it).
fn strip_position(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// A field that should be a string, or what else it was (for the message).
enum Field<'a> {
    Str(Cow<'a, str>),
    Other(&'static str),
}

impl<'de: 'a, 'a> Deserialize<'de> for Field<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Field<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Field<'a>, E> {
                Ok(Field::Str(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Field<'a>, E> {
                Ok(Field::Str(Cow::Owned(v.to_string())))
            }
            fn visit_string<E>(self, v: String) -> Result<Field<'a>, E> {
                Ok(Field::Str(Cow::Owned(v)))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Field<'a>, E> {
                Ok(Field::Other("a boolean"))
            }
            fn visit_i64<E>(self, _: i64) -> Result<Field<'a>, E> {
                Ok(Field::Other("a number"))
            }
            fn visit_u64<E>(self, _: u64) -> Result<Field<'a>, E> {
                Ok(Field::Other("a number"))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Field<'a>, E> {
                Ok(Field::Other("a number"))
            }
            fn visit_unit<E>(self) -> Result<Field<'a>, E> {
                Ok(Field::Other("null"))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Field<'a>, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Field::Other("an array"))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Field<'a>, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Field::Other("an object"))
            }
        }
        deserializer.deserialize_any(V(std::marker::PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{BufReader, Read};

    /// Every line of `input` read with `limit` through a buffer of `capacity` bytes: (line, the
    /// bytes appended).
    fn lines(input: &[u8], limit: usize, capacity: usize) -> Vec<(Line, Vec<u8>)> {
        let mut reader = LineReader::with_limit(BufReader::with_capacity(capacity, input), limit);
        let mut out = Vec::new();
        let mut buf = Vec::new();
        while let Some(line) = reader.read_line(&mut buf).unwrap() {
            out.push((line, std::mem::take(&mut buf)));
        }
        out
    }

    #[test]
    fn reads_lines_with_numbers_offsets_and_breaks() {
        let got = lines(b"ab\n\r\n\ncd", 100, 1);
        let want = [(1, 0, 3, "ab\n"), (2, 3, 2, "\r\n"), (3, 5, 1, "\n"), (4, 6, 2, "cd")];
        assert_eq!(got.len(), want.len());
        for ((line, bytes), (number, offset, len, text)) in got.iter().zip(want) {
            assert_eq!((line.number, line.offset, line.len, line.too_long), (number, offset, len, false));
            assert_eq!(bytes, text.as_bytes());
        }
        assert!(lines(b"", 100, 8).is_empty());
    }

    #[test]
    fn a_line_over_the_limit_is_skipped_to_its_end_not_buffered() {
        for capacity in [1, 2, 3, 7, 64] {
            let got = lines(b"12345\n123456\n1234567890123\n12345", 5, capacity);
            let flags: Vec<_> = got.iter().map(|(l, b)| (l.too_long, l.len, b.len())).collect();
            // The limit does not count the line break: "12345\n" fits, "123456" does not.
            assert_eq!(flags, [(false, 6, 6), (true, 7, 0), (true, 14, 0), (false, 5, 5)], "{capacity}");
            assert_eq!(got[3].0.offset, 27);
        }
    }

    #[test]
    fn a_too_long_line_is_answered_by_an_error_object_and_the_next_line_is_read() {
        let corpus = format!("{}\n{{\"id\":\"b\",\"text\":\"Es soll so sein.\"}}\n", "x".repeat(50));
        let mut reader = LineReader::with_limit(corpus.as_bytes(), 40);
        let mut buf = Vec::new();
        let first = reader.read_line(&mut buf).unwrap().unwrap();
        let Outcome::Failed { message, json } = analyze_line(&buf, &first, &Options::default()) else {
            panic!("a too long line must fail")
        };
        assert!(message.starts_with("the line is too long: 51 bytes"), "{message}");
        assert!(json.starts_with(b"{\"id\":null,\"error\":\"the line is too long"));
        assert!(json.ends_with(b",\"line\":1}\n"));
        let second = reader.read_line(&mut buf).unwrap().unwrap();
        assert_eq!((second.number, second.offset), (2, 51));
        let Outcome::Done(json) = analyze_line(&buf, &second, &Options::default()) else {
            panic!("the next line is read whole")
        };
        assert!(json.starts_with(b"{\"id\":\"b\",\"schema\":\"hedgemark/1\""));
    }

    /// A reader that fails once after `ok` bytes with `kind`, then reads on.
    struct Flaky<'a> {
        data: &'a [u8],
        ok: usize,
        kind: Option<io::ErrorKind>,
    }

    impl Read for Flaky<'_> {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            if self.ok == 0 {
                if let Some(kind) = self.kind.take() {
                    return Err(io::Error::new(kind, "boom"));
                }
            }
            let n =
                out.len().min(self.data.len()).min(if self.kind.is_some() { self.ok } else { usize::MAX });
            out[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            self.ok = self.ok.saturating_sub(n);
            Ok(n)
        }
    }

    #[test]
    fn interrupted_reads_are_retried_and_other_errors_returned() {
        let data = b"one\ntwo\n";
        let flaky = Flaky { data, ok: 5, kind: Some(io::ErrorKind::Interrupted) };
        let mut reader = LineReader::new(BufReader::with_capacity(2, flaky));
        let mut buf = Vec::new();
        while reader.read_line(&mut buf).unwrap().is_some() {}
        assert_eq!(buf, data);

        let flaky = Flaky { data, ok: 5, kind: Some(io::ErrorKind::Other) };
        let mut reader = LineReader::new(BufReader::with_capacity(2, flaky));
        let mut buf = Vec::new();
        assert_eq!(reader.read_line(&mut buf).unwrap().unwrap().len, 4);
        assert!(reader.read_line(&mut buf).is_err());
        assert_eq!(buf, b"one\n", "the part of a line read before the error is dropped");
    }
}
