//! The pattern language of the lexicon files, parsed into steps.
//!
//! This file is self-contained: `build.rs` includes it to check and compile every pattern at
//! build time, so a typo in a data file fails the build with the file and rule named. The library
//! gets the compiled patterns as static data; it compiles this file only for its unit tests.
//!
//! A pattern is a sequence of steps separated by spaces, matched against the tokens of one
//! sentence:
//!
//! | step | matches |
//! |---|---|
//! | `word` | one token equal to `word`, ignoring case |
//! | `=Word` | one token equal to `Word` exactly (case-sensitive) |
//! | `word*` | one token starting with `word`, ignoring case |
//! | `*word` | one token ending with `word`, ignoring case |
//! | `@class` | one token of a class of the language's `classes.toml` |
//! | `_` | any one token |
//! | `a\|b\|c` | one token matching any of the alternatives |
//! | `!a\|b` | one token matching none of the alternatives; at the very start of a pattern, a look-behind: the token before the match (if any) matches none of them |
//! | `x?` | the step `x`, or nothing |
//! | `...` | up to 12 tokens inside the clause (no comma, colon, bracket, quotation mark or dash) |
//! | `....` | up to 30 tokens anywhere in the sentence |
//! | `^` / `$` | the start / end of the sentence |
//! | `[` … `]` | the part reported as the hedge (the whole match when absent); brackets may be written against an element: `[soll\|sollen]` |

/// One alternative of an element.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Alt {
    /// The lower-cased token equals this (lower-case) word.
    Lower(String),
    /// The token equals this word exactly.
    Exact(String),
    /// The lower-cased token starts with this.
    Prefix(String),
    /// The lower-cased token ends with this.
    Suffix(String),
    /// The token belongs to the named class.
    Class(String),
    /// Any token.
    Any,
}

/// One token test: a set of alternatives, possibly negated or optional.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Elem {
    /// The alternatives; the element matches a token that matches any of them.
    pub alts: Vec<Alt>,
    /// Match a token that matches none of the alternatives instead.
    pub negated: bool,
    /// The element may also match nothing.
    pub optional: bool,
}

/// One step of a pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// One token.
    Elem(Elem),
    /// Skip up to `max` tokens; inside the clause only when `clause` is set.
    Gap {
        /// The most tokens skipped.
        max: usize,
        /// Whether the skipped tokens must not break the clause.
        clause: bool,
    },
    /// Start of the reported part.
    Open,
    /// End of the reported part.
    Close,
    /// Start of the sentence.
    Start,
    /// End of the sentence.
    End,
}

/// Parses a pattern. The error names what is wrong.
pub fn parse(pattern: &str) -> Result<Vec<Step>, String> {
    let mut steps = Vec::new();
    for raw in pattern.split_whitespace() {
        let mut item = raw;
        while let Some(rest) = item.strip_prefix('[') {
            steps.push(Step::Open);
            item = rest;
        }
        let mut closes = 0;
        while item.len() > 1 && item.ends_with(']') {
            closes += 1;
            item = &item[..item.len() - 1];
        }
        if !item.is_empty() {
            steps.push(match item {
                "..." => Step::Gap { max: 12, clause: true },
                "...." => Step::Gap { max: 30, clause: false },
                "^" => Step::Start,
                "$" => Step::End,
                _ => Step::Elem(parse_elem(item).map_err(|e| format!("{e} in {raw:?}"))?),
            });
        }
        for _ in 0..closes {
            steps.push(Step::Close);
        }
    }
    check(&steps)?;
    Ok(steps)
}

fn parse_elem(item: &str) -> Result<Elem, String> {
    let (item, optional) = match item.strip_suffix('?') {
        Some(rest) if !rest.is_empty() => (rest, true),
        _ => (item, false),
    };
    let (item, negated) = match item.strip_prefix('!') {
        Some(rest) if !rest.is_empty() => (rest, true),
        _ => (item, false),
    };
    let mut alts = Vec::new();
    for alt in item.split('|') {
        if alt.is_empty() {
            return Err("empty alternative".into());
        }
        alts.push(if alt == "_" {
            Alt::Any
        } else if let Some(name) = alt.strip_prefix('@') {
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                return Err(format!("bad class name {name:?}"));
            }
            Alt::Class(name.to_string())
        } else if let Some(word) = alt.strip_prefix('=') {
            Alt::Exact(word.to_string())
        } else if alt.len() > 1 && alt.ends_with('*') {
            Alt::Prefix(lower(&alt[..alt.len() - 1]))
        } else if alt.len() > 1 && alt.starts_with('*') {
            Alt::Suffix(lower(&alt[1..]))
        } else {
            if alt != lower(alt) {
                return Err(format!("{alt:?} is not lower-case (write =Word to match case)"));
            }
            Alt::Lower(alt.to_string())
        });
    }
    if negated && optional {
        return Err("an element cannot be both negated and optional".into());
    }
    Ok(Elem { alts, negated, optional })
}

fn lower(s: &str) -> String {
    s.chars().flat_map(char::to_lowercase).collect()
}

/// How many leading steps are negated elements, which test the tokens before a match
/// ("not preceded by") instead of consuming tokens.
pub fn lookbehind(steps: &[Step]) -> usize {
    steps.iter().take_while(|s| matches!(s, Step::Elem(e) if e.negated)).count()
}

fn check(steps: &[Step]) -> Result<(), String> {
    let opens = steps.iter().filter(|s| **s == Step::Open).count();
    let closes = steps.iter().filter(|s| **s == Step::Close).count();
    if opens > 1 || opens != closes {
        return Err("a pattern marks at most one part, with one [ and one ]".into());
    }
    if opens == 1 {
        let o = steps.iter().position(|s| *s == Step::Open);
        let c = steps.iter().position(|s| *s == Step::Close);
        if o > c {
            return Err("] before [".into());
        }
        let inner = &steps[o.unwrap_or(0)..c.unwrap_or(0)];
        if !inner.iter().any(|s| matches!(s, Step::Elem(e) if !e.optional)) {
            return Err("the marked part must contain a token".into());
        }
    }
    // Leading negated elements look behind the match; then a positive token test must come.
    let behind = lookbehind(steps);
    match steps[behind..].iter().find(|s| !matches!(s, Step::Open | Step::Start)) {
        Some(Step::Elem(e)) if !e.optional && !e.negated => {}
        _ => {
            return Err("a pattern must begin with a token test (after any look-behind `!x`), \
                        not a gap or an optional element"
                .into())
        }
    }
    if matches!(steps.iter().rev().find(|s| !matches!(s, Step::Close | Step::End)), Some(Step::Gap { .. })) {
        return Err("a pattern must not end with a gap".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_steps() {
        let steps = parse("[soll|sollen] ... @participle worden? haben|sein").unwrap();
        assert_eq!(steps.len(), 7);
        assert_eq!(steps[0], Step::Open);
        assert_eq!(steps[2], Step::Close);
        assert!(matches!(&steps[4], Step::Elem(e) if e.alts == [Alt::Class("participle".into())]));
        assert!(matches!(&steps[5], Step::Elem(e) if e.optional));
    }

    #[test]
    fn rejects_bad_patterns() {
        assert!(parse("... soll").is_err());
        assert!(parse("[soll").is_err());
        assert!(parse("Soll").is_err());
        assert!(parse("soll ...").is_err());
        assert!(parse("!soll x").is_ok(), "a leading negation looks behind");
        assert_eq!(lookbehind(&parse("!nicht !mehr [etwa] @number").unwrap()), 2);
        assert!(parse("!soll").is_err());
        assert!(parse("!soll x?").is_err());
        assert!(parse("soll @").is_err());
        assert!(parse("a||b").is_err());
        assert!(parse("=May").is_ok());
    }
}
