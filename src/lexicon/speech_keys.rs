//! The keys of the speech files (`src/lexicon/<lang>/speech.txt`), in one place for build.rs
//! (which checks the files), the library (one list bit per key) and `tests/quotes.rs` (which
//! entries are cues that need examples).

/// The lists of a speech file, in the order of their bits.
pub const KEYS: [&str; 31] = [
    "verb",
    "so",
    "det",
    "indef",
    "title",
    "pronoun",
    "person",
    "org",
    "vague",
    "stop",
    "object",
    "say",
    "belief",
    "before",
    "after",
    "carry",
    "wie",
    "as",
    "ki",
    "kii",
    "aux",
    "particle",
    "noun",
    "group",
    "self",
    "passive",
    "split",
    "splitbelief",
    "kinot",
    "stance",
    "itsays",
];

/// The keys whose entries are cues: each such entry needs `fires:` and `not:` examples.
pub const CUES: [&str; 16] = [
    "verb",
    "say",
    "belief",
    "split",
    "splitbelief",
    "so",
    "before",
    "after",
    "carry",
    "wie",
    "as",
    "ki",
    "kii",
    "group",
    "stance",
    "itsays",
];
