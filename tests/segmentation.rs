//! Table tests for sentence segmentation and language detection: every case in
//! `tests/data/segmentation/<lang>.toml` gives a text and the exact sentences
//! `hedgemark::text::sentence::split` must return (trimmed texts, in order), and every `detect`
//! entry a text and the language `hedgemark::text::language::detect` must find. All failures
//! are reported together.

use std::fs;
use std::path::Path;

use hedgemark::text::{language, sentence};
use hedgemark::Language;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseFile {
    #[serde(default)]
    case: Vec<Case>,
    #[serde(default)]
    detect: Vec<Detect>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    text: String,
    sentences: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Detect {
    name: String,
    text: String,
    language: String,
}

fn load(code: &str) -> CaseFile {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/data/segmentation/{code}.toml"));
    let data = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    toml::from_str(&data).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn run_cases(code: &str) {
    let language = Language::from_code(code).unwrap();
    let file = load(code);
    assert!(file.case.len() >= 30, "{code}: only {} cases", file.case.len());
    let mut failures = Vec::new();
    let mut names = std::collections::HashSet::new();
    for case in &file.case {
        assert!(names.insert(case.name.as_str()), "{code}: duplicate case name {:?}", case.name);
        let got: Vec<&str> =
            sentence::split(&case.text, language).iter().map(|s| s.slice(&case.text)).collect();
        if got != case.sentences {
            failures.push(format!(
                "{code} / {}\n  text:     {:?}\n  expected: {:#?}\n  got:      {:#?}",
                case.name, case.text, case.sentences, got
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        file.case.len(),
        failures.join("\n\n")
    );
}

#[test]
fn german_sentences() {
    run_cases("de");
}

#[test]
fn english_sentences() {
    run_cases("en");
}

#[test]
fn language_detection() {
    let mut failures = Vec::new();
    let mut count = 0;
    for code in ["de", "en"] {
        for case in load(code).detect {
            count += 1;
            let expected =
                Language::from_code(&case.language).unwrap_or_else(|| panic!("{}: bad language", case.name));
            let got = language::detect(&case.text);
            if got != expected {
                failures.push(format!("{} ({:?}): expected {expected}, got {got}", case.name, case.text));
            }
        }
    }
    assert!(count >= 10, "only {count} detection cases");
    assert!(
        failures.is_empty(),
        "{} of {count} detection cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
