//! The invariants every analysis must keep, shared by `tests/properties.rs` (proptest) and the
//! fuzz targets (`fuzz/fuzz_targets/`), which include this file by path:
//!
//! - every span of the `hedgemark/1` JSON (sentences, hedges, source mentions, attribution cue
//!   and content) is a valid UTF-16 range of the input whose slice is exactly the span's `text`,
//!   and never splits a surrogate pair;
//! - lists are sorted, indices valid, `stats` agrees with the lists;
//! - the result is deterministic (byte-identical JSON), and auto-detection equals asking for the
//!   detected language;
//! - the byte spans of the Rust [`Analysis`] lie on `char` boundaries.

#![allow(dead_code)] // each includer uses its part

use hedgemark::{analyze, Analysis, Language, Options, Span};
use serde_json::Value;

/// The three ways of choosing a language.
pub fn all_options() -> [Options; 3] {
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
pub fn check_span(units: &[u16], span: &Value, what: &str) -> Result<(usize, usize), String> {
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

pub fn list<'v>(doc: &'v Value, key: &str) -> Result<&'v Vec<Value>, String> {
    doc.get(key).and_then(Value::as_array).ok_or_else(|| format!("`{key}` missing or not a list"))
}

pub fn index(v: &Value, key: &str, what: &str) -> Result<usize, String> {
    v.get(key).and_then(Value::as_u64).map(|n| n as usize).ok_or_else(|| format!("{what}: no `{key}` in {v}"))
}

pub fn sorted(starts: &[usize], what: &str) -> Result<(), String> {
    match starts.windows(2).find(|w| w[0] > w[1]) {
        Some(w) => Err(format!("{what} not sorted by start: {} before {}", w[0], w[1])),
        None => Ok(()),
    }
}

/// Every invariant of the `hedgemark/1` document of `text`.
pub fn check_document(text: &str, doc: &Value, options: &Options) -> Result<(), String> {
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
pub fn check_byte_spans(text: &str, analysis: &Analysis) -> Result<(), String> {
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
pub fn check_all(text: &str) -> Result<(), String> {
    check(text, true)
}

/// Runs the checks on `text` with every language option, but analyses it only once per option:
/// no determinism checks (for the big inputs, to keep the suite fast in debug builds).
pub fn check_once(text: &str) -> Result<(), String> {
    check(text, false)
}

pub fn check(text: &str, thorough: bool) -> Result<(), String> {
    all_options().iter().try_for_each(|options| check_with(text, options, thorough))
}

/// Runs the checks on `text` with one language option; `thorough` adds the determinism checks
/// (a second run, and auto equal to asking for the detected language).
pub fn check_with(text: &str, options: &Options, thorough: bool) -> Result<(), String> {
    let fail = |e: String| format!("[language {:?}] {e}", options.language.map(Language::code));
    let analysis = analyze(text, options);
    check_byte_spans(text, &analysis).map_err(fail)?;

    let json = serde_json::to_string(&analysis.document(text)).map_err(|e| fail(e.to_string()))?;
    let doc: Value = serde_json::from_str(&json).map_err(|e| fail(e.to_string()))?;
    check_document(text, &doc, options).map_err(fail)?;
    if !thorough {
        return Ok(());
    }

    // Deterministic: a second run gives the same bytes.
    let again = serde_json::to_string(&analyze(text, options).document(text)).unwrap();
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
    Ok(())
}
