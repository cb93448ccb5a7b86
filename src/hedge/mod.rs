//! Hedge detection: every rule of the language's lexicon, matched over the tokens of each
//! sentence, then blocking rules applied and overlaps resolved.

use std::collections::BTreeMap;

use crate::lexicon::matcher::{Forms, Sentence};
use crate::lexicon::{self, Lexicon};
use crate::result::Hedge;
use crate::spare::Spare;
use crate::text::token::{self, Token};
use crate::text::{Language, Span};

/// One rule match before blocking and overlap resolution (for tests and `--explain`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fired {
    /// The rule's id.
    pub rule: &'static str,
    /// The marked part of the match (bytes).
    pub span: Span,
    /// The sentence index.
    pub sentence: usize,
    /// Whether it is a blocking rule (which suppresses hedges, and reports none itself).
    pub blocking: bool,
    /// The rule's index in its lexicon.
    pub(crate) index: u32,
}

/// Finds the hedges of `text`, given its sentences; with them, the form of each token (see
/// [`TokenForms`]), for the sources.
///
/// The form table's buffers come from `spare` and go back to it.
pub(crate) fn detect(
    text: &str,
    sentences: &[Span],
    words: &Words,
    language: Language,
    spare: &mut Spare,
) -> (Vec<Hedge>, TokenForms) {
    let lex = lexicon::get(language);
    let (fired, forms) = fire_noting_forms(text, sentences, words, lex, spare);
    (resolve(&fired, lex), forms)
}

/// Which tokens are written alike: per token of [`Words`], the index of its written form
/// among the text's distinct forms (`0..count`), so that what depends only on how a token is
/// written is worked out once per form.
#[derive(Clone, Debug, Default)]
pub(crate) struct TokenForms {
    /// Per token, its form.
    pub form: Vec<u32>,
    /// The number of distinct forms.
    pub count: usize,
    /// The lower case of each form.
    pub lower: crate::lexicon::matcher::FormsLower,
}

impl TokenForms {
    /// Gives its buffers back to `spare`.
    pub(crate) fn recycle(self, spare: &mut Spare) {
        spare.form_of_token = self.form;
        spare.forms.recycle(self.lower);
    }
}

/// The tokens of all sentences and where each sentence's start ([`token::tokenize_sentences`]).
pub(crate) type Words = (Vec<token::Token>, Vec<u32>);

/// Every match of every rule, in text order, before blocking and overlap resolution.
///
/// Each token is looked up once in the text's [`Forms`], which says which patterns it may set
/// off (those anchored on its word or on a first test it passes); a sentence that sets off none
/// is done. Otherwise each pattern set off is tried where its first element matches, if the
/// sentence holds its required words.
pub(crate) fn fire(text: &str, sentences: &[Span], words: &Words, lex: &'static Lexicon) -> Vec<Fired> {
    fire_noting_forms(text, sentences, words, lex, &mut Spare::default()).0
}

/// [`fire`], and the form of each token.
fn fire_noting_forms(
    text: &str,
    sentences: &[Span],
    words: &Words,
    lex: &'static Lexicon,
    spare: &mut Spare,
) -> (Vec<Fired>, TokenForms) {
    let mut forms = Forms::new(text, lex, &mut spare.forms);
    let mut out = Vec::new();
    let mut all_forms: Vec<u32> = std::mem::take(&mut spare.form_of_token);
    all_forms.clear();
    all_forms.reserve(words.0.len());
    // (Per sentence; room for most sentences, so that they do not grow.)
    let mut ids = Vec::with_capacity(64);
    let mut pending: Vec<u32> = Vec::with_capacity(64);
    // Where tokens of the sentence set patterns off: a list per pattern, of (token, next entry),
    // from `first[p]` on, with `last[p]` its end (both valid when `stamp[p]` is the sentence's).
    let mut hits: Vec<(u32, u32)> = Vec::with_capacity(64);
    let mut first = vec![NONE; lex.patterns.len()];
    let mut last = vec![NONE; lex.patterns.len()];
    // Per pattern: the number + 1 of the last sentence that set it off.
    let mut stamp = vec![0usize; lex.patterns.len()];
    let mut present = vec![0u64; lex.vocab.len().div_ceil(64)];
    for si in 0..sentences.len() {
        // Each sentence was tokenized on its own, which keeps every token, and so every hedge,
        // inside its sentence, also where a boundary falls inside a word (`angeblich.Beobachter`).
        let tokens = &words.0[words.1[si] as usize..words.1[si + 1] as usize];
        let base = all_forms.len();
        pending.clear();
        hits.clear();
        for (ti, t) in tokens.iter().enumerate() {
            let f = forms.get(t.span);
            all_forms.push(f);
            for &p in forms.triggers(f) {
                let (p, ti, at) = (p as usize, ti as u32, hits.len() as u32);
                if stamp[p] != si + 1 {
                    stamp[p] = si + 1;
                    pending.push(p as u32);
                    first[p] = at;
                } else if hits[last[p] as usize].0 == ti {
                    // Set off twice by one token.
                    continue;
                } else {
                    hits[last[p] as usize].1 = at;
                }
                last[p] = at;
                hits.push((ti, NONE));
            }
        }
        if pending.is_empty() {
            continue;
        }
        let form = &all_forms[base..];
        ids.clear();
        ids.extend(form.iter().map(|&f| forms.info[f as usize].id));
        present.fill(0);
        for &id in &ids {
            if let Some(w) = present.get_mut(id as usize / 64) {
                *w |= 1 << (id % 64);
            }
        }
        let s = Sentence { text, tokens, ids: &ids, form, forms: &forms, present: &present, lex };
        fire_sentence(&s, si, lex, &pending, (&first, &hits), &mut out);
    }
    let count = forms.info.len();
    (out, TokenForms { form: all_forms, count, lower: forms.into_lower(&mut spare.forms) })
}

/// No entry (the end of a list of set-off tokens).
const NONE: u32 = u32::MAX;

/// Tries the patterns `pending` in sentence `si`, appending the matches to `out`; `heads` and
/// `hits` hold, per pattern, the list of the tokens that set it off (see [`fire`]).
fn fire_sentence(
    s: &Sentence<'_>,
    si: usize,
    lex: &'static Lexicon,
    pending: &[u32],
    (heads, hits): (&[u32], &[(u32, u32)]),
    out: &mut Vec<Fired>,
) {
    let start = out.len();
    // Conditions are evaluated once per rule and sentence, only for rules that matched.
    let mut checked: Vec<(u32, bool)> = Vec::new();
    for &p in pending {
        let pref = &lex.patterns[p as usize];
        let ri = pref.rule;
        let rule = &lex.rules[ri as usize];
        let pattern = &rule.patterns[pref.pattern as usize];
        let first = pattern.first_words();
        if first.is_some_and(|w| !w.iter().any(|&w| s.has_word(w))) || !pattern.required.met(s) {
            continue;
        }
        // Where a match may begin: where the pattern was set off, if it is anchored on its
        // first element; else at any token that passes that element.
        let mut h = heads[p as usize];
        let mut set_off = std::iter::from_fn(|| {
            let &(ti, next) = hits.get(h as usize)?;
            h = next;
            Some(ti as usize)
        });
        let mut every = 0..s.tokens.len();
        let starts: &mut dyn Iterator<Item = usize> =
            if pref.starts_at_anchor { &mut set_off } else { &mut every };
        for ti in starts {
            let begins = pref.starts_at_anchor
                || match (first, pref.test) {
                    (Some(words), _) => words.binary_search(&s.ids[ti]).is_ok(),
                    (None, Some(t)) => s.passes_test(t, ti),
                    (None, None) => false,
                };
            if !begins {
                continue;
            }
            let Some(found) = pattern.match_here(s, ti) else { continue };
            let ok = match checked.iter().find(|(r, _)| *r == ri) {
                Some(&(_, ok)) => ok,
                None => {
                    let ok = (rule.if_sentence.is_empty() || rule.if_sentence.iter().any(|p| p.occurs_in(s)))
                        && !rule.unless_sentence.iter().any(|p| p.occurs_in(s));
                    checked.push((ri, ok));
                    ok
                }
            };
            if !ok {
                continue;
            }
            let span = span_of(s.tokens, found.mark);
            out.push(Fired {
                rule: rule.id,
                span,
                sentence: si,
                blocking: rule.category.is_none(),
                index: ri,
            });
        }
    }
    // Two patterns of one rule may find the same thing.
    crate::sort::sort_by_key(&mut out[start..], |f| (f.span.start, f.span.end, f.index as usize));
    let mut seen = start;
    for i in start..out.len() {
        if i == start || (out[i].span, out[i].index) != (out[seen - 1].span, out[seen - 1].index) {
            out.swap(seen, i);
            seen += 1;
        }
    }
    out.truncate(seen);
}

fn span_of(tokens: &[Token], (a, b): (usize, usize)) -> Span {
    Span::new(tokens[a].span.start, tokens[b - 1].span.end)
}

/// Applies blocking rules, then keeps, of overlapping hedges, the longest (the earlier rule on
/// a tie), and returns the rest sorted by position.
///
/// Every match lies inside its sentence and `fired` comes sentence by sentence, so each
/// sentence is resolved on its own: a few matches with a linear scan, many with interval maps.
fn resolve(fired: &[Fired], lex: &Lexicon) -> Vec<Hedge> {
    let mut kept: Vec<Hedge> = Vec::new();
    let mut rest = fired;
    while let Some(first) = rest.first() {
        let n = rest.iter().position(|f| f.sentence != first.sentence).unwrap_or(rest.len());
        let (group, tail) = rest.split_at(n);
        resolve_sentence(group, lex, group.len() <= 32, &mut kept);
        rest = tail;
    }
    kept
}

/// [`resolve`] for the matches of one sentence, appending to `kept`: by linear scans (`few`)
/// or with interval maps (the same result, in `O(n log n)` for many).
fn resolve_sentence(group: &[Fired], lex: &Lexicon, few: bool, kept: &mut Vec<Hedge>) {
    let from = kept.len();
    let keep = |f: &Fired, kept: &mut Vec<Hedge>| {
        let rule = &lex.rules[f.index as usize];
        kept.push(Hedge {
            span: f.span,
            category: rule.category.expect("blocking rules were filtered out"),
            sentence: f.sentence,
            rule: rule.id,
            note: rule.note,
        });
    };
    if few {
        let blocked = |f: &Fired| group.iter().any(|b| b.blocking && b.span.overlaps(&f.span));
        let mut candidates: Vec<&Fired> = group.iter().filter(|f| !f.blocking && !blocked(f)).collect();
        crate::sort::sort_by_key(&mut candidates, precedence);
        for f in candidates {
            if !kept[from..].iter().any(|h| h.span.overlaps(&f.span)) {
                keep(f, kept);
            }
        }
    } else {
        // Blocking spans, merged into disjoint, sorted intervals.
        let mut blocks: BTreeMap<usize, usize> = BTreeMap::new();
        for f in group.iter().filter(|f| f.blocking) {
            insert_merged(&mut blocks, f.span);
        }
        let mut candidates: Vec<&Fired> =
            group.iter().filter(|f| !f.blocking && !overlaps_any(&blocks, f.span)).collect();
        crate::sort::sort_by_key(&mut candidates, precedence);
        let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
        for f in candidates {
            if !overlaps_any(&taken, f.span) {
                taken.insert(f.span.start, f.span.end);
                keep(f, kept);
            }
        }
    }
    crate::sort::sort_by_key(&mut kept[from..], |h| (h.span.start, h.span.end, 0));
}

/// The order in which overlapping hedges are kept: longest, then earliest, then first rule.
fn precedence(f: &&Fired) -> crate::sort::Key {
    (usize::MAX - f.span.len(), f.span.start, f.index as usize)
}

/// Whether `span` overlaps one of the disjoint intervals (start → end) of `set`.
fn overlaps_any(set: &BTreeMap<usize, usize>, span: Span) -> bool {
    set.range(..span.end).next_back().is_some_and(|(_, &end)| end > span.start)
}

/// Adds `span` to a set of disjoint intervals, merging what it overlaps.
fn insert_merged(set: &mut BTreeMap<usize, usize>, span: Span) {
    let (mut start, mut end) = (span.start, span.end);
    while let Some((&s, &e)) = set.range(..end).next_back() {
        if e <= start {
            break;
        }
        set.remove(&s);
        start = start.min(s);
        end = end.max(e);
    }
    set.insert(start, end);
}

/// Every rule match in `text` before blocking and overlap resolution, for tests and tools
/// that explain why a hedge was or was not reported.
pub fn explain(text: &str, options: &crate::Options) -> Vec<Fired> {
    let language = options.language.unwrap_or_else(|| crate::text::language::detect(text));
    let sentences = crate::text::sentence::split(text, language);
    let words = token::tokenize_sentences(text, &sentences);
    fire(text, &sentences, &words, lexicon::get(language))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both ways of resolving a sentence agree, on random matches (blocking and not, nested,
    /// overlapping, touching).
    #[test]
    fn linear_and_interval_resolution_agree() {
        let lex = lexicon::get(Language::German);
        let block = lex.rules.iter().position(|r| r.category.is_none()).unwrap() as u32;
        let hedges: Vec<u32> = (0..lex.rules.len() as u32)
            .filter(|&i| lex.rules[i as usize].category.is_some())
            .take(5)
            .collect();
        let mut next = crate::text::hash::xorshift(0x2545_f491_4f6c_dd1du64);
        for _ in 0..3_000 {
            let n = next(40);
            let mut group: Vec<Fired> = (0..n)
                .map(|_| {
                    let start = next(30);
                    let blocking = next(6) == 0;
                    let index = if blocking { block } else { hedges[next(hedges.len())] };
                    Fired {
                        rule: lex.rules[index as usize].id,
                        span: Span::new(start, start + 1 + next(6)),
                        sentence: 0,
                        blocking,
                        index,
                    }
                })
                .collect();
            group.sort_by_key(|f| (f.span.start, f.span.end, f.index));
            group.dedup_by_key(|f| (f.span, f.index));
            let (mut a, mut b) = (Vec::new(), Vec::new());
            resolve_sentence(&group, lex, true, &mut a);
            resolve_sentence(&group, lex, false, &mut b);
            assert_eq!(a, b, "{group:?}");
        }
    }
}
