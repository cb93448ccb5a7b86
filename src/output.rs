//! The one serializer: [`Analysis`] plus its text to the `hedgemark/1` shape, with UTF-16
//! offsets and the exact text of every span. The command line (JSON), the wasm binding
//! (`serde-wasm-bindgen`) and the HTML report all go through it.

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::result::Analysis;
use crate::text::span::Utf16Offsets;
use crate::text::Span;

/// The `hedgemark/1` schema name.
pub const SCHEMA: &str = "hedgemark/1";

/// An [`Analysis`] together with the text it was made from, ready to serialise as
/// `hedgemark/1` (a map, so it can be `#[serde(flatten)]`ed beside an `id`).
///
/// ```
/// let text = "„Der 😀-Preis“ soll gestiegen sein.";
/// let analysis = hedgemark::analyze(text, &hedgemark::Options::default());
/// let doc = analysis.document(text);
/// let hedge = &analysis.hedges[0];
/// assert_eq!(hedge.span.slice(text), "soll");
/// assert_eq!((hedge.span.start, hedge.span.end), (21, 25)); // bytes
/// assert_eq!(doc.utf16(hedge.span), (15, 19)); // UTF-16 code units
/// ```
#[derive(Debug)]
pub struct Document<'a> {
    analysis: &'a Analysis,
    text: &'a str,
    offsets: Utf16Offsets,
    /// Whether spans carry their `text` (else `null`, for a caller that fills it in itself).
    texts: bool,
}

impl<'a> Document<'a> {
    /// Pairs an analysis with the text it was made from.
    pub fn new(analysis: &'a Analysis, text: &'a str) -> Self {
        let offsets = Utf16Offsets::new(text);
        Document { analysis, text, offsets, texts: true }
    }

    /// The same document without the `text` of any span, for the wasm binding, whose JavaScript
    /// wrapper sets each span's text from the caller's own string (so a lone surrogate comes back
    /// as it was): it saves making every span's text a JavaScript string twice. A hedge's `text`
    /// is `null` (it comes before other fields, and the wrapper's assignment keeps its place);
    /// other spans leave it out (it is their last field, where the wrapper then adds it), which
    /// spares serde-wasm-bindgen a property per span.
    #[cfg(any(target_arch = "wasm32", test))]
    pub(crate) fn without_texts(mut self) -> Self {
        self.texts = false;
        self
    }

    /// The analysis.
    pub fn analysis(&self) -> &'a Analysis {
        self.analysis
    }

    /// The text.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The UTF-16 `(start, end)` of a byte span of this analysis.
    pub fn utf16(&self, span: Span) -> (usize, usize) {
        (self.offsets.get(span.start), self.offsets.get(span.end))
    }

    fn span(&self, span: Span) -> SpanOut<'_> {
        let (start, end) = self.utf16(span);
        SpanOut { start, end, text: self.texts.then(|| span.slice(self.text)) }
    }
}

#[derive(serde::Serialize)]
struct SpanOut<'t> {
    start: usize,
    end: usize,
    /// Left out rather than `null` without texts: the JavaScript wrapper adds it, last, as here.
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'t str>,
}

#[derive(serde::Serialize)]
struct HedgeOut<'t> {
    start: usize,
    end: usize,
    text: Option<&'t str>,
    category: crate::Category,
    sentence: usize,
    rule: &'static str,
    note: &'static str,
}

#[derive(serde::Serialize)]
struct SourceOut<'t> {
    id: usize,
    name: &'t str,
    kind: crate::SourceKind,
    mentions: Vec<SpanOut<'t>>,
}

#[derive(serde::Serialize)]
struct AttributionOut<'t> {
    #[serde(rename = "type")]
    kind: crate::AttributionType,
    source: Option<usize>,
    cue: Option<SpanOut<'t>>,
    content: SpanOut<'t>,
    sentence: usize,
}

impl Serialize for Document<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let a = self.analysis;
        let mut map = serializer.serialize_map(Some(7))?;
        map.serialize_entry("schema", SCHEMA)?;
        map.serialize_entry("language", &a.language)?;
        let sentences: Vec<SpanOut<'_>> = a.sentences.iter().map(|&s| self.span(s)).collect();
        map.serialize_entry("sentences", &sentences)?;
        let hedges: Vec<HedgeOut<'_>> = a
            .hedges
            .iter()
            .map(|h| {
                let s = self.span(h.span);
                HedgeOut {
                    start: s.start,
                    end: s.end,
                    text: s.text,
                    category: h.category,
                    sentence: h.sentence,
                    rule: h.rule,
                    note: h.note,
                }
            })
            .collect();
        map.serialize_entry("hedges", &hedges)?;
        let sources: Vec<SourceOut<'_>> = a
            .sources
            .iter()
            .map(|s| SourceOut {
                id: s.id,
                name: &s.name,
                kind: s.kind,
                mentions: s.mentions.iter().map(|&m| self.span(m)).collect(),
            })
            .collect();
        map.serialize_entry("sources", &sources)?;
        let attributions: Vec<AttributionOut<'_>> = a
            .attributions
            .iter()
            .map(|t| AttributionOut {
                kind: t.kind,
                source: t.source,
                cue: t.cue.map(|c| self.span(c)),
                content: self.span(t.content),
                sentence: t.sentence,
            })
            .collect();
        map.serialize_entry("attributions", &attributions)?;
        map.serialize_entry("stats", &a.stats)?;
        map.end()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn without_texts_leaves_only_the_texts_out() {
        let text = "„Wir bauen 😀 weiter“, sagte Bauleiterin Petra Kolb. Der Preis steigt vermutlich.";
        let a = crate::analyze(text, &crate::Options::default());
        let full = serde_json::to_value(a.document(text)).unwrap();
        let mut bare = serde_json::to_value(a.document(text).without_texts()).unwrap();
        // A hedge's text is null (in its place); the other spans' is left out.
        assert!(bare["hedges"][0]["text"].is_null());
        assert!(bare["sentences"][0].get("text").is_none());
        assert!(bare["attributions"][0]["content"].get("text").is_none());
        let mut nulls = 0;
        fill(&mut bare, text, &mut nulls);
        assert_eq!(bare, full);
        let spans = a.sentences.len()
            + a.hedges.len()
            + a.sources.iter().map(|s| s.mentions.len()).sum::<usize>()
            + a.attributions.iter().map(|t| 1 + usize::from(t.cue.is_some())).sum::<usize>();
        assert_eq!(nulls, spans);
        assert_eq!(spans, 6, "{full}");
    }

    /// Sets the `text` beside UTF-16 `start`/`end` where it is `null` or missing, as JavaScript's
    /// `slice` would.
    fn fill(v: &mut serde_json::Value, text: &str, nulls: &mut usize) {
        match v {
            serde_json::Value::Object(m) => {
                if m.contains_key("start") && m.get("text").map_or(true, serde_json::Value::is_null) {
                    let units: Vec<u16> = text.encode_utf16().collect();
                    let at = |k: &str| m[k].as_u64().unwrap() as usize;
                    let slice = String::from_utf16(&units[at("start")..at("end")]).unwrap();
                    m.insert("text".into(), slice.into());
                    *nulls += 1;
                }
                m.values_mut().for_each(|x| fill(x, text, nulls));
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(|x| fill(x, text, nulls)),
            _ => {}
        }
    }
}
