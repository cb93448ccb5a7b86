//! Class regexes compiled to small automata over characters, at build time.
//!
//! `build.rs` includes this file (as it includes `pattern.rs`); the library compiles it only for
//! its unit tests. The library itself holds no regex engine: a class regex of `classes.toml`
//! becomes a deterministic automaton whose transitions read *atoms*, and a character's atom comes
//! from one table shared by all classes (see [`Partition`]).
//!
//! The semantics are those of `regex::Regex::is_match` on the token (the tests compare the two):
//! the regex is parsed by `regex-syntax` exactly as `Regex::new` parses it, `\p{L}`, `\d` and
//! friends are expanded to their Unicode ranges, and
//!
//! - the partition splits the code points into atoms: two characters share an atom when every
//!   character set of every class regex (classes, `\p{…}`, `\d`, literal letters) holds both or
//!   neither, so an automaton never needs to tell them apart;
//! - each regex becomes a Thompson automaton over atoms, then a deterministic one (subset
//!   construction, with `^` and `$` as assertions at the start and end of the token), which is
//!   minimised and given its own, smaller alphabet of the atoms it tells apart.
//!
//! Only what a word class needs is supported: literals, classes, repetition, alternation,
//! groups, and the assertions `^` and `$`. Anything else (word boundaries, multi-line anchors)
//! is rejected with a message.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use regex_syntax::hir::{Class, Hir, HirKind, Look, Repetition};

/// The state no match can come from.
pub const DEAD: u8 = 0;
/// The state in which a match has been found (whatever follows).
pub const MATCH: u8 = 1;

/// Parses a class regex as `regex::Regex::new` does.
pub fn parse(re: &str) -> Result<Hir, String> {
    regex_syntax::ParserBuilder::new().build().parse(re).map_err(|e| e.to_string())
}

/// The regex that matches the reversed strings of the strings `hir` matches: concatenations and
/// literals reversed, `^` and `$` swapped. An automaton of it reads a token from its end, which
/// rejects most tokens after a character or two where the regex tests how the token ends
/// (`\p{L}*(experten|…)$`).
pub fn reverse(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(lit) => match std::str::from_utf8(&lit.0) {
            Ok(s) => Hir::literal(s.chars().rev().collect::<String>().into_bytes()),
            // Not UTF-8: left as it is, for `Dfa::new` to reject.
            Err(_) => hir.clone(),
        },
        HirKind::Class(_) => hir.clone(),
        HirKind::Look(Look::Start) => Hir::look(Look::End),
        HirKind::Look(Look::End) => Hir::look(Look::Start),
        HirKind::Look(_) => hir.clone(),
        HirKind::Repetition(r) => Hir::repetition(Repetition { sub: Box::new(reverse(&r.sub)), ..r.clone() }),
        HirKind::Capture(c) => reverse(&c.sub),
        HirKind::Concat(subs) => Hir::concat(subs.iter().rev().map(reverse).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.iter().map(reverse).collect()),
    }
}

/// A set of code points as sorted, disjoint, inclusive ranges.
type Ranges = Vec<(u32, u32)>;

/// Every character set a regex mentions.
fn sets(hir: &Hir, out: &mut Vec<Ranges>) -> Result<(), String> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => {}
        HirKind::Literal(lit) => {
            let s = std::str::from_utf8(&lit.0).map_err(|_| "a literal that is not UTF-8".to_string())?;
            out.extend(s.chars().map(|c| vec![(c as u32, c as u32)]));
        }
        HirKind::Class(class) => out.push(ranges(class)?),
        HirKind::Repetition(r) => sets(&r.sub, out)?,
        HirKind::Capture(c) => sets(&c.sub, out)?,
        HirKind::Concat(subs) | HirKind::Alternation(subs) => {
            for s in subs {
                sets(s, out)?;
            }
        }
    }
    Ok(())
}

fn ranges(class: &Class) -> Result<Ranges, String> {
    Ok(match class {
        Class::Unicode(c) => c.iter().map(|r| (r.start() as u32, r.end() as u32)).collect(),
        Class::Bytes(c) => {
            if c.iter().any(|r| r.end() >= 0x80) {
                return Err("a byte class beyond ASCII".into());
            }
            c.iter().map(|r| (u32::from(r.start()), u32::from(r.end()))).collect()
        }
    })
}

/// The code points split into atoms: runs of code points (from a start to the next run's start)
/// that no character set of the class regexes tells apart.
pub struct Partition {
    /// `(first code point, atom)`, sorted; the first run starts at 0, the last one ends at
    /// U+10FFFF. Neighbouring runs have different atoms.
    pub runs: Vec<(u32, u16)>,
    /// The number of atoms.
    pub count: usize,
}

impl Partition {
    /// The partition that every character set of `regexes` respects.
    pub fn new(regexes: &[Hir]) -> Result<Partition, String> {
        let mut all = Vec::new();
        for hir in regexes {
            sets(hir, &mut all)?;
        }
        all.sort();
        all.dedup();
        let mut bounds = BTreeSet::from([0u32, 0x11_0000]);
        for set in &all {
            for &(a, b) in set {
                bounds.insert(a);
                bounds.insert(b + 1);
            }
        }
        let bounds: Vec<u32> = bounds.into_iter().collect();
        let mut ids: HashMap<Vec<bool>, u16> = HashMap::new();
        let mut runs: Vec<(u32, u16)> = Vec::new();
        for w in bounds.windows(2) {
            let c = w[0];
            let signature: Vec<bool> = all.iter().map(|set| contains(set, c)).collect();
            let next = u16::try_from(ids.len()).map_err(|_| "too many atoms")?;
            let atom = *ids.entry(signature).or_insert(next);
            if runs.last().map(|r| r.1) != Some(atom) {
                runs.push((c, atom));
            }
        }
        Ok(Partition { runs, count: ids.len() })
    }

    /// The atom of a code point.
    pub fn atom(&self, c: u32) -> u16 {
        let i = self.runs.partition_point(|r| r.0 <= c);
        self.runs[i - 1].1
    }

    /// Which atoms a set of code points covers (a set is always a union of atoms).
    fn atoms(&self, set: &Ranges) -> Vec<bool> {
        let mut out = vec![false; self.count];
        for (i, &(start, atom)) in self.runs.iter().enumerate() {
            if contains(set, start) {
                out[atom as usize] = true;
            }
            debug_assert!({
                let end = self.runs.get(i + 1).map_or(0x10_FFFF, |r| r.0 - 1);
                contains(set, start) == contains(set, end)
            });
        }
        out
    }
}

fn contains(set: &Ranges, c: u32) -> bool {
    let i = set.partition_point(|r| r.0 <= c);
    i > 0 && set[i - 1].1 >= c
}

/// A Thompson automaton over atoms.
enum Node {
    /// One character of these atoms, then the next node.
    Set(Vec<bool>, usize),
    /// Any of these nodes (no input consumed).
    Split(Vec<usize>),
    /// Only at the start of the token.
    Start(usize),
    /// Only at the end of the token.
    End(usize),
    Match,
}

struct Nfa<'p> {
    nodes: Vec<Node>,
    partition: &'p Partition,
}

impl Nfa<'_> {
    fn push(&mut self, node: Node) -> usize {
        self.nodes.push(node);
        self.nodes.len() - 1
    }

    /// Compiles `hir` so that a match of it continues at `next`; returns the entry node.
    fn compile(&mut self, hir: &Hir, next: usize) -> Result<usize, String> {
        Ok(match hir.kind() {
            HirKind::Empty => next,
            HirKind::Literal(lit) => {
                let s = std::str::from_utf8(&lit.0).map_err(|_| "a literal that is not UTF-8".to_string())?;
                let mut at = next;
                for c in s.chars().rev() {
                    let atoms = self.partition.atoms(&vec![(c as u32, c as u32)]);
                    at = self.push(Node::Set(atoms, at));
                }
                at
            }
            HirKind::Class(class) => {
                let atoms = self.partition.atoms(&ranges(class)?);
                self.push(Node::Set(atoms, next))
            }
            HirKind::Look(Look::Start) => self.push(Node::Start(next)),
            HirKind::Look(Look::End) => self.push(Node::End(next)),
            HirKind::Look(look) => return Err(format!("unsupported assertion {look:?} (only ^ and $)")),
            HirKind::Capture(c) => self.compile(&c.sub, next)?,
            HirKind::Concat(subs) => {
                let mut at = next;
                for s in subs.iter().rev() {
                    at = self.compile(s, at)?;
                }
                at
            }
            HirKind::Alternation(subs) => {
                let entries = subs.iter().map(|s| self.compile(s, next)).collect::<Result<_, _>>()?;
                self.push(Node::Split(entries))
            }
            HirKind::Repetition(r) => {
                if r.min > 64 || r.max.is_some_and(|m| m > 64) {
                    return Err("a repetition count above 64".into());
                }
                let mut at = match r.max {
                    None => {
                        let this = self.push(Node::Split(Vec::new()));
                        let body = self.compile(&r.sub, this)?;
                        self.nodes[this] = Node::Split(vec![body, next]);
                        this
                    }
                    Some(max) => {
                        let mut at = next;
                        for _ in r.min..max {
                            let body = self.compile(&r.sub, at)?;
                            at = self.push(Node::Split(vec![body, next]));
                        }
                        at
                    }
                };
                for _ in 0..r.min {
                    at = self.compile(&r.sub, at)?;
                }
                at
            }
        })
    }

    /// The `Set` nodes reachable from `seeds` without input, and whether `Match` is.
    fn closure(&self, seeds: &[usize], at_start: bool, at_end: bool) -> (Vec<usize>, bool) {
        let mut seen = vec![false; self.nodes.len()];
        let mut stack: Vec<usize> = seeds.to_vec();
        let mut sets = Vec::new();
        let mut matched = false;
        while let Some(n) = stack.pop() {
            if std::mem::replace(&mut seen[n], true) {
                continue;
            }
            match &self.nodes[n] {
                Node::Set(..) => sets.push(n),
                Node::Split(next) => stack.extend(next.iter().rev()),
                Node::Start(next) if at_start => stack.push(*next),
                Node::End(next) if at_end => stack.push(*next),
                Node::Start(_) | Node::End(_) => {}
                Node::Match => matched = true,
            }
        }
        sets.sort_unstable();
        (sets, matched)
    }
}

/// A class regex as a deterministic automaton: state 0 is [`DEAD`], state 1 is [`MATCH`].
#[derive(Debug, PartialEq, Eq)]
pub struct Dfa {
    /// The automaton's own atom of each atom of the partition.
    pub classes: Vec<u8>,
    /// The number of its own atoms (the row length of `trans`).
    pub stride: usize,
    /// `trans[state * stride + class]`: the next state.
    pub trans: Vec<u8>,
    /// Per state: whether the token matches if it ends here.
    pub at_end: Vec<bool>,
    /// The state before the first character.
    pub start: u8,
}

impl Dfa {
    /// Compiles a parsed class regex against the partition (which must respect its sets).
    pub fn new(hir: &Hir, partition: &Partition) -> Result<Dfa, String> {
        let mut nfa = Nfa { nodes: vec![Node::Match], partition };
        let mut entry = nfa.compile(hir, 0)?;
        if !hir.properties().look_set_prefix().contains(Look::Start) {
            // Unanchored: the match may begin anywhere in the token.
            let any = nfa.push(Node::Set(vec![true; partition.count], 0));
            let split = nfa.push(Node::Split(vec![any, entry]));
            nfa.nodes[any] = Node::Set(vec![true; partition.count], split);
            entry = split;
        }
        // Subset construction. A state is the set of `Set` nodes it waits in, with whether the
        // token matches if it ends there.
        let mut index: BTreeMap<(Vec<usize>, bool), usize> = BTreeMap::new();
        let mut states: Vec<(Vec<usize>, bool)> = Vec::new();
        let mut rows: Vec<Vec<usize>> = vec![vec![0; partition.count], vec![1; partition.count]];
        let mut at_end = vec![false, false];
        let mut intern = |seeds: &[usize], at_start: bool, states: &mut Vec<(Vec<usize>, bool)>| {
            let (sets, matched) = nfa.closure(seeds, at_start, false);
            if matched {
                return 1;
            }
            let end = nfa.closure(seeds, at_start, true).1;
            if sets.is_empty() && !end {
                return 0;
            }
            let key = (sets, end);
            *index.entry(key.clone()).or_insert_with(|| {
                states.push(key);
                states.len() + 1
            })
        };
        let start = intern(&[entry], true, &mut states);
        let mut done = 0;
        while done < states.len() {
            let (sets, end) = states[done].clone();
            let mut row = vec![0; partition.count];
            for (atom, slot) in row.iter_mut().enumerate() {
                let seeds: Vec<usize> = sets
                    .iter()
                    .filter_map(|&n| match &nfa.nodes[n] {
                        Node::Set(atoms, next) if atoms[atom] => Some(*next),
                        _ => None,
                    })
                    .collect();
                *slot = intern(&seeds, false, &mut states);
            }
            rows.push(row);
            at_end.push(end);
            done += 1;
        }
        Dfa::minimal(&rows, &at_end, start)
    }

    /// The minimal automaton equivalent to `rows` (Moore's algorithm), with its own alphabet.
    fn minimal(rows: &[Vec<usize>], at_end: &[bool], start: usize) -> Result<Dfa, String> {
        let n = rows.len();
        // Blocks: the match state, the states where a token may end, the others (dead among
        // them), refined until the transitions agree.
        let mut block: Vec<usize> =
            (0..n).map(|s| if s == 1 { 1 } else { 2 * usize::from(at_end[s]) }).collect();
        loop {
            let mut ids: BTreeMap<(usize, Vec<usize>), usize> = BTreeMap::new();
            let next: Vec<usize> = (0..n)
                .map(|s| {
                    let key = (block[s], rows[s].iter().map(|&t| block[t]).collect());
                    let len = ids.len();
                    *ids.entry(key).or_insert(len)
                })
                .collect();
            let stable = ids.len() == block.iter().collect::<BTreeSet<_>>().len();
            block = next;
            if stable {
                break;
            }
        }
        // Renumber blocks in order of first appearance (dead 0, match 1 come first).
        let mut order: BTreeMap<usize, usize> = BTreeMap::new();
        let mut reps: Vec<usize> = Vec::new();
        for (s, &b) in block.iter().enumerate() {
            if let std::collections::btree_map::Entry::Vacant(e) = order.entry(b) {
                e.insert(reps.len());
                reps.push(s);
            }
        }
        if reps.len() > 256 {
            return Err(format!("{} states (at most 256)", reps.len()));
        }
        let state = |s: usize| order[&block[s]];
        // The automaton's own alphabet: atoms whose columns are equal are one class.
        let atoms = rows[0].len();
        let column = |a: usize| reps.iter().map(|&s| state(rows[s][a])).collect::<Vec<_>>();
        let mut class_of: BTreeMap<Vec<usize>, usize> = BTreeMap::new();
        let mut classes = Vec::with_capacity(atoms);
        for a in 0..atoms {
            let len = class_of.len();
            classes.push(*class_of.entry(column(a)).or_insert(len));
        }
        let stride = class_of.len();
        if stride > 256 {
            return Err(format!("{stride} character classes (at most 256)"));
        }
        let mut trans = vec![0u8; reps.len() * stride];
        for (i, &s) in reps.iter().enumerate() {
            for a in 0..atoms {
                trans[i * stride + classes[a]] = state(rows[s][a]) as u8;
            }
        }
        Ok(Dfa {
            classes: classes.into_iter().map(|c| c as u8).collect(),
            stride,
            trans,
            at_end: reps.iter().map(|&s| at_end[s]).collect(),
            start: state(start) as u8,
        })
    }

    /// How many characters of `chars` the automaton reads before it knows the answer.
    pub fn steps(&self, chars: impl Iterator<Item = char>, atom: impl Fn(char) -> usize) -> usize {
        let mut state = self.start;
        let mut n = 0;
        for c in chars {
            if state == MATCH || state == DEAD {
                break;
            }
            state = self.trans[state as usize * self.stride + self.classes[atom(c)] as usize];
            n += 1;
        }
        n
    }

    /// Whether the automaton accepts `s`, given the atom of each character (for tests; the
    /// library's matcher is `matcher::ClassDfa::is_match`).
    pub fn is_match(&self, s: &str, atom: impl Fn(char) -> usize) -> bool {
        self.accepts(s.chars(), atom)
    }

    /// Whether the automaton accepts the characters `chars`.
    pub fn accepts(&self, chars: impl Iterator<Item = char>, atom: impl Fn(char) -> usize) -> bool {
        let mut state = self.start;
        for c in chars {
            if state == MATCH || state == DEAD {
                break;
            }
            state = self.trans[state as usize * self.stride + self.classes[atom(c)] as usize];
        }
        state == MATCH || (state != DEAD && self.at_end[state as usize])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Strings over a pool of characters, by a small deterministic generator.
    fn strings(pool: &[char], n: usize, max_len: usize) -> Vec<String> {
        let mut next = crate::text::hash::xorshift(0x9e37_79b9_7f4a_7c15u64);
        (0..n).map(|_| (0..next(max_len + 1)).map(|_| pool[next(pool.len())]).collect()).collect()
    }

    #[test]
    fn automata_agree_with_regex() {
        let regexes = [
            r"^\d",
            r"^\p{Lu}\p{Ll}+$",
            r"ab|c$",
            r"^(ge\p{Ll}{2,}(t|en)|\p{L}+iert)$",
            r"x*",
            r"^$",
            r"(?i-u:kreisen?)$",
            r"^(a|b)?c{2,3}[^d]$",
            r"(?:^|x)y",
            r"^\p{L}*(?:(?i-u:experten)|[öÖ](?i-u:konomen))$",
        ];
        let hirs: Vec<Hir> = regexes.iter().map(|r| parse(r).unwrap()).collect();
        let partition = Partition::new(&hirs).unwrap();
        let mut pool: Vec<char> = "abcdegiknrtxyzABCKXÖöéÉ1٣ ".chars().collect();
        pool.extend(partition.runs.iter().filter_map(|r| char::from_u32(r.0)).step_by(97));
        for (re, hir) in regexes.iter().zip(&hirs) {
            let dfa = Dfa::new(hir, &partition).unwrap();
            let rev = Dfa::new(&reverse(hir), &partition).unwrap();
            let regex = regex::Regex::new(re).unwrap();
            for s in strings(&pool, 20_000, 8).iter().chain(&["".to_string(), "Gestern".into(), "ab".into()])
            {
                let atom = |c: char| partition.atom(c as u32) as usize;
                let want = regex.is_match(s);
                assert_eq!(dfa.is_match(s, atom), want, "{re:?} on {s:?}");
                assert_eq!(rev.accepts(s.chars().rev(), atom), want, "reversed {re:?} on {s:?}");
            }
        }
    }

    #[test]
    fn rejects_what_it_cannot_do() {
        let partition = Partition::new(&[]).unwrap();
        assert!(Dfa::new(&parse(r"\bx").unwrap(), &partition).is_err());
        assert!(Dfa::new(&parse(r"(?m)^x").unwrap(), &partition).is_err());
    }
}
