//! Matching compiled patterns against the tokens of one sentence.

use super::Class;
use crate::text::token::Token;

/// One token test alternative, compiled.
#[derive(Debug)]
pub(crate) enum Atom {
    Lower(String),
    Exact(String),
    Prefix(String),
    Suffix(String),
    Class(usize),
    Any,
}

/// A compiled element.
#[derive(Debug)]
pub(crate) struct CElem {
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
}

/// The tokens of one sentence, with the text they index into.
pub(crate) struct Sentence<'a> {
    /// The whole text.
    pub text: &'a str,
    /// The whole text, lower-cased with offsets kept.
    pub lower: &'a str,
    /// The sentence's tokens.
    pub tokens: &'a [Token],
    /// The word classes of the language.
    pub classes: &'a [Class],
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

impl Pattern {
    /// The lower-case words one of which a match must begin with, when the pattern starts with
    /// plain words; `None` when it must be tried at every token.
    pub fn first_words(&self) -> Option<Vec<&str>> {
        let first = self.steps.iter().find(|s| !matches!(s, CStep::Open | CStep::Start))?;
        match first {
            CStep::Elem(e) if !e.negated && !e.optional => e
                .atoms
                .iter()
                .map(|a| match a {
                    Atom::Lower(w) => Some(w.as_str()),
                    _ => None,
                })
                .collect(),
            _ => None,
        }
    }

    /// Tries the pattern with its first token at `ti`.
    pub fn match_at(&self, s: &Sentence<'_>, ti: usize) -> Option<Found> {
        let mut budget = BUDGET;
        let (end, open, close) = self.go(s, 0, ti, None, None, &mut budget)?;
        let mark = match (open, close) {
            (Some(o), Some(c)) if o < c => (o, c),
            _ => (ti, end),
        };
        Some(Found { mark })
    }

    /// Whether the pattern matches anywhere in the sentence.
    pub fn occurs_in(&self, s: &Sentence<'_>) -> bool {
        (0..s.tokens.len()).any(|ti| self.match_at(s, ti).is_some())
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
            CStep::Start => (ti == 0).then_some(()).and_then(|_| self.go(s, si + 1, ti, open, close, budget)),
            CStep::End => (ti == n).then_some(()).and_then(|_| self.go(s, si + 1, ti, open, close, budget)),
            CStep::Elem(e) => {
                if ti < n && elem_matches(e, s, &s.tokens[ti]) {
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

fn elem_matches(e: &CElem, s: &Sentence<'_>, tok: &Token) -> bool {
    let written = tok.span.slice(s.text);
    let lower = tok.span.slice(s.lower);
    let hit = e.atoms.iter().any(|a| match a {
        Atom::Lower(w) => lower == w,
        Atom::Exact(w) => written == w,
        Atom::Prefix(p) => lower.starts_with(p.as_str()),
        Atom::Suffix(p) => lower.ends_with(p.as_str()),
        Atom::Class(c) => s.classes[*c].contains(written, lower),
        Atom::Any => true,
    });
    hit != e.negated
}
