//! The `hedgemark` command line: one text to `hedgemark/1` JSON or an HTML report, or a JSON
//! Lines corpus to one result a line, streamed in bounded batches over all cores.

use std::collections::BTreeMap;
use std::fmt;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, IsTerminal, Read, Write};
use std::ops::Range;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{channel, sync_channel, Receiver, SyncSender, TryRecvError};
use std::thread;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use hedgemark::jsonl::{analyze_line, bad_byte, latin1_hint, Line, LineReader, Outcome};
use hedgemark::{html_report, try_analyze, Language, Options};
use rayon::prelude::*;

/// A JSONL batch is cut after this many lines …
const BATCH_LINES: usize = 1024;
/// … or once it holds this many bytes of input, whichever comes first.
const BATCH_BYTES: usize = 4 << 20;
/// Bad JSONL lines reported one by one; the rest are only counted.
const MAX_REPORTED: u64 = 50;

const ABOUT: &str = "Finds hedged claims and their sources in German and English news text.";

const LONG_ABOUT: &str = "\
Finds hedged claims and their sources in German and English news text: the words by which a \
writer does not vouch for a claim (\"soll … erhalten haben\", \"angeblich\", \"könnte\", \
\"reportedly\", \"may\") and who a claim comes from.

Results are hedgemark/1 JSON. Offsets are UTF-16 code units, as JavaScript's String.slice takes \
them, and every span also carries its exact text.";

const ANALYZE_ABOUT: &str = "Analyse one text, or a corpus with one JSON object a line";

const ANALYZE_LONG_ABOUT: &str = "\
Analyse one text, or a corpus with one JSON object a line.

One text: FILE (UTF-8), or standard input when FILE is - or missing. The output is one \
hedgemark/1 JSON object: the language, the sentences, the hedges (each with its category, the \
rule that fired and a note saying why it hedges the claim), sources, attributions and counts. \
Offsets are UTF-16 code units (what JavaScript's String.slice takes); every span also carries \
its exact text.

A corpus (--jsonl): every input line is a JSON object {\"id\": …, \"text\": \"…\", \
\"language\": \"de\"}. \"language\" is optional and overrides --lang for that line (\"auto\" is \
allowed); other fields are ignored; blank lines are skipped. Every output line is the compact \
hedgemark/1 result of one input line, with the same \"id\" first (null if the line has none), in \
input order. The input is streamed in batches over all cores, so a corpus of any size runs in \
constant memory, and every result is written out as soon as it and all lines before it are \
done, so a run that is stopped has written every line it finished in order. A line that cannot \
be read (not JSON, no string \"text\", unknown language, a text over 64 MiB, a line over 128 \
MiB, which is skipped without being held in memory) is reported on \
standard error with its line number, and an error object takes its place in the \
output, {\"id\": …, \"error\": \"…\", \"line\": N} (id null if it could not be read); the other \
lines are still analysed, and the exit status is 2.

--format html writes a standalone web page instead (one text only): the text with the hedges \
highlighted, the counts, a legend and the hedges by category. It has no scripts and makes no \
requests, so it can be mailed or archived as it is.

Exit status: 0 on success; 2 on bad input (missing or unreadable file, text that is not UTF-8 or over 64 MiB, a \
bad JSONL line, an unknown language, bad options); 1 when the output cannot be written.";

const ANALYZE_EXAMPLES: &str = "\
Examples:
  hedgemark analyze article.txt > article.json
  hedgemark analyze --lang de --compact article.txt
  curl -s https://example.org/article.txt | hedgemark analyze -
  hedgemark analyze --format html article.txt > article.html
  hedgemark analyze --jsonl corpus.jsonl > results.jsonl
  hedgemark analyze --jsonl --lang en --threads 4 corpus.jsonl | head";

#[derive(Parser)]
#[command(name = "hedgemark", version, about = ABOUT, long_about = LONG_ABOUT)]
#[command(propagate_version = true, arg_required_else_help = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    #[command(about = ANALYZE_ABOUT, long_about = ANALYZE_LONG_ABOUT, after_help = ANALYZE_EXAMPLES)]
    Analyze(AnalyzeArgs),
}

#[derive(clap::Args)]
struct AnalyzeArgs {
    /// The language of the text: auto (detect it from each text), de or en. With --jsonl, a
    /// line's own "language" wins.
    #[arg(long, value_name = "LANG", default_value = "auto", value_parser = parse_lang)]
    lang: Lang,

    /// Read JSON Lines ({"id", "text", "language"?} a line) and write one compact result a line,
    /// with the same "id", in input order.
    #[arg(long)]
    jsonl: bool,

    /// What to write.
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = Format::Json)]
    format: Format,

    /// Write the JSON on one line instead of indented (--jsonl always does).
    #[arg(long)]
    compact: bool,

    /// Worker threads for --jsonl; 0 means one per core.
    #[arg(long, value_name = "N", default_value_t = 0)]
    threads: usize,

    /// The text (or with --jsonl the corpus) to read; - or nothing reads standard input.
    #[arg(value_name = "FILE")]
    file: Option<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// hedgemark/1 JSON.
    Json,
    /// A standalone HTML page with the hedges highlighted.
    Html,
}

/// The `--lang` value: a fixed language, or `None` to detect it.
#[derive(Clone, Copy)]
struct Lang(Option<Language>);

fn parse_lang(code: &str) -> Result<Lang, hedgemark::Error> {
    Options::from_code(code).map(|o| Lang(o.language))
}

/// Why the command failed.
enum Failure {
    /// Bad input or options (exit status 2).
    Input(String),
    /// The output could not be written (exit status 1; a closed pipe is no failure).
    Output(io::Error),
}

impl Failure {
    fn exit_code(self) -> ExitCode {
        match self {
            Failure::Input(msg) => {
                warn(format_args!("{msg}"));
                ExitCode::from(2)
            }
            Failure::Output(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
            Failure::Output(e) => {
                warn(format_args!("cannot write the output: {e}"));
                ExitCode::from(1)
            }
        }
    }
}

/// Prints `hedgemark: message` on standard error, ignoring a closed stderr.
fn warn(msg: fmt::Arguments<'_>) {
    let _ = writeln!(io::stderr().lock(), "hedgemark: {msg}");
}

fn main() -> ExitCode {
    let Command::Analyze(args) = Cli::parse().command;
    if args.jsonl && args.format == Format::Html {
        Cli::command()
            .error(
                clap::error::ErrorKind::ArgumentConflict,
                "--format html renders one text; it cannot be combined with --jsonl",
            )
            .exit();
    }
    let options = Options::with_language(args.lang.0);
    let input = Input::new(args.file.as_ref());
    if matches!(input, Input::Stdin) && io::stdin().is_terminal() {
        warn(format_args!(
            "reading standard input from the terminal; end it with Ctrl-D (or give a FILE, see --help)"
        ));
    }
    let result = if args.jsonl {
        if args.threads > 0 {
            // Fails only if a pool exists already, which it cannot here.
            let _ = rayon::ThreadPoolBuilder::new().num_threads(args.threads).build_global();
        }
        run_jsonl(input, options)
    } else {
        run_single(&input, &options, args.format, args.compact)
    };
    match result {
        Ok(code) => code,
        Err(failure) => failure.exit_code(),
    }
}

/// Where the input comes from.
#[derive(Clone)]
enum Input {
    Stdin,
    File(PathBuf),
}

impl Input {
    fn new(file: Option<&PathBuf>) -> Input {
        match file {
            Some(p) if p.as_os_str() != "-" => Input::File(p.clone()),
            _ => Input::Stdin,
        }
    }

    fn open(&self) -> Result<Box<dyn Read + Send>, Failure> {
        match self {
            Input::Stdin => Ok(Box::new(io::stdin())),
            Input::File(p) => match File::open(p) {
                Ok(f) => Ok(Box::new(f)),
                Err(e) => Err(Failure::Input(format!("cannot open {self}: {}", io_message(&e)))),
            },
        }
    }

    /// The size of a regular file, if known.
    fn size(&self) -> Option<u64> {
        match self {
            Input::Stdin => None,
            Input::File(p) => std::fs::metadata(p).ok().filter(|m| m.is_file()).map(|m| m.len()),
        }
    }
}

impl fmt::Display for Input {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Input::Stdin => f.write_str("standard input"),
            Input::File(p) => write!(f, "{}", p.display()),
        }
    }
}

/// An I/O error without the `(os error N)` suffix.
fn io_message(e: &io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

// ---------------------------------------------------------------------------------------------
// One text

fn run_single(input: &Input, options: &Options, format: Format, compact: bool) -> Result<ExitCode, Failure> {
    let mut bytes = Vec::new();
    // One byte past the limit is enough to know the text is too long.
    input
        .open()?
        .take(hedgemark::MAX_TEXT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Failure::Input(format!("cannot read {input}: {}", io_message(&e))))?;
    if bytes.len() > hedgemark::MAX_TEXT_BYTES {
        let max = hedgemark::MAX_TEXT_BYTES;
        let size = input.size().map_or_else(|| format!("over {max} bytes"), |n| format!("{n} bytes"));
        return Err(Failure::Input(format!(
            "{input} is too long: {size}, and one analysis takes at most {max} bytes ({} MiB); \
             split it, or give its paragraphs as --jsonl lines",
            hedgemark::MAX_TEXT_BYTES >> 20
        )));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        Failure::Input(format!("{input} is not UTF-8 text: {}", utf8_problem(bytes, e.utf8_error())))
    })?;
    let analysis = try_analyze(&text, options).map_err(|e| Failure::Input(format!("{input}: {e}")))?;
    let mut out = BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let written = match format {
        Format::Html => out.write_all(html_report(&analysis, &text).as_bytes()),
        Format::Json if compact => {
            serde_json::to_writer(&mut out, &analysis.document(&text)).map_err(io::Error::from)
        }
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &analysis.document(&text)).map_err(io::Error::from)
        }
    };
    written.and_then(|()| out.write_all(b"\n")).and_then(|()| out.flush()).map_err(Failure::Output)?;
    Ok(ExitCode::SUCCESS)
}

/// Where and what the first bad byte of a text is: "invalid byte 0xFC at byte offset 1234
/// (line 7, column 12)".
fn utf8_problem(bytes: &[u8], error: std::str::Utf8Error) -> String {
    let at = error.valid_up_to();
    let before = &bytes[..at];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    // The prefix is valid UTF-8, so the column can count characters.
    let column = std::str::from_utf8(&before[line_start..]).map_or(0, |s| s.chars().count()) + 1;
    format!(
        "{} at byte offset {at} (line {line}, column {column}){}",
        bad_byte(bytes, error),
        latin1_hint(bytes, error)
    )
}

// ---------------------------------------------------------------------------------------------
// JSON Lines
//
// Three stages joined by channels of capacity 1, so at most a handful of batches exist at once:
// a reader thread cuts the input into batches of whole lines (at most BATCH_LINES lines or
// BATCH_BYTES bytes), the main thread analyses each batch in parallel on the rayon pool, each
// line's result going to the writer thread as soon as it is finished, and the writer puts them
// back in input order, writing every line as soon as all lines before it are written and flushing
// whenever it has to wait: an interrupted run has written every line that was finished in order.

/// Consecutive input lines, in one buffer.
struct Batch {
    buf: Vec<u8>,
    /// Each line, and where it is in `buf` (with its line break; empty if it was too long).
    lines: Vec<(Line, Range<usize>)>,
}

fn run_jsonl(input: Input, options: Options) -> Result<ExitCode, Failure> {
    let reader_input = input.open()?;
    let (batch_tx, batch_rx) = sync_channel::<Result<Batch, Failure>>(1);
    // Unbounded, but never holds more than one batch: the next batch starts when this one is done.
    let (result_tx, result_rx) = channel::<(u64, Outcome)>();
    // The reader is not joined: after a closed pipe it may sit in a read that never returns.
    let name = input.to_string();
    thread::spawn(move || read_batches(reader_input, &name, batch_tx));
    let name = input.to_string();
    let writer = thread::spawn(move || write_results(result_rx, &name));

    let mut failure = None;
    let mut lines = 0u64;
    let writer_gone = AtomicBool::new(false);
    for batch in batch_rx {
        let batch = match batch {
            Ok(b) => b,
            Err(f) => {
                failure = Some(f);
                break;
            }
        };
        lines += batch.lines.len() as u64;
        batch.lines.par_iter().for_each_with(result_tx.clone(), |tx, (line, range)| {
            if writer_gone.load(Ordering::Relaxed) {
                return;
            }
            let result = analyze_line(&batch.buf[range.clone()], line, &options);
            if tx.send((line.number, result)).is_err() {
                writer_gone.store(true, Ordering::Relaxed);
            }
        });
        if writer_gone.load(Ordering::Relaxed) {
            break; // the writer stopped: its error says why
        }
    }
    drop(result_tx);
    let (written, bad) = writer.join().expect("the writer thread does not panic");
    if bad > MAX_REPORTED {
        warn(format_args!("… and {} more bad lines", bad - MAX_REPORTED));
    }
    if bad > 0 {
        warn(format_args!("{bad} of {lines} lines of {input} could not be analysed"));
    }
    match written {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {} // the reader had enough: stop quietly
        Err(e) => return Err(Failure::Output(e)),
        Ok(()) => {}
    }
    match failure {
        Some(f) => Err(f),
        None if bad > 0 => Ok(ExitCode::from(2)),
        None => Ok(ExitCode::SUCCESS),
    }
}

fn read_batches(input: Box<dyn Read + Send>, name: &str, tx: SyncSender<Result<Batch, Failure>>) {
    let mut input = LineReader::new(BufReader::with_capacity(1 << 20, input));
    let mut number = 0;
    loop {
        let mut batch = Batch { buf: Vec::with_capacity(BATCH_BYTES + (64 << 10)), lines: Vec::new() };
        let mut end = false;
        while batch.lines.len() < BATCH_LINES && batch.buf.len() < BATCH_BYTES {
            let start = batch.buf.len();
            match input.read_line(&mut batch.buf) {
                Ok(None) => {
                    end = true;
                    break;
                }
                Ok(Some(line)) => {
                    number = line.number;
                    batch.lines.push((line, start..batch.buf.len()));
                    if input.get_ref().buffer().is_empty() {
                        // The next read may wait (a pipe fed line by line): analyse what is here.
                        break;
                    }
                }
                Err(e) => {
                    let msg = format!("cannot read {name} after line {number}: {}", io_message(&e));
                    let _ = tx.send(Err(Failure::Input(msg)));
                    return;
                }
            }
        }
        if !batch.lines.is_empty() && tx.send(Ok(batch)).is_err() {
            return;
        }
        if end {
            return;
        }
    }
}

/// Writes the results in input order (line numbers count from 1 without gaps), each as soon as
/// every line before it is written; flushes whenever the next line is not finished yet.
fn write_results(rx: Receiver<(u64, Outcome)>, name: &str) -> (io::Result<()>, u64) {
    let mut out = BufWriter::with_capacity(1 << 20, io::stdout().lock());
    let mut bad = 0u64;
    let mut waiting: BTreeMap<u64, Outcome> = BTreeMap::new();
    let mut next = 1u64;
    loop {
        let (number, result) = match rx.try_recv() {
            Ok(r) => r,
            Err(TryRecvError::Disconnected) => break,
            Err(TryRecvError::Empty) => {
                if let Err(e) = out.flush() {
                    return (Err(e), bad);
                }
                match rx.recv() {
                    Ok(r) => r,
                    Err(_) => break,
                }
            }
        };
        waiting.insert(number, result);
        while let Some(result) = waiting.remove(&next) {
            let line = next;
            next += 1;
            let written = match result {
                Outcome::Done(json) => out.write_all(&json),
                Outcome::Failed { message: msg, json } => {
                    bad += 1;
                    let report = bad <= MAX_REPORTED;
                    // Keep stdout and stderr in step for someone watching both.
                    let written =
                        out.write_all(&json).and_then(|()| if report { out.flush() } else { Ok(()) });
                    if written.is_ok() && report {
                        warn(format_args!("{name} line {line}: {msg}"));
                    }
                    written
                }
                Outcome::Blank => Ok(()),
            };
            if let Err(e) = written {
                return (Err(e), bad);
            }
        }
    }
    (out.flush(), bad)
}
