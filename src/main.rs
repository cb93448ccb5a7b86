//! The `hedgemark` command line (minimal first version; see issue 1/5 for the full one).

use std::io::{BufRead, Write};

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "hedgemark", version, about = "Finds hedged claims and their sources in news text")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse a text (or a JSONL corpus) and print hedgemark/1 JSON.
    Analyze {
        /// auto, de or en
        #[arg(long, default_value = "auto")]
        lang: String,
        /// Read one JSON object a line ({"id", "text", "language"?}) and write one result a line.
        #[arg(long)]
        jsonl: bool,
        /// The input file, or - for standard input.
        file: Option<String>,
    },
}

#[derive(serde::Serialize)]
struct WithId<'a> {
    id: &'a serde_json::Value,
    #[serde(flatten)]
    doc: hedgemark::Document<'a>,
}

fn main() {
    let Command::Analyze { lang, jsonl, file } = Cli::parse().command;
    let options = hedgemark::Options::from_code(&lang).unwrap_or_else(|e| {
        eprintln!("hedgemark: {e}");
        std::process::exit(2)
    });
    let input: Box<dyn BufRead> = match file.as_deref() {
        None | Some("-") => Box::new(std::io::BufReader::new(std::io::stdin())),
        Some(p) => Box::new(std::io::BufReader::new(std::fs::File::open(p).unwrap())),
    };
    let mut out = std::io::BufWriter::new(std::io::stdout());
    if jsonl {
        for line in input.lines() {
            let line = line.unwrap();
            if line.trim().is_empty() {
                continue;
            }
            let v: serde_json::Value = serde_json::from_str(&line).unwrap();
            let text = v["text"].as_str().unwrap_or("");
            let mut o = options.clone();
            if let Some(l) = v.get("language").and_then(|l| l.as_str()) {
                o = hedgemark::Options::from_code(l).unwrap_or(o);
            }
            let a = hedgemark::analyze(text, &o);
            serde_json::to_writer(&mut out, &WithId { id: &v["id"], doc: a.document(text) }).unwrap();
            writeln!(out).unwrap();
        }
    } else {
        let text = std::io::read_to_string(input).unwrap();
        let a = hedgemark::analyze(&text, &options);
        serde_json::to_writer_pretty(&mut out, &a.document(&text)).unwrap();
        writeln!(out).unwrap();
    }
}
