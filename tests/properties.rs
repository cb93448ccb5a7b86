//! Properties that hold for every input, checked on arbitrary strings (proptest) and on a few
//! fixed, pathological ones:
//!
//! - `analyze` never panics, for language auto, `de` and `en`;
//! - every span of the `hedgemark/1` JSON (sentences, hedges, source mentions, attribution cue
//!   and content) is a valid UTF-16 range of the input whose slice is exactly the span's `text`,
//!   and never splits a surrogate pair;
//! - lists are sorted, indices valid, `stats` agrees with the lists;
//! - the result is deterministic (byte-identical JSON);
//! - the byte spans of the Rust [`Analysis`] lie on `char` boundaries and match the JSON.
//!
//! The number of cases is proptest's default (256); raise it for a longer hunt with
//! `PROPTEST_CASES=10000 cargo test --release --test properties`. Failures are not persisted to a
//! `proptest-regressions` file: add a shrunk failing input to `TRICKY` below instead.

use hedgemark::{analyze, Language, Options};
use proptest::prelude::*;
use proptest::test_runner::Config;
use serde_json::Value;

/// The sample articles, used as realistic material that the strategies cut up and mutate.
const ARTICLES: [&str; 4] = [
    include_str!("articles/de-trinkwasser.txt"),
    include_str!("articles/de-klinik.txt"),
    include_str!("articles/en-harbor.txt"),
    include_str!("articles/en-drought.txt"),
];

#[path = "support/invariants.rs"]
mod invariants;

#[path = "support/jsonl.rs"]
mod jsonl;

use invariants::{check_all, check_document, check_once};

// ---------------------------------------------------------------------------------------------
// Strategies.
// ---------------------------------------------------------------------------------------------

/// Words, hedge cues, look-alikes, punctuation, quotation marks and awkward Unicode.
const FRAGMENTS: &[&str] = &[
    // German, with hedges and look-alikes
    "Die",
    "Regierung",
    "soll",
    "sollen",
    "erhalten",
    "haben",
    "angeblich",
    "Berichten",
    "zufolge",
    "könnte",
    "dürfte",
    "möglicherweise",
    "vermutlich",
    "wohl",
    "vermuten",
    "gehen",
    "davon",
    "aus",
    "unbestätigt",
    "nicht unabhängig überprüfbar",
    "Beobachter",
    "Experten",
    "etwa",
    "zehn",
    "Prozent",
    "rund",
    "um",
    "die",
    "Uhr",
    "sehr wohl",
    "Die Brücke soll 2025 fertig werden",
    "Die Sonne scheint",
    "heißt es",
    "laut",
    "sagte",
    "so",
    "dass",
    "sei",
    "habe",
    "z. B.",
    "z.B.",
    "Dr.",
    "Prof.",
    "17.",
    "Februar",
    "1.000",
    "3,5",
    "Straße",
    "STRASSE",
    "Grüße",
    // English, with hedges and look-alikes
    "The",
    "government",
    "reportedly",
    "allegedly",
    "is said to",
    "may",
    "might",
    "could",
    "likely",
    "appears",
    "believe",
    "suspect",
    "could not be independently verified",
    "no evidence",
    "critics say",
    "some observers",
    "about",
    "roughly",
    "nearly",
    "40",
    "in May 2024",
    "you may leave now",
    "he appeared in court",
    "about the plan",
    "according to",
    "said",
    "U.S.",
    "Mr.",
    "Mrs.",
    "e.g.",
    "No.",
    "$5",
    "don't",
    "it's",
    // punctuation and quotation marks
    ".",
    ". ",
    "!",
    "?",
    "?!",
    ",",
    ";",
    ":",
    "-",
    " - ",
    "–",
    "—",
    "(",
    ")",
    "[",
    "]",
    "...",
    "…",
    "\"",
    "'",
    "„",
    "“",
    "”",
    "‚",
    "‘",
    "’",
    "»",
    "«",
    "›",
    "‹",
    "«\u{a0}",
    "\u{a0}»",
    // white space and line breaks
    " ",
    "  ",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\r\n\r\n",
    "\u{a0}",
    "\u{2009}",
    "\u{3000}",
    "\u{85}",
    "\u{2028}",
    "\u{2029}",
    "\u{b}",
    "\u{c}",
    // astral characters, emoji sequences, flags
    "😀",
    "🚂",
    "👍🏽",
    "👨\u{200d}👩\u{200d}👧",
    "🇩🇪",
    "🏳\u{fe0f}\u{200d}🌈",
    "𝔘𝔫𝔦",
    "𐍈",
    "𠜎",
    "\u{1F600}\u{301}",
    // combining marks, case traps (lower-case forms of other lengths)
    "e\u{301}",
    "\u{301}",
    "\u{308}\u{308}",
    "a\u{20dd}",
    "ẞ",
    "İ",
    "ı",
    "ﬁ",
    "Σ",
    "ς",
    "Ω",
    "K",
    "Ⱥ",
    "ȿ",
    // right-to-left and bidi controls
    "مرحبا",
    "שלום",
    "\u{200f}",
    "\u{200e}",
    "\u{202e}",
    "\u{2066}",
    "\u{2069}",
    "\u{61c}",
    // invisible and control characters
    "\0",
    "\u{1}",
    "\u{1b}",
    "\u{7f}",
    "\u{9f}",
    "\u{feff}",
    "\u{200b}",
    "\u{200d}",
    "\u{ad}",
    "\u{fffd}",
    "\u{e000}",
    "\u{10ffff}",
];

/// Strings put together from [`FRAGMENTS`], spaces and arbitrary characters.
fn mixed() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        6 => prop::sample::select(FRAGMENTS).prop_map(str::to_string),
        3 => Just(" ".to_string()),
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..80).prop_map(|v| v.concat())
}

/// The largest char boundary of `text` at or below `i`.
fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A piece of a sample article with fragments and arbitrary characters spliced in: realistic
/// text, full of hedges, with trouble at random places.
fn mutated_article() -> impl Strategy<Value = String> {
    let insertion = (
        any::<prop::sample::Index>(),
        prop_oneof![
            3 => prop::sample::select(FRAGMENTS).prop_map(str::to_string),
            1 => any::<char>().prop_map(String::from),
            1 => "\\PC{0,8}",
        ],
    );
    (
        prop::sample::select(ARTICLES.to_vec()),
        any::<prop::sample::Index>(),
        0usize..1200,
        prop::collection::vec(insertion, 0..12),
    )
        .prop_map(|(article, from, len, insertions)| {
            let start = floor_boundary(article, from.index(article.len()));
            let end = floor_boundary(article, start + len);
            let mut text = article[start..end].to_string();
            for (at, piece) in insertions {
                let i = floor_boundary(&text, at.index(text.len() + 1));
                text.insert_str(i, &piece);
            }
            text
        })
}

fn config() -> Config {
    // Cases from PROPTEST_CASES, default 256; no regression files (see the module comment).
    Config { failure_persistence: None, ..Config::default() }
}

proptest! {
    #![proptest_config(config())]

    /// Printable Unicode strings (proptest's `any::<String>()`).
    #[test]
    fn any_printable_string(text in any::<String>()) {
        check_all(&text).map_err(TestCaseError::fail)?;
    }

    /// Any `char`s at all, controls and unassigned code points included.
    #[test]
    fn any_chars(chars in prop::collection::vec(any::<char>(), 0..200)) {
        let text: String = chars.into_iter().collect();
        check_all(&text).map_err(TestCaseError::fail)?;
    }

    /// News words, hedge cues, quotation marks, line breaks, emoji, combining marks, RTL text,
    /// controls, glued together.
    #[test]
    fn mixed_fragments(text in mixed()) {
        check_all(&text).map_err(TestCaseError::fail)?;
    }

    /// Pieces of the sample articles with things spliced in.
    #[test]
    fn mutated_articles(text in mutated_article()) {
        check_all(&text).map_err(TestCaseError::fail)?;
    }

    /// JSON Lines corpora glued from the pieces of corpus lines, good and broken, read with any
    /// line limit and buffer size (the checks of the `jsonl` fuzz target).
    #[test]
    fn jsonl_corpora(setup in any::<[u8; 2]>(), pieces in prop::collection::vec(jsonl_piece(), 0..24)) {
        let mut data = setup.to_vec();
        for piece in pieces {
            data.extend_from_slice(&piece);
        }
        jsonl::check_stream(&data);
    }
}

/// A piece of a JSON Lines corpus: whole lines, their parts, line breaks, bad bytes.
fn jsonl_piece() -> impl Strategy<Value = Vec<u8>> {
    let fixed: Vec<Vec<u8>> = [
        &b"{\"id\": 1, \"text\": \"Der Minister soll davon gewusst haben.\"}\n"[..],
        b"{\"id\":\"x\",\"text\":\"Officials said it may rain.\",\"language\":\"en\"}",
        b"{\"text\":\"\\u201eSo nicht\\u201c, sagte sie.\\n\\ud83d\\ude00 \\ud800\"}",
        b"{\"id\":[1,{\"a\":null}],",
        b"\"text\":",
        b"\"language\":\"de\"",
        b"\"language\":7",
        b"\"laut Polizei\"",
        b"}",
        b"{",
        b"[1,2]",
        b"null",
        b"42",
        b"\"",
        b"\\",
        b",",
        b":",
        b"\n",
        b"\r\n",
        b"   ",
        b"\xEF\xBB\xBF",
        b"\xFC",
        b"\xE2\x80",
        b"\0",
    ]
    .iter()
    .map(|b| b.to_vec())
    .collect();
    prop_oneof![
        4 => prop::sample::select(fixed),
        1 => prop::collection::vec(any::<u8>(), 0..40),
        1 => any::<String>().prop_map(|s| serde_json::json!({"id": s.len(), "text": s}).to_string().into_bytes()),
    ]
}

// ---------------------------------------------------------------------------------------------
// Fixed inputs.
// ---------------------------------------------------------------------------------------------

/// Small inputs that once broke something, or look like they might.
const TRICKY: &[&str] = &[
    "",
    " ",
    "\n",
    "\r\n",
    "\0",
    ".",
    "„",
    "\u{301}",
    "\u{301}soll",
    "soll",
    "Soll.",
    "😀",
    "😀soll😀 erhalten haben.",
    "z. B.",
    "Dr.",
    "U.S.",
    "...",
    "…",
    "\u{feff}Die Regierung soll das erhalten haben.",
    "İİİ soll erhalten haben. ẞẞ angeblich.",
    "Er soll\r\nes erhalten haben.\r\n\r\nAngeblich.",
    "„Angeblich“ „soll“ ‚es‘ »so« «sein».",
    "It may\u{2028}reportedly\u{2029}happen.",
    "مرحبا soll angeblich שלום reportedly.",
    // A sentence boundary inside a word token (UAX #29 keeps `wahrscheinlich.Mr` together): the
    // hedge must not reach into the next sentence.
    "angeblichDr.Beobachter",
    "unbestätigtMr.Die",
    "angeblich.Beobachter",
    "Sie halten das für wahrscheinlich.Mr.\n",
];

#[test]
fn tricky_strings() {
    for text in TRICKY {
        if let Err(e) = check_all(text) {
            panic!("{text:?}: {e}");
        }
    }
}

/// Big, degenerate inputs: each must complete (no timing asserted) and keep every invariant.
/// Determinism is left to the small inputs above, to keep this fast in debug builds.
#[test]
fn huge_degenerate_inputs() {
    let cases: Vec<(&str, String)> = vec![
        ("only white space", " \t\n\r\n\u{a0}\u{3000}".repeat(2_000)),
        ("10,000 emoji", "😀".repeat(10_000)),
        ("10,000 emoji with spaces and ZWJ", "👨\u{200d}👩\u{200d}👧 🇩🇪 ".repeat(10_000)),
        ("50,000 quotation marks", "„“\"»«‚‘”’".chars().cycle().take(50_000).collect()),
        ("1 MB line without spaces", "x".repeat(1 << 20)),
        ("256 KB of words glued with periods", "soll.angeblich.may.etwa.".repeat((1 << 18) / 24)),
        ("100,000 combining marks", format!("a{}", "\u{301}".repeat(100_000))),
        ("one long sentence of hedges", "Er soll angeblich möglicherweise etwa ".repeat(1_000)),
    ];
    for (name, text) in &cases {
        if let Err(e) = check_once(text) {
            panic!("{name}: {e}");
        }
    }
}

/// The sample articles themselves keep every invariant, and do find hedges (so the span checks
/// above are not vacuous).
#[test]
fn sample_articles() {
    for text in ARTICLES {
        check_all(text).unwrap();
        assert!(!analyze(text, &Options::default()).hedges.is_empty(), "no hedges in {text:.60}");
    }
}

/// The checker itself catches what it is meant to catch.
#[test]
fn checker_rejects_broken_documents() {
    let text = "a😀 soll b.";
    let options = Options::with_language(Some(Language::German));
    let good = serde_json::to_value(analyze(text, &options).document(text)).unwrap();
    check_document(text, &good, &options).unwrap();
    assert_eq!(good["sentences"][0]["text"], text, "one sentence covering the text");

    let broken = |edit: &dyn Fn(&mut Value)| {
        let mut doc = good.clone();
        edit(&mut doc);
        check_document(text, &doc, &options).expect_err(&format!("accepted {doc}"));
    };
    // Text does not match the slice; end past the text; start > end; inside the surrogate pair.
    broken(&|d| d["sentences"][0]["text"] = "x".into());
    broken(&|d| d["sentences"][0]["end"] = 100.into());
    broken(&|d| d["sentences"][0]["start"] = 12.into());
    broken(&|d| {
        d["sentences"][0]["end"] = 2.into();
        d["sentences"][0]["text"] = "a\u{fffd}".into();
    });
    // A hedge in a sentence that does not exist; stats off; wrong language.
    let hedge = serde_json::json!({
        "start": 4, "end": 8, "text": "soll", "category": "reportative", "sentence": 1,
        "rule": "de.x", "note": "",
    });
    broken(&|d| d["hedges"] = Value::Array(vec![hedge.clone()]));
    broken(&|d| d["stats"]["sentences"] = 2.into());
    broken(&|d| d["language"] = "en".into());
    // Unsorted sentences.
    broken(&|d| {
        let s = d["sentences"][0].clone();
        d["sentences"] = Value::Array(vec![s.clone(), s]);
        d["stats"]["sentences"] = 2.into();
    });
}

/// The fuzz targets' seed corpus and every crash input kept from fuzzing (`fuzz/README.md`):
/// each file, as the `analyze` target reads it (first byte the language, the rest the text) and
/// whole, through every invariant, and as the `jsonl` target reads it through the JSON Lines
/// checks.
#[test]
fn fuzz_seeds_and_regressions() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut dirs = vec![root.join("regressions")];
    if let Ok(seeds) = std::fs::read_dir(root.join("seeds")) {
        dirs.extend(seeds.flatten().map(|e| e.path()));
    }
    let mut files = 0;
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let data = std::fs::read(entry.path()).unwrap();
            let whole = String::from_utf8_lossy(&data);
            let rest = String::from_utf8_lossy(data.get(1..).unwrap_or_default());
            for text in [&whole, &rest] {
                if let Err(e) = check_all(text) {
                    panic!("{}: {e}", entry.path().display());
                }
            }
            let checked = std::panic::catch_unwind(|| jsonl::check_stream(&data));
            assert!(checked.is_ok(), "{}: a JSON Lines check failed (above)", entry.path().display());
            files += 1;
        }
    }
    assert!(files >= 39, "the seed corpus is missing ({files} files)");
}
