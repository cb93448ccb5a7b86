//! # hedgemark
//!
//! Finds **hedged claims** and **their sources** in German and English news text: the words by
//! which a writer does not vouch for a claim (*soll … erhalten haben*, *Berichten zufolge*,
//! *könnte*, *reportedly*, *may*) and, from issue to issue, who each claim comes from.
//!
//! The engine is plain Rust: text in, [`Analysis`] out, no I/O. [`Analysis::document`] pairs
//! the result with its text and serialises it as `hedgemark/1` JSON with UTF-16 offsets, the
//! shape every producer (command line, WebAssembly, widget) emits.
//!
//! ```
//! use hedgemark::{analyze, Category, Options};
//!
//! let text = "Der Konzern soll die Behörden jahrelang getäuscht haben. \
//!             Die Brücke soll 2025 fertig werden.";
//! let analysis = analyze(text, &Options::default());
//! assert_eq!(analysis.language.code(), "de");
//! assert_eq!(analysis.sentences.len(), 2);
//! // The hearsay "soll … erhalten haben" is a hedge; the plan "soll … fertig werden" is not.
//! assert_eq!(analysis.hedges.len(), 1);
//! assert_eq!(analysis.hedges[0].span.slice(text), "soll");
//! assert_eq!(analysis.hedges[0].category, Category::Reportative);
//!
//! let json = serde_json::to_string(&analysis.document(text)).unwrap();
//! assert!(json.starts_with(r#"{"schema":"hedgemark/1","language":"de""#));
//! ```
//!
//! ## Layers
//! - [`text`]: byte [`Span`]s, language detection, sentences and tokens;
//! - `hedge`: the hedge rules, compiled once from the lexicon data files in `src/lexicon/<lang>/`,
//!   each rule with sentences where it must fire and where it must not;
//! - [`Document`]: the one conversion to UTF-16 and the `hedgemark/1` shape.

#![warn(missing_docs)]

mod error;
mod hedge;
#[cfg(feature = "cli")]
pub mod jsonl;
mod lexicon;
mod output;
mod report;
mod result;
mod sort;
mod source;
mod spare;
pub mod text;
#[cfg(target_arch = "wasm32")]
mod wasm;

pub use error::Error;
pub use lexicon::rule_ids;
pub use output::{Document, SCHEMA};
pub use report::html_report;
pub use result::{
    Analysis, Attribution, AttributionType, Category, ClaimsByKind, Hedge, Share, Source, SourceKind,
    SourceSourcing, Sourcing, Stats,
};
pub use text::{Language, Span};

/// How to analyse a text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// The language of the text, or `None` to detect it from the text.
    pub language: Option<Language>,
}

impl Options {
    /// Options with the language fixed (`Some`) or detected (`None`).
    pub fn with_language(language: Option<Language>) -> Self {
        Options { language }
    }

    /// Options from a language code as a user types it: `auto` (or empty), `de`, `en`.
    pub fn from_code(code: &str) -> Result<Self, Error> {
        let code = code.trim();
        if code.is_empty() || code.eq_ignore_ascii_case("auto") {
            Ok(Options { language: None })
        } else {
            Ok(Options { language: Some(code.parse()?) })
        }
    }
}

/// The longest text one analysis takes from the command line, the npm package and the widget:
/// 64 MiB of UTF-8 (bytes).
///
/// [`analyze`] itself has no limit (its cost is linear in the text), but its result and the
/// `hedgemark/1` document take several times the text's size in memory: about 6 MB of
/// WebAssembly memory for each MB of news text, so 64 MiB needs about 400 MB, a tab's share.
/// Beyond that, [`try_analyze`] and every producer built on it refuse the text with an
/// [`Error`] that says so, rather than running a browser tab out of memory.
pub const MAX_TEXT_BYTES: usize = 64 << 20;

/// [`analyze`], for a text of at most [`MAX_TEXT_BYTES`]; a longer one is an [`Error`].
///
/// ```
/// use hedgemark::{try_analyze, Options, MAX_TEXT_BYTES};
/// assert!(try_analyze("Es soll geregnet haben.", &Options::default()).is_ok());
/// let huge = "a".repeat(MAX_TEXT_BYTES + 1);
/// let error = try_analyze(&huge, &Options::default()).unwrap_err();
/// assert!(error.to_string().starts_with("the text is too long: 67,108,865 bytes"));
/// ```
pub fn try_analyze(text: &str, options: &Options) -> Result<Analysis, Error> {
    if text.len() > MAX_TEXT_BYTES {
        return Err(Error::too_long(text.len()));
    }
    Ok(analyze(text, options))
}

/// Analyses `text`: sentences, language, hedges, sources and attributions.
///
/// Total and deterministic: any string gives a result, and the same string and options give
/// the same result.
pub fn analyze(text: &str, options: &Options) -> Analysis {
    let language = options.language.unwrap_or_else(|| text::language::detect(text));
    let sentences = text::sentence::split(text, language);
    // Working memory from the last analysis on this thread (see `spare`).
    let mut spare = spare::take();
    // One tokenization, sentence by sentence, for both layers.
    let mut words = (std::mem::take(&mut spare.tokens), std::mem::take(&mut spare.starts));
    text::token::tokenize_sentences_into(text, &sentences, &mut words.0, &mut words.1);
    let (hedges, forms) = hedge::detect(text, &sentences, &words, language, &mut spare);
    let (sources, attributions) =
        source::attribute(text, &sentences, &hedges, (&words, &forms), language, &mut spare.bits);
    (spare.tokens, spare.starts) = words;
    forms.recycle(&mut spare);
    spare::give_back(spare);
    let mut analysis =
        Analysis { language, sentences, hedges, sources, attributions, stats: Stats::default() };
    analysis.count(text);
    analysis
}

impl Analysis {
    /// Pairs the analysis with the text it was made from, for serialisation as `hedgemark/1`.
    pub fn document<'a>(&'a self, text: &'a str) -> Document<'a> {
        Document::new(self, text)
    }
}

#[doc(hidden)]
pub use hedge::{explain, Fired};

/// The keys of the speech files whose entries are cues (for `tests/quotes.rs`).
#[doc(hidden)]
pub use lexicon::speech_keys::CUES as SPEECH_CUE_KEYS;

/// The README's examples, compiled and run as doc tests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
