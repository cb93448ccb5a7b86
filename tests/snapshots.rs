//! Snapshot tests on the sample articles in `tests/articles/`.
//!
//! For each article two snapshots in `tests/snapshots/`:
//! - `<article>.snap`: a compact listing, one line per hedge (`category rule "text" in sentence N`),
//!   then sources, attributions and the numbered sentences. This is the one to read in a diff;
//! - `<article>.json.snap`: the full `hedgemark/1` document.
//!
//! The articles are auto-detected; the test also asserts that the detected language matches the
//! file name (`de-…`, `en-…`).
//!
//! After a deliberate change (lexicon, splitter), refresh and review:
//!
//! ```sh
//! INSTA_UPDATE=always cargo test --test snapshots
//! git diff tests/snapshots/
//! ```
//!
//! Without `INSTA_UPDATE`, a mismatch fails the test and leaves a `.snap.new` beside the snapshot
//! (locally) or just fails (when `CI` is set).

use std::fmt::Write;
use std::path::Path;

use hedgemark::{analyze, Analysis, Options};

/// Every sample article, by file name. A test below checks that the folder holds exactly these.
const ARTICLES: &[&str] = &["de-klinik", "de-trinkwasser", "en-drought", "en-harbor"];

fn settings(name: &str) -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.set_description(format!("tests/articles/{name}.txt"));
    settings
}

/// The compact, reviewable listing of an analysis.
fn compact(name: &str, text: &str, a: &Analysis) -> String {
    let doc = a.document(text);
    let s = &a.stats;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{name}: {}, {} sentences, {} hedges in {} sentences, {} sources, {} attributions ({} quotes)",
        a.language,
        s.sentences,
        s.hedges,
        s.hedged_sentences,
        s.sources,
        a.attributions.len(),
        s.quotes,
    );

    out.push_str("\nhedges\n");
    for h in &a.hedges {
        let _ = writeln!(
            out,
            "  {} {} {:?} in sentence {}",
            h.category.name(),
            h.rule,
            h.span.slice(text),
            h.sentence
        );
    }

    out.push_str("\nsources\n");
    for src in &a.sources {
        let mentions: Vec<String> = src.mentions.iter().map(|m| format!("{:?}", m.slice(text))).collect();
        let kind = serde_json::to_value(src.kind).unwrap();
        let _ = writeln!(
            out,
            "  {} {} {:?}: {}",
            src.id,
            kind.as_str().unwrap_or("?"),
            src.name,
            mentions.join(", ")
        );
    }

    out.push_str("\nattributions\n");
    for t in &a.attributions {
        let kind = serde_json::to_value(t.kind).unwrap();
        let source = t.source.map_or("-".to_string(), |id| id.to_string());
        let cue = t.cue.map_or("-".to_string(), |c| format!("{:?}", c.slice(text)));
        let _ = writeln!(
            out,
            "  {} source {} cue {} in sentence {}: {:?}",
            kind.as_str().unwrap_or("?"),
            source,
            cue,
            t.sentence,
            t.content.slice(text)
        );
    }

    out.push_str("\nsentences (UTF-16 offsets)\n");
    for (i, &span) in a.sentences.iter().enumerate() {
        let (start, end) = doc.utf16(span);
        let _ = writeln!(out, "  {i} [{start}, {end}) {:?}", span.slice(text));
    }
    out
}

fn check_article(name: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/articles").join(format!("{name}.txt"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let analysis = analyze(&text, &Options::default());
    assert_eq!(analysis.language.code(), &name[..2], "{name}: detected language");

    let json = serde_json::to_value(analysis.document(&text)).unwrap();
    settings(name).bind(|| {
        insta::assert_snapshot!(name.to_string(), compact(name, &text, &analysis));
        insta::assert_json_snapshot!(format!("{name}.json"), json);
    });
}

macro_rules! articles {
    ($($test:ident => $name:literal,)*) => {
        $(
            #[test]
            fn $test() {
                check_article($name);
            }
        )*

        /// The tests above cover exactly the files in `tests/articles/` and [`ARTICLES`].
        #[test]
        fn every_article_has_a_test() {
            let tested = [$($name),*];
            assert_eq!(tested, ARTICLES);
            let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/articles");
            let mut files: Vec<String> = std::fs::read_dir(&dir)
                .unwrap()
                .filter_map(|e| {
                    let name = e.unwrap().file_name().into_string().unwrap();
                    name.strip_suffix(".txt").map(str::to_string)
                })
                .collect();
            files.sort();
            assert_eq!(files, ARTICLES, "add a line to `articles!` for each new article");
        }
    };
}

articles! {
    de_klinik => "de-klinik",
    de_trinkwasser => "de-trinkwasser",
    en_drought => "en-drought",
    en_harbor => "en-harbor",
}
