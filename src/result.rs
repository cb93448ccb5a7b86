//! The analysis result, with byte spans. [`crate::Document`] turns it into `hedgemark/1` JSON.

use serde::{Serialize, Serializer};

use crate::text::span::utf16_len;
use crate::text::{Language, Span};

/// What kind of hedge a word or phrase is (the categories of `hedgemark/1`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Category {
    /// Hearsay: the claim is passed on, not vouched for (*angeblich*, *reportedly*).
    Reportative,
    /// Possibility or probability (*könnte*, *may*, *likely*).
    Speculative,
    /// A belief or assumption, not a fact (*vermuten*, *believe*).
    Belief,
    /// A stated lack of proof or confirmation (*unbestätigt*, *no evidence*).
    EvidentialGap,
    /// A vague, unnamed source (*Beobachter*, *critics say*).
    Weasel,
    /// A vague quantity or degree (*etwa*, *roughly*).
    Approximator,
}

impl Category {
    /// Every category, in the order of the specification.
    pub const ALL: [Category; 6] = [
        Category::Reportative,
        Category::Speculative,
        Category::Belief,
        Category::EvidentialGap,
        Category::Weasel,
        Category::Approximator,
    ];

    /// The name used in `hedgemark/1` and in the lexicon files (`evidential_gap`, …).
    pub const fn name(self) -> &'static str {
        match self {
            Category::Reportative => "reportative",
            Category::Speculative => "speculative",
            Category::Belief => "belief",
            Category::EvidentialGap => "evidential_gap",
            Category::Weasel => "weasel",
            Category::Approximator => "approximator",
        }
    }

    /// The category of a name, if it is one.
    pub fn from_name(name: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// A word or phrase that weakens or distances a claim.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hedge {
    /// The cue in the text (bytes).
    pub span: Span,
    /// What kind of hedge it is.
    pub category: Category,
    /// Index into [`Analysis::sentences`] of the sentence the cue stands in.
    pub sentence: usize,
    /// The stable, dotted id of the rule that found it (`de.reportative.sollen-perfect`).
    pub rule: &'static str,
    /// One sentence, in the text's language, that tells a reader why this hedges the claim.
    pub note: &'static str,
}

/// What a source is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SourceKind {
    /// A named individual.
    Person,
    /// A named institution, government, army, company, or a country acting as a speaker.
    Organization,
    /// An unnamed or collective source (*Beobachter*, *critics*).
    Vague,
    /// Not known.
    Unknown,
}

/// One source of claims, as an entity with all its mentions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// Its index in [`Analysis::sources`].
    pub id: usize,
    /// The fullest name found in the text.
    pub name: String,
    /// What kind of source it is.
    pub kind: SourceKind,
    /// Every place the text refers to it, sorted by position.
    pub mentions: Vec<Span>,
}

/// How a claim is attributed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AttributionType {
    /// A direct quotation; the content is the text between the quotation marks.
    Direct,
    /// Reported speech.
    Indirect,
    /// An explicit source marker (*laut*, *according to*).
    AccordingTo,
    /// A source's belief or assessment.
    Belief,
}

/// One claim attributed to one source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribution {
    /// How the claim is attributed.
    pub kind: AttributionType,
    /// The [`Source::id`] of who it comes from, or `None` when nobody can be named.
    pub source: Option<usize>,
    /// The word or phrase that signals the attribution, if any.
    pub cue: Option<Span>,
    /// The claim itself.
    pub content: Span,
    /// Index into [`Analysis::sentences`] of the sentence the content starts in.
    pub sentence: usize,
}

/// Counts over the whole text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// Number of sentences.
    pub sentences: usize,
    /// Sentences with at least one hedge.
    pub hedged_sentences: usize,
    /// Sentences with at least one attribution.
    pub attributed_sentences: usize,
    /// Number of hedges.
    pub hedges: usize,
    /// Number of sources.
    pub sources: usize,
    /// Number of direct quotations.
    pub quotes: usize,
    /// Who the claims come from, and how much of the text is quoted.
    pub sourcing: Sourcing,
}

/// The sourcing summary (`stats.sourcing`): who the claims come from, which hedged claims
/// nobody is named for, and how much of the text is quoted, in all and per source.
///
/// Quoted amounts are **UTF-16 code units** (the unit of every offset in `hedgemark/1`):
/// the units covered by the contents of direct quotations, each unit counted once even where
/// quotations overlap (a quotation inside another). Shares are [`Share`]s: three decimals,
/// computed from the integers, 0 when there is nothing to divide by.
///
/// Computed by one pass over the attributions, relying on the invariants of [`Analysis`]:
/// sentences and attribution contents sorted by start, a source's id its index.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Sourcing {
    /// Attributions by the kind of their source.
    pub claims: ClaimsByKind,
    /// Hedged claims: sentences with at least one hedge (the same number as
    /// [`Stats::hedged_sentences`]).
    pub hedged_claims: usize,
    /// Hedged claims that no attribution covers: no attribution's content shares a character
    /// with the sentence (an attribution counts for every sentence its content reaches into,
    /// not only the one it starts in).
    pub unattributed_hedged_claims: usize,
    /// UTF-16 code units inside the contents of direct quotations (each unit once).
    pub quoted: usize,
    /// `quoted` / the UTF-16 length of the text.
    pub quoted_share: Share,
    /// One entry per source, in [`Source::id`] order (the order of [`Analysis::sources`]).
    pub by_source: Vec<SourceSourcing>,
}

/// Attributions (of every type) counted by the [`SourceKind`] of their source.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ClaimsByKind {
    /// Attributed to a named individual.
    pub person: usize,
    /// Attributed to a named institution.
    pub organization: usize,
    /// Attributed to an unnamed or collective source.
    pub vague: usize,
    /// Attributed to a source of unknown kind (or to an id that names no source).
    pub unknown: usize,
    /// Attributions whose source is `None` (`null`): nobody can be named.
    pub unsourced: usize,
}

/// The sourcing of one source.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SourceSourcing {
    /// The [`Source::id`].
    pub source: usize,
    /// Its attributions (of every type).
    pub claims: usize,
    /// Its direct quotations.
    pub quotes: usize,
    /// UTF-16 code units inside its direct quotations (each unit once).
    pub quoted: usize,
    /// Its `quoted` / all quoted units of the text ([`Sourcing::quoted`]). The shares of all
    /// sources add up to less than 1 when some quotations have no speaker, and may add up to
    /// more when one source's quotation lies inside another's.
    pub quoted_share: Share,
}

/// A share between 0 and 1 in thousandths, computed from integers and rounded half up, so it
/// is the same number on every platform. It serialises as a JSON number with at most three
/// decimals (`0.187`; `0` and `1` as integers).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Share(u16);

impl Share {
    /// `part / whole`, rounded to thousandths; 0 when `whole` is 0, at most 1.
    pub fn of(part: usize, whole: usize) -> Share {
        if whole == 0 {
            return Share(0);
        }
        // In u64 with no overflow: wholes over 2^40 (a terabyte of text, never on wasm32)
        // are scaled down first.
        let shift = (u64::BITS - (whole as u64).leading_zeros()).saturating_sub(40);
        let (part, whole) = ((part.min(whole) as u64) >> shift, (whole as u64) >> shift);
        Share(((2000 * part + whole) / (2 * whole)) as u16)
    }

    /// The share in thousandths (0 to 1000).
    pub const fn thousandths(self) -> u16 {
        self.0
    }

    /// The share as a number from 0 to 1 (the nearest `f64` to the three-decimal value).
    pub fn value(self) -> f64 {
        f64::from(self.0) / 1000.0
    }
}

impl Serialize for Share {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.0 % 1000 == 0 {
            serializer.serialize_u16(self.0 / 1000)
        } else {
            serializer.serialize_f64(self.value())
        }
    }
}

/// Everything hedgemark found in one text, with byte spans into that text.
///
/// Lists are sorted by position. Serialise it through [`Analysis::document`], which adds the
/// UTF-16 offsets and span texts of `hedgemark/1`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Analysis {
    /// The language that was analysed.
    pub language: Language,
    /// The sentences, in order.
    pub sentences: Vec<Span>,
    /// The hedges, sorted by start.
    pub hedges: Vec<Hedge>,
    /// The sources, in order of first mention.
    pub sources: Vec<Source>,
    /// The attributions, sorted by content start.
    pub attributions: Vec<Attribution>,
    /// Counts.
    pub stats: Stats,
}

impl Analysis {
    /// Recomputes [`Analysis::stats`] from the lists; `text` is the text they were made from
    /// (the quoted amounts are counted in its UTF-16 code units).
    pub(crate) fn count(&mut self, text: &str) {
        let mut hedged = vec![false; self.sentences.len()];
        for h in &self.hedges {
            if let Some(s) = hedged.get_mut(h.sentence) {
                *s = true;
            }
        }
        let mut attributed = vec![false; self.sentences.len()];
        for a in &self.attributions {
            if let Some(s) = attributed.get_mut(a.sentence) {
                *s = true;
            }
        }
        self.stats = Stats {
            sentences: self.sentences.len(),
            hedged_sentences: hedged.iter().filter(|&&b| b).count(),
            attributed_sentences: attributed.iter().filter(|&&b| b).count(),
            hedges: self.hedges.len(),
            sources: self.sources.len(),
            quotes: self.attributions.iter().filter(|a| a.kind == AttributionType::Direct).count(),
            sourcing: self.sourcing(text, &hedged),
        };
    }

    /// The sourcing summary; `hedged[i]` says whether sentence `i` has a hedge.
    ///
    /// One pass over the attributions, no sorting: they are sorted by content start, so the
    /// quotations of the text and of each source arrive in order and their covered units are
    /// merged as they come. A source's id is its index in [`Analysis::sources`].
    fn sourcing(&self, text: &str, hedged: &[bool]) -> Sourcing {
        let mut by_source: Vec<SourceSourcing> =
            self.sources.iter().map(|s| SourceSourcing { source: s.id, ..Default::default() }).collect();
        // The quotation run being merged, for the whole text and per source.
        let mut all = Covered::default();
        let mut runs = vec![Covered::default(); by_source.len()];
        let mut claims = ClaimsByKind::default();
        let mut covered = vec![false; self.sentences.len()];
        // The first sentence that ends after the current content starts: contents come sorted
        // by start, so it only moves forward.
        let mut first = 0;
        for a in &self.attributions {
            let direct = a.kind == AttributionType::Direct;
            let id = a.source.unwrap_or(usize::MAX);
            *match a.source.map(|id| self.sources.get(id).map(|s| s.kind)) {
                None => &mut claims.unsourced,
                Some(Some(SourceKind::Person)) => &mut claims.person,
                Some(Some(SourceKind::Organization)) => &mut claims.organization,
                Some(Some(SourceKind::Vague)) => &mut claims.vague,
                Some(Some(SourceKind::Unknown) | None) => &mut claims.unknown,
            } += 1;
            if let (Some(e), Some(run)) = (by_source.get_mut(id), runs.get_mut(id)) {
                e.claims += 1;
                if direct {
                    e.quotes += 1;
                    run.add(text, a.content);
                }
            }
            if direct {
                all.add(text, a.content);
            }
            // Every sentence the content shares a character with.
            let c = a.content;
            while self.sentences.get(first).is_some_and(|s| s.end <= c.start) {
                first += 1;
            }
            for (s, done) in self.sentences.iter().zip(covered.iter_mut()).skip(first) {
                if s.start >= c.end {
                    break;
                }
                *done |= s.overlaps(&c);
            }
        }
        let quoted = all.total(text);
        for (e, run) in by_source.iter_mut().zip(runs) {
            e.quoted = run.total(text);
            e.quoted_share = Share::of(e.quoted, quoted);
        }
        Sourcing {
            claims,
            hedged_claims: hedged.iter().filter(|&&h| h).count(),
            unattributed_hedged_claims: hedged.iter().zip(&covered).filter(|&(&h, &c)| h && !c).count(),
            quoted,
            quoted_share: Share::of(quoted, utf16_len(text)),
            by_source,
        }
    }
}

/// UTF-16 code units covered by spans that arrive sorted by start, each unit counted once.
#[derive(Clone, Copy, Default)]
struct Covered {
    /// Units of the runs already closed.
    units: usize,
    /// The run of overlapping spans still open.
    run: Option<Span>,
}

impl Covered {
    fn add(&mut self, text: &str, span: Span) {
        if span.is_empty() {
            return;
        }
        match self.run {
            Some(r) if span.start <= r.end => self.run = Some(r.cover(&span)),
            _ => {
                self.units = self.total(text);
                self.run = Some(span);
            }
        }
    }

    fn total(&self, text: &str) -> usize {
        self.units + self.run.and_then(|r| text.get(r.start..r.end)).map_or(0, utf16_len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The span of the `n`-th occurrence (from 0) of `needle` in `text`.
    fn find(text: &str, needle: &str, n: usize) -> Span {
        let start = text.match_indices(needle).nth(n).map(|(i, _)| i).expect(needle);
        Span::new(start, start + needle.len())
    }

    fn hedge(text: &str, cue: &str, sentence: usize) -> Hedge {
        Hedge {
            span: find(text, cue, 0),
            category: Category::Speculative,
            sentence,
            rule: "test.rule",
            note: "test",
        }
    }

    fn source(id: usize, kind: SourceKind) -> Source {
        Source { id, name: format!("S{id}"), kind, mentions: Vec::new() }
    }

    fn attribution(
        kind: AttributionType,
        source: Option<usize>,
        content: Span,
        sentence: usize,
    ) -> Attribution {
        Attribution { kind, source, cue: None, content, sentence }
    }

    /// Sentences split after every ". ", as byte spans.
    fn sentences(text: &str) -> Vec<Span> {
        let mut out = Vec::new();
        let mut start = 0;
        for (i, _) in text.match_indices(". ") {
            out.push(Span::new(start, i + 1));
            start = i + 2;
        }
        if start < text.len() {
            out.push(Span::new(start, text.len()));
        }
        out
    }

    fn counted(
        text: &str,
        hedges: Vec<Hedge>,
        sources: Vec<Source>,
        attributions: Vec<Attribution>,
    ) -> Stats {
        let mut a = Analysis {
            language: Language::German,
            sentences: sentences(text),
            hedges,
            sources,
            attributions,
            stats: Stats::default(),
        };
        a.count(text);
        a.stats
    }

    /// The JSON of a value (serde_json comes with the default `cli` feature).
    #[cfg(feature = "cli")]
    fn json(value: &impl Serialize) -> String {
        serde_json::to_string(value).unwrap()
    }

    #[test]
    fn claims_by_kind_of_source_and_null_sources() {
        use AttributionType::*;
        let text = "A b. C d. E f. G h. I j. K l.";
        let s = |n: usize| sentences(text)[n];
        let stats = counted(
            text,
            Vec::new(),
            vec![
                source(0, SourceKind::Person),
                source(1, SourceKind::Organization),
                source(2, SourceKind::Vague),
                source(3, SourceKind::Unknown),
            ],
            vec![
                attribution(Direct, Some(0), s(0), 0),
                attribution(Indirect, Some(0), s(1), 1),
                attribution(AccordingTo, Some(1), s(2), 2),
                attribution(Belief, Some(2), s(3), 3),
                attribution(Indirect, Some(3), s(4), 4),
                attribution(Direct, None, s(5), 5),
                attribution(Indirect, None, s(5), 5),
                // An id that names no source: its kind is unknown.
                attribution(Indirect, Some(9), s(5), 5),
            ],
        );
        let c = stats.sourcing.claims;
        assert_eq!((c.person, c.organization, c.vague, c.unknown, c.unsourced), (2, 1, 1, 2, 2), "{c:?}");
        let per: Vec<(usize, usize, usize)> =
            stats.sourcing.by_source.iter().map(|e| (e.source, e.claims, e.quotes)).collect();
        assert_eq!(per, [(0, 2, 1), (1, 1, 0), (2, 1, 0), (3, 1, 0)]);
    }

    #[test]
    fn hedged_claims_are_attributed_when_any_content_overlaps_the_sentence() {
        // Four sentences, each hedged. A quotation runs from sentence 0 into sentence 1 (its
        // `sentence` is 0, yet it covers 1 too); sentence 2 is only touched by a content that
        // ends where it starts (no shared character); sentence 3 has an unsourced claim, which
        // still attributes it.
        let text =
            "Er sagte, es könnte regnen. Es dürfte kalt werden. Vielleicht schneit es. Man vermutet Eis.";
        let ss = sentences(text);
        assert_eq!(ss.len(), 4);
        let quote = Span::new(find(text, "es könnte", 0).start, find(text, "kalt", 0).end);
        let touching = Span::new(ss[1].end, ss[2].start); // the space between 1 and 2
        let stats = counted(
            text,
            vec![
                hedge(text, "könnte", 0),
                hedge(text, "dürfte", 1),
                hedge(text, "Vielleicht", 2),
                hedge(text, "vermutet", 3),
            ],
            vec![source(0, SourceKind::Person)],
            vec![
                attribution(AttributionType::Direct, Some(0), quote, 0),
                attribution(AttributionType::Indirect, Some(0), touching, 1),
                attribution(AttributionType::Belief, None, find(text, "Eis", 0), 3),
            ],
        );
        assert_eq!(stats.hedged_sentences, 4);
        assert_eq!(stats.sourcing.hedged_claims, 4);
        assert_eq!(stats.sourcing.unattributed_hedged_claims, 1); // sentence 2
                                                                  // Unchanged: attributed_sentences counts the sentences attributions start in.
        assert_eq!(stats.attributed_sentences, 3);

        // Without attributions every hedged sentence is unattributed; an unhedged one never is.
        let stats = counted(text, vec![hedge(text, "dürfte", 1)], Vec::new(), Vec::new());
        assert_eq!((stats.sourcing.hedged_claims, stats.sourcing.unattributed_hedged_claims), (1, 1));
    }

    #[test]
    fn quoted_units_are_utf16_and_counted_once() {
        // "Straße" is 7 bytes but 6 UTF-16 units; "😀" 4 bytes but 2 units.
        let text = "„Die Straße ist 😀 gesperrt“, sagte Kolb. „Nein“, sagte Rau.";
        let outer = Span::new(find(text, "Die", 0).start, find(text, "gesperrt", 0).end);
        let inner = find(text, "Straße ist 😀", 0); // a quotation inside the first (nested)
        let nein = find(text, "Nein", 0);
        let stats = counted(
            text,
            Vec::new(),
            vec![source(0, SourceKind::Person), source(1, SourceKind::Person), source(2, SourceKind::Vague)],
            vec![
                attribution(AttributionType::Direct, Some(0), outer, 0),
                attribution(AttributionType::Direct, None, inner, 0),
                attribution(AttributionType::Direct, Some(1), nein, 1),
                attribution(AttributionType::Direct, Some(1), nein, 1), // the same span twice
                attribution(AttributionType::Indirect, Some(2), nein, 1), // not a quotation
            ],
        );
        let total: usize = text.encode_utf16().count();
        assert_eq!(total, 60);
        let outer_units = "Die Straße ist 😀 gesperrt".encode_utf16().count();
        assert_eq!(outer_units, 26);
        let s = &stats.sourcing;
        assert_eq!(s.quoted, 26 + 4);
        assert_eq!(s.quoted_share, Share::of(30, 60));
        assert_eq!(s.quoted_share.thousandths(), 500);
        let per: Vec<(usize, usize, usize, u16)> = s
            .by_source
            .iter()
            .map(|e| (e.source, e.quotes, e.quoted, e.quoted_share.thousandths()))
            .collect();
        // 26/30 = 0.8667 → 0.867; 4/30 = 0.1333 → 0.133; the unsourced inner quotation belongs
        // to nobody.
        assert_eq!(per, [(0, 1, 26, 867), (1, 2, 4, 133), (2, 0, 0, 0)]);
        #[cfg(feature = "cli")]
        assert_eq!(
            json(s),
            r#"{"claims":{"person":3,"organization":0,"vague":1,"unknown":0,"unsourced":1},"hedged_claims":0,"unattributed_hedged_claims":0,"quoted":30,"quoted_share":0.5,"by_source":[{"source":0,"claims":1,"quotes":1,"quoted":26,"quoted_share":0.867},{"source":1,"claims":2,"quotes":2,"quoted":4,"quoted_share":0.133},{"source":2,"claims":1,"quotes":0,"quoted":0,"quoted_share":0}]}"#
        );
    }

    #[test]
    fn by_source_has_one_entry_per_source_in_id_order() {
        // Source 0 says nothing, source 2 is quoted twice in one quotation's place.
        let text = "„Ja“, sagte A. „Nein“, sagte B.";
        let nein = find(text, "Nein", 0);
        let stats = counted(
            text,
            Vec::new(),
            vec![
                source(0, SourceKind::Person),
                source(1, SourceKind::Organization),
                source(2, SourceKind::Vague),
            ],
            vec![
                attribution(AttributionType::Direct, Some(1), find(text, "Ja", 0), 0),
                attribution(AttributionType::Direct, Some(2), nein, 1),
                attribution(AttributionType::AccordingTo, Some(2), nein, 1),
            ],
        );
        let per: Vec<(usize, usize, usize, usize, u16)> = stats
            .sourcing
            .by_source
            .iter()
            .map(|e| (e.source, e.claims, e.quotes, e.quoted, e.quoted_share.thousandths()))
            .collect();
        assert_eq!(per, [(0, 0, 0, 0, 0), (1, 1, 1, 2, 333), (2, 2, 1, 4, 667)]);
        let c = stats.sourcing.claims;
        assert_eq!((c.person, c.organization, c.vague), (0, 1, 2));
    }

    #[test]
    fn empty_text_gives_zeros_and_no_division_by_zero() {
        let stats = counted("", Vec::new(), Vec::new(), Vec::new());
        assert_eq!(stats.sourcing, Sourcing::default());
        #[cfg(feature = "cli")]
        assert_eq!(
            json(&stats.sourcing),
            r#"{"claims":{"person":0,"organization":0,"vague":0,"unknown":0,"unsourced":0},"hedged_claims":0,"unattributed_hedged_claims":0,"quoted":0,"quoted_share":0,"by_source":[]}"#
        );
        // A source with no quotations, in a text with none: its share is 0, not NaN.
        let stats = counted("Kolb schweigt.", Vec::new(), vec![source(0, SourceKind::Person)], Vec::new());
        assert_eq!(stats.sourcing.by_source, [SourceSourcing { source: 0, ..Default::default() }]);
        #[cfg(feature = "cli")]
        assert_eq!(
            json(&stats.sourcing.by_source),
            r#"[{"source":0,"claims":0,"quotes":0,"quoted":0,"quoted_share":0}]"#
        );
    }

    #[test]
    fn shares_round_half_up_to_thousandths_from_integers() {
        let cases = [
            ((0, 0), 0, "0"),
            ((5, 0), 0, "0"),
            ((0, 7), 0, "0"),
            ((1, 3), 333, "0.333"),
            ((2, 3), 667, "0.667"),
            ((1, 8), 125, "0.125"),
            ((1, 2000), 1, "0.001"), // exactly half a thousandth: up
            ((1, 2001), 0, "0"),
            ((187, 1000), 187, "0.187"),
            ((999_999, 1_000_000), 1000, "1"),
            ((7, 7), 1000, "1"),
            ((9, 7), 1000, "1"), // never over 1
            ((usize::MAX / 2, usize::MAX), 500, "0.5"),
        ];
        for ((part, whole), thousandths, shown) in cases {
            let share = Share::of(part, whole);
            assert_eq!(share.thousandths(), thousandths, "{part}/{whole}");
            assert_eq!(share.value(), shown.parse::<f64>().unwrap(), "{part}/{whole}");
            #[cfg(feature = "cli")]
            assert_eq!(json(&share), shown, "{part}/{whole}");
        }
        assert_eq!(Share::of(1, 3).value(), 0.333);
    }

    #[test]
    fn texts_with_quotations_the_engine_finds() {
        let text = "„Wir bauen weiter“, sagte Bauleiterin Petra Kolb.";
        let a = crate::analyze(text, &crate::Options::default());
        let s = &a.stats.sourcing;
        assert_eq!(a.sources.len(), 1, "{a:?}");
        assert_eq!(a.sources[0].kind, SourceKind::Person);
        assert_eq!((s.claims.person, s.claims.unsourced), (1, 0));
        // "Wir bauen weiter": 16 of the 49 UTF-16 units.
        assert_eq!(text.encode_utf16().count(), 49);
        assert_eq!((s.quoted, s.quoted_share.thousandths()), (16, 327));
        assert_eq!(s.by_source.len(), 1);
        assert_eq!(
            (s.by_source[0].claims, s.by_source[0].quoted, s.by_source[0].quoted_share.thousandths()),
            (1, 16, 1000)
        );

        // "expect" hedges the quoted sentence, which the quotation covers.
        let text = "\"We expect a long winter,\" she said. Prices may rise.";
        let a = crate::analyze(text, &crate::Options::default());
        let s = &a.stats.sourcing;
        assert_eq!(a.stats.hedged_sentences, 2, "{a:?}");
        assert_eq!((s.hedged_claims, s.unattributed_hedged_claims), (2, 1));
        assert_eq!(s.quoted, "We expect a long winter,".len());
        // The quotation, and the belief inside it ("We expect …"), both hers.
        assert_eq!(s.claims.person + s.claims.unknown, 2);
    }
}
