//! The lexicons: rules and word classes from the data files in `src/lexicon/<lang>/`,
//! compiled once per language and shared by all calls.
//!
//! `build.rs` checks the files and compiles them into static tables (patterns already parsed,
//! words numbered); this module builds the indexes matching uses the first time a language is
//! used. See `src/lexicon/README.md` for the file format and `pattern.rs` for the pattern
//! language (parsed by `build.rs` only; the library does not include the parser).

#[cfg(test)]
#[allow(dead_code)]
mod class;
pub(crate) mod matcher;
#[cfg(test)]
#[allow(dead_code)]
mod pattern;
pub mod speech_keys;

use std::sync::OnceLock;

use crate::result::Category;
use crate::text::Language;
use matcher::{Atom, CElem, CStep, Pattern, Required};

/// One language's data as `build.rs` generated it.
pub(crate) struct LangDef {
    pub lang: &'static str,
    /// Every lower-case word the rules and classes mention, sorted, one per line: a word's id
    /// is its line number.
    pub words: &'static str,
    /// The other strings of the patterns (exact words, prefixes, suffixes), one per line.
    pub strings: &'static str,
    /// The classes, in name order (patterns refer to them by index).
    pub classes: &'static [ClassDef],
    pub rules: &'static [RuleDef],
}

/// A word class: a regex over the token as written (compiled to an automaton), and/or
/// lower-case words (by id).
pub(crate) struct ClassDef {
    pub dfa: Option<ClassDfa>,
    pub words: &'static [u16],
    /// The class's name and regex as written in `classes.toml` (for tests).
    #[cfg(test)]
    pub name: &'static str,
    #[cfg(test)]
    pub regex: Option<&'static str>,
}

/// A class regex as `build.rs` compiles it (see `class.rs`): a deterministic automaton over the
/// atoms of [`atom`], state 0 dead, state 1 matched.
#[derive(Clone, Copy)]
pub(crate) struct ClassDfa {
    /// The automaton's own character class of each atom.
    pub classes: &'static [u8],
    /// The number of its character classes: the length of a row of `trans`.
    pub stride: usize,
    /// `trans[state * stride + class]`: the next state.
    pub trans: &'static [u8],
    /// Per state: 1 if a token that ends there matches.
    pub at_end: &'static [u8],
    /// The state before the first character.
    pub start: u8,
    /// Whether it is the automaton of the reversed regex, to read the token from its end
    /// (`build.rs` keeps whichever direction reads less of the rules' example tokens).
    pub reverse: bool,
}

impl ClassDfa {
    /// Whether the regex matches somewhere in `s` (what `regex::Regex::is_match` answers).
    pub fn is_match(&self, s: &str) -> bool {
        if self.reverse {
            return self.is_match_from_end(s);
        }
        let mut state = self.start as usize;
        let bytes = s.as_bytes();
        let mut i = 0;
        // ASCII byte by byte, other characters decoded (`i` stays at a character boundary).
        while state > 1 && i < bytes.len() {
            let a = if bytes[i] < 0x80 {
                i += 1;
                ATOM_ASCII[usize::from(bytes[i - 1])] as usize
            } else {
                let Some(c) = s[i..].chars().next() else { break };
                i += c.len_utf8();
                atom(c)
            };
            state = self.trans[state * self.stride + self.classes[a] as usize] as usize;
        }
        state == 1 || self.at_end[state] != 0
    }

    /// [`ClassDfa::is_match`] of a reversed automaton: the characters of `s` from the last.
    fn is_match_from_end(&self, s: &str) -> bool {
        let mut state = self.start as usize;
        let bytes = s.as_bytes();
        let mut i = bytes.len();
        // ASCII byte by byte, other characters decoded (`i` stays at a character boundary).
        while state > 1 && i > 0 {
            let a = if bytes[i - 1] < 0x80 {
                i -= 1;
                ATOM_ASCII[usize::from(bytes[i])] as usize
            } else {
                let Some(c) = s[..i].chars().next_back() else { break };
                i -= c.len_utf8();
                atom(c)
            };
            state = self.trans[state * self.stride + self.classes[a] as usize] as usize;
        }
        state == 1 || self.at_end[state] != 0
    }
}

/// The atom of a character: characters of one atom are alike for every class regex.
pub(crate) fn atom(c: char) -> usize {
    let c = c as u32;
    if c < 0x80 {
        return ATOM_ASCII[c as usize] as usize;
    }
    // The runs start at U+0080, so the index is at least 1.
    let runs = atom_runs();
    let i = runs.partition_point(|&r| r >> 8 <= c);
    (runs[i.max(1) - 1] & 0xff) as usize
}

/// The runs of atoms from U+0080 on, each as its first code point << 8 | its atom (decoded
/// once from `ATOM_RUNS`, which `build.rs` writes as distances and atoms).
pub(crate) fn atom_runs() -> &'static [u32] {
    static RUNS: OnceLock<Vec<u32>> = OnceLock::new();
    RUNS.get_or_init(|| {
        let mut out = Vec::new();
        let (mut at, mut delta, mut shift) = (0x80u32, 0u32, 0);
        let mut bytes = ATOM_RUNS.iter();
        while let Some(&b) = bytes.next() {
            delta |= u32::from(b & 0x7f) << shift;
            if b & 0x80 != 0 {
                shift += 7;
                continue;
            }
            at += delta;
            (delta, shift) = (0, 0);
            out.push(at << 8 | u32::from(bytes.next().copied().unwrap_or(0)));
        }
        out
    })
}

/// A rule from the data file (examples left out), its patterns compiled.
pub(crate) struct RuleDef {
    pub id: &'static str,
    pub category: &'static str,
    pub note: &'static str,
    /// The numbers of `patterns`, `if_sentence` and `unless_sentence` patterns, then those
    /// patterns (see [`decode`]).
    pub code: &'static [u8],
}

include!(concat!(env!("OUT_DIR"), "/lexicon_tables.rs"));

/// A compiled rule.
pub(crate) struct Rule {
    pub id: &'static str,
    /// `None` for a blocking rule, which suppresses hedges where it matches.
    pub category: Option<Category>,
    pub note: &'static str,
    pub patterns: Vec<Pattern>,
    pub if_sentence: Vec<Pattern>,
    pub unless_sentence: Vec<Pattern>,
}

/// A language's compiled rules and classes, with the indexes matching uses.
pub(crate) struct Lexicon {
    /// The classes (their word lists are also in [`Lexicon::word_classes`]).
    pub classes: &'static [ClassDef],
    pub rules: Vec<Rule>,
    /// Every lower-case word the rules and classes mention → its id.
    pub vocab: Vocab,
    /// Per word id: the classes (bit per class) whose word lists hold it.
    pub word_classes: Vec<u64>,
    /// Every pattern of every rule, in rule order.
    pub patterns: Vec<PatternRef>,
    /// Per word id: the patterns (indexes into [`Lexicon::patterns`]) anchored on a plain
    /// element that accepts the word. A sentence without a token that sets a pattern off
    /// cannot hold a match of it.
    pub by_word: Vec<Vec<u32>>,
    /// Per test (of [`Lexicon::tests`]): the patterns anchored on it.
    pub by_test: Vec<Vec<u32>>,
    /// The distinct token tests that are not plain words and begin a pattern or anchor one
    /// (prefixes, suffixes, classes, exact case), each as (rule, pattern, step): a test shared
    /// by several patterns runs once per form.
    pub tests: Vec<(u32, u32, u32)>,
    /// The tests that anchor a pattern (a bit each): every form is tested with them when it is
    /// first seen; the others only where a pattern that begins with them is tried.
    pub anchor_tests: u64,
    /// Per word id: the anchor tests (a bit each) its word list, or a class word list, passes.
    pub test_words: Vec<u64>,
    /// The other alternatives of the anchor tests, by what a token needs to pass them.
    pub probes: Probes,
    /// Per word id: the bits of the speech lists (`src/lexicon/<lang>/speech.txt`) the word is
    /// in. Every word of those lists is in the vocabulary (after the words of the rules), so
    /// that the sources read a token's lists from the id the hedge layer found for its form,
    /// without a second lookup.
    pub speech_bits: Vec<u32>,
}

/// A pattern of a rule, with how its first element is tested.
pub(crate) struct PatternRef {
    pub rule: u32,
    pub pattern: u32,
    /// The index of its first element in [`Lexicon::tests`]; `None` for plain words.
    pub test: Option<u32>,
    /// Whether it is anchored on its first element (not negated, not optional): then the
    /// tokens that set it off are exactly those where a match of it may begin.
    pub starts_at_anchor: bool,
}

/// One alternative of an anchor test.
#[derive(Clone, Copy)]
pub(crate) struct Probe {
    /// The test it belongs to.
    test: u32,
    atom: Atom,
}

/// The alternatives of the anchor tests (other than words, see [`Lexicon::test_words`]): the
/// prefixes in one trie over lower-case bytes, the suffixes in one over the bytes read from the
/// end, so that a new form is tested against all of them in one walk each; the others filed
/// under what a token that passes them must have: a first lower-case byte (an exact word), or
/// an atom of its first or last character (a class automaton, see [`dfa_filter`]). A new form
/// tries only the probes filed under its own.
pub(crate) struct Probes {
    prefixes: Trie,
    suffixes: Trie,
    first_byte: Vec<Vec<Probe>>,
    first_atom: Vec<Vec<Probe>>,
    last_atom: Vec<Vec<Probe>>,
    /// Whether any probe is filed by atom (else the atoms need not be computed).
    by_atom: bool,
    /// Those a token of any form may pass.
    always: Vec<Probe>,
}

/// Byte strings, each with the tests (a bit each) it belongs to, as a trie: [`Trie::walk`]
/// tells, in one walk along a token, which of the strings it begins with.
#[derive(Default)]
pub(crate) struct Trie {
    /// Per node: its first edge in `edges`, its number of edges, and the tests of the string
    /// that ends at it. Node 0 is the root (the empty string).
    nodes: Vec<(u32, u32, u64)>,
    /// The edges of each node, together: (byte, node).
    edges: Vec<(u8, u32)>,
    /// The root's edges by byte (0: none), as most walks end after one or two steps.
    root: Vec<u32>,
}

impl Trie {
    /// The trie of `strings` (bytes, tests).
    pub(crate) fn new(strings: &[(Vec<u8>, u64)]) -> Trie {
        // A tree first (each node's edges unsorted), then flattened node by node.
        let mut tree: Vec<(Vec<(u8, usize)>, u64)> = vec![(Vec::new(), 0)];
        for (bytes, bits) in strings {
            let mut n = 0;
            for &b in bytes {
                n = match tree[n].0.iter().find(|e| e.0 == b) {
                    Some(&(_, m)) => m,
                    None => {
                        tree.push((Vec::new(), 0));
                        let m = tree.len() - 1;
                        tree[n].0.push((b, m));
                        m
                    }
                };
            }
            tree[n].1 |= bits;
        }
        let mut t = Trie { root: vec![0; 256], ..Trie::default() };
        for (children, bits) in &tree {
            t.nodes.push((t.edges.len() as u32, children.len() as u32, *bits));
            t.edges.extend(children.iter().map(|&(b, m)| (b, m as u32)));
        }
        for &(b, m) in &t.edges[..tree[0].0.len()] {
            t.root[b as usize] = m;
        }
        t
    }

    /// Calls `f(length, tests)` for each string that `bytes` begins with, shortest first.
    #[inline]
    pub(crate) fn each_match(&self, mut bytes: impl Iterator<Item = u8>, mut f: impl FnMut(usize, u64)) {
        let mut n = match bytes.next() {
            Some(b) if !self.root.is_empty() => self.root[b as usize] as usize,
            _ => return,
        };
        let mut depth = 1;
        while n != 0 {
            let (first, len, here) = self.nodes[n];
            if here != 0 {
                f(depth, here);
            }
            let Some(b) = bytes.next() else { return };
            let edges = &self.edges[first as usize..(first + len) as usize];
            n = edges.iter().find(|e| e.0 == b).map_or(0, |&(_, m)| m as usize);
            depth += 1;
        }
    }

    /// The tests of the strings that `bytes` begins with.
    #[inline]
    fn walk(&self, mut bytes: impl Iterator<Item = u8>) -> u64 {
        let Some(&(_, _, mut bits)) = self.nodes.first() else { return 0 };
        let Some(b) = bytes.next() else { return bits };
        let mut n = self.root[b as usize] as usize;
        if n == 0 {
            return bits;
        }
        loop {
            let (first, len, here) = self.nodes[n];
            bits |= here;
            let Some(b) = bytes.next() else { return bits };
            let edges = &self.edges[first as usize..(first + len) as usize];
            match edges.iter().find(|e| e.0 == b) {
                Some(&(_, m)) => n = m as usize,
                None => return bits,
            }
        }
    }
}

impl Lexicon {
    /// The id of a lower-case word, or [`matcher::UNKNOWN`].
    pub fn word_id(&self, lower: &[u8]) -> u32 {
        self.vocab.get_bytes(lower).unwrap_or(matcher::UNKNOWN)
    }

    /// The element of test `t`.
    pub fn test_elem(&self, t: u32) -> Option<&CElem> {
        let &(r, p, step) = self.tests.get(t as usize)?;
        match self.rules[r as usize].patterns[p as usize].steps.get(step as usize)? {
            CStep::Elem(e) => Some(e),
            _ => None,
        }
    }

    /// Which anchor tests a token passes (a bit each), given as written and lower-cased, with
    /// its word id; also which classes were evaluated on the way, and which it belongs to.
    pub fn anchor_tests_of(&self, written: &str, lower: &[u8], id: u32) -> (u64, u64, u64) {
        let mut bits = if id == matcher::UNKNOWN { 0 } else { self.test_words[id as usize] };
        let probes = &self.probes;
        bits |=
            probes.prefixes.walk(lower.iter().copied()) | probes.suffixes.walk(lower.iter().rev().copied());
        let (mut known, mut member) = (0u64, 0u64);
        let mut run = |list: &[Probe]| {
            for p in list {
                if bits >> p.test & 1 != 0 {
                    continue;
                }
                let hit = match p.atom {
                    Atom::Exact(w) => matcher::same(written.as_bytes(), w.as_bytes()),
                    // In the tries.
                    Atom::Prefix(_) | Atom::Suffix(_) => false,
                    Atom::Class(c) => {
                        let bit = 1u64 << c;
                        if known & bit == 0 {
                            known |= bit;
                            if self.classes[c].dfa.is_some_and(|d| d.is_match(written)) {
                                member |= bit;
                            }
                        }
                        member & bit != 0
                    }
                    Atom::Any => true,
                };
                if hit {
                    bits |= 1 << p.test;
                }
            }
        };
        match lower.first() {
            Some(&a) => {
                run(&probes.first_byte[a as usize]);
                if let (true, Some(a), Some(z)) =
                    (probes.by_atom, written.chars().next(), written.chars().next_back())
                {
                    run(probes.first_atom.get(atom(a)).map_or(&[], Vec::as_slice));
                    run(probes.last_atom.get(atom(z)).map_or(&[], Vec::as_slice));
                }
            }
            // An empty token (there are none): every probe.
            None => {
                for list in [&probes.first_byte, &probes.first_atom, &probes.last_atom] {
                    list.iter().for_each(|l| run(l));
                }
            }
        }
        run(&probes.always);
        (bits, known, member)
    }
}

/// Which characters a token must begin or end with for a class automaton to match it, as
/// `(last, atoms)`: the atoms its last character (`last`) or its first may be of. Two sets are
/// known from the automaton, in the order it reads: the atoms of a first character that does
/// not lead to the dead state, and, when it cannot match before the end, the atoms of a last
/// character that leads into an accepting state from some reachable state. The smaller is
/// kept; for a reversed automaton, its first character is the token's last. `None` when the
/// automaton tells nothing.
fn dfa_filter(d: &ClassDfa) -> Option<(bool, Vec<bool>)> {
    let states = d.at_end.len();
    let start = d.start as usize;
    if start <= 1 || d.at_end.first().is_some_and(|&e| e != 0) {
        return None;
    }
    let next = |s: usize, a: usize| d.trans[s * d.stride + d.classes[a] as usize] as usize;
    let mut seen = vec![false; states];
    let mut stack = vec![start];
    while let Some(s) = stack.pop() {
        if std::mem::replace(&mut seen[s], true) || s <= 1 {
            continue;
        }
        stack.extend((0..d.stride).map(|c| d.trans[s * d.stride + c] as usize));
    }
    let atoms = d.classes.len();
    let first: Vec<bool> = (0..atoms).map(|a| next(start, a) != 0).collect();
    let count = |v: &[bool]| v.iter().filter(|&&b| b).count();
    if !seen[1] {
        let last: Vec<bool> =
            (0..atoms).map(|a| (2..states).any(|s| seen[s] && d.at_end[next(s, a)] != 0)).collect();
        if count(&last) < count(&first) {
            return Some((!d.reverse, last));
        }
    }
    Some((d.reverse, first))
}

/// The vocabulary: word → id. A fixed set, so a hash table with open addressing and a fast,
/// unkeyed hash is safe: probe sequences are those of the fixed keys, whatever is looked up.
pub(crate) struct Vocab {
    /// Per slot: the id + 1 of the word there, 0 for none.
    slots: Vec<u32>,
    words: Vec<&'static str>,
}

impl Vocab {
    /// The table of `words`; a word's id is its index.
    pub fn new(words: &[&'static str]) -> Vocab {
        let size = (words.len() * 4).next_power_of_two().max(8);
        let mut slots = vec![0u32; size];
        for (id, w) in words.iter().enumerate() {
            let mut i = Vocab::hash(w.as_bytes()) & (size - 1);
            while slots[i] != 0 {
                i = (i + 1) & (size - 1);
            }
            slots[i] = id as u32 + 1;
        }
        Vocab { slots, words: words.to_vec() }
    }

    /// FxHash-style: rotate, xor, multiply per 8 bytes.
    #[inline]
    fn hash(s: &[u8]) -> usize {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut h = s.len() as u64;
        let mut chunks = s.chunks_exact(8);
        for c in &mut chunks {
            let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            h = (h.rotate_left(5) ^ w).wrapping_mul(K);
        }
        // The tail byte by byte: a copy into a buffer read back as one word stalls.
        let tail = chunks.remainder().iter().fold(0u64, |w, &b| w << 8 | u64::from(b));
        h = (h.rotate_left(5) ^ tail).wrapping_mul(K);
        (h ^ h >> 29) as usize
    }

    /// The id of a word, if it is in the vocabulary.
    #[inline]
    pub fn get(&self, word: &str) -> Option<u32> {
        self.get_bytes(word.as_bytes())
    }

    /// The id of a word given as bytes (a byte slice needs no character boundary checks).
    #[inline]
    pub fn get_bytes(&self, word: &[u8]) -> Option<u32> {
        let mask = self.slots.len() - 1;
        let mut i = Vocab::hash(word) & mask;
        loop {
            let slot = self.slots[i];
            if slot == 0 {
                return None;
            }
            if matcher::same(self.words[slot as usize - 1].as_bytes(), word) {
                return Some(slot - 1);
            }
            i = (i + 1) & mask;
        }
    }

    /// The word with id `id`.
    pub fn word(&self, id: usize) -> &'static str {
        self.words[id]
    }

    /// The number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }
}

/// The compiled lexicon of a language (compiled on first use).
pub(crate) fn get(language: Language) -> &'static Lexicon {
    static DE: OnceLock<Lexicon> = OnceLock::new();
    static EN: OnceLock<Lexicon> = OnceLock::new();
    let cell = match language {
        Language::German => &DE,
        Language::English => &EN,
    };
    cell.get_or_init(|| compile(language))
}

/// The ids of every rule of a language, in file order (blocking rules included).
pub fn rule_ids(language: Language) -> Vec<&'static str> {
    get(language).rules.iter().map(|r| r.id).collect()
}

fn compile(language: Language) -> Lexicon {
    let code = language.code();
    let lex = compile_def(LEXICONS.iter().find(|l| l.lang == code).expect("every language has a lexicon"));
    with_speech_words(lex, crate::source::speech_lexicon(language))
}

/// Adds the words of the speech lists to the vocabulary (those not in it yet, after the
/// others, so no rule's ids change; the rules mention none of them, so they set nothing off),
/// and fills [`Lexicon::speech_bits`].
fn with_speech_words(mut lex: Lexicon, speech: &crate::source::SpeechLexicon) -> Lexicon {
    let mut words: Vec<&'static str> = (0..lex.vocab.len()).map(|id| lex.vocab.word(id)).collect();
    for &w in speech.words() {
        if lex.vocab.get(w).is_none() {
            words.push(w);
        }
    }
    lex.vocab = Vocab::new(&words);
    lex.word_classes.resize(words.len(), 0);
    lex.by_word.resize(words.len(), Vec::new());
    lex.test_words.resize(words.len(), 0);
    lex.speech_bits = words.iter().map(|w| speech.bits(w)).collect();
    lex
}

/// Decodes a pattern as `build.rs` encoded it (see `Table::compile` there).
/// `next` yields the bytes.
fn decode(next: &mut impl FnMut() -> usize, strings: &[&'static str]) -> Pattern {
    let behind = next();
    let steps: Vec<CStep> = (0..next())
        .map(|_| match next() {
            0 => CStep::Open,
            1 => CStep::Close,
            2 => CStep::Start,
            3 => CStep::End,
            4 => CStep::Gap { max: next(), clause: true },
            5 => CStep::Gap { max: next(), clause: false },
            tag => {
                let words = (0..next()).map(|_| (next() | next() << 8) as u32).collect();
                let atoms = (0..next())
                    .map(|_| match next() {
                        0 => Atom::Exact(strings[next() | next() << 8]),
                        1 => Atom::Prefix(strings[next() | next() << 8]),
                        2 => Atom::Suffix(strings[next() | next() << 8]),
                        3 => Atom::Class(next()),
                        _ => Atom::Any,
                    })
                    .collect();
                CStep::Elem(CElem { words, atoms, negated: tag & 1 != 0, optional: tag & 2 != 0 })
            }
        })
        .collect();
    let required = Required::of(&steps, behind);
    let anchor = next();
    Pattern { steps, behind, required, anchor }
}

fn compile_def(def: &LangDef) -> Lexicon {
    let id_words: Vec<&'static str> = def.words.split('\n').collect();
    let strings: Vec<&'static str> = def.strings.split('\n').collect();
    let vocab = Vocab::new(&id_words);
    let mut word_classes = vec![0u64; id_words.len()];
    for (c, class) in def.classes.iter().enumerate() {
        for &id in class.words {
            word_classes[id as usize] |= 1 << c;
        }
    }
    let classes = def.classes;
    let rules: Vec<Rule> = def
        .rules
        .iter()
        .map(|r| {
            let mut bytes = r.code.iter().map(|&b| usize::from(b));
            let mut next = move || bytes.next().unwrap_or(0);
            let counts = [next(), next(), next()];
            let mut list = |n: usize| (0..n).map(|_| decode(&mut next, &strings)).collect();
            Rule {
                id: r.id,
                category: Category::from_name(r.category),
                note: r.note,
                patterns: list(counts[0]),
                if_sentence: list(counts[1]),
                unless_sentence: list(counts[2]),
            }
        })
        .collect();
    let mut patterns = Vec::new();
    let mut by_word: Vec<Vec<u32>> = vec![Vec::new(); id_words.len()];
    let mut tests: Vec<(u32, u32, u32)> = Vec::new();
    // (test, pattern) for the patterns anchored on a test.
    let mut anchored: Vec<(u32, u32)> = Vec::new();
    // The index of the test of step `step` of a pattern, added if it is new.
    let mut test_of = |ri: usize, pi: usize, step: usize| {
        let elem = |&(r, p, st): &(u32, u32, u32)| match &rules[r as usize].patterns[p as usize].steps
            [st as usize]
        {
            CStep::Elem(e) => Some(e),
            _ => None,
        };
        let this = elem(&(ri as u32, pi as u32, step as u32));
        match tests.iter().position(|t| elem(t) == this) {
            Some(t) => t as u32,
            None => {
                tests.push((ri as u32, pi as u32, step as u32));
                tests.len() as u32 - 1
            }
        }
    };
    for (ri, rule) in rules.iter().enumerate() {
        for (pi, p) in rule.patterns.iter().enumerate() {
            let pid = patterns.len() as u32;
            // The elements after the look-behind, by step: the first one, then the anchor.
            let elems: Vec<(usize, &CElem)> = (p.behind..p.steps.len())
                .filter_map(|i| match &p.steps[i] {
                    CStep::Elem(e) => Some((i, e)),
                    _ => None,
                })
                .collect();
            let (first_step, _) = *elems.first().expect("every pattern begins with a token test");
            let test = p.first_words().is_none().then(|| test_of(ri, pi, first_step));
            let (step, anchor) = match elems.get(p.anchor) {
                Some(&(i, e)) if !e.negated && !e.optional => (i, e),
                _ => elems[0],
            };
            let starts_at_anchor = step == first_step && !anchor.negated && !anchor.optional;
            patterns.push(PatternRef { rule: ri as u32, pattern: pi as u32, test, starts_at_anchor });
            if anchor.atoms.is_empty() {
                anchor.words.iter().for_each(|&w| by_word[w as usize].push(pid));
            } else {
                anchored.push((test_of(ri, pi, step), pid));
            }
        }
    }
    assert!(tests.len() <= 64, "at most 64 distinct tests per language");
    let mut by_test: Vec<Vec<u32>> = vec![Vec::new(); tests.len()];
    let mut anchor_tests = 0u64;
    for &(t, pid) in &anchored {
        by_test[t as usize].push(pid);
        anchor_tests |= 1 << t;
    }
    let mut test_words = vec![0u64; id_words.len()];
    let (mut prefixes, mut suffixes) = (Vec::new(), Vec::new());
    let mut probes = Probes {
        prefixes: Trie::default(),
        suffixes: Trie::default(),
        first_byte: vec![Vec::new(); 256],
        first_atom: vec![Vec::new(); 256],
        last_atom: vec![Vec::new(); 256],
        by_atom: false,
        always: Vec::new(),
    };
    for (t, &(r, p, step)) in tests.iter().enumerate() {
        let CStep::Elem(e) = &rules[r as usize].patterns[p as usize].steps[step as usize] else { continue };
        let bit = 1u64 << t;
        if anchor_tests & bit == 0 {
            continue;
        }
        e.words.iter().for_each(|&w| test_words[w as usize] |= bit);
        for &atom in &e.atoms {
            let probe = Probe { test: t as u32, atom };
            match atom {
                // What a token written so is lower-cased to begins with this byte.
                Atom::Exact(w) => match crate::text::token::lower_same_length(w).as_bytes().first() {
                    Some(&b) => probes.first_byte[b as usize].push(probe),
                    None => probes.always.push(probe),
                },
                Atom::Prefix(x) => prefixes.push((x.as_bytes().to_vec(), bit)),
                Atom::Suffix(x) => suffixes.push((x.bytes().rev().collect(), bit)),
                Atom::Class(c) => {
                    classes[c].words.iter().for_each(|&w| test_words[w as usize] |= bit);
                    let Some(dfa) = &classes[c].dfa else { continue };
                    match dfa_filter(dfa) {
                        Some((last, atoms)) => {
                            let lists = if last { &mut probes.last_atom } else { &mut probes.first_atom };
                            for (a, _) in atoms.iter().enumerate().filter(|(_, &ok)| ok) {
                                lists[a].push(probe);
                            }
                            probes.by_atom = true;
                        }
                        None => probes.always.push(probe),
                    }
                }
                Atom::Any => probes.always.push(probe),
            }
        }
    }
    probes.prefixes = Trie::new(&prefixes);
    probes.suffixes = Trie::new(&suffixes);
    Lexicon {
        classes,
        rules,
        vocab,
        word_classes,
        patterns,
        by_word,
        by_test,
        tests,
        anchor_tests,
        test_words,
        probes,
        speech_bits: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{sentence, Language};

    // What build.rs makes of class `number` (English: regex "^\\d", words ["ten"]) and the
    // pattern "!not|hardly [about] @number".
    fn test_def() -> &'static LangDef {
        static TEST: OnceLock<LangDef> = OnceLock::new();
        TEST.get_or_init(|| {
            let en = LEXICONS.iter().find(|l| l.lang == "en").unwrap();
            let number = en.classes.iter().find(|c| c.name == "number").unwrap();
            assert_eq!(number.regex, Some("^\\d"));
            LangDef {
                lang: "en",
                words: "about\nhardly\nnot\nten",
                strings: "",
                classes: Box::leak(Box::new([ClassDef {
                    dfa: number.dfa,
                    words: &[3],
                    name: "number",
                    regex: number.regex,
                }])),
                rules: &[RuleDef {
                    id: "en.test.about",
                    category: "approximator",
                    note: "n",
                    code: &[1, 0, 0, 1, 5, 9, 2, 1, 0, 2, 0, 0, 0, 8, 1, 0, 0, 0, 1, 8, 0, 1, 3, 0],
                }],
            }
        })
    }

    #[test]
    fn trie_walk_finds_every_string_a_token_begins_with() {
        let strings = [
            (b"ab".to_vec(), 1),
            (b"abc".to_vec(), 2),
            (Vec::new(), 4),
            (b"b".to_vec(), 8),
            (b"abd".to_vec(), 16),
        ];
        let t = Trie::new(&strings);
        let walk = |s: &str| t.walk(s.bytes());
        assert_eq!(walk("abcd"), 1 | 2 | 4);
        assert_eq!(walk("abd"), 1 | 4 | 16);
        assert_eq!(walk("ab"), 1 | 4);
        assert_eq!(walk("a"), 4);
        assert_eq!(walk("ba"), 4 | 8);
        assert_eq!(walk(""), 4);
        assert_eq!(Trie::new(&[]).walk("x".bytes()), 0);
        // Backwards, as the suffixes are walked.
        let t = Trie::new(&[(b"ne".to_vec(), 1), (b"n".to_vec(), 2)]);
        assert_eq!(t.walk("gehen".bytes().rev()), 1 | 2);
        assert_eq!(t.walk("gehe".bytes().rev()), 0);
    }

    /// Every word of the speech lists has an id, whose speech bits are the word's; the ids of
    /// the rules' words come first, unchanged.
    #[test]
    fn speech_words_are_in_the_vocabulary_with_their_bits() {
        for language in [Language::German, Language::English] {
            let lex = get(language);
            let speech = crate::source::speech_lexicon(language);
            let rules_only = compile_def(LEXICONS.iter().find(|l| l.lang == language.code()).unwrap());
            for id in 0..rules_only.vocab.len() {
                assert_eq!(lex.vocab.word(id), rules_only.vocab.word(id));
            }
            assert!(speech.words().len() > 100);
            for &w in speech.words() {
                let id = lex.vocab.get(w).unwrap_or_else(|| panic!("{w} has no id"));
                assert_eq!(lex.speech_bits[id as usize], speech.bits(w), "{w}");
                assert!(lex.by_word[id as usize].is_empty() || (id as usize) < rules_only.vocab.len());
            }
            for id in 0..lex.vocab.len() {
                assert_eq!(lex.speech_bits[id], speech.bits(lex.vocab.word(id)));
            }
            assert_eq!(lex.word_classes.len(), lex.vocab.len());
            assert_eq!(lex.test_words.len(), lex.vocab.len());
        }
    }

    #[test]
    fn vocabulary_finds_its_words_only() {
        for def in LEXICONS {
            let words: Vec<&'static str> = def.words.split('\n').collect();
            let vocab = Vocab::new(&words);
            assert_eq!(vocab.len(), words.len());
            for (id, w) in words.iter().enumerate() {
                assert_eq!(vocab.get(w), Some(id as u32), "{w:?}");
                for other in [format!("{w}x"), format!("x{w}"), w.to_uppercase(), w.chars().skip(1).collect()]
                {
                    assert_eq!(vocab.get(&other), words.iter().position(|x| *x == other).map(|i| i as u32));
                }
            }
        }
    }

    #[test]
    fn decodes_what_build_rs_encodes() {
        let one = |code: &[u8], strings| {
            let mut bytes = code.iter().map(|&b| usize::from(b));
            decode(&mut || bytes.next().unwrap_or(0), strings)
        };
        let p = one(&test_def().rules[0].code[3..], &[]);
        let steps = pattern::parse("!not|hardly [about] @number").unwrap();
        assert_eq!(p.behind, pattern::lookbehind(&steps));
        assert_eq!(format!("{:?}", p.steps), "[Elem(CElem { words: [1, 2], atoms: [], negated: true, optional: false }), Open, Elem(CElem { words: [0], atoms: [], negated: false, optional: false }), Close, Elem(CElem { words: [], atoms: [Class(0)], negated: false, optional: false })]");
        let p = one(&[0, 3, 4, 12, 5, 30, 10, 0, 4, 0, 0, 0, 1, 1, 0, 2, 2, 0, 4], &["Mai", "ung", "x"]);
        assert_eq!(format!("{:?}", p.steps), "[Gap { max: 12, clause: true }, Gap { max: 30, clause: false }, Elem(CElem { words: [], atoms: [Exact(\"Mai\"), Prefix(\"ung\"), Suffix(\"x\"), Any], negated: false, optional: true })]");
    }

    fn found(text: &str) -> Vec<&str> {
        let lex: &'static Lexicon = Box::leak(Box::new(compile_def(test_def())));
        let sentences = sentence::split(text, Language::English);
        let words = crate::text::token::tokenize_sentences(text, &sentences);
        crate::hedge::fire(text, &sentences, &words, lex).iter().map(|f| f.span.slice(text)).collect()
    }

    #[test]
    fn lookbehind_tests_the_token_before() {
        assert_eq!(found("About 10 people came."), ["About"]);
        assert_eq!(found("It took about ten days."), ["about"]);
        assert!(found("It was not about 10 people.").is_empty());
        assert!(found("Hardly about 10 came.").is_empty());
    }

    /// Every class automaton answers as its regex does, on the tokens of the sample articles,
    /// the vocabulary in three spellings with endings the classes look for, and random strings
    /// over characters of every atom.
    #[test]
    fn class_automata_agree_with_their_regexes() {
        let articles = [
            include_str!("../../tests/articles/de-klinik.txt"),
            include_str!("../../tests/articles/de-trinkwasser.txt"),
            include_str!("../../tests/articles/en-drought.txt"),
            include_str!("../../tests/articles/en-harbor.txt"),
        ];
        let mut samples: Vec<String> = Vec::new();
        for a in articles {
            samples.extend(crate::text::token::tokenize(a).iter().map(|t| t.text(a).to_string()));
        }
        let runs = atom_runs();
        assert_eq!(runs[0] >> 8, 0x80);
        assert!(runs.windows(2).all(|w| w[0] >> 8 < w[1] >> 8 && w[0] & 0xff != w[1] & 0xff));
        let mut pool: Vec<char> = (0u32..0x80).filter_map(char::from_u32).collect();
        for &r in runs {
            pool.extend(char::from_u32(r >> 8));
            pool.extend(char::from_u32((r >> 8) + 1));
        }
        for def in LEXICONS {
            for w in def.words.split('\n') {
                let mut title: String = w.chars().take(1).flat_map(char::to_uppercase).collect();
                title.extend(w.chars().skip(1));
                for end in ["", "t", "en", "iert", "ed", "kreise", "kreisen", "experten", "Ökonomen"] {
                    samples.push(format!("ge{w}{end}"));
                }
                for w in [w.to_string(), title, w.to_uppercase()] {
                    for end in ["", "t", "en", "iert", "ed", "kreisen", "Ökonomen"] {
                        samples.push(format!("{w}{end}"));
                    }
                }
            }
        }
        let mut next = crate::text::hash::xorshift(0x2545_f491_4f6c_dd1du64);
        for _ in 0..50_000 {
            let s: String = (0..next(9)).map(|_| pool[next(pool.len())]).collect();
            samples.push(s);
        }
        for def in LEXICONS {
            for class in def.classes {
                let (Some(dfa), Some(re)) = (class.dfa, class.regex) else { continue };
                let regex = regex::Regex::new(re).unwrap();
                for s in &samples {
                    assert_eq!(dfa.is_match(s), regex.is_match(s), "{} @{} on {s:?}", def.lang, class.name);
                }
            }
        }
    }
}
