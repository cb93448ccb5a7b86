//! The standalone HTML report: the text with its highlights, escaped, with no scripts.
//!
//! Every highlight is a `<mark data-kind="…">` over a byte span of the text: `hedge` (with
//! `data-category`), `source` (a mention of a [`crate::Source`]), `quote` and `claim` (the
//! content of a direct or other attribution) and `cue` (the word that signals an attribution).
//! Spans may nest or overlap; the renderer cuts the text at every span boundary and closes and
//! reopens marks where they cross, so the HTML is always well formed. A span that is empty, out of
//! range or not on character boundaries is left out rather than trusted.

use std::fmt::Write as _;

use crate::result::{Analysis, AttributionType, Category, SourceKind};
use crate::text::{Language, Span};
use crate::SCHEMA;

/// Renders a standalone HTML page showing `text` with the hedges (and sources) of `analysis`
/// highlighted. The text is escaped; the page needs no scripts and makes no requests.
///
/// The page has a header with the language and the counts, a legend of the hedge categories
/// (colours for light and dark mode), the text with every hedge as
/// `<mark data-kind="hedge" data-category="…" title="category — note (rule)">`, and a list of
/// the hedges by category. It is pure: no I/O, the same input gives the same page.
///
/// ```
/// let text = "Der Minister soll davon gewusst haben. <b>";
/// let analysis = hedgemark::analyze(text, &hedgemark::Options::default());
/// let html = hedgemark::html_report(&analysis, text);
/// assert!(html.contains(r#"<mark data-kind="hedge" data-category="reportative""#));
/// assert!(html.contains("&lt;b&gt;") && !html.contains("<b>"));
/// ```
pub fn html_report(analysis: &Analysis, text: &str) -> String {
    let l = Labels::of(analysis.language);
    let marks = marks(analysis, text);
    let mut out = String::with_capacity(text.len() * 3 + 12_000);

    out.push_str("<!doctype html>\n<html lang=\"");
    out.push_str(analysis.language.code());
    out.push_str("\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    // Belt and braces: even a page edited by hand cannot run scripts or load anything.
    out.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src \
         'unsafe-inline'\">\n",
    );
    out.push_str("<meta name=\"generator\" content=\"hedgemark ");
    out.push_str(env!("CARGO_PKG_VERSION"));
    out.push_str("\">\n<title>");
    escape_into(&mut out, &title(analysis, text));
    out.push_str(" · hedgemark</title>\n<style>\n");
    out.push_str(CSS);
    out.push_str("</style>\n</head>\n<body>\n<main>\n");

    header(&mut out, analysis, &l);
    legend(&mut out, analysis, &l);

    let _ = write!(out, "<h2>{}</h2>\n<div class=\"text\">", l.text);
    render_marked(&mut out, text, &marks);
    out.push_str("</div>\n");

    hedge_list(&mut out, analysis, text, &l);

    let _ = write!(
        out,
        "<footer>hedgemark {} · {SCHEMA} · {}</footer>\n</main>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION"),
        l.footer
    );
    out
}

/// The words of the page, in the language of the text.
struct Labels {
    report: &'static str,
    language: &'static str,
    language_name: &'static str,
    sentences: &'static str,
    hedged_sentences: &'static str,
    hedges: &'static str,
    sources: &'static str,
    attributed_sentences: &'static str,
    quotes: &'static str,
    legend: &'static str,
    text: &'static str,
    by_category: &'static str,
    no_hedges: &'static str,
    source: &'static str,
    quote: &'static str,
    claim: &'static str,
    cue: &'static str,
    unnamed: &'static str,
    footer: &'static str,
    /// Quotation marks around a context: „…“ or “…”.
    quote_marks: (char, char),
    /// Between a number and `%`.
    percent_space: &'static str,
    /// Name and gloss of each category, in the order of [`Category::ALL`].
    categories: [(&'static str, &'static str); 6],
}

impl Labels {
    fn of(language: Language) -> Labels {
        match language {
            Language::German => Labels {
                report: "Vorbehalte und Quellen",
                language: "Sprache",
                language_name: "Deutsch",
                sentences: "Sätze",
                hedged_sentences: "Sätze mit Vorbehalt",
                hedges: "Vorbehalte",
                sources: "Quellen",
                attributed_sentences: "Sätze mit Quellenangabe",
                quotes: "Zitate",
                legend: "Legende",
                text: "Text",
                by_category: "Vorbehalte nach Art",
                no_hedges: "Keine Vorbehalte gefunden.",
                source: "Quelle",
                quote: "Zitat",
                claim: "zugeschriebene Aussage",
                cue: "Signalwort der Zuschreibung",
                unnamed: "ungenannt",
                footer: "Markiert sind Wörter, mit denen der Text sich eine Aussage nicht zu eigen macht.",
                quote_marks: ('„', '“'),
                percent_space: "\u{202F}",
                categories: [
                    ("Hörensagen", "weitergegeben, nicht verbürgt"),
                    ("Spekulation", "möglich oder wahrscheinlich"),
                    ("Annahme", "vermutet, nicht festgestellt"),
                    ("Belegslücke", "Beweis oder Bestätigung fehlt"),
                    ("Vage Quelle", "ungenannte oder unbestimmte Quelle"),
                    ("Ungefähr", "ungenaue Menge oder Stärke"),
                ],
            },
            _ => Labels {
                report: "Hedges and sources",
                language: "Language",
                language_name: "English",
                sentences: "sentences",
                hedged_sentences: "hedged sentences",
                hedges: "hedges",
                sources: "sources",
                attributed_sentences: "attributed sentences",
                quotes: "quotes",
                legend: "Legend",
                text: "Text",
                by_category: "Hedges by category",
                no_hedges: "No hedges found.",
                source: "source",
                quote: "quote",
                claim: "attributed claim",
                cue: "attribution cue",
                unnamed: "unnamed",
                footer: "Marked are the words by which the text does not vouch for a claim.",
                quote_marks: ('“', '”'),
                percent_space: "",
                categories: [
                    ("Hearsay", "passed on, not vouched for"),
                    ("Speculation", "possible or probable"),
                    ("Belief", "assumed, not established"),
                    ("Evidence gap", "proof or confirmation lacking"),
                    ("Vague source", "unnamed or vague source"),
                    ("Approximation", "vague quantity or degree"),
                ],
            },
        }
    }

    fn category(&self, category: Category) -> (&'static str, &'static str) {
        let i = Category::ALL.iter().position(|&c| c == category).unwrap_or(0);
        self.categories[i]
    }
}

/// The page title: the start of the first sentence.
fn title(analysis: &Analysis, text: &str) -> String {
    let first = analysis.sentences.first().and_then(|s| text.get(s.start..s.end)).unwrap_or(text);
    let words: Vec<&str> = first.split_whitespace().collect();
    let mut title = String::new();
    for w in words.iter() {
        if title.chars().count() + w.chars().count() > 70 {
            title.push_str(" …");
            break;
        }
        if !title.is_empty() {
            title.push(' ');
        }
        title.push_str(w);
    }
    if title.is_empty() {
        title.push_str("hedgemark");
    }
    title
}

fn header(out: &mut String, a: &Analysis, l: &Labels) {
    let s = &a.stats;
    let _ = write!(out, "<header>\n<h1>{}</h1>\n<dl class=\"stats\">\n", l.report);
    let _ = writeln!(out, "<div><dt>{}</dt><dd>{}</dd></div>", l.language, l.language_name);
    let mut stat = |label: &str, n: usize, of: Option<usize>| {
        let _ = write!(out, "<div><dt>{label}</dt><dd>{n}");
        if let Some(total) = of.filter(|&t| t > 0) {
            let _ = write!(out, " <small>({}{}%)</small>", (n * 100 + total / 2) / total, l.percent_space);
        }
        out.push_str("</dd></div>\n");
    };
    stat(l.sentences, s.sentences, None);
    stat(l.hedges, s.hedges, None);
    stat(l.hedged_sentences, s.hedged_sentences, Some(s.sentences));
    if s.sources > 0 || s.attributed_sentences > 0 || s.quotes > 0 {
        stat(l.sources, s.sources, None);
        stat(l.attributed_sentences, s.attributed_sentences, Some(s.sentences));
        stat(l.quotes, s.quotes, None);
    }
    out.push_str("</dl>\n</header>\n");
}

fn legend(out: &mut String, a: &Analysis, l: &Labels) {
    let _ = write!(out, "<h2>{}</h2>\n<ul class=\"legend\">\n", l.legend);
    for category in Category::ALL {
        let (name, gloss) = l.category(category);
        let n = a.hedges.iter().filter(|h| h.category == category).count();
        let _ = writeln!(
            out,
            "<li><mark data-kind=\"hedge\" data-category=\"{}\">{name}</mark> {gloss} <small>({} · {n})</small></li>",
            category.name(),
            category.name(),
        );
    }
    if !a.sources.is_empty() {
        let _ = writeln!(out, "<li><mark data-kind=\"source\">{}</mark></li>", l.source);
    }
    if a.attributions.iter().any(|t| t.kind == AttributionType::Direct) {
        let _ = writeln!(out, "<li><mark data-kind=\"quote\">{}</mark></li>", l.quote);
    }
    if a.attributions.iter().any(|t| t.kind != AttributionType::Direct) {
        let _ = writeln!(out, "<li><mark data-kind=\"claim\">{}</mark></li>", l.claim);
    }
    if a.attributions.iter().any(|t| t.cue.is_some()) {
        let _ = writeln!(out, "<li><mark data-kind=\"cue\">{}</mark></li>", l.cue);
    }
    out.push_str("</ul>\n");
}

fn hedge_list(out: &mut String, a: &Analysis, text: &str, l: &Labels) {
    let _ = writeln!(out, "<h2>{}</h2>", l.by_category);
    if a.hedges.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", l.no_hedges);
        return;
    }
    for category in Category::ALL {
        let hedges: Vec<(usize, &crate::Hedge)> =
            a.hedges.iter().enumerate().filter(|(_, h)| h.category == category).collect();
        if hedges.is_empty() {
            continue;
        }
        let (name, gloss) = l.category(category);
        let _ = write!(
            out,
            "<section class=\"category\">\n<h3><mark data-kind=\"hedge\" data-category=\"{c}\">{name}</mark> \
             <small>{c} · {gloss} · {n}</small></h3>\n<ol>\n",
            c = category.name(),
            n = hedges.len(),
        );
        for (i, h) in hedges {
            let Some(cue) = text.get(h.span.start..h.span.end) else { continue };
            let _ = write!(out, "<li><a href=\"#hedge-{i}\" class=\"cue\">");
            escape_into(out, cue);
            out.push_str("</a> <span class=\"context\">");
            context_into(out, a, text, h, l.quote_marks);
            out.push_str("</span><br><span class=\"note\">");
            escape_into(out, h.note);
            out.push_str("</span> <code>");
            escape_into(out, h.rule);
            out.push_str("</code></li>\n");
        }
        out.push_str("</ol>\n</section>\n");
    }
}

/// The sentence of a hedge with the cue marked, shortened to some words either side.
fn context_into(out: &mut String, a: &Analysis, text: &str, hedge: &crate::Hedge, quotes: (char, char)) {
    let (sentence, cue, category) = (hedge.sentence, hedge.span, hedge.category);
    const SIDE: usize = 90; // characters either side of the cue
    let Some(s) =
        a.sentences.get(sentence).filter(|s| s.contains(&cue) && text.get(s.start..s.end).is_some())
    else {
        return;
    };
    let before = &text[s.start..cue.start];
    let after = &text[cue.end..s.end];
    let cut_before = before.char_indices().rev().nth(SIDE).map(|(i, _)| i);
    let cut_after = after.char_indices().nth(SIDE).map(|(i, _)| i);
    out.push(quotes.0);
    if let Some(i) = cut_before {
        out.push('…');
        escape_into(out, squash(&before[i..]).trim_start());
    } else {
        escape_into(out, &squash(before));
    }
    let _ = write!(out, "<mark data-kind=\"hedge\" data-category=\"{}\">", category.name());
    escape_into(out, &squash(&text[cue.start..cue.end]));
    out.push_str("</mark>");
    match cut_after {
        Some(i) => {
            escape_into(out, squash(&after[..i]).trim_end());
            out.push('…');
        }
        None => escape_into(out, &squash(after)),
    }
    out.push(quotes.1);
}

/// Line breaks and runs of white space as single spaces (for one-line contexts).
fn squash(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if !c.is_whitespace() {
            out.push(c);
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    out
}

/// One highlight: a span and the opening tag that marks it.
struct Mark {
    span: Span,
    /// Outer layers open first where spans start together: 0 claims and quotes, 1 sources,
    /// 2 cues, 3 hedges.
    layer: u8,
    /// Everything after `<mark` but the id: ` data-kind="…" …` (escaped).
    attrs: String,
    /// An `id` for the first piece of the mark, the target of a link.
    id: Option<String>,
}

/// Every highlight of the analysis, sorted by start, longest first.
fn marks(a: &Analysis, text: &str) -> Vec<Mark> {
    let l = Labels::of(a.language);
    let mut marks = Vec::new();
    let attr = |s: &mut String, name: &str, value: &str| {
        let _ = write!(s, " {name}=\"");
        escape_into(s, value);
        s.push('"');
    };
    for (i, h) in a.hedges.iter().enumerate() {
        let mut attrs = String::new();
        attr(&mut attrs, "data-kind", "hedge");
        attr(&mut attrs, "data-category", h.category.name());
        attr(&mut attrs, "data-rule", h.rule);
        attr(&mut attrs, "title", &format!("{} — {} ({})", h.category.name(), h.note, h.rule));
        marks.push(Mark { span: h.span, layer: 3, attrs, id: Some(format!("hedge-{i}")) });
    }
    let source_name = |id: Option<usize>| match id.and_then(|id| a.sources.iter().find(|s| s.id == id)) {
        Some(s) => s.name.as_str(),
        None => l.unnamed,
    };
    for s in &a.sources {
        let kind = match s.kind {
            SourceKind::Person => "person",
            SourceKind::Organization => "organization",
            SourceKind::Vague => "vague",
            _ => "unknown",
        };
        for (n, &m) in s.mentions.iter().enumerate() {
            let mut attrs = String::new();
            attr(&mut attrs, "data-kind", "source");
            attr(&mut attrs, "data-source", &s.id.to_string());
            attr(&mut attrs, "data-source-kind", kind);
            attr(&mut attrs, "title", &format!("{}: {} ({kind})", l.source, s.name));
            let id = (n == 0).then(|| format!("source-{}", s.id));
            marks.push(Mark { span: m, layer: 1, attrs, id });
        }
    }
    for t in &a.attributions {
        let kind = match t.kind {
            AttributionType::Direct => "direct",
            AttributionType::Indirect => "indirect",
            AttributionType::AccordingTo => "according_to",
            _ => "belief",
        };
        let (data_kind, label) =
            if t.kind == AttributionType::Direct { ("quote", l.quote) } else { ("claim", l.claim) };
        let mut attrs = String::new();
        attr(&mut attrs, "data-kind", data_kind);
        attr(&mut attrs, "data-type", kind);
        if let Some(id) = t.source {
            attr(&mut attrs, "data-source", &id.to_string());
        }
        attr(&mut attrs, "title", &format!("{label} ({kind}) — {}: {}", l.source, source_name(t.source)));
        marks.push(Mark { span: t.content, layer: 0, attrs, id: None });
        if let Some(cue) = t.cue {
            let mut attrs = String::new();
            attr(&mut attrs, "data-kind", "cue");
            attr(&mut attrs, "data-type", kind);
            attr(
                &mut attrs,
                "title",
                &format!("{} ({kind}) — {}: {}", l.cue, l.source, source_name(t.source)),
            );
            marks.push(Mark { span: cue, layer: 2, attrs, id: None });
        }
    }
    marks.retain(|m| {
        let s = m.span;
        s.start < s.end && text.get(s.start..s.end).is_some()
    });
    crate::sort::sort_by_key(&mut marks, |m| (m.span.start, usize::MAX - m.span.end, usize::from(m.layer)));
    marks
}

/// Writes `text` escaped, with `marks` (sorted as [`marks`] sorts them) as `<mark>` elements.
///
/// The text is cut at every start and end. At an end, the marks opened after the ending one are
/// closed with it and reopened, so elements always nest; a mark cut this way is several elements
/// with the same attributes, and only the first carries the `id`.
fn render_marked(out: &mut String, text: &str, marks: &[Mark]) {
    let mut bounds: Vec<usize> = marks.iter().flat_map(|m| [m.span.start, m.span.end]).collect();
    bounds.push(text.len());
    crate::sort::sort_by_key(&mut bounds, |&b| (b, 0, 0));
    bounds.dedup();
    let mut open: Vec<usize> = Vec::new(); // indices into `marks`, outermost first
    let mut next = 0; // the next mark to open
    let mut pos = 0;
    for b in bounds {
        escape_into(out, &text[pos..b]);
        pos = b;
        if let Some(first) = open.iter().position(|&m| marks[m].span.end <= b) {
            let reopen: Vec<usize> =
                open[first..].iter().copied().filter(|&m| marks[m].span.end > b).collect();
            for _ in first..open.len() {
                out.push_str("</mark>");
            }
            open.truncate(first);
            for m in reopen {
                open_mark(out, &marks[m], false);
                open.push(m);
            }
        }
        while next < marks.len() && marks[next].span.start == b {
            open_mark(out, &marks[next], true);
            open.push(next);
            next += 1;
        }
    }
    for _ in open {
        out.push_str("</mark>");
    }
}

fn open_mark(out: &mut String, mark: &Mark, first: bool) {
    out.push_str("<mark");
    if let Some(id) = mark.id.as_deref().filter(|_| first) {
        out.push_str(" id=\"");
        escape_into(out, id);
        out.push('"');
    }
    out.push_str(&mark.attrs);
    out.push('>');
}

/// Appends `s` with `& < > " '` escaped (safe in text and in quoted attributes). NUL, which
/// HTML does not allow, becomes U+FFFD.
fn escape_into(out: &mut String, s: &str) {
    let mut rest = s;
    while let Some(i) = rest.find(['&', '<', '>', '"', '\'', '\0']) {
        out.push_str(&rest[..i]);
        out.push_str(match rest.as_bytes()[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => "\u{FFFD}",
        });
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
}

/// Light colours first, dark ones for `prefers-color-scheme: dark`. Every text colour on every
/// mark colour has a contrast of at least 7:1 (WCAG AAA).
const CSS: &str = "\
:root{color-scheme:light dark;--bg:#fcfcfa;--fg:#1c1c1c;--muted:#555;--line:#d6d6d2;--card:#f1f1ed;
--reportative:#fbd98f;--reportative-edge:#a86a00;--speculative:#c4dcff;--speculative-edge:#2a64b0;
--belief:#e3d0fa;--belief-edge:#7446b8;--evidential_gap:#ffc9c9;--evidential_gap-edge:#c02a2a;
--weasel:#c9ecc4;--weasel-edge:#2e7d3e;--approximator:#e2e2de;--approximator-edge:#6f6f6a;
--source:#1c1c1c;--quote:#efeadf;--claim:#7a7a74}
@media (prefers-color-scheme:dark){:root{--bg:#151618;--fg:#ececea;--muted:#b0b0ab;--line:#3a3b3e;
--card:#1f2023;--reportative:#5a3f06;--reportative-edge:#f2bf4b;--speculative:#183a6a;
--speculative-edge:#7fb1f5;--belief:#432b68;--belief-edge:#bf9cf5;--evidential_gap:#671d1d;
--evidential_gap-edge:#ff8c8c;--weasel:#1b4826;--weasel-edge:#72d586;--approximator:#414143;
--approximator-edge:#a9a9a4;--source:#ececea;--quote:#2b2a26;--claim:#9a9a94}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.55 system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif}
main{max-width:48rem;margin:0 auto;padding:1.5rem 1.1rem 3rem}
h1{font-size:1.5rem;margin:0 0 .8rem}
h2{font-size:1.15rem;margin:2rem 0 .6rem;padding-bottom:.2rem;border-bottom:1px solid var(--line)}
h3{font-size:1rem;margin:1.2rem 0 .4rem}
small{color:var(--muted);font-weight:normal}
.stats{display:flex;flex-wrap:wrap;gap:.5rem;margin:0}
.stats div{background:var(--card);border:1px solid var(--line);border-radius:.4rem;padding:.35rem .7rem}
.stats dt{font-size:.8rem;color:var(--muted)}
.stats dd{margin:0;font-size:1.2rem;font-weight:600}
.legend{list-style:none;padding:0;margin:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(21rem,1fr));gap:.3rem .8rem}
.text{white-space:pre-wrap;overflow-wrap:anywhere;font-family:Charter,Georgia,\"Times New Roman\",serif;font-size:1.12rem;line-height:1.8}
mark{color:inherit;background:none;-webkit-print-color-adjust:exact;print-color-adjust:exact}
mark[data-kind=hedge]{border-radius:.2em;padding:0 .08em;border-bottom:.15em solid}
mark[data-category=reportative]{background:var(--reportative);border-color:var(--reportative-edge)}
mark[data-category=speculative]{background:var(--speculative);border-color:var(--speculative-edge)}
mark[data-category=belief]{background:var(--belief);border-color:var(--belief-edge)}
mark[data-category=evidential_gap]{background:var(--evidential_gap);border-color:var(--evidential_gap-edge)}
mark[data-category=weasel]{background:var(--weasel);border-color:var(--weasel-edge)}
mark[data-category=approximator]{background:var(--approximator);border-color:var(--approximator-edge)}
mark[data-kind=source]{font-weight:650;text-decoration:underline solid var(--source) .1em;text-underline-offset:.2em}
mark[data-kind=quote]{background:var(--quote);font-style:italic}
mark[data-kind=claim]{text-decoration:underline dotted var(--claim) .12em;text-underline-offset:.3em}
mark[data-kind=cue]{font-variant:small-caps;font-weight:600}
mark[id]:target{outline:2px solid var(--fg);outline-offset:1px}
.category ol{padding-left:1.6rem;margin:.3rem 0}
.category li{margin:.35rem 0}
a.cue{color:inherit;font-weight:600}
.context{color:var(--fg)}
.note{color:var(--muted);font-size:.92rem}
code{font-size:.8rem;color:var(--muted);overflow-wrap:anywhere}
footer{margin-top:2.5rem;font-size:.85rem;color:var(--muted);border-top:1px solid var(--line);padding-top:.6rem}
";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Attribution, Hedge, Source, Stats};

    fn hedge(start: usize, end: usize, category: Category) -> Hedge {
        Hedge { span: Span::new(start, end), category, sentence: 0, rule: "en.test.rule", note: "A <note>." }
    }

    fn analysis(
        text: &str,
        hedges: Vec<Hedge>,
        sources: Vec<Source>,
        attributions: Vec<Attribution>,
    ) -> Analysis {
        let mut a = Analysis {
            language: Language::English,
            sentences: vec![Span::new(0, text.len())],
            hedges,
            sources,
            attributions,
            stats: Stats::default(),
        };
        a.count(text);
        a
    }

    /// The `<mark>` tags of the text part nest properly, and the text without tags is the
    /// escaped input.
    fn check_text_part(html: &str, text: &str) -> String {
        let start = html.find("<div class=\"text\">").unwrap() + "<div class=\"text\">".len();
        let end = start + html[start..].find("</div>").unwrap();
        let part = &html[start..end];
        let mut depth = 0i32;
        let mut plain = String::new();
        let mut rest = part;
        while let Some(i) = rest.find('<') {
            plain.push_str(&rest[..i]);
            let close = i + rest[i..].find('>').unwrap();
            let tag = &rest[i..=close];
            if tag.starts_with("</mark") {
                depth -= 1;
            } else {
                assert!(tag.starts_with("<mark "), "unexpected tag {tag}");
                depth += 1;
            }
            assert!(depth >= 0, "closed a mark that was not open: {part}");
            rest = &rest[close + 1..];
        }
        plain.push_str(rest);
        assert_eq!(depth, 0, "unclosed marks: {part}");
        let mut escaped = String::new();
        escape_into(&mut escaped, text);
        assert_eq!(plain, escaped);
        part.to_string()
    }

    #[test]
    fn overlapping_and_nested_spans_give_well_formed_html() {
        let text = "Critics say the deal may have cost about 3 billion, \"a scandal\", he said.";
        // "Critics say" (a weasel) crosses the claim "say … billion,", which holds "may" and
        // crosses the claim "about 3 … scandal\"", which starts with "about 3" and holds a quote.
        let hedges = vec![
            hedge(0, 11, Category::Weasel),
            hedge(21, 24, Category::Speculative),
            hedge(35, 42, Category::Approximator),
        ];
        let sources = vec![Source {
            id: 0,
            name: "Critics".into(),
            kind: SourceKind::Vague,
            mentions: vec![Span::new(0, 7), Span::new(65, 67)],
        }];
        let attribution = |kind, cue: Option<(usize, usize)>, content: (usize, usize)| Attribution {
            kind,
            source: Some(0),
            cue: cue.map(|(s, e)| Span::new(s, e)),
            content: Span::new(content.0, content.1),
            sentence: 0,
        };
        let attributions = vec![
            attribution(AttributionType::Indirect, Some((8, 11)), (8, 51)),
            attribution(AttributionType::AccordingTo, None, (35, 63)),
            attribution(AttributionType::Direct, Some((68, 72)), (53, 62)),
        ];
        let a = analysis(text, hedges, sources, attributions);
        let html = html_report(&a, text);
        let part = check_text_part(&html, text);
        for kind in ["hedge", "source", "quote", "claim", "cue"] {
            assert!(part.contains(&format!("data-kind=\"{kind}\"")), "{kind} missing: {part}");
        }
        // Each id once, on the first piece.
        assert_eq!(part.matches("id=\"hedge-2\"").count(), 1);
        assert_eq!(html.matches("id=\"hedge-1\"").count(), 1);
        assert!(html.contains("title=\"speculative — A &lt;note&gt;. (en.test.rule)\""));
    }

    #[test]
    fn bad_spans_are_left_out() {
        let text = "Grüße, etwa so.";
        let hedges = vec![
            hedge(1, 3, Category::Approximator),  // inside "ü"
            hedge(5, 5, Category::Approximator),  // empty
            hedge(8, 99, Category::Approximator), // past the end
            hedge(8, 12, Category::Approximator), // "etwa"
        ];
        let a = analysis(text, hedges, vec![], vec![]);
        let html = html_report(&a, text);
        let part = check_text_part(&html, text);
        assert_eq!(part.matches("<mark").count(), 1);
    }

    #[test]
    fn escapes_everything() {
        let mut s = String::new();
        escape_into(&mut s, "a&b<c>d\"e'f\0g");
        assert_eq!(s, "a&amp;b&lt;c&gt;d&quot;e&#39;f\u{FFFD}g");
        let text = "<script>alert('x')</script>\n\nline";
        let a = analysis(text, vec![], vec![], vec![]);
        let html = html_report(&a, text);
        assert!(!html.contains("<script"));
        assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;\n\nline"));
    }

    #[test]
    fn empty_text() {
        let a = analysis("", vec![], vec![], vec![]);
        let html = html_report(&a, "");
        assert!(html.contains("<div class=\"text\"></div>"));
    }
}
