//! The lexicons: rules and word classes from the data files in `src/lexicon/<lang>/`,
//! compiled once per language and shared by all calls.
//!
//! `build.rs` checks the files and turns them into static tables; this module compiles those
//! tables into matchers the first time a language is used. See `src/lexicon/README.md` for the
//! file format and `pattern.rs` for the pattern language.

pub(crate) mod matcher;
pub(crate) mod pattern;

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;

use crate::result::Category;
use crate::text::Language;
use matcher::{Atom, CElem, CStep, Pattern};

/// One language's data as `build.rs` generated it.
pub(crate) struct LangDef {
    pub lang: &'static str,
    pub classes: &'static [ClassDef],
    pub rules: &'static [RuleDef],
}

/// A word class: a regex over the token as written, and/or lower-case words.
pub(crate) struct ClassDef {
    pub name: &'static str,
    pub regex: Option<&'static str>,
    pub words: &'static [&'static str],
}

/// A rule as written in the data file (examples left out).
pub(crate) struct RuleDef {
    pub id: &'static str,
    pub category: &'static str,
    pub note: &'static str,
    pub patterns: &'static [&'static str],
    pub if_sentence: &'static [&'static str],
    pub unless_sentence: &'static [&'static str],
}

include!(concat!(env!("OUT_DIR"), "/lexicon_tables.rs"));

/// A compiled word class: its regex (its word list lives in [`Lexicon::word_classes`]).
pub(crate) struct Class {
    pub regex: Option<Regex>,
}

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
    pub classes: Vec<Class>,
    pub rules: Vec<Rule>,
    /// Every lower-case word the rules and classes mention → its id.
    pub vocab: HashMap<String, u32>,
    /// Per word id: the classes (bit per class) whose word lists hold it.
    pub word_classes: Vec<u64>,
    /// Per word id: the (rule, pattern) pairs that can begin with it, in rule order.
    pub starts: Vec<Vec<(u32, u32)>>,
    /// (rule, pattern) pairs whose first test is not a plain word (a prefix, suffix, class or
    /// exact-case test), by the first byte of the lower-case token they can begin at.
    pub everywhere: Vec<Vec<(u32, u32)>>,
}

impl Lexicon {
    /// The id of a lower-case word, or [`matcher::UNKNOWN`].
    pub fn word_id(&self, lower: &str) -> u32 {
        self.vocab.get(lower).copied().unwrap_or(matcher::UNKNOWN)
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
    cell.get_or_init(|| compile(language.code()))
}

/// The ids of every rule of a language, in file order (blocking rules included).
pub fn rule_ids(language: Language) -> Vec<&'static str> {
    get(language).rules.iter().map(|r| r.id).collect()
}

/// Which first bytes of a lower-case token the element can match (all, where it cannot tell).
fn first_bytes(e: &CElem, classes: &[Class], defs: &[ClassDef], id_words: &[&str]) -> [bool; 256] {
    let mut set = [false; 256];
    let mut add = |w: &str| {
        if let Some(&b) = w.as_bytes().first() {
            set[b as usize] = true;
        }
    };
    for &id in &e.words {
        add(id_words[id as usize]);
    }
    for a in &e.atoms {
        match a {
            Atom::Prefix(p) => add(p),
            // An exact word is compared as written: its lower-case first byte is what the
            // index sees, and the upper-case one would only differ in length for a few letters.
            Atom::Exact(w) => {
                let lower: String = w.chars().take(1).flat_map(char::to_lowercase).collect();
                if lower.len() == w.chars().next().map_or(0, char::len_utf8) {
                    add(&lower);
                } else {
                    return [true; 256];
                }
            }
            Atom::Class(c) if classes[*c].regex.is_none() => defs[*c].words.iter().for_each(|w| add(w)),
            Atom::Class(_) | Atom::Suffix(_) | Atom::Any => return [true; 256],
        }
    }
    set
}

fn compile(code: &str) -> Lexicon {
    compile_def(LEXICONS.iter().find(|l| l.lang == code).expect("every language has a lexicon"))
}

fn compile_def(def: &LangDef) -> Lexicon {
    assert!(def.classes.len() <= 64, "at most 64 classes per language");
    let names: Vec<&str> = def.classes.iter().map(|c| c.name).collect();
    let parse = |p: &str| pattern::parse(p).expect("pattern checked at build time");

    // The vocabulary: every word of a class list or a pattern, numbered in sorted order.
    let mut words: Vec<String> =
        def.classes.iter().flat_map(|c| c.words.iter().map(|w| w.to_string())).collect();
    for r in def.rules {
        for p in r.patterns.iter().chain(r.if_sentence).chain(r.unless_sentence) {
            for step in parse(p) {
                if let pattern::Step::Elem(e) = step {
                    words.extend(e.alts.into_iter().filter_map(|a| match a {
                        pattern::Alt::Lower(w) => Some(w),
                        _ => None,
                    }));
                }
            }
        }
    }
    words.sort_unstable();
    words.dedup();
    let vocab: HashMap<String, u32> = words.into_iter().enumerate().map(|(i, w)| (w, i as u32)).collect();
    let mut word_classes = vec![0u64; vocab.len()];
    for (c, class) in def.classes.iter().enumerate() {
        for w in class.words {
            word_classes[vocab[*w] as usize] |= 1 << c;
        }
    }
    let classes: Vec<Class> = def
        .classes
        .iter()
        .map(|c| Class { regex: c.regex.map(|r| Regex::new(r).expect("class regex checked at build time")) })
        .collect();

    let compile_pattern = |p: &str| -> Pattern {
        let parsed = parse(p);
        let behind = pattern::lookbehind(&parsed);
        let steps = parsed
            .into_iter()
            .map(|s| match s {
                pattern::Step::Elem(e) => {
                    let mut ids = Vec::new();
                    let mut atoms = Vec::new();
                    for a in e.alts {
                        match a {
                            pattern::Alt::Lower(w) => ids.push(vocab[&w]),
                            pattern::Alt::Exact(w) => atoms.push(Atom::Exact(w)),
                            pattern::Alt::Prefix(w) => atoms.push(Atom::Prefix(w)),
                            pattern::Alt::Suffix(w) => atoms.push(Atom::Suffix(w)),
                            pattern::Alt::Class(c) => atoms.push(Atom::Class(
                                names.iter().position(|n| *n == c).expect("class checked at build time"),
                            )),
                            pattern::Alt::Any => atoms.push(Atom::Any),
                        }
                    }
                    ids.sort_unstable();
                    ids.dedup();
                    CStep::Elem(CElem { words: ids, atoms, negated: e.negated, optional: e.optional })
                }
                pattern::Step::Gap { max, clause } => CStep::Gap { max, clause },
                pattern::Step::Open => CStep::Open,
                pattern::Step::Close => CStep::Close,
                pattern::Step::Start => CStep::Start,
                pattern::Step::End => CStep::End,
            })
            .collect();
        Pattern { steps, behind }
    };
    let rules: Vec<Rule> = def
        .rules
        .iter()
        .map(|r| Rule {
            id: r.id,
            category: Category::from_name(r.category),
            note: r.note,
            patterns: r.patterns.iter().map(|p| compile_pattern(p)).collect(),
            if_sentence: r.if_sentence.iter().map(|p| compile_pattern(p)).collect(),
            unless_sentence: r.unless_sentence.iter().map(|p| compile_pattern(p)).collect(),
        })
        .collect();
    let mut starts: Vec<Vec<(u32, u32)>> = vec![Vec::new(); vocab.len()];
    let mut everywhere = vec![Vec::new(); 256];
    let id_words: Vec<&str> = {
        let mut v = vec![""; vocab.len()];
        for (w, &id) in &vocab {
            v[id as usize] = w.as_str();
        }
        v
    };
    for (ri, rule) in rules.iter().enumerate() {
        for (pi, p) in rule.patterns.iter().enumerate() {
            let key = (ri as u32, pi as u32);
            match p.first_words() {
                Some(ids) => ids.iter().for_each(|&id| starts[id as usize].push(key)),
                None => {
                    let first = p.first_elem().expect("every pattern begins with a token test");
                    for (b, list) in everywhere.iter_mut().enumerate() {
                        if first_bytes(first, &classes, def.classes, &id_words)[b] {
                            list.push(key);
                        }
                    }
                }
            }
        }
    }
    Lexicon { classes, rules, vocab, word_classes, starts, everywhere }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{sentence, Language};

    static TEST: LangDef = LangDef {
        lang: "en",
        classes: &[ClassDef { name: "number", regex: Some("^[0-9]"), words: &["ten"] }],
        rules: &[RuleDef {
            id: "en.test.about",
            category: "approximator",
            note: "n",
            patterns: &["!not|hardly [about] @number"],
            if_sentence: &[],
            unless_sentence: &[],
        }],
    };

    fn found(text: &str) -> Vec<&str> {
        let lex: &'static Lexicon = Box::leak(Box::new(compile_def(&TEST)));
        let sentences = sentence::split(text, Language::English);
        crate::hedge::fire(text, &sentences, lex).iter().map(|f| f.span.slice(text)).collect()
    }

    #[test]
    fn lookbehind_tests_the_token_before() {
        assert_eq!(found("About 10 people came."), ["About"]);
        assert_eq!(found("It took about ten days."), ["about"]);
        assert!(found("It was not about 10 people.").is_empty());
        assert!(found("Hardly about 10 came.").is_empty());
    }
}
