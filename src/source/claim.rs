//! Attributions other than direct quotations, read in one stretch of a sentence (the text
//! between quotations): reported speech (*X sagte, …*, *X said …*, *…, the agency predicted*),
//! beliefs (*Die USA vermuten, dass …*, *Das Ministerium sieht … als …*), and source markers
//! (*laut X*, *X zufolge*, *nach Angaben von X*, *wie X mitteilte*, *demnach*; *according to
//! X*, *citing X*, *as X said*). The cue words are data (`src/lexicon/<lang>/speech.txt`); the
//! shapes around them (where the speaker and the content stand) are the functions below. Every
//! search stays inside the stretch, so the cost is linear in it.

use crate::result::AttributionType;
use crate::text::token::{Token, TokenKind};
use crate::text::Span;

use super::speaker::{bit, clause_subject, np, subject_before, Lex, RoleKind, Speaker, SPEECH};
use super::{initial, Marks, LOWER};

/// Who an attribution names.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Who {
    /// A speaker phrase in the text.
    Speaker(Speaker),
    /// The source of the account in progress (*demnach*).
    Account,
}

/// One attribution found in a stretch.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Claim {
    pub kind: AttributionType,
    pub cue: Span,
    pub content: Span,
    pub who: Who,
}

const BELIEF: u32 = bit("belief");
const SAY: u32 = bit("say");
const STANCE: u32 = bit("stance");
const BEFORE: u32 = bit("before");
const AFTER: u32 = bit("after");
const CARRY: u32 = bit("carry");
const WIE: u32 = bit("wie") | bit("as");
const SO: u32 = bit("so");
const SPLIT: u32 = bit("split") | bit("splitbelief");
const AUX: u32 = bit("aux");
const PASSIVE: u32 = bit("passive");
const DET: u32 = bit("det") | bit("indef");
const PARTICLE: u32 = bit("particle");
const NOUN: u32 = bit("noun");
const KI: u32 = bit("ki") | bit("kii");
const OBJECT: u32 = bit("object");
/// Every list that can start a cue.
const ITSAYS: u32 = bit("itsays");
pub(crate) const CUES: u32 = SPEECH | BEFORE | AFTER | CARRY | WIE | SO | SPLIT | ITSAYS;

/// The subject of a stretch's first clause when it names a person or an institution (not a
/// pronoun, not a thing): who a Konjunktiv I later in the sentence, or in the next ones,
/// most likely reports.
pub(crate) fn person_subject(text: &str, t: &[Token], lex: &Lex<'_>) -> Option<Speaker> {
    let end = t.iter().position(|x| x.clause_break).unwrap_or(t.len());
    match clause_subject(text, &t[..end], lex)? {
        // One capitalised word opening a German sentence may be any word (*Insgesamt*): a
        // name needs two words here.
        sp @ Speaker::Named { org: false, name, .. } if name.slice(text).contains(' ') => Some(sp),
        sp @ Speaker::Role { role: RoleKind::Person | RoleKind::Org, definite: true, .. } => Some(sp),
        _ => None,
    }
}

/// A person named by first and last name at the start of a stretch, also in an apposition
/// (*Her lawyer, Tom Hale, met reporters*): whom a later pronoun may mean.
pub(crate) fn named_person(text: &str, t: &[Token], lex: &Lex<'_>) -> Option<Speaker> {
    let named = |sp: Speaker| match sp {
        Speaker::Named { org: false, name, .. } if name.slice(text).contains(' ') => Some(sp),
        _ => None,
    };
    if let Some(sp) = person_subject(text, t, lex).and_then(named) {
        return Some(sp);
    }
    t.split(|x| x.clause_break).take(3).find_map(|piece| match np(text, piece, lex) {
        (Some(sp), n) if n == piece.len() => named(sp),
        _ => None,
    })
}

/// The subject of a stretch's first clause, whatever it names (*Die Ermittlungen gehen von dem
/// Verdacht aus, eine Gruppe habe …*): who a Konjunktiv I in a later clause reports.
pub(crate) fn main_subject(text: &str, t: &[Token], lex: &Lex<'_>) -> Option<Speaker> {
    let end = t.iter().position(|x| x.clause_break).unwrap_or(t.len());
    match clause_subject(text, &t[..end], lex)? {
        sp @ Speaker::Named { name, .. } if name.slice(text).contains(' ') || !starts(t, name) => Some(sp),
        sp @ Speaker::Role { .. } => Some(sp),
        _ => None,
    }
}

/// Whether `span` starts at the first token of `t` (a capital there proves nothing).
fn starts(t: &[Token], span: Span) -> bool {
    t.first().is_some_and(|f| f.span.start == span.start)
}

/// The speaker of a speech verb that frames nothing found (*Hajduk kritisierte die Pläne.*):
/// the source of an account that may follow in Konjunktiv I.
pub(crate) fn frame_speaker(s: &Stretch, used: &[Span]) -> Option<Speaker> {
    let t = s.t;
    let v = (0..t.len()).find(|&v| {
        s.bits[v] & (SPEECH | SPLIT) != 0
            && t[v].kind == TokenKind::Word
            && !used.contains(&t[v].span)
            && s.lower_initial(v)
    })?;
    let (c0, c1) = (s.clause_start(v), s.clause_end(v));
    let aux = (c0..v).find(|&k| s.bits[k] & AUX != 0 && s.lower_initial(k));
    s.german_subject(c0, aux.unwrap_or(v), c1).map(|(sp, _, _)| sp)
}

/// *Dies bestätigte der Präsident.*, *Das teilte die Polizei mit.*: a sentence opening with a
/// pronoun for what was just said and a speech verb; the speaker, and the verb as cue. What it
/// reports is the sentence before.
pub(crate) fn anaphoric(s: &Stretch) -> Option<(Span, Speaker)> {
    let (text, t) = (s.text, s.t);
    if t.len() < 3 || !matches!(t[0].text(text), "Dies" | "Das" | "Dieses" | "Diese") {
        return None;
    }
    if s.bits[1] & (SPEECH | SPLIT) == 0 || !s.lower_initial(1) {
        return None;
    }
    let c1 = s.clause_end(1);
    let (sp, n) = s.np_at(2, c1)?;
    // (The phrase after the verb is its subject: *Dies bestätigte der Präsident*, not
    // *Das sagte er ihm*.)
    matches!(sp, Speaker::Named { .. } | Speaker::Role { .. } | Speaker::Pronoun(_)).then_some(())?;
    let _ = n;
    Some((t[1].span, sp))
}

/// One stretch of tokens with their list bits and lower-case words (from [`Marks`]).
pub(crate) struct Stretch<'a> {
    text: &'a str,
    t: &'a [Token],
    lex: &'a Lex<'a>,
    /// Each token's list bits.
    pub(crate) bits: &'a [u32],
    marks: &'a Marks<'a>,
    /// The number in the text of the stretch's first token.
    at: usize,
}

/// Finds the attributions of one stretch, skipping cue tokens in `used` (the frames of direct
/// quotations).
pub(crate) fn find(s: &Stretch, used: &[Span], out: &mut Vec<Claim>) {
    let (t, lex) = (s.t, s.lex);
    if !s.bits.iter().any(|b| b & CUES != 0) {
        return;
    }
    let first = out.len();
    for (i, tok) in t.iter().enumerate() {
        let b = s.bits[i];
        if b & CUES == 0 || tok.kind != TokenKind::Word || used.contains(&tok.span) {
            continue;
        }
        let found = if b & BEFORE != 0 { s.before(i) } else { None }
            .or_else(|| if b & AFTER != 0 { s.after(i) } else { None })
            .or_else(|| if b & CARRY != 0 { s.carry(i) } else { None })
            .or_else(|| if b & WIE != 0 { s.wie(i) } else { None })
            .or_else(|| if b & SO != 0 && lex.german { s.so(i) } else { None })
            .or_else(|| if b & SPLIT != 0 { s.split(i) } else { None })
            .or_else(|| if b & ITSAYS != 0 { s.itsays(i) } else { None })
            .or_else(|| if b & SPEECH != 0 { s.verb(i) } else { None });
        if let Some(c) = found {
            if !c.content.is_empty() && !out[first..].iter().any(|o| o.content == c.content) {
                out.push(c);
            }
        }
    }
}

/// The words a German reported clause may start with.
const COMPLEMENTIZERS: [&str; 9] = ["dass", "ob", "wie", "warum", "wer", "was", "wann", "wo", "weshalb"];
/// Prepositions after an English speech verb that introduce what the speaking is about.
const TOPIC: [&str; 5] = ["about", "of", "on", "for", "against"];
/// Words that may open a clause before its subject.
const OPENERS: [&str; 10] = ["but", "and", "so", "yet", "still", "meanwhile", "now", "or", "then", "instead"];
/// Prepositions: a phrase right after one is not a subject (*a spokesman for X*). (A `match`,
/// not a list: it is asked for every token before a possible speaker phrase.)
fn preposition(w: &str) -> bool {
    matches!(
        w,
        "of" | "for"
            | "at"
            | "from"
            | "with"
            | "to"
            | "in"
            | "on"
            | "by"
            | "about"
            | "against"
            | "above"
            | "below"
            | "near"
            | "under"
            | "over"
            | "behind"
            | "beside"
            | "between"
            | "across"
            | "along"
            | "around"
            | "outside"
            | "inside"
            | "into"
            | "through"
            | "within"
            | "without"
            | "von"
            | "vom"
            | "für"
            | "bei"
            | "mit"
            | "aus"
            | "zu"
            | "zum"
            | "zur"
            | "gegen"
    )
}
/// Words that may follow a subject standing after its verb (*said Smith on Monday*).
const AFTER_SUBJECT: [&str; 10] =
    ["on", "in", "at", "during", "last", "this", "yesterday", "today", "after", "when"];
/// Words after an English verb that show it is not followed by a reported clause.
const NOT_CLAUSE: [&str; 16] = [
    "about", "of", "to", "so", "for", "with", "into", "by", "after", "before", "during", "through", "in",
    "at", "up", "out",
];

/// The most tokens a noun phrase naming a source is looked for in (*der Sprecher des
/// Bundesministeriums für Wirtschaft und Klimaschutz in Berlin*, with room to spare).
const LONGEST_NP: usize = 24;

impl<'a> Stretch<'a> {
    /// The stretch of tokens `t`, the tokens of the text from number `at` on.
    pub(crate) fn new(
        text: &'a str,
        t: &'a [Token],
        marks: &'a Marks<'a>,
        at: usize,
        lex: &'a Lex<'a>,
    ) -> Self {
        Stretch { text, t, lex, bits: &marks.bits[at..at + t.len()], marks, at }
    }

    /// The lower-case word of token `k`.
    fn low(&self, k: usize) -> &'a str {
        self.marks.low(self.at + k)
    }

    fn len(&self) -> usize {
        self.t.len()
    }

    fn is_break(&self, k: usize) -> bool {
        self.t[k].clause_break
    }

    fn tok(&self, k: usize) -> &str {
        self.t[k].text(self.text)
    }

    /// The first token of the clause holding `v`.
    fn clause_start(&self, v: usize) -> usize {
        (0..v).rev().find(|&k| self.is_break(k)).map_or(0, |k| k + 1)
    }

    /// The clause break after `v` (or the end).
    fn clause_end(&self, v: usize) -> usize {
        (v + 1..self.len()).find(|&k| self.is_break(k)).unwrap_or(self.len())
    }

    /// The number of words among tokens `a..b`, counted up to `cap` (so that a test of a
    /// small count costs little in a long stretch).
    fn words(&self, a: usize, b: usize, cap: usize) -> usize {
        self.t[a.min(b)..b].iter().filter(|k| k.kind != TokenKind::Punct).take(cap).count()
    }

    /// Whether nothing but punctuation follows token `k - 1`.
    fn ends_at(&self, k: usize) -> bool {
        self.words(k, self.len(), 1) == 0
    }

    /// The text of tokens `a..b` without punctuation at either end; empty when it has fewer
    /// than `min` words.
    fn content(&self, mut a: usize, mut b: usize, min: usize) -> Span {
        while a < b && self.t[a].kind == TokenKind::Punct {
            a += 1;
        }
        while b > a && self.t[b - 1].kind == TokenKind::Punct {
            b -= 1;
        }
        if a >= b || self.words(a, b, min) < min {
            return Span::new(0, 0);
        }
        Span::new(self.t[a].span.start, self.t[b - 1].span.end)
    }

    fn claim(&self, kind: AttributionType, cue: Span, content: Span, who: Who) -> Option<Claim> {
        (!content.is_empty()).then_some(Claim { kind, cue, content, who })
    }

    fn span(&self, a: usize, b: usize) -> Span {
        Span::new(self.t[a].span.start, self.t[b].span.end)
    }

    fn lower_initial(&self, k: usize) -> bool {
        initial(self.text, &self.t[k]) == LOWER
    }

    /// A speaker phrase at `k` (with `n > 0` tokens) that ends before `end`.
    fn np_at(&self, k: usize, end: usize) -> Option<(Speaker, usize)> {
        if k >= end {
            return None;
        }
        match np(self.text, &self.t[k..end], self.lex) {
            (Some(sp), n) if n > 0 => Some((sp, n)),
            _ => None,
        }
    }

    /// The longest speaker phrase that ends exactly at `end`, starting at or after `from`, not
    /// right after a preposition (*for X* in *a spokesman for X*).
    fn np_ending(&self, from: usize, end: usize) -> Option<(Speaker, usize)> {
        // (A phrase is at most `LONGEST_NP` tokens: this keeps a run-on text linear.)
        (from.max(end.saturating_sub(LONGEST_NP))..end).find_map(|k| {
            if k > from && preposition(self.low(k - 1)) {
                return None;
            }
            match np(self.text, &self.t[k..end], self.lex) {
                (Some(sp), n) if n == end - k => Some((sp, k)),
                _ => None,
            }
        })
    }

    /// Whether the reported clause `a..` reads as one: a complementizer first, or a verb in
    /// Konjunktiv (German).
    fn reported_clause(&self, a: usize) -> bool {
        let a = (a..self.len()).find(|&k| self.t[k].kind != TokenKind::Punct).unwrap_or(self.len());
        a < self.len()
            && (COMPLEMENTIZERS.contains(&self.low(a))
                || (a..self.len()).any(|k| self.bits[k] & KI != 0 && self.lower_initial(k)))
    }

    /// The subject of a German clause whose finite verb is `fin`: the phrase before it filling
    /// the clause's first place, else the phrase right after it; with `after` whether it
    /// follows the verb and the token after it.
    fn german_subject(&self, c0: usize, fin: usize, c1: usize) -> Option<(Speaker, bool, usize)> {
        if fin > c0 {
            if let Some((sp, n)) = self.np_at(c0, fin) {
                if n == fin - c0 {
                    return Some((sp, false, fin + 1));
                }
            }
            return self.np_at(fin + 1, c1).map(|(sp, n)| (sp, true, fin + 1 + n));
        }
        let after = self.np_at(fin + 1, c1);
        let before = || subject_before(self.text, &self.t[..fin], self.lex);
        match after {
            // *…, Dr. Malte Ösér, kündigte eine Prüfung an*: the phrase after the verb is its
            // object when the clause goes on after it and a subject stands before.
            // (*…, Anja Hajduk, kritisierte die Pläne der Regierung zum Thema Arbeit*: a
            // subject before the verb wins unless the phrase after it ends the clause, as in
            // *…, sagte Weber.*)
            Some((sp, n)) if fin + 1 + n >= c1 || self.bits[fin + 1 + n] & const { bit("stop") } != 0 => {
                match before() {
                    Some(b) if fin + 1 + n < c1 => Some((b, false, fin + 1)),
                    _ => Some((sp, true, fin + 1 + n)),
                }
            }
            Some((sp, n)) => match before() {
                Some(b) => Some((b, false, fin + 1)),
                None => Some((sp, true, fin + 1 + n)),
            },
            None => before().map(|sp| (sp, false, fin + 1)),
        }
    }

    /// The subject of an English verb at `v`: the phrase before it (auxiliaries and adverbs in
    /// between skipped), else the phrase after it (*said Smith*).
    fn english_subject(&self, c0: usize, v: usize, c1: usize) -> Option<(Speaker, bool, usize)> {
        if v > 0 && self.low(v).ends_with("ing") {
            // *…, saying …*: the subject of the sentence.
            let mut k = 0;
            while k < v && OPENERS.contains(&self.low(k)) {
                k += 1;
            }
            let _ = c0;
            return self.np_at(k, v).map(|(sp, _)| (sp, false, v + 1));
        }
        let mut j = v;
        while j > c0 && (self.bits[j - 1] & AUX != 0 || self.low(j - 1).ends_with("ly")) {
            j -= 1;
        }
        if j > c0 {
            if let Some((sp, _)) = self.np_ending(c0, j) {
                return Some((sp, false, v + 1));
            }
        }
        if let Some((sp, n)) = self.np_at(v + 1, c1) {
            // *said Smith*, *said the spokesman on Monday*, not *said the deal was off*.
            let e = v + 1 + n;
            if e >= c1 || AFTER_SUBJECT.contains(&self.low(e)) {
                return Some((sp, true, e));
            }
        }
        if j == c0 && c0 > 0 {
            return subject_before(self.text, &self.t[..c0], self.lex).map(|sp| (sp, false, v + 1));
        }
        if j > c0 {
            // The phrase opening the clause, with what follows it (*A spokesman for the buyer
            // said*, *donors said*).
            let mut k = c0;
            while k < j && OPENERS.contains(&self.low(k)) {
                k += 1;
            }
            if (k..j).any(|x| self.bits[x] & (SPEECH | AUX | PASSIVE) != 0) {
                return None;
            }
            if let Some((sp, _)) = self.np_at(k, j) {
                return Some((sp, false, v + 1));
            }
            let words = self.words(k, j, 5);
            if (1..=4).contains(&words)
                && (k..j).all(|x| self.lower_initial(x) || self.t[x].kind == TokenKind::Punct)
            {
                let phrase = Span::new(self.t[k].span.start, self.t[j - 1].span.end);
                let noun = self.t[j - 1].span;
                return Some((
                    Speaker::Role { role: RoleKind::Vague, definite: false, phrase, noun },
                    false,
                    v + 1,
                ));
            }
        }
        None
    }

    /// A frame after or inside its content (*…, sagte Weber.*, *The repairs, Reed said, will
    /// take a year.*): the content before the frame's clause, or the whole stretch.
    fn framed(&self, c0: usize, rest: usize) -> Option<Span> {
        if c0 == 0 {
            return None;
        }
        if self.ends_at(rest) || self.trailing_phrase(rest) {
            return Some(self.content(0, c0 - 1, 2));
        }
        let c1 = self.clause_end(rest.saturating_sub(1));
        if c1 < self.len() && self.tok(c1) == "," && self.tok(c0 - 1) == "," {
            return Some(self.content(0, self.len(), 3));
        }
        None
    }

    /// Whether tokens `k..` are only a phrase of place, time or manner up to the end (*in a
    /// video message*, *am Montag in Berlin*), without another clause.
    fn trailing_phrase(&self, k: usize) -> bool {
        k < self.len()
            && (preposition(self.low(k))
                || AFTER_SUBJECT.contains(&self.low(k))
                || matches!(self.low(k), "am" | "im" | "gestern" | "heute" | "laut"))
            // (No break with a word after it: none before the last word.)
            && !self.t[k..]
                .iter()
                .rposition(|t| t.kind != TokenKind::Punct)
                .is_some_and(|w| (k..=k + w).any(|x| self.is_break(x)))
            && !(k..self.len()).any(|x| self.bits[x] & SPEECH != 0 || self.low(x) == "that")
    }

    /// A speech or belief verb.
    fn verb(&self, v: usize) -> Option<Claim> {
        let b = self.bits[v];
        let kind = if b & BELIEF != 0 { AttributionType::Belief } else { AttributionType::Indirect };
        let cue = self.t[v].span;
        if v > 0 && !self.lower_initial(v) {
            return None;
        }
        if v > 0 && (self.bits[v - 1] & (PASSIVE | DET) != 0 || self.low(v - 1) == "to") {
            return None;
        }
        let c0 = self.clause_start(v);
        let c1 = self.clause_end(v);
        if self.lex.german {
            let aux = (c0..v).find(|&k| self.bits[k] & AUX != 0 && self.lower_initial(k));
            let fin = aux.unwrap_or(v);
            let (who, after, rest) = self.german_subject(c0, fin, c1)?;
            let rest = if aux.is_some() { rest.max(v + 1) } else { rest };
            if after && c0 > 0 {
                let content = self.framed(c0, rest)?;
                return self.claim(kind, cue, content, Who::Speaker(who));
            }
            // The reported clause after a comma or colon ending the verb's clause.
            if c1 + 1 < self.len() && matches!(self.tok(c1), "," | ":") {
                if c1 > v + 1 && self.bits[c1 - 1] & PARTICLE != 0 && self.lower_initial(c1 - 1) {
                    return None;
                }
                // Belief and stance verbs need a reported clause; speech verbs report whatever
                // follows them (*sagte Köhler, sie müssten …*).
                if (b & const { bit("verb") } == 0 || b & (BELIEF | STANCE) != 0)
                    && !self.reported_clause(c1 + 1)
                {
                    return None;
                }
                // *bestätigten den Ausfall, nannten aber keine Ursache*: a second verb, not a
                // reported clause (which opens with a subject or *dass*).
                if c1 + 1 < self.len()
                    && self.lower_initial(c1 + 1)
                    && self.bits[c1 + 1] & (DET | const { bit("pronoun") } | const { bit("stop") }) == 0
                    && !COMPLEMENTIZERS.contains(&self.low(c1 + 1))
                    && !matches!(self.low(c1 + 1), "es" | "man" | "sie" | "er" | "wir" | "ich")
                {
                    return None;
                }
                let content = self.content(c1 + 1, self.len(), 2);
                return self.claim(kind, cue, content, Who::Speaker(who));
            }
            if !after && c0 > 0 && self.ends_at(v + 1) {
                let content = self.content(0, c0 - 1, 2);
                return self.claim(kind, cue, content, Who::Speaker(who));
            }
            if b & STANCE != 0 {
                // *Modder nannte die Absage einen „Vertrauensbruch“*: the stance, to the clause's end.
                let content = self.content(rest.max(v + 1), c1, 2);
                return self.claim(kind, cue, content, Who::Speaker(who));
            }
            return None;
        }
        let (who, after, rest) = match self.english_subject(c0, v, c1) {
            Some(found) => found,
            // *…, but said she should …*: reported speech whose speaker is not at hand.
            None if b & SAY != 0 && c0 == 0 => (Speaker::Nobody, false, v + 1),
            None => return None,
        };
        if b & STANCE != 0 && b & (SAY | BELIEF) == 0 && !after && rest < c1 {
            // *Cruz blasted Rubio for …*: the stance taken, to the end of the clause; not the
            // agent of a passive (*was criticized by …*).
            // (Not a passive's agent, *criticized by …*, nor an addressee, *spoke to reporters*.)
            let addressee =
                self.low(rest) == "to" && rest + 1 < self.len() && self.bits[rest + 1] & OBJECT != 0;
            if self.low(rest) == "by" || addressee {
                return None;
            }
            let content = self.content(rest, c1, 2);
            if !content.is_empty() {
                return self.claim(kind, cue, content, Who::Speaker(who));
            }
        }
        if after && c0 > 0 {
            let content = self.framed(c0, rest)?;
            return self.claim(kind, cue, content, Who::Speaker(who));
        }
        if c0 > 0 && (rest >= c1 || self.trailing_phrase(rest)) {
            if let Some(content) = self.framed(c0, rest) {
                return self.claim(kind, cue, content, Who::Speaker(who));
            }
        }
        // *said on Monday that …*, *asked whether …*
        let limit = c1.min(rest + 12);
        if let Some(k) = (rest..limit).find(|&k| matches!(self.low(k), "that" | "whether")) {
            let content = self.content(k, self.len(), 3);
            return self.claim(kind, cue, content, Who::Speaker(who));
        }
        if c1 < self.len() && self.tok(c1) == ":" {
            let content = self.content(c1 + 1, self.len(), 3);
            return self.claim(kind, cue, content, Who::Speaker(who));
        }
        // *warned of a long winter*, *spoke about the plan*, *called for an inquiry*: what
        // the speaking is about, to the end of the clause.
        if rest < c1 && !after && b & BELIEF == 0 && TOPIC.contains(&self.low(rest)) {
            let cue = self.span(v, rest);
            let content = self.content(rest + 1, c1, 2);
            return self.claim(kind, cue, content, Who::Speaker(who));
        }
        if b & (SAY | BELIEF) != 0 && rest < c1 {
            let mut k = rest;
            // *told reporters …*, *told the BBC …*
            if self.low(v).starts_with("tel") || self.low(v) == "told" {
                if self.bits[k] & OBJECT != 0 {
                    k += 1;
                } else if let Some((_, n)) = self.np_at(k, c1) {
                    k += n;
                }
            }
            if k >= self.len() || NOT_CLAUSE.contains(&self.low(k)) {
                return None;
            }
            let content = self.content(k, self.len(), 3);
            return self.claim(kind, cue, content, Who::Speaker(who));
        }
        None
    }

    /// A separable verb with its particle: *teilte … mit*, *gehen davon aus*, *sieht … als*.
    fn split(&self, v: usize) -> Option<Claim> {
        if v > 0 && !self.lower_initial(v) {
            return None;
        }
        let c0 = self.clause_start(v);
        let c1 = self.clause_end(v);
        for m in self.lex.multi(self.low(v)) {
            let belief = 1u32 << m.key == const { bit("splitbelief") };
            if 1u32 << m.key != const { bit("split") } && !belief {
                continue;
            }
            let kind = if belief { AttributionType::Belief } else { AttributionType::Indirect };
            let n = m.rest.len();
            let at = |k: usize| k + n <= c1 && (0..n).all(|j| self.low(k + j) == m.rest[j]);
            let p = if m.anywhere {
                (v + 1..c1).find(|&k| at(k))
            } else {
                c1.checked_sub(n).filter(|&k| k > v && at(k))
            };
            let Some(p) = p else { continue };
            let (who, after, rest) = self.german_subject(c0, v, c1)?;
            if m.anywhere {
                let content = self.content(rest.max(v + 1), self.len(), 3);
                return self.claim(kind, self.t[v].span, content, Who::Speaker(who));
            }
            let cue = self.span(v, p + n - 1);
            if c1 + 1 < self.len() && matches!(self.tok(c1), "," | ":") {
                if belief && !self.reported_clause(c1 + 1) {
                    return None;
                }
                let content = self.content(c1 + 1, self.len(), 2);
                return self.claim(kind, cue, content, Who::Speaker(who));
            }
            if after && c0 > 0 && self.ends_at(c1) {
                let content = self.content(0, c0 - 1, 2);
                return self.claim(kind, cue, content, Who::Speaker(who));
            }
            return None;
        }
        None
    }

    /// The content of a source marker phrase `a..b`: what follows it when it opens the
    /// stretch, what precedes it when it closes it, else the whole stretch.
    fn around(&self, a: usize, b: usize) -> Span {
        let opens = a == 0 || (a == 1 && self.t[0].kind == TokenKind::Word && self.bits[0] & DET == 0);
        if opens && !self.ends_at(b) {
            return self.content(b, self.len(), 2);
        }
        if self.ends_at(b) {
            return self.content(0, a, 2);
        }
        self.content(0, self.len(), 3)
    }

    /// *laut X*, *nach Angaben von X*, *aus Sicht von X*, *according to X*, *citing X*.
    fn before(&self, i: usize) -> Option<Claim> {
        let multi: Vec<_> = self.lex.multi(self.low(i)).iter().filter(|m| 1u32 << m.key == BEFORE).collect();
        let mut k = i + 1;
        if !multi.is_empty() {
            let m = multi.iter().find(|m| {
                let n = m.rest.len();
                i + n < self.len() && (0..n).all(|j| self.low(i + 1 + j) == m.rest[j])
            });
            match m {
                Some(m) => k += m.rest.len(),
                None => return self.report_noun(i),
            }
        }
        // *laut Angaben der Polizei*: the noun between the marker and its source.
        if k + 1 < self.len()
            && self.bits[k] & NOUN != 0
            && (self.bits[k + 1] & DET != 0 || matches!(self.low(k + 1), "von" | "vom" | "of"))
        {
            k += 1;
        }
        let cue = self.span(i, k - 1);
        if k < self.len() && matches!(self.low(k), "von" | "vom") {
            k += 1;
        }
        // *laut einem Artikel …*: after a marker, *einem*, *dem* start the source.
        if k + 1 < self.len() && self.bits[k] & OBJECT != 0 && self.t[k + 1].kind == TokenKind::Word {
            k += 1;
        }
        let Some((who, n)) = self.np_at(k, self.len()) else {
            return if self.lex.german { self.report_noun(i) } else { None };
        };
        if matches!(who, Speaker::Own(_)) {
            return None;
        }
        let content = self.around(i, k + n);
        self.claim(AttributionType::AccordingTo, cue, content, Who::Speaker(who))
    }

    /// *nach eigenen Angaben*, *laut offiziellen Angaben*, *nach NASA-Angaben*, *nach einer
    /// Studie der UNO*: a marker, adjectives and a noun of reporting (also as a compound's
    /// end); the source is the genitive after it, else the phrase itself.
    fn report_noun(&self, i: usize) -> Option<Claim> {
        let mut k = i + 1;
        while k < self.len()
            && (self.bits[k] & DET != 0
                || (self.lower_initial(k)
                    && ["e", "en", "er", "es", "em"].iter().any(|e| self.low(k).ends_with(e))))
        {
            k += 1;
        }
        let noun = k;
        if noun >= self.len() || self.lower_initial(noun) || !self.lex.report_noun(self.low(noun)) {
            return None;
        }
        let cue = self.span(i, noun);
        let after = noun + 1;
        let genitive = after < self.len() && self.bits[after] & DET != 0;
        let (who, end) = match self.np_at(after, self.len()) {
            Some((sp, n)) if genitive || matches!(self.low(after), "von" | "vom") => (sp, after + n),
            _ => {
                let phrase = Span::new(self.t[i + 1].span.start, self.t[noun].span.end);
                (
                    Speaker::Role { role: RoleKind::Vague, definite: false, phrase, noun: self.t[noun].span },
                    after,
                )
            }
        };
        let content = self.around(i, end);
        self.claim(AttributionType::AccordingTo, cue, content, Who::Speaker(who))
    }

    /// *X zufolge*, *den Angaben der Polizei zufolge*.
    fn after(&self, i: usize) -> Option<Claim> {
        let c0 = self.clause_start(i);
        let (who, k) = self.np_ending(c0, i)?;
        // The phrase opens with the nouns before the source (*Den Angaben*).
        let start =
            if (c0..k).all(|j| self.bits[j] & (DET | NOUN) != 0 || !self.lower_initial(j)) { c0 } else { k };
        let content = self.around(start, i + 1);
        self.claim(AttributionType::AccordingTo, self.t[i].span, content, Who::Speaker(who))
    }

    /// *Demnach …*: the source of the account in progress.
    fn carry(&self, i: usize) -> Option<Claim> {
        if i != 0 {
            return None;
        }
        let content = self.content(1, self.len(), 3);
        self.claim(AttributionType::AccordingTo, self.t[i].span, content, Who::Account)
    }

    /// *Wie die Polizei mitteilte, …*, *…, wie X sagte.*, *As the mayor said, …*.
    fn wie(&self, i: usize) -> Option<Claim> {
        if i > 0 && self.tok(i - 1) != "," {
            return None;
        }
        let (who, n) = self.np_at(i + 1, self.len())?;
        let c1 = self.clause_end(i);
        let j = i + 1 + n;
        if j >= c1 {
            return None;
        }
        let verb = if self.lex.german {
            (c1 > j && self.bits[c1 - 1] & SPEECH != 0).then_some(c1 - 1)
        } else {
            let mut v = j;
            while v < c1 && self.bits[v] & AUX != 0 {
                v += 1;
            }
            (v < c1 && self.bits[v] & SPEECH != 0).then_some(v)
        }?;
        let cue = self.span(i, verb);
        let content = if i == 0 && c1 < self.len() && self.tok(c1) == "," {
            self.content(c1 + 1, self.len(), 2)
        } else if i > 0 && self.ends_at(c1) {
            self.content(0, i - 1, 2)
        } else {
            return None;
        };
        self.claim(AttributionType::AccordingTo, cue, content, Who::Speaker(who))
    }

    /// *In Sicherheitskreisen heißt es, …*, *…, heißt es in einer Erklärung der Stadt*: the
    /// source is the phrase after *in*, *aus*, *bei* next to *heißt es* (none without one).
    fn itsays(&self, i: usize) -> Option<Claim> {
        if i + 1 >= self.len() || self.low(i + 1) != "es" {
            return None;
        }
        let c0 = self.clause_start(i);
        let c1 = self.clause_end(i + 1);
        let pp = |k: usize| -> Option<(Speaker, usize)> {
            if k < c1.max(i) && matches!(self.low(k), "in" | "im" | "aus" | "bei" | "beim" | "von" | "vom") {
                self.np_at(k + 1, self.len()).map(|(sp, n)| (sp, k + 1 + n))
            } else {
                None
            }
        };
        let who =
            pp(i + 2).map(|(sp, _)| sp).or_else(|| if i > c0 { pp(c0).map(|(sp, _)| sp) } else { None });
        let cue = self.span(i, i + 1);
        let who = Who::Speaker(who.unwrap_or(Speaker::Nobody));
        if c1 + 1 < self.len() && matches!(self.tok(c1), "," | ":") {
            let content = self.content(c1 + 1, self.len(), 2);
            return self.claim(AttributionType::AccordingTo, cue, content, who);
        }
        if c0 > 0 {
            let content = self.content(0, c0 - 1, 2);
            return self.claim(AttributionType::AccordingTo, cue, content, who);
        }
        None
    }

    /// *…, so der Minister.* after reported speech.
    fn so(&self, i: usize) -> Option<Claim> {
        if i == 0 || self.tok(i - 1) != "," {
            return None;
        }
        let (who, n) = self.np_at(i + 1, self.len())?;
        if !self.ends_at(i + 1 + n) {
            return None;
        }
        let content = self.content(0, i - 1, 2);
        self.claim(AttributionType::Indirect, self.t[i].span, content, Who::Speaker(who))
    }
}
