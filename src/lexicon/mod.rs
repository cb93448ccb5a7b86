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

/// A compiled word class.
pub(crate) struct Class {
    pub regex: Option<Regex>,
    pub words: Vec<&'static str>,
}

impl Class {
    /// Whether a token (as written, and lower-cased) belongs to the class.
    pub fn contains(&self, written: &str, lower: &str) -> bool {
        self.words.binary_search(&lower).is_ok() || self.regex.as_ref().is_some_and(|r| r.is_match(written))
    }
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

/// Which patterns may start at a token: by its lower-case text, and those that must be tried
/// everywhere (patterns that begin with a prefix, suffix, class or exact-case test).
pub(crate) struct Lexicon {
    pub classes: Vec<Class>,
    pub rules: Vec<Rule>,
    /// Lower-case first word → (rule, pattern) pairs, in rule order.
    pub by_word: HashMap<String, Vec<(u32, u32)>>,
    /// (rule, pattern) pairs tried at every token.
    pub everywhere: Vec<(u32, u32)>,
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

fn compile(code: &str) -> Lexicon {
    let def = LEXICONS.iter().find(|l| l.lang == code).expect("every language has a lexicon");
    let names: Vec<&str> = def.classes.iter().map(|c| c.name).collect();
    let classes = def
        .classes
        .iter()
        .map(|c| {
            let mut words = c.words.to_vec();
            words.sort_unstable();
            Class {
                // Checked by build.rs.
                regex: c.regex.map(|r| Regex::new(r).expect("class regex checked at build time")),
                words,
            }
        })
        .collect();
    let pat = |p: &str| compile_pattern(p, &names);
    let rules: Vec<Rule> = def
        .rules
        .iter()
        .map(|r| Rule {
            id: r.id,
            category: Category::from_name(r.category),
            note: r.note,
            patterns: r.patterns.iter().map(|p| pat(p)).collect(),
            if_sentence: r.if_sentence.iter().map(|p| pat(p)).collect(),
            unless_sentence: r.unless_sentence.iter().map(|p| pat(p)).collect(),
        })
        .collect();
    let mut by_word: HashMap<String, Vec<(u32, u32)>> = HashMap::new();
    let mut everywhere = Vec::new();
    for (ri, rule) in rules.iter().enumerate() {
        for (pi, p) in rule.patterns.iter().enumerate() {
            let key = (ri as u32, pi as u32);
            match p.first_words() {
                Some(words) => {
                    for w in words {
                        by_word.entry(w.to_string()).or_default().push(key);
                    }
                }
                None => everywhere.push(key),
            }
        }
    }
    Lexicon { classes, rules, by_word, everywhere }
}

fn compile_pattern(p: &str, classes: &[&str]) -> Pattern {
    // Checked by build.rs: parsing cannot fail and every class exists.
    let steps = pattern::parse(p).expect("pattern checked at build time");
    let steps = steps
        .into_iter()
        .map(|s| match s {
            pattern::Step::Elem(e) => CStep::Elem(CElem {
                atoms: e
                    .alts
                    .into_iter()
                    .map(|a| match a {
                        pattern::Alt::Lower(w) => Atom::Lower(w),
                        pattern::Alt::Exact(w) => Atom::Exact(w),
                        pattern::Alt::Prefix(w) => Atom::Prefix(w),
                        pattern::Alt::Suffix(w) => Atom::Suffix(w),
                        pattern::Alt::Class(c) => Atom::Class(
                            classes.iter().position(|n| *n == c).expect("class checked at build time"),
                        ),
                        pattern::Alt::Any => Atom::Any,
                    })
                    .collect(),
                negated: e.negated,
                optional: e.optional,
            }),
            pattern::Step::Gap { max, clause } => CStep::Gap { max, clause },
            pattern::Step::Open => CStep::Open,
            pattern::Step::Close => CStep::Close,
            pattern::Step::Start => CStep::Start,
            pattern::Step::End => CStep::End,
        })
        .collect();
    Pattern { steps }
}
