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
    TooLong(usize),
}

impl Error {
    pub(crate) fn unknown_language(code: &str) -> Self {
        let mut shown: String = code.chars().take(40).collect();
        if shown.len() < code.len() {
            shown.push('…');
        }
        Error { kind: ErrorKind::UnknownLanguage(shown) }
    }

    pub(crate) fn too_long(bytes: usize) -> Self {
        Error { kind: ErrorKind::TooLong(bytes) }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::UnknownLanguage(code) => {
                write!(f, "unknown language {code:?}: expected \"auto\", \"de\" or \"en\"")
            }
            ErrorKind::TooLong(bytes) => write!(
                f,
                "the text is too long: {} bytes of UTF-8, and one analysis takes at most {} \
                 ({} MiB); split it, for instance into its paragraphs",
                grouped(*bytes),
                grouped(crate::MAX_TEXT_BYTES),
                crate::MAX_TEXT_BYTES >> 20
            ),
        }
    }
}

impl std::error::Error for Error {}

/// `1234567` as `1,234,567`.
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() * 4 / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_say_what_is_wrong() {
        let e = Error::too_long(70_000_123);
        assert_eq!(
            e.to_string(),
            "the text is too long: 70,000,123 bytes of UTF-8, and one analysis takes at most \
             67,108,864 (64 MiB); split it, for instance into its paragraphs"
        );
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        let long = "x".repeat(100);
        assert!(Error::unknown_language(&long).to_string().contains(&format!("{}…", "x".repeat(40))));
    }
}
