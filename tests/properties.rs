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

use hedgemark::{analyze, Analysis, Language, Options, Span};
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

/// The three ways of choosing a language.
fn all_options() -> [Options; 3] {
    [
        Options::with_language(None),
        Options::with_language(Some(Language::German)),
        Options::with_language(Some(Language::English)),
    ]
}

// ---------------------------------------------------------------------------------------------
// The invariants.
// ---------------------------------------------------------------------------------------------

/// One `{start, end, text}` span of the JSON, checked against the input's UTF-16 code units.
/// Returns `(start, end)`.
fn check_span(units: &[u16], span: &Value, what: &str) -> Result<(usize, usize), String> {
    let num = |key: &str| -> Result<usize, String> {
        span.get(key)
            .and_then(Value::as_u64)
            .map(|n| n as usize)
            .ok_or_else(|| format!("{what}: `{key}` missing or not a number in {span}"))
    };
    let (start, end) = (num("start")?, num("end")?);
    let text = span
        .get("text")
        .and_then(Value::as_str)
        .ok_or_else(|| format!("{what}: `text` missing or not a string in {span}"))?;
    if start > end {
        return Err(format!("{what}: start {start} > end {end}"));
    }
    if end > units.len() {
        return Err(format!("{what}: end {end} > UTF-16 length {}", units.len()));
    }
    // A boundary inside a surrogate pair sits just before a low surrogate.
    let splits_pair = |i: usize| i < units.len() && (0xDC00..=0xDFFF).contains(&units[i]);
    if splits_pair(start) || splits_pair(end) {
        return Err(format!("{what}: [{start}, {end}) splits a surrogate pair"));
    }
    let slice = String::from_utf16(&units[start..end])
        .map_err(|_| format!("{what}: [{start}, {end}) is not valid UTF-16"))?;
    if slice != text {
        return Err(format!("{what}: input[{start}..{end}] is {slice:?}, but text is {text:?}"));
    }
    Ok((start, end))
}

fn list<'v>(doc: &'v Value, key: &str) -> Result<&'v Vec<Value>, String> {
    doc.get(key).and_then(Value::as_array).ok_or_else(|| format!("`{key}` missing or not a list"))
}

fn index(v: &Value, key: &str, what: &str) -> Result<usize, String> {
    v.get(key).and_then(Value::as_u64).map(|n| n as usize).ok_or_else(|| format!("{what}: no `{key}` in {v}"))
}

fn sorted(starts: &[usize], what: &str) -> Result<(), String> {
    match starts.windows(2).find(|w| w[0] > w[1]) {
        Some(w) => Err(format!("{what} not sorted by start: {} before {}", w[0], w[1])),
        None => Ok(()),
    }
}

/// Every invariant of the `hedgemark/1` document of `text`.
fn check_document(text: &str, doc: &Value, options: &Options) -> Result<(), String> {
    let units: Vec<u16> = text.encode_utf16().collect();

    if doc["schema"] != "hedgemark/1" {
        return Err(format!("schema is {}", doc["schema"]));
    }
    let lang = doc["language"].as_str().ok_or("`language` missing")?;
    if !matches!(lang, "de" | "en") {
        return Err(format!("language is {lang:?}"));
    }
    if let Some(asked) = options.language {
        if lang != asked.code() {
            return Err(format!("asked for {}, analysed as {lang}", asked.code()));
        }
    }

    // Sentences: valid, non-empty, trimmed, in order, not overlapping.
    let mut sentences = Vec::new();
    for (i, s) in list(doc, "sentences")?.iter().enumerate() {
        let (start, end) = check_span(&units, s, &format!("sentence {i}"))?;
        let t = s["text"].as_str().unwrap_or_default();
        if start == end {
            return Err(format!("sentence {i} is empty"));
        }
        if t.trim() != t {
            return Err(format!("sentence {i} is not trimmed: {t:?}"));
        }
        if let Some(&(_, prev_end)) = sentences.last() {
            if start < prev_end {
                return Err(format!(
                    "sentence {i} [{start}, {end}) overlaps the one before (end {prev_end})"
                ));
            }
        }
        sentences.push((start, end));
    }
    let sentence = |v: &Value, what: &str| -> Result<(usize, usize), String> {
        let i = index(v, "sentence", what)?;
        sentences
            .get(i)
            .copied()
            .ok_or_else(|| format!("{what}: sentence {i} of {} does not exist", sentences.len()))
    };

    // Hedges: valid, non-empty, inside their sentence, sorted, with a rule of the language.
    let hedges = list(doc, "hedges")?;
    let mut starts = Vec::new();
    let mut hedged = std::collections::BTreeSet::new();
    for (i, h) in hedges.iter().enumerate() {
        let what = format!("hedge {i}");
        let (start, end) = check_span(&units, h, &what)?;
        if start == end {
            return Err(format!("{what} is empty"));
        }
        let (s_start, s_end) = sentence(h, &what)?;
        if start < s_start || end > s_end {
            return Err(format!("{what} [{start}, {end}) is not inside its sentence [{s_start}, {s_end})"));
        }
        hedged.insert(h["sentence"].as_u64());
        let category = h["category"].as_str().ok_or_else(|| format!("{what}: no category"))?;
        if hedgemark::Category::from_name(category).is_none() {
            return Err(format!("{what}: unknown category {category:?}"));
        }
        let rule = h["rule"].as_str().ok_or_else(|| format!("{what}: no rule"))?;
        if !rule.starts_with(&format!("{lang}.")) {
            return Err(format!("{what}: rule {rule:?} is not a rule of {lang}"));
        }
        if h["note"].as_str().is_none() {
            return Err(format!("{what}: no note"));
        }
        starts.push(start);
    }
    sorted(&starts, "hedges")?;

    // Sources: ids are indices, mentions valid and sorted, sources in order of first mention.
    let sources = list(doc, "sources")?;
    let mut firsts = Vec::new();
    for (i, s) in sources.iter().enumerate() {
        let what = format!("source {i}");
        if index(s, "id", &what)? != i {
            return Err(format!("{what} has id {}", s["id"]));
        }
        if s["name"].as_str().is_none() {
            return Err(format!("{what}: no name"));
        }
        let mentions = s["mentions"].as_array().ok_or_else(|| format!("{what}: no mentions"))?;
        let mut starts = Vec::new();
        for (j, m) in mentions.iter().enumerate() {
            let (start, end) = check_span(&units, m, &format!("{what} mention {j}"))?;
            if start == end {
                return Err(format!("{what} mention {j} is empty"));
            }
            starts.push(start);
        }
        sorted(&starts, &format!("mentions of {what}"))?;
        firsts.push(starts.first().copied().unwrap_or(usize::MAX));
    }
    sorted(&firsts, "sources (by first mention)")?;

    // Attributions: cue and content valid, content starts in its sentence, source exists.
    let attributions = list(doc, "attributions")?;
    let mut starts = Vec::new();
    let mut attributed = std::collections::BTreeSet::new();
    let mut quotes = 0;
    for (i, a) in attributions.iter().enumerate() {
        let what = format!("attribution {i}");
        let kind = a["type"].as_str().ok_or_else(|| format!("{what}: no type"))?;
        if !matches!(kind, "direct" | "indirect" | "according_to" | "belief") {
            return Err(format!("{what}: unknown type {kind:?}"));
        }
        quotes += usize::from(kind == "direct");
        match &a["source"] {
            Value::Null => {}
            v => match v.as_u64() {
                Some(id) if (id as usize) < sources.len() => {}
                _ => return Err(format!("{what}: source {v} does not exist")),
            },
        }
        if !a["cue"].is_null() {
            check_span(&units, &a["cue"], &format!("{what} cue"))?;
        }
        let (start, _) = check_span(&units, &a["content"], &format!("{what} content"))?;
        let (s_start, s_end) = sentence(a, &what)?;
        if start < s_start || start > s_end {
            return Err(format!(
                "{what}: content starts at {start}, outside its sentence [{s_start}, {s_end})"
            ));
        }
        attributed.insert(a["sentence"].as_u64());
        starts.push(start);
    }
    sorted(&starts, "attributions (by content start)")?;

    // Stats agree with the lists.
    let stats = &doc["stats"];
    let expected = [
        ("sentences", sentences.len()),
        ("hedged_sentences", hedged.len()),
        ("attributed_sentences", attributed.len()),
        ("hedges", hedges.len()),
        ("sources", sources.len()),
        ("quotes", quotes),
    ];
    for (key, want) in expected {
        if stats[key].as_u64() != Some(want as u64) {
            return Err(format!("stats.{key} is {}, the lists say {want}", stats[key]));
        }
    }
    Ok(())
}

/// Every byte span of the Rust result lies on `char` boundaries of `text`.
fn check_byte_spans(text: &str, analysis: &Analysis) -> Result<(), String> {
    let a = analysis;
    let spans = a
        .sentences
        .iter()
        .map(|&s| ("sentence", s))
        .chain(a.hedges.iter().map(|h| ("hedge", h.span)))
        .chain(a.sources.iter().flat_map(|s| s.mentions.iter().map(|&m| ("mention", m))))
        .chain(a.attributions.iter().flat_map(|t| t.cue.map(|c| ("cue", c))))
        .chain(a.attributions.iter().map(|t| ("content", t.content)));
    for (what, Span { start, end }) in spans {
        if start > end || end > text.len() {
            return Err(format!("{what} bytes [{start}, {end}) out of range (length {})", text.len()));
        }
        if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            return Err(format!("{what} bytes [{start}, {end}) not on char boundaries"));
        }
    }
    Ok(())
}

/// Runs every check on `text` with every language option.
fn check_all(text: &str) -> Result<(), String> {
    check(text, true)
}

/// Runs the checks on `text` with every language option, but analyses it only once per option:
/// no determinism checks (for the big inputs, to keep the suite fast in debug builds).
fn check_once(text: &str) -> Result<(), String> {
    check(text, false)
}

fn check(text: &str, thorough: bool) -> Result<(), String> {
    for options in all_options() {
        let fail = |e: String| format!("[language {:?}] {e}", options.language.map(Language::code));
        let analysis = analyze(text, &options);
        check_byte_spans(text, &analysis).map_err(fail)?;

        let json = serde_json::to_string(&analysis.document(text)).map_err(|e| fail(e.to_string()))?;
        let doc: Value = serde_json::from_str(&json).map_err(|e| fail(e.to_string()))?;
        check_document(text, &doc, &options).map_err(fail)?;
        if !thorough {
            continue;
        }

        // Deterministic: a second run gives the same bytes.
        let again = serde_json::to_string(&analyze(text, &options).document(text)).unwrap();
        if again != json {
            return Err(fail("two runs gave different JSON".into()));
        }
        // Auto-detection is the same as asking for the detected language.
        if options.language.is_none() {
            let fixed = analyze(text, &Options::with_language(Some(analysis.language)));
            if fixed != analysis {
                return Err(fail(format!("auto differs from asking for {}", analysis.language)));
            }
        }
    }
    Ok(())
}

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
