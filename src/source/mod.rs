//! Sources and attributions: direct quotations, reported speech, beliefs and source markers,
//! with their speakers joined into entities.
//!
//! One pass over the sentences. In each sentence, [`quote::find`]'s quotations that open in
//! it are read first, each with a bounded window of text after and before it for a speech
//! frame (*„…“, so der Experte*, *"…," she said*, *Spohr erinnert: „…“*). Then the stretches
//! of the sentence between quotations are read for the other attributions ([`claim::find`]:
//! *X sagte, …*, *laut X*, *Die USA vermuten, dass …*, *according to X*). A German sentence
//! with no attribution of its own whose main verb is in Konjunktiv I (*Es habe …*, *Das
//! funktioniere nur, weil …*) continues the account of the last source. The words are data, in
//! `src/lexicon/<lang>/speech.txt`. Every window is bounded, so the whole is linear in the text.

mod claim;
mod quote;
mod speaker;

use crate::result::{Attribution, AttributionType, Hedge, Source};
use crate::text::token::{Token, TokenKind};
use crate::text::{Language, Span};

use claim::{Claim, Who};
use speaker::{bit, Entities, Lex, Lexicon, Speaker};

/// The speech lists of a language (for the hedge layer's vocabulary, see
/// [`crate::lexicon::Lexicon::speech_bits`]).
pub(crate) use speaker::Lexicon as SpeechLexicon;

/// The speech lists of `language`.
pub(crate) fn speech_lexicon(language: Language) -> &'static SpeechLexicon {
    Lexicon::get(language)
}

/// How far a frame is looked for before and after a quotation (bytes).
const WINDOW: usize = 240;

/// The state of one pass.
struct Pass<'t> {
    text: &'t str,
    sentences: &'t [Span],
    lex: &'t Lex<'t>,
    quotes: Vec<quote::Quote>,
    ents: Entities<'t>,
    out: Vec<Attribution>,
    /// The tokens of the whole text, made once, sentence by sentence: those of sentence `i` are
    /// `all[starts[i]..starts[i + 1]]`.
    all: &'t [Token],
    starts: &'t [u32],
    /// Their list bits and initials.
    marks: &'t Marks<'t>,
    /// Buffers kept from sentence to sentence: the quotations reaching into it, its stretches,
    /// the frames of quotations in it.
    near: Vec<(usize, Span)>,
    stretches: Vec<(usize, usize, Option<usize>)>,
    frames: Vec<Span>,
    /// The last quotation with a speaker: its source and closing paragraph.
    last: Option<(usize, usize)>,
    /// The source of the account in progress: the last attribution's source.
    account: Option<usize>,
    /// A speaker framed by a speech verb after the last attribution, not yet resolved: the
    /// account's source if Konjunktiv I follows.
    pending: Vec<Pending>,
    /// The last sentence with an attribution.
    attributed: Option<usize>,
    /// The cue spans of direct quotations (not read again as reported speech).
    used: Vec<Span>,
    /// The contents of direct quotations, with their sources.
    direct: Vec<(Span, Option<usize>)>,
    claims: Vec<Claim>,
    /// Per sentence, the cue of a reportative *sollen* in it.
    reported: Vec<Option<Span>>,
    /// The last sentences without an attribution: where a person a pronoun refers to may have
    /// been named without speaking (*Jonas Weber wurde festgenommen. Er sagte, …*).
    narrative: Vec<Span>,
    /// A token index near the place being read (the start of the last sentence or quotation),
    /// from which [`Pass::within`] looks for the tokens of a span.
    cursor: std::cell::Cell<usize>,
}

/// Finds the quotations and attributions of `text` and their sources.
// (Called once per text: never inlined, so that a profile shows the layer's cost.)
#[inline(never)]
pub(crate) fn attribute(
    text: &str,
    sentences: &[Span],
    hedges: &[Hedge],
    ((all, starts), forms): (&crate::hedge::Words, &crate::hedge::TokenForms),
    language: Language,
    bits: &mut Vec<u32>,
) -> (Vec<Source>, Vec<Attribution>) {
    // German sentences passing a claim on with *sollen* (*soll … erhalten haben*): reported
    // speech of the account in progress when nothing else in them names a source.
    let mut reported: Vec<Option<Span>> = vec![None; sentences.len()];
    for h in hedges {
        if h.rule.starts_with("de.reportative.sollen-") {
            if let Some(r) = reported.get_mut(h.sentence) {
                r.get_or_insert(h.span);
            }
        }
    }
    let lexicon = Lexicon::get(language);
    let speech_bits = &crate::lexicon::get(language).speech_bits;
    let marks = Marks::new(text, all, forms, (lexicon, speech_bits), std::mem::take(bits));
    let lex = Lex::new(lexicon, all, &marks.bits, forms);
    let mut p = Pass {
        text,
        sentences,
        lex: &lex,
        quotes: quote::find(text),
        ents: Entities::new(language == Language::German),
        out: Vec::new(),
        all,
        starts,
        marks: &marks,
        near: Vec::new(),
        stretches: Vec::new(),
        frames: Vec::new(),
        last: None,
        account: None,
        pending: Vec::new(),
        attributed: None,
        used: Vec::new(),
        direct: Vec::new(),
        claims: Vec::new(),
        reported,
        narrative: Vec::new(),
        cursor: std::cell::Cell::new(0),
    };
    let mut k = 0;
    for (si, sentence) in sentences.iter().enumerate() {
        while k < p.quotes.len() && p.quotes[k].open.start < sentence.end {
            p.quotation(k);
            k += 1;
        }
        p.sentence(si, *sentence);
    }
    while k < p.quotes.len() {
        p.quotation(k);
        k += 1;
    }
    let Pass { ents, mut out, lex, .. } = p;
    let (sources, new_ids) = ents.finish(text, all, lex);
    for a in &mut out {
        a.source = a.source.and_then(|id| new_ids.get(id).copied());
    }
    crate::sort::sort_by_key(&mut out, |a| (a.content.start, a.content.end, 0));
    *bits = marks.bits;
    (sources, out)
}

impl<'t> Pass<'t> {
    /// The tokens lying wholly inside `span` (as [`within_range`] finds them), looked for from
    /// [`Pass::cursor`], which moves to them: the spans read are near the place being read, so
    /// this costs a few steps where a search of all the text's tokens costs a cache miss each.
    fn within(&self, span: Span) -> &'t [Token] {
        let all = self.all;
        let a = partition_near(all, self.cursor.get(), |t| t.span.start < span.start);
        let b = partition_near(all, a, |t| t.span.end <= span.end).max(a);
        self.cursor.set(a);
        &all[a..b]
    }

    /// Where the tokens of sentence `si` are in the text's tokens (as [`within_range`] finds
    /// them: each sentence was tokenized on its own).
    fn sentence_range(&self, si: usize) -> (usize, usize) {
        let range = match (self.starts.get(si), self.starts.get(si + 1)) {
            (Some(&a), Some(&b)) => (a as usize, b as usize),
            _ => within_range(self.all, self.sentences[si]),
        };
        debug_assert_eq!(range, within_range(self.all, self.sentences[si]));
        range
    }

    /// Reads quotation `k` and its frame.
    fn quotation(&mut self, k: usize) {
        let (text, lex) = (self.text, self.lex);
        let q = self.quotes[k];
        let content = trim(text, Span::new(q.open.end, q.close.start));
        if content.is_empty() {
            return;
        }
        let next_open = self.quotes.get(k + 1).map_or(text.len(), |n| n.open.start);
        let prev_close = if k == 0 { 0 } else { self.quotes[k - 1].close.end };

        // After the quotation.
        let after_end = floor(text, next_open.min(q.close.end.saturating_add(WINDOW)));
        let toks = self.within(Span::new(q.close.end, after_end.max(q.close.end)));
        // German: a quotation closed by its own full stop and not followed by a comma is framed after
        // only by a short sentence (*„…“ Smith said.*), not by one that goes on (*„…“ Ein
        // Sprecher sagte, dass …* reports something else).
        let closed = content.slice(text).ends_with(['.', '!', '?', '…']);
        let goes_on = toks.first().is_some_and(|t| t.text(text) != ",")
            && toks.iter().find(|t| t.clause_break).is_some_and(|t| !matches!(t.text(text), "." | "!" | "?"));
        let mut frame = if lex.german && closed && goes_on { None } else { speaker::after(text, toks, lex) };
        let start = ceil(text, prev_close.max(q.open.start.saturating_sub(WINDOW)));
        let before_toks = self.within(Span::new(start.min(q.open.start), q.open.start));
        // Before it.
        if frame.is_none() {
            frame = speaker::before(text, before_toks, lex);
        }
        if let Some((cue, Speaker::Pronoun(_))) = frame {
            // *„…“, sagt sie* after *Eine Pflegerin … berichtet …*: the person just introduced.
            if let Some((_, who @ (Speaker::Named { org: false, .. } | Speaker::Role { .. }))) =
                speaker::within(text, before_toks, lex)
            {
                frame = Some((cue, who));
            }
        }
        let (cue, source) = match frame {
            Some((cue, who)) => {
                let id = match who {
                    Speaker::Nobody => None,
                    other => self.resolve(other),
                };
                (Some(cue), id)
            }
            None => {
                if not_speech(text, content, q.open.start, q.close.end, lex) {
                    return;
                }
                // No frame next to it: a speech verb earlier in its sentence, else the speaker
                // of the quotation before it.
                match (speaker::within(text, before_toks, lex), self.last) {
                    (Some((cue, who)), _) => (Some(cue), self.resolve(who)),
                    (None, Some((id, para))) if q.para <= para + 1 => (None, Some(id)),
                    _ => (None, None),
                }
            }
        };
        self.last = source.map(|id| (id, q.end_para));
        // The sentence the content starts in; content before the first sentence is cut to it.
        let sentence = self.sentences.partition_point(|s| s.end < content.start);
        let mut content = content;
        match self.sentences.get(sentence) {
            Some(s) if s.start <= content.start => {}
            Some(s) if s.start < content.end => content.start = s.start,
            _ => return,
        }
        if let Some(c) = cue {
            self.used.push(c);
        }
        self.direct.push((content, source));
        if source.is_some() {
            self.account = source;
            self.pending.clear();
        }
        self.attributed = Some(sentence);
        self.out.push(Attribution { kind: AttributionType::Direct, source, cue, content, sentence });
    }

    /// Reads the stretches of sentence `si` between direct quotations for attributions, else
    /// for Konjunktiv I continuing an account.
    fn sentence(&mut self, si: usize, sentence: Span) {
        let (ta, tb) = self.sentence_range(si);
        self.cursor.set(ta);
        let toks = &self.all[ta..tb];
        if toks.is_empty() {
            return;
        }
        // Stretches: runs of tokens inside the same direct quotation, or outside all.
        // (Only the quotations reaching into this sentence: they come last in `direct`.)
        let mut near = std::mem::take(&mut self.near);
        near.clear();
        near.extend(
            self.direct
                .iter()
                .enumerate()
                .rev()
                .take_while(|(_, (c, _))| c.end > sentence.start)
                .map(|(k, (c, _))| (k, *c)),
        );
        let mut stretches = std::mem::take(&mut self.stretches);
        stretches.clear();
        if near.is_empty() {
            // (Most sentences: one stretch, outside all quotations.)
            stretches.push((0, toks.len(), None));
        } else {
            // The quotation each token is in: the latest of `near` that holds it. `near` runs
            // from the last quotation back; when its quotations follow one another without
            // overlapping (as they do but in broken text), one sweep finds it for every token.
            let disjoint = near.windows(2).all(|w| w[1].1.end <= w[0].1.start);
            let mut next = near.len();
            let mut inside = |t: &Token| {
                if !disjoint {
                    return near.iter().find(|(_, c)| c.contains(&t.span)).map(|&(k, _)| k);
                }
                // (Tokens come in order: skip the quotations that end before this one.)
                while next > 0 && near[next - 1].1.end <= t.span.start {
                    next -= 1;
                }
                near[..next].last().filter(|(_, c)| c.contains(&t.span)).map(|&(k, _)| k)
            };
            let mut a = 0;
            let mut of_a = inside(&toks[0]);
            for b in 1..=toks.len() {
                let of_b = if b == toks.len() { None } else { inside(&toks[b]) };
                if b == toks.len() || of_b != of_a {
                    stretches.push((a, b, of_a));
                    a = b;
                    of_a = of_b;
                }
            }
        }
        self.near = near;
        // The frames of quotations in this sentence (they come last in `used`).
        let mut used = std::mem::take(&mut self.frames);
        used.clear();
        used.extend(
            self.used
                .iter()
                .rev()
                .take_while(|c| c.end.saturating_add(4 * WINDOW) > sentence.start)
                .filter(|c| sentence.contains(c))
                .copied(),
        );
        self.sentence_stretches(si, ta, toks, &stretches, &used);
        self.stretches = stretches;
        self.frames = used;
    }

    /// [`Pass::sentence`] for its stretches (token ranges of `toks`, which start at token
    /// `ta`, and the direct quotation each lies in) and the frames `used` in it.
    fn sentence_stretches(
        &mut self,
        si: usize,
        ta: usize,
        toks: &'t [Token],
        stretches: &[(usize, usize, Option<usize>)],
        used: &[Span],
    ) {
        let (text, lex, marks) = (self.text, self.lex, self.marks);
        let bits = &marks.bits[ta..ta + toks.len()];
        let before = self.out.len();
        // (A stretch costs nothing to make: its lower-case words are made only if a cue is read.)
        let stretch = |(a, b): (usize, usize)| claim::Stretch::new(text, &toks[a..b], marks, ta + a, lex);
        for &(a, b, q) in stretches {
            self.claims.clear();
            claim::find(&stretch((a, b)), used, &mut self.claims);
            if self.claims.is_empty() {
                continue;
            }
            self.ents.in_quote = q.and_then(|q| self.direct[q].1);
            for c in std::mem::take(&mut self.claims) {
                let source = match c.who {
                    Who::Speaker(who) => self.resolve(who),
                    Who::Account => self.account,
                };
                if source.is_some() && q.is_none() {
                    self.account = source;
                    self.pending.clear();
                }
                self.out.push(Attribution {
                    kind: c.kind,
                    source,
                    cue: Some(c.cue),
                    content: c.content,
                    sentence: si,
                });
            }
            self.ents.in_quote = None;
        }
        let own = self.out.len() > before;
        if !own && lex.german && si > 0 {
            // *Dies bestätigte der Präsident.*: the sentence before is what was said.
            let opening =
                stretches.first().filter(|s| s.0 == 0 && s.2.is_none()).map(|s| stretch((s.0, s.1)));
            if let Some((cue, sp)) = opening.as_ref().and_then(claim::anaphoric) {
                let (pa, pb) = self.sentence_range(si - 1);
                let prev = &self.all[pa..pb];
                let content = trim_tokens(prev);
                if !content.is_empty() && !self.out.iter().rev().take(4).any(|o| o.content.overlaps(&content))
                {
                    let source = self.resolve(sp);
                    self.account = source.or(self.account);
                    self.pending.clear();
                    self.out.push(Attribution {
                        kind: AttributionType::Indirect,
                        source,
                        cue: Some(cue),
                        content,
                        sentence: si - 1,
                    });
                    self.attributed = Some(si);
                    return;
                }
            }
        }
        if !own && lex.german {
            if let Some(&(a, b, _)) = stretches.iter().find(|s| s.2.is_none()) {
                if let Some(sp) = claim::frame_speaker(&stretch((a, b)), used) {
                    self.push_pending(Pending::Speaker(sp));
                    self.attributed = Some(si);
                    self.push_narrative(Span::new(toks[0].span.start, toks[toks.len() - 1].span.end));
                    return;
                }
            }
            // Konjunktiv I: the account of the last source goes on.
            let chain = si > 0 && self.attributed == Some(si - 1);
            'stretch: for &(a, b, q) in stretches {
                if q.is_some() {
                    continue;
                }
                for k in a..b {
                    let t = &toks[k];
                    if t.kind != TokenKind::Word || initial(text, t) != LOWER {
                        continue;
                    }
                    let tb = bits[k];
                    let ki = tb & const { bit("ki") } != 0
                        || (chain && tb & const { bit("kii") } != 0)
                        || (self.account.is_some() && weak_ki(text, lex, &toks[a..b], &bits[a..b], k - a));
                    let first_person = k > a && matches!(toks[k - 1].text(text), "ich" | "Ich");
                    if !ki || first_person {
                        continue;
                    }
                    let content = trim_tokens(&toks[a..b]);
                    if content.is_empty() {
                        break 'stretch;
                    }
                    // In a clause after the first: the first clause's subject speaks
                    // (*Osterloh sieht darin einen Angriff, es stehe im Gegensatz …*).
                    // (A clause joined by *und*, *aber* … is the account going on, not a
                    // clause reported by the first one's subject.)
                    let clause = toks[a..k].iter().rposition(|x| x.clause_break).map(|c| a + c + 1);
                    let subordinate = clause.is_some_and(|c| {
                        !matches!(toks[c].text(text), "und" | "aber" | "oder" | "doch" | "sondern" | "denn")
                    });
                    let own = if subordinate { claim::main_subject(text, &toks[a..b], lex) } else { None };
                    if let Some(sp) = own {
                        self.pending.clear();
                        self.account = self.resolve(sp).or(self.account);
                    } else if let Some(sp) = self.take_pending() {
                        self.account = self.resolve(sp).or(self.account);
                    }
                    self.pronoun_subject(&toks[a..b]);
                    self.out.push(Attribution {
                        kind: AttributionType::Indirect,
                        source: self.account,
                        cue: Some(t.span),
                        content,
                        sentence: si,
                    });
                    break 'stretch;
                }
            }
            if self.out.len() == before {
                if let (Some(cue), Some(&(a, b, _))) =
                    (self.reported[si], stretches.iter().find(|s| s.2.is_none()))
                {
                    let content = trim_tokens(&toks[a..b]);
                    if !content.is_empty() && content.contains(&cue) {
                        if let Some(sp) = self.take_pending() {
                            self.account = self.resolve(sp).or(self.account);
                        }
                        self.pronoun_subject(&toks[a..b]);
                        self.out.push(Attribution {
                            kind: AttributionType::Indirect,
                            source: self.account,
                            cue: Some(cue),
                            content,
                            sentence: si,
                        });
                    }
                }
            }
        }
        if self.out.len() == before && lex.german {
            // A person's doing, told without Konjunktiv: who a following account may report.
            // (Read only if an account needs it: most sentences are never asked.)
            if let Some(&(a, b, _)) = stretches.iter().find(|s| s.2.is_none()) {
                self.push_pending(Pending::Stretch(Span::new(toks[a].span.start, toks[b - 1].span.end)));
            }
        }
        if self.out.len() > before {
            self.attributed = Some(si);
        } else if let Some(&(a, b, _)) = stretches.iter().find(|s| s.2.is_none()) {
            self.push_narrative(Span::new(toks[a].span.start, toks[b - 1].span.end));
        }
    }

    fn push_narrative(&mut self, span: Span) {
        if self.narrative.len() == 3 {
            self.narrative.remove(0);
        }
        self.narrative.push(span);
    }
}

/// A verb that looks like Konjunktiv I without being in the word list: a lower-case word in
/// *-iere* (*funktioniere*), or in *-e* in the first clause near its start, not after an
/// article and not before a noun (so not an adjective: *große Sorge*).
fn weak_ki(text: &str, lex: &Lex<'_>, t: &[Token], bits: &[u32], k: usize) -> bool {
    let w = t[k].text(text);
    // (Both ways end in *e*: most words are done after one byte.)
    if !w.ends_with('e') {
        return false;
    }
    if w.ends_with("iere") {
        return true;
    }
    // *-te*: more often the past tense (*besuchte*) than Konjunktiv I (*bedeute*, in the list).
    if k == 0 || k > 6 || w.ends_with("te") || w.ends_with("weise") || w.chars().count() < 4 {
        return false;
    }
    if t[..k].iter().any(|x| x.clause_break) {
        return false;
    }
    // (The word before in lower case: its bits, and whether it ends in *e*.)
    let prev = t[k - 1].text(text).as_bytes();
    // Before a noun or another inflected adjective: an adjective (*große internationale Krisen*).
    let next_noun = t.get(k + 1).is_some_and(|n| {
        let nw = n.text(text);
        n.kind == TokenKind::Word
            && (initial(text, n) == UPPER || ["e", "en", "er", "es", "em"].iter().any(|e| nw.ends_with(e)))
    });
    let not = const { bit("kinot") } | const { bit("det") } | const { bit("indef") } | const { bit("stop") };
    !next_noun
        && lex.bits(w) & not == 0
        && bits[k - 1] & (const { bit("det") } | const { bit("indef") } | const { bit("kinot") }) == 0
        && !matches!(prev.last(), Some(b'e' | b'E'))
}

/// A source an account may have, not yet resolved: a speaker framed by a speech verb, or the
/// subject of a sentence telling what someone did.
#[derive(Clone, Copy)]
enum Pending {
    Speaker(Speaker),
    Stretch(Span),
}

/// How many sentences back an account's source is looked for.
const PENDING: usize = 6;

impl Pass<'_> {
    /// The source a speaker refers to. A pronoun goes to the most recent fitting person,
    /// which may be one named in a sentence after the last mention of every known one.
    fn resolve(&mut self, who: Speaker) -> Option<usize> {
        if let Speaker::Pronoun(span) = who {
            let since = self.ents.last_person_mention(span.slice(self.text));
            let candidate = self
                .narrative
                .iter()
                .rev()
                .filter(|n| n.start >= since && n.end <= span.start)
                .find_map(|&n| claim::named_person(self.text, self.within(n), self.lex));
            if let Some(sp) = candidate {
                self.ents.resolve(self.text, sp);
                self.narrative.clear();
            }
        }
        self.ents.resolve(self.text, who)
    }

    fn push_pending(&mut self, p: Pending) {
        if self.pending.len() == PENDING {
            self.pending.remove(0);
        }
        self.pending.push(p);
    }

    /// The most recent pending source that names someone.
    fn take_pending(&mut self) -> Option<Speaker> {
        let found = self.pending.iter().rev().find_map(|p| match *p {
            Pending::Speaker(sp) => Some(sp),
            Pending::Stretch(span) => claim::person_subject(self.text, self.within(span), self.lex),
        });
        self.pending.clear();
        found
    }

    /// *Er halte das für richtig.*: a pronoun subject of a reported sentence is a mention of
    /// the account's source (or, with no account, of the last person).
    fn pronoun_subject(&mut self, t: &[Token]) {
        let end = t.iter().position(|x| x.clause_break).unwrap_or(t.len());
        if let Some(Speaker::Pronoun(span)) = speaker::clause_subject(self.text, &t[..end], self.lex) {
            self.account = match self.account {
                Some(id) => {
                    self.ents.mention(id, span);
                    Some(id)
                }
                None => self.resolve(Speaker::Pronoun(span)),
            };
        }
    }
}

/// `all.partition_point(pred)`, for a `pred` that holds on a prefix of `all`, found by
/// galloping from `hint` (steps of 1, 2, 4 … towards the answer, then a binary search between
/// the last two): the cost grows with the distance from `hint`, not with the length of `all`.
fn partition_near(all: &[Token], hint: usize, pred: impl Fn(&Token) -> bool) -> usize {
    let n = all.len();
    let hint = hint.min(n);
    let mut step = 1;
    if hint < n && pred(&all[hint]) {
        // After `hint`; `pred` holds before `lo`.
        let mut lo = hint + 1;
        loop {
            let hi = lo + step;
            if hi >= n {
                return lo + all[lo..].partition_point(&pred);
            }
            if !pred(&all[hi]) {
                return lo + all[lo..hi].partition_point(&pred);
            }
            lo = hi + 1;
            step *= 2;
        }
    }
    // At or before `hint`; `pred` fails at `hi` (or `hi` is the end).
    let mut hi = hint;
    loop {
        if hi < step {
            return all[..hi].partition_point(&pred);
        }
        let lo = hi - step;
        if pred(&all[lo]) {
            return lo + 1 + all[lo + 1..hi].partition_point(&pred);
        }
        hi = lo;
        step *= 2;
    }
}

/// Where the tokens lying wholly inside `span` are in `all`.
fn within_range(all: &[Token], span: Span) -> (usize, usize) {
    let a = all.partition_point(|t| t.span.start < span.start);
    let b = all.partition_point(|t| t.span.end <= span.end).max(a);
    (a, b)
}

/// The span of `toks` without punctuation at either end (empty with fewer than three words).
fn trim_tokens(toks: &[Token]) -> Span {
    let mut words = toks.iter().filter(|t| t.kind != TokenKind::Punct);
    match (words.next(), words.nth(1), toks.iter().rfind(|t| t.kind != TokenKind::Punct)) {
        (Some(a), Some(_), Some(b)) => Span::new(a.span.start, b.span.end),
        _ => Span::new(0, 0),
    }
}

/// Per token, the bits of the word lists its lower case is in (`Lexicon::bits`; none for
/// punctuation), and its lower case. Made once, in one pass, so that reading a sentence without a
/// cue costs a scan of its bits, and no word is lower-cased or looked up twice: the lower case of
/// each distinct form comes from the hedge layer, which made it once per form.
pub(crate) struct Marks<'f> {
    pub(crate) bits: Vec<u32>,
    /// Per token, its form, and the lower case of every form.
    forms: &'f crate::hedge::TokenForms,
    /// Per form with a character whose lower case is not one character of the same length
    /// (*İ*, *ẞ*; [`crate::lexicon::matcher::FormsLower::odd`]): where its true lower case is in
    /// `extra`.
    odd: Vec<(usize, usize)>,
    extra: String,
}

/// [`initial`]: the token starts with a lower-case letter.
pub(crate) const LOWER: u8 = 1;
/// [`initial`]: the token starts with an upper-case letter.
pub(crate) const UPPER: u8 = 2;

/// Whether a token starts with a lower-case ([`LOWER`]) or an upper-case ([`UPPER`]) letter.
#[inline]
pub(crate) fn initial(text: &str, t: &Token) -> u8 {
    match text.as_bytes().get(t.span.start) {
        _ if t.span.is_empty() => 0,
        Some(b'a'..=b'z') => LOWER,
        Some(b'A'..=b'Z') => UPPER,
        Some(&b) if b >= 0x80 => match t.text(text).chars().next() {
            Some(c) if c.is_lowercase() => LOWER,
            Some(c) if c.is_uppercase() => UPPER,
            _ => 0,
        },
        _ => 0,
    }
}

impl<'f> Marks<'f> {
    /// The marks of the tokens `all`, in the buffer `bits`; `speech_bits` are the list bits of
    /// each word id of the hedge layer's vocabulary ([`crate::lexicon::Lexicon::speech_bits`]).
    fn new(
        text: &str,
        all: &[Token],
        forms: &'f crate::hedge::TokenForms,
        (lex, speech_bits): (&Lexicon, &[u32]),
        mut bits: Vec<u32>,
    ) -> Marks<'f> {
        let lower = &forms.lower;
        bits.clear();
        bits.reserve(all.len());
        let (mut odd, mut extra) = (Vec::new(), String::new());
        // The bits of each form, once looked up (`u32::MAX` before).
        let mut of_form = vec![u32::MAX; forms.count];
        for (i, t) in all.iter().enumerate() {
            if t.kind == TokenKind::Punct {
                // (No list word is punctuation, and no punctuation has a lower case.)
                bits.push(0);
                continue;
            }
            // Every token has a form (the hedge layer gave one to each); the fallback keeps
            // this total all the same.
            let Some(f) = forms.form.get(i).map(|&f| f as usize).filter(|&f| f < of_form.len()) else {
                bits.push(lex.bits(&t.text(text).to_lowercase()));
                continue;
            };
            if of_form[f] != u32::MAX {
                bits.push(of_form[f]);
                continue;
            }
            let b = if lower.odd.get(f) == Some(&true) {
                if odd.is_empty() {
                    odd = vec![(0, 0); forms.count];
                }
                let start = extra.len();
                extra.extend(t.text(text).chars().flat_map(char::to_lowercase));
                odd[f] = (start, extra.len());
                lex.bits(&extra[start..])
            } else {
                // Every word of the lists has an id (an unknown word is in none of them).
                lower.id.get(f).and_then(|&id| speech_bits.get(id as usize)).copied().unwrap_or(0)
            };
            of_form[f] = b;
            bits.push(b);
        }
        Marks { bits, forms, odd, extra }
    }

    /// The lower case of token `k` of the text (as `char::to_lowercase` makes it; punctuation as
    /// written).
    #[inline]
    pub(crate) fn low(&self, k: usize) -> &str {
        let Some(&f) = self.forms.form.get(k) else { return "" };
        let f = f as usize;
        if let Some(&(a, b)) = self.odd.get(f).filter(|_| self.forms.lower.odd.get(f) == Some(&true)) {
            return &self.extra[a..b];
        }
        let (a, b) = self.forms.lower.at.get(f).copied().unwrap_or_default();
        self.forms.lower.lower.get(a..b).unwrap_or("")
    }
}

/// A quoted title, name or scare quote: short and without sentence-final punctuation, or
/// followed directly by a lower-case verb of which it is the subject.
fn not_speech(text: &str, content: Span, open: usize, after: usize, lex: &Lex<'_>) -> bool {
    let body = content.slice(text);
    let short = body.split_whitespace().nth(4).is_none();
    // A short quotation inside a sentence (*which he called "a start."*) is a term, not speech.
    let before = text[..open].trim_end_matches([' ', '\t']);
    if short && before.len() < open && before.ends_with(char::is_lowercase) {
        return true;
    }
    let final_punct = body.contains(['.', '!', '?', '…']);
    if final_punct {
        return false;
    }
    if body.split_whitespace().nth(4).is_none() {
        return true;
    }
    if body.ends_with(|c: char| !c.is_alphanumeric()) {
        return false;
    }
    // "Hinter den Kulissen" zeigt Ihnen …
    let rest = &text[after..];
    let trimmed = rest.trim_start_matches([' ', '\t']);
    if trimmed.len() == rest.len() {
        return false;
    }
    let word: &str = trimmed.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    word.chars().next().is_some_and(char::is_lowercase) && !lex.is_verb(word) && !lex.is_so(word)
}

fn trim(text: &str, span: Span) -> Span {
    let s = span.slice(text);
    let start = span.start + (s.len() - s.trim_start().len());
    let end = span.end - (s.len() - s.trim_end().len());
    Span::new(start, end.max(start))
}

fn floor(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Whether a token is a word.
fn is_word(t: &Token) -> bool {
    t.kind == TokenKind::Word
}

#[cfg(test)]
mod tests {
    use crate::text::token::Token;
    use crate::{analyze, AttributionType, Language, Options};

    /// Galloping from any hint finds what `partition_point` finds, for every boundary.
    #[test]
    fn partition_near_agrees_with_partition_point() {
        let tokens = crate::text::token::tokenize(
            "Ein Wort, dann zwei Wörter und noch drei: so geht es weiter bis zum Ende.",
        );
        for n in 0..=tokens.len() {
            let all = &tokens[..n];
            for at in 0..=n + 1 {
                let start = all.get(at).map_or(usize::MAX, |t| t.span.start);
                let pred = |t: &Token| t.span.start < start;
                for hint in 0..=n + 2 {
                    assert_eq!(
                        super::partition_near(all, hint, pred),
                        all.partition_point(pred),
                        "{n} {at} {hint}"
                    );
                }
            }
        }
    }

    fn run(text: &str) -> Vec<(AttributionType, String, String)> {
        let a = analyze(text, &Options::with_language(Some(Language::German)));
        a.attributions
            .iter()
            .map(|t| {
                let who = t.source.map_or("-".to_string(), |id| a.sources[id].name.clone());
                (t.kind, who, t.content.slice(text).to_string())
            })
            .collect()
    }

    #[test]
    fn an_account_goes_on_until_another_source_speaks() {
        let got = run("„Wir kommen voran“, sagte Kolb. Der Bau sei fast fertig. Die Kosten seien \
                       gestiegen. Der Stadtrat tagt am Montag. Laut Polizei blieb es ruhig. Es habe \
                       keine Festnahmen gegeben.");
        let who: Vec<&str> = got.iter().map(|g| g.1.as_str()).collect();
        assert_eq!(who, ["Kolb", "Kolb", "Kolb", "Polizei", "Polizei"], "{got:?}");
    }

    #[test]
    fn konjunktiv_ii_needs_an_attributed_sentence_before() {
        assert!(run("Die Brücke wäre fast eingestürzt.").is_empty());
        let got = run("Kolb sagte, die Lage sei ernst. Die Arbeiten würden sich verzögern.");
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[1].1, "Kolb");
    }

    #[test]
    fn a_pronoun_subject_is_a_mention_of_the_account() {
        let text = "Die Ministerin Anna Roth kritisierte den Plan. Sie halte ihn für falsch.";
        let a = analyze(text, &Options::with_language(Some(Language::German)));
        // The stance (*kritisierte den Plan*) and the reported sentence.
        assert_eq!(a.attributions.len(), 2, "{a:?}");
        let s = &a.sources[a.attributions[1].source.unwrap()];
        assert_eq!(s.name, "Anna Roth");
        assert!(s.mentions.iter().any(|m| m.slice(text) == "Sie"), "{s:?}");
    }

    #[test]
    fn pronouns_go_to_the_most_recent_fitting_person() {
        let got = run("„Wir sind bereit“, sagte Anna Roth. Herr Jonas Kolb widersprach heftig. \
                       „Das ist falsch“, sagte er. „Doch“, sagte sie.");
        let who: Vec<&str> = got.iter().map(|g| g.1.as_str()).collect();
        assert_eq!(who, ["Anna Roth", "Jonas Kolb", "Anna Roth"], "{got:?}");
    }

    #[test]
    fn a_pronoun_can_refer_to_a_person_who_did_not_speak_before() {
        let text = "Mary Jones was arrested on Monday. She said she was innocent. Her lawyer, Tom \
                    Hale, met reporters. He said the case was weak. \"It is absurd,\" she said.";
        let a = analyze(text, &Options::with_language(Some(Language::English)));
        let who: Vec<&str> =
            a.attributions.iter().map(|t| a.sources[t.source.unwrap()].name.as_str()).collect();
        assert_eq!(who, ["Mary Jones", "Tom Hale", "Mary Jones"], "{a:?}");
    }

    #[test]
    fn ich_habe_is_not_reported_speech() {
        assert!(run("„Gut“, sagte Kolb. Ich habe keine Zeit für so etwas.")
            .iter()
            .all(|g| g.0 == AttributionType::Direct));
    }
}
