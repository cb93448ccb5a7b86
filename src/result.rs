//! The analysis result, with byte spans. [`crate::Document`] turns it into `hedgemark/1` JSON.

use serde::Serialize;

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
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
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
    /// Recomputes [`Analysis::stats`] from the lists.
    pub(crate) fn count(&mut self) {
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
        };
    }
}
