//! Matching compiled patterns against the tokens of one sentence.
//!
//! Words are compared as ids: every lower-case word the lexicon mentions gets a number, and an
//! element's words are a sorted list of ids. Everything a token test looks at depends only on
//! the token as written, so it is worked out once per *form* (distinct written token) of the
//! text, in [`Forms`]: the lower-case form, the word id, which first tests of patterns it passes
//! and which patterns it can set off. Class membership by word list is a bit per id; by regex
//! (an automaton, see `class.rs`) it is computed at most once per form and class.

use std::cell::Cell;

use super::Lexicon;
use crate::text::token::{self, Token};
use crate::text::Span;

/// The id of a token whose lower-case form the lexicon never mentions.
pub(crate) const UNKNOWN: u32 = u32::MAX;

/// One token test alternative, compiled (plain lower-case words are in [`CElem::words`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
    /// Which element sets the pattern off (`build.rs` picks the one least often seen in the
    /// examples): 0 the first element, `k` the `k`-th list of [`Pattern::required`].
    pub anchor: usize,
}

/// What must be in a sentence for a pattern to match in it: each list holds the word ids of
/// one element every match passes (not negated, not optional, plain words only), the first
/// element left out.
#[derive(Debug, Default)]
pub(crate) struct Required(pub Vec<Vec<u32>>);

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
    /// The sentence's tokens.
    pub tokens: &'a [Token],
    /// Each token's word id ([`UNKNOWN`] when the lexicon does not mention it).
    pub ids: &'a [u32],
    /// Each token's form in [`Sentence::forms`].
    pub form: &'a [u32],
    /// The forms of the text's tokens.
    pub forms: &'a Forms<'a>,
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
        let form = &self.forms.more[self.form[ti] as usize];
        if form.known.get() & bit == 0 {
            form.known.set(form.known.get() | bit);
            if dfa.is_match(self.tokens[ti].span.slice(self.text)) {
                form.member.set(form.member.get() | bit);
            }
        }
        form.member.get() & bit != 0
    }

    /// Whether token `ti` passes test `t` of [`Lexicon::tests`] (computed once per form).
    pub fn passes_test(&self, t: u32, ti: usize) -> bool {
        let bit = 1u64.checked_shl(t).unwrap_or(0);
        let form = &self.forms.more[self.form[ti] as usize];
        if self.lex.anchor_tests & bit != 0 {
            return form.first & bit != 0;
        }
        if form.tested.get() & bit == 0 {
            form.tested.set(form.tested.get() | bit);
            if self.lex.test_elem(t).is_some_and(|e| self.elem_matches(e, ti)) {
                form.passed.set(form.passed.get() | bit);
            }
        }
        form.passed.get() & bit != 0
    }

    /// Whether token `ti` passes the element's test.
    pub fn elem_matches(&self, e: &CElem, ti: usize) -> bool {
        let id = self.ids[ti];
        let mut hit = id != UNKNOWN && e.words.binary_search(&id).is_ok();
        if !hit && !e.atoms.is_empty() {
            let span = self.tokens[ti].span;
            // As bytes, sliced once: a `str` slice checks character boundaries every time.
            let written = &self.text.as_bytes()[span.start..span.end];
            let t = self.forms.lower(self.form[ti]);
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

/// How many slots a lookup in [`Forms`] tries before it gives up and makes the token a form of
/// its own (not remembered): bounds the cost of a token whatever the text (a text crafted to
/// collide only loses the sharing).
const MAX_PROBES: usize = 32;

/// A form's key: its first 8 bytes (zero-padded, little-endian), its length, where it occurs.
#[derive(Clone, Copy)]
struct Key {
    word: u64,
    len: usize,
    start: usize,
}

/// What every token of one form shares, read for every token.
pub(crate) struct Form {
    key: Key,
    /// The word id of its lower-case form, or [`UNKNOWN`].
    pub id: u32,
    /// Where its patterns to try (see [`Lexicon::by_word`]) are in [`Forms::triggers`].
    triggers: (u32, u32),
}

/// What every token of one form shares, read only in sentences where a pattern may match.
pub(crate) struct FormMore {
    /// The anchor tests ([`Lexicon::anchor_tests`]) the form passes, a bit each.
    first: u64,
    /// Which other tests have been evaluated, and which of those it passes.
    tested: Cell<u64>,
    passed: Cell<u64>,
    /// Where its lower-case form is in [`Forms::lower`].
    lower: usize,
    /// Which regex classes have been evaluated, and which of those it belongs to.
    known: Cell<u64>,
    member: Cell<u64>,
}

/// The distinct written forms of a text's tokens: a hash table from the token as written to
/// what matching needs to know about it, filled as the text is read. Looking a token up costs
/// one hash of its bytes (one 8-byte load for most words) and one comparison.
///
/// The hash is unkeyed (the table holds only the forms of the text being analysed, so a crafted
/// text can at worst slow its own analysis down) and a lookup tries at most [`MAX_PROBES`]
/// slots, so the cost stays linear.
pub(crate) struct Forms<'t> {
    text: &'t str,
    lex: &'t Lexicon,
    /// Per slot: the index + 1 of the form there, 0 for none.
    slots: Vec<u32>,
    /// 64 less the number of bits of a slot index.
    shift: u32,
    pub info: Vec<Form>,
    pub more: Vec<FormMore>,
    /// The lower-case forms, one after the other (same length as written, see
    /// [`token::lower_same_length`]).
    lower_bytes: Vec<u8>,
    /// The patterns each form sets off, one list after the other.
    trigger_pool: Vec<u32>,
    /// Per form: it has a character whose lower case is not one character of the same length
    /// (*İ*, *ẞ*), kept as written in `lower_bytes`.
    odd: Vec<bool>,
    /// Scratch for [`token::lower_same_length_noting`].
    odd_at: Vec<usize>,
}

/// The lower case of every form of a text, for the layers after the hedge rules: see
/// [`Forms::into_lower`].
#[derive(Clone, Debug, Default)]
pub(crate) struct FormsLower {
    /// The lower-case forms one after the other (same length as written, see
    /// [`token::lower_same_length`]).
    pub lower: String,
    /// Per form: where its lower case is in `lower`.
    pub at: Vec<(usize, usize)>,
    /// Per form: it has a character whose lower case is not one character of the same length,
    /// kept as written in `lower`.
    pub odd: Vec<bool>,
    /// Per form: the word id of its lower case (see [`Form::id`]).
    pub id: Vec<u32>,
}

/// The buffers of a [`Forms`] table and of its [`FormsLower`], emptied, for the next text (see
/// `crate::spare`).
#[derive(Default)]
pub(crate) struct FormsSpare {
    slots: Vec<u32>,
    info: Vec<Form>,
    more: Vec<FormMore>,
    lower_bytes: Vec<u8>,
    trigger_pool: Vec<u32>,
    odd: Vec<bool>,
    odd_at: Vec<usize>,
    at: Vec<(usize, usize)>,
    id: Vec<u32>,
}

impl FormsSpare {
    /// The bytes its buffers hold.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn capacity_bytes(&self) -> usize {
        use std::mem::size_of;
        self.slots.capacity() * 4
            + self.info.capacity() * size_of::<Form>()
            + self.more.capacity() * size_of::<FormMore>()
            + self.lower_bytes.capacity()
            + self.trigger_pool.capacity() * 4
            + self.odd.capacity()
            + self.odd_at.capacity() * size_of::<usize>()
            + self.at.capacity() * size_of::<(usize, usize)>()
            + self.id.capacity() * 4
    }

    /// Empties every buffer, keeping its memory.
    pub fn clear(&mut self) {
        self.slots.clear();
        self.info.clear();
        self.more.clear();
        self.lower_bytes.clear();
        self.trigger_pool.clear();
        self.odd.clear();
        self.odd_at.clear();
        self.at.clear();
        self.id.clear();
    }

    /// Takes back the buffers of the lower case of a text's forms.
    pub fn recycle(&mut self, lower: FormsLower) {
        self.lower_bytes = lower.lower.into_bytes();
        self.at = lower.at;
        self.odd = lower.odd;
        self.id = lower.id;
    }
}

const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// The `n <= 8` bytes of `b` from `at` as a little-endian word, zero-padded.
#[inline]
fn load(b: &[u8], at: usize, n: usize) -> u64 {
    match b.get(at..at + 8) {
        Some(c) => {
            let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            if n >= 8 {
                w
            } else {
                w & ((1u64 << (8 * n)) - 1)
            }
        }
        None => b.get(at..at + n).unwrap_or(&[]).iter().rev().fold(0, |w, &x| w << 8 | u64::from(x)),
    }
}

/// The key and hash of the bytes `b[start..end]`.
#[inline]
fn key_of(b: &[u8], start: usize, end: usize) -> (Key, u64) {
    let len = end - start;
    let word = load(b, start, len.min(8));
    let mut h = word.wrapping_mul(K) ^ len as u64;
    if len > 8 {
        // The rest in 8-byte words, the last one ending at the end (it may overlap).
        let mut i = start + 8;
        while i + 8 < end {
            h = (h.rotate_left(5) ^ load(b, i, 8)).wrapping_mul(K);
            i += 8;
        }
        h = (h.rotate_left(5) ^ load(b, end - 8, 8)).wrapping_mul(K);
    }
    (Key { word, len, start }, (h ^ h >> 29).wrapping_mul(K))
}

impl<'t> Forms<'t> {
    /// An empty table for the tokens of `text`, in the buffers of `spare`.
    pub fn new(text: &'t str, lex: &'t Lexicon, spare: &mut FormsSpare) -> Forms<'t> {
        // About one form per 40 bytes of news text: a table a little over half full at most.
        let size = (text.len() / 16).next_power_of_two().clamp(1 << 8, 1 << 20);
        spare.clear();
        let mut slots = std::mem::take(&mut spare.slots);
        slots.resize(size, 0);
        let mut forms = Forms {
            text,
            lex,
            slots,
            shift: 64 - size.trailing_zeros(),
            info: std::mem::take(&mut spare.info),
            more: std::mem::take(&mut spare.more),
            lower_bytes: std::mem::take(&mut spare.lower_bytes),
            trigger_pool: std::mem::take(&mut spare.trigger_pool),
            odd: std::mem::take(&mut spare.odd),
            odd_at: std::mem::take(&mut spare.odd_at),
        };
        // Room for the forms of news text, so that the tables do not grow by copying.
        let estimate = text.len() / 32;
        forms.info.reserve(estimate);
        forms.more.reserve(estimate);
        forms.odd.reserve(estimate);
        forms.lower_bytes.reserve(text.len() / 4);
        forms
    }

    /// The form of the token at `span`, added if it is new.
    #[inline]
    pub fn get(&mut self, span: Span) -> u32 {
        let bytes = self.text.as_bytes();
        let (key, h) = key_of(bytes, span.start, span.end);
        let mask = self.slots.len() - 1;
        let mut i = (h >> self.shift) as usize;
        for _ in 0..MAX_PROBES {
            let slot = self.slots[i];
            if slot == 0 {
                let f = self.add(key);
                self.slots[i] = f + 1;
                if self.info.len() * 2 > self.slots.len() {
                    self.grow();
                }
                return f;
            }
            let k = self.info[slot as usize - 1].key;
            if k.word == key.word
                && k.len == key.len
                && (key.len <= 8 || same_after_8(bytes, k.start, key.start, key.len))
            {
                return slot - 1;
            }
            i = (i + 1) & mask;
        }
        self.add(key)
    }

    /// Twice the slots, every form in the table put back.
    fn grow(&mut self) {
        let size = self.slots.len() * 2;
        let old = std::mem::replace(&mut self.slots, vec![0; size]);
        self.shift -= 1;
        let mask = self.slots.len() - 1;
        for slot in old.into_iter().filter(|&s| s != 0) {
            let k = self.info[slot as usize - 1].key;
            let (_, h) = key_of(self.text.as_bytes(), k.start, k.start + k.len);
            let mut i = (h >> self.shift) as usize;
            while self.slots[i] != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = slot;
        }
    }

    /// Works out what matching needs to know about a new form.
    fn add(&mut self, key: Key) -> u32 {
        let lex = self.lex;
        let written = self.text.get(key.start..key.start + key.len).unwrap_or("");
        let at = self.lower_bytes.len();
        // ASCII is lower-cased here, byte by byte, as `lower_same_length` does it.
        if written.is_ascii() {
            self.lower_bytes.extend(written.bytes().map(|b| b.to_ascii_lowercase()));
            self.odd.push(false);
        } else {
            self.odd_at.clear();
            let lower = token::lower_same_length_noting(written, &mut self.odd_at);
            self.lower_bytes.extend_from_slice(lower.as_bytes());
            self.odd.push(!self.odd_at.is_empty());
        }
        let lower = &self.lower_bytes[at..];
        let id = lex.word_id(lower);
        let (first, known, member) = lex.anchor_tests_of(written, lower, id);
        let from = self.trigger_pool.len() as u32;
        if id != UNKNOWN {
            self.trigger_pool.extend_from_slice(&lex.by_word[id as usize]);
        }
        let mut bits = first;
        while bits != 0 {
            self.trigger_pool.extend_from_slice(&lex.by_test[bits.trailing_zeros() as usize]);
            bits &= bits - 1;
        }
        self.info.push(Form { key, id, triggers: (from, self.trigger_pool.len() as u32) });
        self.more.push(FormMore {
            first,
            tested: Cell::new(0),
            passed: Cell::new(0),
            lower: at,
            known: Cell::new(known),
            member: Cell::new(member),
        });
        self.info.len() as u32 - 1
    }

    /// The patterns (indexes into [`Lexicon::patterns`]) a token of form `f` may set off: those
    /// anchored on its word or on a first test it passes.
    #[inline]
    pub fn triggers(&self, f: u32) -> &[u32] {
        let (a, b) = self.info[f as usize].triggers;
        &self.trigger_pool[a as usize..b as usize]
    }

    /// The lower-case form of form `f`.
    #[inline]
    pub fn lower(&self, f: u32) -> &[u8] {
        let i = &self.info[f as usize];
        &self.lower_bytes[self.more[f as usize].lower..][..i.key.len]
    }

    /// The lower case of every form, for the layers after the hedge rules; the table's other
    /// buffers go back to `spare`.
    pub fn into_lower(mut self, spare: &mut FormsSpare) -> FormsLower {
        let mut at = std::mem::take(&mut spare.at);
        at.clear();
        at.extend(self.info.iter().zip(&self.more).map(|(i, m)| (m.lower, m.lower + i.key.len)));
        let mut id = std::mem::take(&mut spare.id);
        id.clear();
        id.extend(self.info.iter().map(|i| i.id));
        // Valid UTF-8: the lower case of whole tokens, each valid, one after the other.
        let lower = String::from_utf8(std::mem::take(&mut self.lower_bytes)).unwrap_or_default();
        spare.slots = self.slots;
        spare.info = self.info;
        spare.more = self.more;
        spare.trigger_pool = self.trigger_pool;
        spare.odd_at = self.odd_at;
        FormsLower { lower, at, odd: self.odd, id }
    }
}

/// Whether the `len > 8` bytes at `a` and at `b` in `bytes` are equal, given that their first 8
/// are: 8 bytes at a time, the last load ending at the end (it may overlap the one before).
#[inline]
fn same_after_8(bytes: &[u8], a: usize, b: usize, len: usize) -> bool {
    let mut i = 8;
    while i + 8 < len {
        if load(bytes, a + i, 8) != load(bytes, b + i, 8) {
            return false;
        }
        i += 8;
    }
    load(bytes, a + len - 8, 8) == load(bytes, b + len - 8, 8)
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

    /// Tries the pattern with its first token at `ti`.
    pub fn match_at(&self, s: &Sentence<'_>, ti: usize) -> Option<Found> {
        if !self.required.met(s) {
            return None;
        }
        self.match_here(s, ti)
    }

    /// [`Pattern::match_at`] where the sentence is known to hold the required words.
    pub fn match_here(&self, s: &Sentence<'_>, ti: usize) -> Option<Found> {
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
