//! Runs the `hedgemark` binary as a user would: one text from a file or standard input, JSON
//! Lines corpora, the HTML report, and every kind of bad input (exit status 2, a message that
//! says where, never a panic).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use hedgemark::{analyze, Options};
use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_hedgemark");

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/cli").join(name)
}

fn read(name: &str) -> String {
    std::fs::read_to_string(data(name)).unwrap()
}

/// A file under the target directory's scratch space, unique to the test.
fn temp_file(name: &str, contents: &[u8]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{}-{name}", std::process::id()));
    std::fs::write(&path, contents).unwrap();
    path
}

/// Starts `hedgemark args…` with its standard streams piped.
fn spawn(args: &[&str]) -> std::process::Child {
    Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Runs `hedgemark args…` with `stdin` as standard input.
fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = spawn(args);
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.to_vec();
    // Write from another thread so a large input cannot deadlock against a full stdout pipe.
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&stdin);
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "hedgemark panicked: {stderr}");
    output
}

fn stdout(o: &Output) -> &str {
    std::str::from_utf8(&o.stdout).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn ok(o: &Output) -> &str {
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(o));
    stdout(o)
}

/// What the library says about `text`, as JSON.
fn expected(text: &str, language: Option<&str>) -> Value {
    let options = Options::from_code(language.unwrap_or("auto")).unwrap();
    let analysis = analyze(text, &options);
    serde_json::to_value(analysis.document(text)).unwrap()
}

#[test]
fn german_file_gives_the_library_result() {
    let text = read("de.txt");
    let out = run(&["analyze", data("de.txt").to_str().unwrap()], b"");
    let got: Value = serde_json::from_str(ok(&out)).unwrap();
    assert_eq!(got, expected(&text, None));
    assert_eq!(got["schema"], "hedgemark/1");
    assert_eq!(got["language"], "de");
    assert!(!got["hedges"].as_array().unwrap().is_empty());
    assert!(stdout(&out).starts_with("{\n"), "pretty by default");
}

#[test]
fn english_file_gives_the_library_result() {
    let text = read("en.txt");
    let out = run(&["analyze", "--compact", data("en.txt").to_str().unwrap()], b"");
    let body = ok(&out);
    assert_eq!(body.trim_end().lines().count(), 1, "--compact writes one line");
    let got: Value = serde_json::from_str(body).unwrap();
    assert_eq!(got, expected(&text, None));
    assert_eq!(got["language"], "en");
    assert!(!got["hedges"].as_array().unwrap().is_empty());
}

#[test]
fn standard_input_with_and_without_dash() {
    let text = read("de.txt");
    for args in [&["analyze"][..], &["analyze", "-"]] {
        let out = run(args, text.as_bytes());
        let got: Value = serde_json::from_str(ok(&out)).unwrap();
        assert_eq!(got, expected(&text, None), "{args:?}");
    }
}

#[test]
fn lang_option_fixes_or_detects_the_language() {
    let text = read("en.txt");
    for (lang, want) in [("auto", "en"), ("de", "de"), ("en", "en"), ("DE", "de")] {
        let out = run(&["analyze", "--lang", lang, "-"], text.as_bytes());
        let got: Value = serde_json::from_str(ok(&out)).unwrap();
        assert_eq!(got["language"], want, "--lang {lang}");
        assert_eq!(got, expected(&text, Some(lang)), "--lang {lang}");
    }
}

#[test]
fn unknown_language_is_refused() {
    let out = run(&["analyze", "--lang", "fr", "-"], b"Bonjour.");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    assert!(err.contains("\"fr\"") && err.contains("auto"), "{err}");
}

#[test]
fn empty_input_is_an_empty_analysis() {
    let out = run(&["analyze", "-"], b"");
    let got: Value = serde_json::from_str(ok(&out)).unwrap();
    assert_eq!(got, expected("", None));
    assert_eq!(got["hedges"], json!([]));
    assert_eq!(got["stats"]["sentences"], 0);

    let out = run(&["analyze", "--jsonl", "-"], b"");
    assert_eq!(ok(&out), "");
    let out = run(&["analyze", "--jsonl", "-"], b"\n  \n\r\n");
    assert_eq!(ok(&out), "");
}

#[test]
fn missing_file_is_a_clear_error() {
    let path = data("no-such-file.txt");
    for jsonl in [false, true] {
        let mut args = vec!["analyze", path.to_str().unwrap()];
        if jsonl {
            args.insert(1, "--jsonl");
        }
        let out = run(&args, b"");
        assert_eq!(out.status.code(), Some(2));
        let err = stderr(&out);
        assert!(err.contains("no-such-file.txt") && err.contains("cannot open"), "{err}");
    }
}

#[test]
fn non_utf8_file_names_the_byte_offset_and_line() {
    // "Grüße" in Latin-1: ü is the byte 0xFC at offset 15.
    let path = temp_file("latin1.txt", b"Erste Zeile.\nGr\xfc\xdfe aus Bonn.\n");
    let out = run(&["analyze", path.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    assert!(err.contains("not UTF-8"), "{err}");
    assert!(err.contains("0xFC"), "{err}");
    assert!(err.contains("byte offset 15"), "{err}");
    assert!(err.contains("line 2, column 3"), "{err}");

    let out = run(&["analyze", "-"], b"ok \xff");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("standard input") && stderr(&out).contains("byte offset 3"));
}

/// A corpus line: German and English texts of different lengths, ids alternately strings and
/// numbers.
fn corpus_line(i: usize) -> (Value, String, &'static str) {
    let id = if i % 2 == 0 { json!(format!("doc-{i}")) } else { json!(i) };
    let (text, lang) = match i % 4 {
        0 => (format!("Der Stadtrat soll {i} Anträge abgelehnt haben. Die Sitzung dauerte lange."), "de"),
        1 => (format!("The council reportedly rejected {i} requests. The meeting ran late."), "en"),
        2 => (format!("Im Haushalt fehlen {i} Euro.\nDie Prüfer sollen das übersehen haben."), "de"),
        _ => (
            format!("Nobody knows why. {} items were lost.", "More than ".repeat(i % 7) + &i.to_string()),
            "en",
        ),
    };
    (id, text, lang)
}

#[test]
fn jsonl_keeps_order_and_ids_over_many_lines() {
    let n = 2000;
    let mut input = String::new();
    let mut want = Vec::new();
    for i in 0..n {
        let (id, text, _) = corpus_line(i);
        let line = json!({"id": id, "origin": {"ignored": [1, 2]}, "text": text});
        input.push_str(&line.to_string());
        input.push('\n');
        want.push((id, text));
    }
    let path = temp_file("many.jsonl", input.as_bytes());
    let out = run(&["analyze", "--jsonl", path.to_str().unwrap()], b"");
    let body = ok(&out);
    let lines: Vec<&str> = body.lines().collect();
    assert_eq!(lines.len(), n);
    for (line, (id, text)) in lines.iter().zip(&want) {
        assert!(line.starts_with("{\"id\":"), "the id comes first: {line}");
        assert!(line.contains(",\"schema\":\"hedgemark/1\","));
        let mut got: Value = serde_json::from_str(line).unwrap();
        assert_eq!(&got["id"], id);
        got.as_object_mut().unwrap().remove("id");
        assert_eq!(got, expected(text, None), "id {id}");
    }
}

#[test]
fn jsonl_line_language_overrides_lang() {
    let text = read("en.txt");
    let input = [
        json!({"id": 1, "text": text}),
        json!({"id": 2, "text": text, "language": "en"}),
        json!({"id": 3, "text": text, "language": "auto"}),
        json!({"id": 4, "text": text, "language": null}),
    ]
    .map(|v| v.to_string())
    .join("\n");
    let out = run(&["analyze", "--jsonl", "--lang", "de"], input.as_bytes());
    let langs: Vec<Value> =
        ok(&out).lines().map(|l| serde_json::from_str::<Value>(l).unwrap()["language"].clone()).collect();
    assert_eq!(langs, [json!("de"), json!("en"), json!("en"), json!("de")]);
}

#[test]
fn jsonl_writes_each_finished_line_before_the_input_ends() {
    // A pipe fed line by line and left open: every line given so far comes back, in order, while
    // hedgemark still waits for more (so a run stopped at any time has written what it finished).
    let mut child = spawn(&["analyze", "--jsonl", "-"]);
    let mut input = child.stdin.take().unwrap();
    let out = std::io::BufReader::new(child.stdout.take().unwrap());
    let (tx, rx) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in std::io::BufRead::lines(out) {
            let v: Value = serde_json::from_str(&line.unwrap()).unwrap();
            tx.send(v).unwrap();
        }
    });
    let wait = std::time::Duration::from_secs(30);
    for round in 0..3 {
        let ids = [round * 2, round * 2 + 1];
        let lines: String = ids
            .iter()
            .map(|id| format!("{}\n", json!({"id": id, "text": "The mayor reportedly resigned."})))
            .collect();
        input.write_all(lines.as_bytes()).unwrap();
        input.flush().unwrap();
        for id in ids {
            let got =
                rx.recv_timeout(wait).expect("a finished line is written while the input is still open");
            assert_eq!(got["id"], json!(id));
            assert_eq!(got["hedges"][0]["text"], json!("reportedly"));
        }
    }
    drop(input);
    assert!(child.wait().unwrap().success());
    reader.join().unwrap();
    assert!(rx.try_recv().is_err());
}

#[test]
fn jsonl_bad_lines_get_an_error_object_and_the_rest_go_on() {
    let good = |id: u32| json!({"id": id, "text": "The mayor reportedly resigned."}).to_string();
    let lines = [
        good(1),
        "{\"id\": 2, \"text\": \"unterminated".to_string(),
        good(3),
        json!({"id": 4, "title": "no text"}).to_string(),
        json!({"id": 5, "text": 42}).to_string(),
        String::new(),
        json!({"id": 7, "text": "Bonjour.", "language": "fr"}).to_string(),
        "[1, 2]".to_string(),
        good(9),
    ];
    let out = run(&["analyze", "--jsonl", "-"], lines.join("\n").as_bytes());
    assert_eq!(out.status.code(), Some(2));
    let results: Vec<Value> =
        stdout(&out).lines().map(|l| serde_json::from_str::<Value>(l).unwrap()).collect();
    let ids: Vec<Value> = results.iter().map(|r| r["id"].clone()).collect();
    // Every line but the blank one, in input order; a bad line's id where it could be read.
    assert_eq!(ids, [json!(1), json!(null), json!(3), json!(4), json!(5), json!(7), json!(null), json!(9)]);
    let errors: Vec<(u64, &str)> = results
        .iter()
        .filter(|r| r.get("error").is_some())
        .map(|r| (r["line"].as_u64().unwrap(), r["error"].as_str().unwrap()))
        .collect();
    assert_eq!(errors.iter().map(|e| e.0).collect::<Vec<_>>(), [2, 4, 5, 7, 8]);
    assert!(errors.iter().all(|(_, e)| !e.is_empty()));
    assert!(errors[1].1.contains("no \"text\""), "{errors:?}");
    for r in results.iter().filter(|r| r.get("error").is_none()) {
        assert!(r["hedges"].is_array(), "{r}");
    }
    let err = stderr(&out);
    for (line, what) in [
        (2, "not valid JSON"),
        (4, "no \"text\""),
        (5, "\"text\" is a number"),
        (7, "unknown language \"fr\""),
        (8, "found an array"),
    ] {
        let msg = err.lines().find(|l| l.contains(&format!("line {line}:"))).unwrap_or_else(|| {
            panic!("no message for line {line}: {err}");
        });
        assert!(msg.contains(what), "line {line}: {msg}");
    }
    assert!(!err.contains("line 6:"), "a blank line is no error: {err}");
    assert!(err.contains("5 of 9 lines"), "{err}");
}

#[test]
fn jsonl_line_that_is_not_utf8_names_line_and_offset() {
    let mut input = Vec::new();
    input.extend_from_slice(b"{\"id\":\"a\",\"text\":\"Fine.\"}\n");
    input.extend_from_slice(b"{\"id\":\"b\",\"text\":\"Gr\xfc\xdfe\"}\n");
    input.extend_from_slice(b"{\"id\":\"c\",\"text\":\"Also fine.\"}\n");
    let out = run(&["analyze", "--jsonl"], &input);
    assert_eq!(out.status.code(), Some(2));
    let lines: Vec<Value> = stdout(&out).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 3);
    assert_eq!((lines[0]["id"].clone(), lines[2]["id"].clone()), (json!("a"), json!("c")));
    assert_eq!(lines[1]["line"], json!(2));
    assert!(lines[1]["error"].as_str().unwrap().contains("not UTF-8"), "{}", lines[1]);
    let err = stderr(&out);
    assert!(err.contains("line 2:") && err.contains("not UTF-8"), "{err}");
    assert!(err.contains("byte offset 46"), "{err}"); // 26 bytes of line 1, 20 of line 2
}

#[test]
fn html_report_escapes_the_text() {
    let text =
        "Der Minister soll davon gewusst haben. <script>alert(1)</script> & \"mehr\".\n\nZweiter Absatz.";
    let path = temp_file("report.txt", text.as_bytes());
    let out = run(&["analyze", "--format", "html", path.to_str().unwrap()], b"");
    let html = ok(&out);
    assert!(html.starts_with("<!doctype html>"));
    assert!(!html.to_lowercase().contains("<script"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&amp; &quot;mehr"), "{html}");
    assert!(html.contains(".\n\nZweiter Absatz."), "paragraphs are kept");
    assert!(html.contains("<mark id=\"hedge-0\" data-kind=\"hedge\" data-category=\"reportative\""));
    assert!(!html.contains("http://") && !html.contains("https://") && !html.contains("src="));
    let analysis = analyze(text, &Options::default());
    assert_eq!(html.trim_end(), hedgemark::html_report(&analysis, text).trim_end());
}

#[test]
fn html_with_jsonl_is_refused() {
    let out = run(&["analyze", "--jsonl", "--format", "html", "-"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--format html"));
}

#[test]
fn help_and_version() {
    let out = run(&["--version"], b"");
    assert_eq!(ok(&out).trim(), format!("hedgemark {}", env!("CARGO_PKG_VERSION")));
    let out = run(&["analyze", "--help"], b"");
    let help = ok(&out);
    for word in ["--jsonl", "--lang", "--format", "UTF-16", "Exit status", "Examples"] {
        assert!(help.contains(word), "{word} missing from --help");
    }
    let out = run(&[], b"");
    assert_eq!(out.status.code(), Some(2), "no command: usage");
    assert!(stderr(&out).contains("analyze"));
}

#[test]
fn closed_pipe_ends_quietly() {
    let mut input = String::new();
    for i in 0..30_000 {
        input.push_str(&json!({"id": i, "text": corpus_line(i).1}).to_string());
        input.push('\n');
    }
    let path = temp_file("pipe.jsonl", input.as_bytes());
    let mut child = Command::new(BIN)
        .args(["analyze", "--jsonl", path.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 100];
    child.stdout.as_mut().unwrap().read_exact(&mut first).unwrap();
    assert!(first.starts_with(b"{\"id\":0,"));
    drop(child.stdout.take()); // like `| head -c 100`
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    let status = child.wait().unwrap();
    assert!(err.is_empty(), "{err}");
    assert_eq!(status.code(), Some(0));
}

#[test]
fn a_text_over_the_limit_is_refused_with_a_message() {
    let max = hedgemark::MAX_TEXT_BYTES;
    let mut huge = "Es soll geregnet haben. ".repeat(max / 24 + 1).into_bytes();
    huge.truncate(max + 1);
    let path = temp_file("huge.txt", &huge);
    let out = run(&["analyze", path.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    assert!(err.contains(&format!("is too long: {} bytes", max + 1)) && err.contains("64 MiB"), "{err}");
    let out = run(&["analyze", "-"], &huge);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(&format!("standard input is too long: over {max} bytes")),
        "{}",
        stderr(&out)
    );
    std::fs::remove_file(path).unwrap();

    // In a corpus, only that line fails.
    let text = String::from_utf8(huge).unwrap();
    let lines = format!(
        "{}\n{}\n",
        json!({"id": "big", "text": text}),
        json!({"id": "small", "text": "Es soll geregnet haben."})
    );
    let out = run(&["analyze", "--jsonl", "-"], lines.as_bytes());
    assert_eq!(out.status.code(), Some(2));
    let results: Vec<Value> = stdout(&out).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(results[0]["id"], json!("big"));
    assert!(results[0]["error"].as_str().unwrap().starts_with("the text is too long: 67,108,865 bytes"));
    assert_eq!(results[1]["hedges"][0]["text"], json!("soll"));
}

#[test]
fn jsonl_line_over_the_line_limit_is_skipped_and_answered_by_an_error() {
    let max = hedgemark::jsonl::MAX_LINE_BYTES;
    let mut input = vec![b'x'; max + 1];
    input.extend_from_slice(b"\n");
    input.extend_from_slice(json!({"id": "next", "text": "Es soll geregnet haben."}).to_string().as_bytes());
    let out = run(&["analyze", "--jsonl", "-"], &input);
    assert_eq!(out.status.code(), Some(2));
    let results: Vec<Value> = stdout(&out).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(results.len(), 2);
    assert_eq!(results[0]["id"], Value::Null);
    assert_eq!(results[0]["line"], json!(1));
    let error = results[0]["error"].as_str().unwrap();
    assert!(
        error.starts_with(&format!("the line is too long: {} bytes", max + 2)) && error.contains("128 MiB"),
        "{error}"
    );
    assert_eq!(results[1]["id"], json!("next"));
    assert_eq!(results[1]["hedges"][0]["text"], json!("soll"));
    assert!(stderr(&out).contains("line 1: the line is too long"), "{}", stderr(&out));
}

#[test]
fn jsonl_ids_are_written_back_exactly_as_given() {
    // serde_json's numbers would lose digits (an f64) or round (the last place of a float).
    let ids =
        ["12345678901234567890123", "4.5000000000000005e300", "-0.0", "\"\\u00e4\\n\"", "[1,{\"a\":null}]"];
    let input: String =
        ids.iter().map(|id| format!("{{\"id\":{id},\"text\":\"Es soll so sein.\"}}\n")).collect();
    let out = run(&["analyze", "--jsonl", "-"], input.as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let lines: Vec<&str> = std::str::from_utf8(&out.stdout).unwrap().lines().collect();
    assert_eq!(lines.len(), ids.len());
    for (line, id) in lines.iter().zip(ids) {
        assert!(line.starts_with(&format!("{{\"id\":{id},\"schema\":\"hedgemark/1\"")), "{line}");
    }
}
