//! `analyze` on any input, fast enough for millions of runs: the first byte chooses the language
//! (auto, German, English), the rest is the text (UTF-8 where it is, U+FFFD elsewhere). Checks:
//! no panic, no hang (libFuzzer's timeout), every byte span inside the text and on `char`
//! boundaries, lists sorted, indices valid, and a second run equal to the first. The full
//! `hedgemark/1` invariants (UTF-16 spans, stats) are the `invariants` target's.
#![no_main]

use hedgemark::{analyze, Language, Options, Span};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    let language = match mode % 3 {
        0 => None,
        1 => Some(Language::German),
        _ => Some(Language::English),
    };
    let text = String::from_utf8_lossy(rest);
    let options = Options::with_language(language);
    let a = analyze(&text, &options);
    let ok = |s: Span| s.start <= s.end && text.is_char_boundary(s.start) && text.is_char_boundary(s.end);
    assert!(a.sentences.iter().all(|&s| ok(s)));
    assert!(a.sentences.windows(2).all(|w| w[0].end <= w[1].start));
    assert!(a.hedges.iter().all(|h| ok(h.span) && h.sentence < a.sentences.len()));
    assert!(a.hedges.windows(2).all(|w| w[0].span.start <= w[1].span.start));
    for (i, s) in a.sources.iter().enumerate() {
        assert_eq!(s.id, i);
        assert!(!s.mentions.is_empty() && s.mentions.iter().all(|&m| ok(m)));
    }
    for t in &a.attributions {
        assert!(ok(t.content) && t.cue.is_none_or(ok) && t.sentence < a.sentences.len());
        assert!(t.source.is_none_or(|id| id < a.sources.len()));
    }
    assert!(a.attributions.windows(2).all(|w| w[0].content.start <= w[1].content.start));
    assert!(analyze(&text, &options) == a, "two runs differ");
});
