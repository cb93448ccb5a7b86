//! Runs every example of every lexicon rule: each sentence in `fires` must make the rule report
//! a hedge (exactly the part in `[brackets]`, where the example marks one), and no sentence in
//! `allows` may. Blocking rules must match their `fires` examples and none of their `allows`.

use std::fs;
use std::path::Path;

use hedgemark::{analyze, explain, Language, Options};
use serde::Deserialize;

#[derive(Deserialize)]
struct RuleFile {
    #[serde(default)]
    rule: Vec<Rule>,
}

#[derive(Deserialize)]
struct Rule {
    id: String,
    category: String,
    fires: Vec<String>,
    #[serde(default)]
    allows: Vec<String>,
}

/// The example without its brackets, and the bracketed part if there is one.
fn unmark(example: &str) -> (String, Option<String>) {
    let plain: String = example.chars().filter(|&c| c != '[' && c != ']').collect();
    let marked = match (example.find('['), example.find(']')) {
        (Some(a), Some(b)) if a < b => Some(example[a + 1..b].to_string()),
        _ => None,
    };
    (plain, marked)
}

/// What the rule reports in `text`: the texts of its hedges (or, for a blocking rule, of its
/// matches).
fn reported(text: &str, lang: Language, rule: &Rule) -> Vec<String> {
    let options = Options::with_language(Some(lang));
    if rule.category == "block" {
        explain(text, &options)
            .into_iter()
            .filter(|f| f.rule == rule.id)
            .map(|f| f.span.slice(text).to_string())
            .collect()
    } else {
        analyze(text, &options)
            .hedges
            .into_iter()
            .filter(|h| h.rule == rule.id)
            .map(|h| h.span.slice(text).to_string())
            .collect()
    }
}

#[test]
fn every_rule_example() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lexicon");
    let mut failures = Vec::new();
    let mut examples = 0;
    for lang in Language::ALL {
        let known = hedgemark::rule_ids(lang);
        let mut files: Vec<_> = fs::read_dir(root.join(lang.code()))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml") && !p.ends_with("classes.toml"))
            .collect();
        files.sort();
        assert!(!files.is_empty(), "no rule files for {lang}");
        for path in files {
            let file: RuleFile = toml::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            for rule in &file.rule {
                assert!(known.contains(&rule.id.as_str()), "{name}: {} is not compiled in", rule.id);
                for ex in &rule.fires {
                    examples += 1;
                    let (text, marked) = unmark(ex);
                    let got = reported(&text, lang, rule);
                    let ok = match &marked {
                        Some(m) => got.iter().any(|g| g == m),
                        None => !got.is_empty(),
                    };
                    if !ok {
                        failures.push(format!("{name}: {} must fire on {ex:?}, reported {got:?}", rule.id));
                    }
                }
                for ex in &rule.allows {
                    examples += 1;
                    let (text, _) = unmark(ex);
                    let got = reported(&text, lang, rule);
                    if !got.is_empty() {
                        failures
                            .push(format!("{name}: {} must not fire on {ex:?}, reported {got:?}", rule.id));
                    }
                }
            }
        }
    }
    assert!(examples > 0);
    assert!(
        failures.is_empty(),
        "{} of {examples} rule examples failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
