//! The crate's one error type.

use std::fmt;

/// An error from hedgemark: opaque, with a message meant for people.
///
/// The analysis itself never fails; errors come from reading options (an unknown language
/// code) and from limits on input.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Error {
    kind: ErrorKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum ErrorKind {
    UnknownLanguage(String),
}

impl Error {
    pub(crate) fn unknown_language(code: &str) -> Self {
        let mut shown: String = code.chars().take(40).collect();
        if shown.len() < code.len() {
            shown.push('…');
        }
        Error { kind: ErrorKind::UnknownLanguage(shown) }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::UnknownLanguage(code) => {
                write!(f, "unknown language {code:?}: expected \"auto\", \"de\" or \"en\"")
            }
        }
    }
}

impl std::error::Error for Error {}
