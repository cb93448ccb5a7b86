//! Matching compiled patterns against the tokens of one sentence.
//!
//! Words are compared as ids: every lower-case word the lexicon mentions gets a number, each
//! token is looked up once, and an element's words are a sorted list of ids. Class membership
//! by word list is a bit per id; by regex (an automaton, see `class.rs`) it is computed at most
//! once per token and class.

use std::cell::Cell;

use super::Lexicon;
use crate::text::token::Token;

/// The id of a token whose lower-case form the lexicon never mentions.
pub(crate) const UNKNOWN: u32 = u32::MAX;

/// One token test alternative, compiled (plain lower-case words are in [`CElem::words`]).
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Atom {
    Exact(&'static str),
    Prefix(&'static str),
    Suffix(&'static str),
    Class(usize),
    Any,
}

/// A compiled element.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct CElem {
    /// Ids of the lower-case words it accepts, sorted.
    pub words: Vec<u32>,
    /// Its other alternatives.
    pub atoms: Vec<Atom>,
    pub negated: bool,
    pub optional: bool,
}

/// A compiled step.
#[derive(Debug)]
pub(crate) enum CStep {
    Elem(CElem),
    Gap { max: usize, clause: bool },
    Open,
    Close,
    Start,
    End,
}

/// A compiled pattern.
#[derive(Debug)]
pub(crate) struct Pattern {
    pub steps: Vec<CStep>,
    /// How many leading steps are negated elements that test the tokens before the match.
    pub behind: usize,
    /// What a sentence must hold for a match (a quick test before the real one).
    pub required: Required,
}

/// What must be in a sentence for a pattern to match in it: each list holds the word ids of
/// one element every match passes (not negated, not optional, plain words only), the first
/// element left out.
#[derive(Debug, Default)]
pub(crate) struct Required(Vec<Vec<u32>>);

impl Required {
    /// The required elements of a pattern (`steps` and `behind` as in [`Pattern`]).
    pub fn of(steps: &[CStep], behind: usize) -> Required {
        let mut lists: Vec<Vec<u32>> = steps[behind..]
            .iter()
            .filter_map(|s| match s {
                CStep::Elem(e) if !e.negated && !e.optional && e.atoms.is_empty() => Some(e.words.clone()),
                _ => None,
            })
            .collect();
        if first_words(steps, behind).is_some() && !lists.is_empty() {
            lists.remove(0);
        }
        Required(lists)
    }

    /// Whether every required element has a word present in the sentence.
    #[inline]
    pub fn met(&self, s: &Sentence<'_>) -> bool {
        self.0.iter().all(|words| words.iter().any(|&w| s.has_word(w)))
    }
}

/// The tokens of one sentence, with what matching needs to know about them.
pub(crate) struct Sentence<'a> {
    /// The whole text.
    pub text: &'a str,
    /// The whole text, lower-cased with offsets kept.
    pub lower: &'a str,
    /// The sentence's tokens.
    pub tokens: &'a [Token],
    /// Each token's word id ([`UNKNOWN`] when the lexicon does not mention it).
    pub ids: &'a [u32],
    /// Per token: which regex classes have been evaluated, and which of those it belongs to.
    pub known: &'a [Cell<u64>],
    pub member: &'a [Cell<u64>],
    /// A bit per word id: the words of the sentence.
    pub present: &'a [u64],
    /// The language's lexicon.
    pub lex: &'a Lexicon,
}

impl Sentence<'_> {
    /// Whether the word with this id occurs in the sentence.
    #[inline]
    pub fn has_word(&self, id: u32) -> bool {
        self.present.get(id as usize / 64).is_some_and(|w| w >> (id % 64) & 1 != 0)
    }

    /// Whether token `ti` belongs to class `c`.
    fn in_class(&self, ti: usize, c: usize) -> bool {
        let bit = 1u64 << c;
        let id = self.ids[ti];
        if id != UNKNOWN && self.lex.word_classes[id as usize] & bit != 0 {
            return true;
        }
        let Some(dfa) = &self.lex.classes[c].dfa else { return false };
        if self.known[ti].get() & bit == 0 {
            self.known[ti].set(self.known[ti].get() | bit);
            if dfa.is_match(self.tokens[ti].span.slice(self.text)) {
                self.member[ti].set(self.member[ti].get() | bit);
            }
        }
        self.member[ti].get() & bit != 0
    }

    /// Whether token `ti` passes the element's test.
    pub fn elem_matches(&self, e: &CElem, ti: usize) -> bool {
        let id = self.ids[ti];
        let mut hit = id != UNKNOWN && e.words.binary_search(&id).is_ok();
        if !hit && !e.atoms.is_empty() {
            let span = self.tokens[ti].span;
            // As bytes, sliced once: a `str` slice checks character boundaries every time.
            let written = &self.text.as_bytes()[span.start..span.end];
            let t = &self.lower.as_bytes()[span.start..span.end];
            hit = e.atoms.iter().any(|a| match a {
                Atom::Exact(w) => same(written, w.as_bytes()),
                Atom::Prefix(p) => t.len() >= p.len() && same(&t[..p.len()], p.as_bytes()),
                Atom::Suffix(p) => t.len() >= p.len() && same(&t[t.len() - p.len()..], p.as_bytes()),
                Atom::Class(c) => self.in_class(ti, *c),
                Atom::Any => true,
            });
        }
        hit != e.negated
    }
}

/// Whether two short byte strings are equal: a loop, where `==` calls `memcmp` (a call per
/// test of a word a dozen bytes long costs more than the comparison).
#[inline]
pub(crate) fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

/// A match: token indices inside the sentence, half-open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Found {
    /// The part to report.
    pub mark: (usize, usize),
}

/// How many steps one attempt may take before it gives up: bounds the cost of backtracking
/// over gaps whatever the input.
const BUDGET: u32 = 4096;

/// See [`Pattern::first_words`].
fn first_words(steps: &[CStep], behind: usize) -> Option<&[u32]> {
    let first = steps[behind..].iter().find(|s| !matches!(s, CStep::Open | CStep::Start))?;
    match first {
        CStep::Elem(e) if !e.negated && !e.optional && e.atoms.is_empty() => Some(&e.words),
        _ => None,
    }
}

impl Pattern {
    /// The first element, when a match must begin with one of its plain words; `None` when
    /// the pattern must be tried at every token.
    pub fn first_words(&self) -> Option<&[u32]> {
        first_words(&self.steps, self.behind)
    }

    /// The first token test (every pattern begins with one; `pattern.rs` checks it).
    pub fn first_elem(&self) -> Option<&CElem> {
        self.steps[self.behind..].iter().find_map(|s| match s {
            CStep::Elem(e) => Some(e),
            _ => None,
        })
    }

    /// Tries the pattern with its first token at `ti`.
    pub fn match_at(&self, s: &Sentence<'_>, ti: usize) -> Option<Found> {
        if !self.required.met(s) {
            return None;
        }
        // Look-behind: the k-th token before the match must pass the k-th negated element
        // counted backwards; before the sentence start there is nothing to match, which passes.
        for k in 1..=self.behind.min(ti) {
            if let CStep::Elem(e) = &self.steps[self.behind - k] {
                if !s.elem_matches(e, ti - k) {
                    return None;
                }
            }
        }
        let mut budget = BUDGET;
        let (end, open, close) = self.go(s, self.behind, ti, None, None, &mut budget)?;
        let mark = match (open, close) {
            (Some(o), Some(c)) if o < c => (o, c),
            _ => (ti, end),
        };
        Some(Found { mark })
    }

    /// Whether the pattern matches anywhere in the sentence.
    pub fn occurs_in(&self, s: &Sentence<'_>) -> bool {
        if !self.required.met(s) {
            return false;
        }
        match self.first_words() {
            Some(first) => (0..s.tokens.len())
                .any(|ti| first.binary_search(&s.ids[ti]).is_ok() && self.match_at(s, ti).is_some()),
            None => (0..s.tokens.len()).any(|ti| self.match_at(s, ti).is_some()),
        }
    }

    fn go(
        &self,
        s: &Sentence<'_>,
        si: usize,
        ti: usize,
        open: Option<usize>,
        close: Option<usize>,
        budget: &mut u32,
    ) -> Option<(usize, Option<usize>, Option<usize>)> {
        if *budget == 0 {
            return None;
        }
        *budget -= 1;
        let n = s.tokens.len();
        let Some(step) = self.steps.get(si) else {
            return Some((ti, open, close));
        };
        match step {
            CStep::Open => self.go(s, si + 1, ti, Some(ti), close, budget),
            CStep::Close => self.go(s, si + 1, ti, open, Some(ti), budget),
            CStep::Start => (ti == 0).then(|| self.go(s, si + 1, ti, open, close, budget)).flatten(),
            CStep::End => (ti == n).then(|| self.go(s, si + 1, ti, open, close, budget)).flatten(),
            CStep::Elem(e) => {
                if ti < n && s.elem_matches(e, ti) {
                    if let Some(r) = self.go(s, si + 1, ti + 1, open, close, budget) {
                        return Some(r);
                    }
                }
                if e.optional {
                    return self.go(s, si + 1, ti, open, close, budget);
                }
                None
            }
            &CStep::Gap { max, clause } => {
                for k in 0..=max {
                    let t = ti + k;
                    if t > n || (k > 0 && clause && s.tokens[t - 1].clause_break) {
                        break;
                    }
                    if let Some(r) = self.go(s, si + 1, t, open, close, budget) {
                        return Some(r);
                    }
                }
                None
            }
        }
    }
}
