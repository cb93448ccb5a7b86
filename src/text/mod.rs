//! The text layer: spans, language, sentences and tokens.

pub(crate) mod hash;
pub mod language;
mod segment;
pub mod sentence;
pub mod span;
pub mod token;

pub use language::Language;
pub use span::Span;
