//! Sources and attributions: direct quotations and their speakers.
//!
//! [`quote::find`] pairs the quotation marks; each quotation is then read with a bounded window
//! of text after and before it for a speech frame (*„…“, so der Experte*, *"…," she said*,
//! *Spohr erinnert: „…“*). The frame words are data, in `src/lexicon/<lang>/speech.txt`. Every
//! window is bounded, so the whole is linear in the text.

mod quote;
mod speaker;

use crate::result::{Attribution, AttributionType, Source};
use crate::text::token::{tokenize_into, Token, TokenKind};
use crate::text::{Language, Span};

use speaker::{Entities, Lexicon, Speaker};

/// How far a frame is looked for before and after a quotation (bytes).
const WINDOW: usize = 240;

/// Finds the direct quotations of `text` and their speakers.
pub(crate) fn attribute(
    text: &str,
    sentences: &[Span],
    language: Language,
) -> (Vec<Source>, Vec<Attribution>) {
    let lex = Lexicon::get(language);
    let quotes = quote::find(text);
    let mut ents = Entities::default();
    let mut out: Vec<Attribution> = Vec::new();
    let mut toks: Vec<Token> = Vec::new();
    // The last attribution with a speaker: its source and closing paragraph.
    let mut last: Option<(usize, usize)> = None;
    for (k, q) in quotes.iter().enumerate() {
        let content = trim(text, Span::new(q.open.end, q.close.start));
        if content.is_empty() {
            continue;
        }
        let next_open = quotes.get(k + 1).map_or(text.len(), |n| n.open.start);
        let prev_close = if k == 0 { 0 } else { quotes[k - 1].close.end };

        // After the quotation.
        let after_end = floor(text, next_open.min(q.close.end.saturating_add(WINDOW)));
        toks.clear();
        tokenize_into(text, Span::new(q.close.end, after_end.max(q.close.end)), &mut toks);
        let mut frame = speaker::after(text, &toks, lex);
        // Before it.
        if frame.is_none() {
            let start = ceil(text, prev_close.max(q.open.start.saturating_sub(WINDOW)));
            toks.clear();
            tokenize_into(text, Span::new(start.min(q.open.start), q.open.start), &mut toks);
            frame = speaker::before(text, &toks, lex);
        }
        if let Some((cue, Speaker::Pronoun(_))) = frame {
            // *„…“, sagt sie* after *Eine Pflegerin … berichtet …*: the person just introduced.
            let start = ceil(text, prev_close.max(q.open.start.saturating_sub(WINDOW)));
            toks.clear();
            tokenize_into(text, Span::new(start.min(q.open.start), q.open.start), &mut toks);
            if let Some((_, who @ (Speaker::Named { org: false, .. } | Speaker::Role { .. }))) =
                speaker::within(text, &toks, lex)
            {
                frame = Some((cue, who));
            }
        }
        let (cue, source) = match frame {
            Some((cue, who)) => {
                let id = match who {
                    Speaker::Nobody => None,
                    other => ents.resolve(text, other),
                };
                (Some(cue), id)
            }
            None => {
                if not_speech(text, content, q.open.start, q.close.end, lex) {
                    continue;
                }
                // No frame next to it: a speech verb earlier in its sentence, else the speaker
                // of the quotation before it.
                let start = ceil(text, prev_close.max(q.open.start.saturating_sub(WINDOW)));
                toks.clear();
                tokenize_into(text, Span::new(start.min(q.open.start), q.open.start), &mut toks);
                match (speaker::within(text, &toks, lex), last) {
                    (Some((cue, who)), _) => (Some(cue), ents.resolve(text, who)),
                    (None, Some((id, para))) if q.para <= para + 1 => (None, Some(id)),
                    _ => (None, None),
                }
            }
        };
        if let Some(id) = source {
            last = Some((id, q.end_para));
        } else {
            last = None;
        }
        // The sentence the content starts in; content before the first sentence is cut to it.
        let sentence = sentences.partition_point(|s| s.end < content.start);
        let mut content = content;
        match sentences.get(sentence) {
            Some(s) if s.start <= content.start => {}
            Some(s) if s.start < content.end => content.start = s.start,
            _ => continue,
        }
        out.push(Attribution { kind: AttributionType::Direct, source, cue, content, sentence });
    }
    let (sources, new_ids) = ents.finish(text, lex);
    for a in &mut out {
        a.source = a.source.and_then(|id| new_ids.get(id).copied());
    }
    (sources, out)
}

/// A quoted title, name or scare quote: short and without sentence-final punctuation, or
/// followed directly by a lower-case verb of which it is the subject.
fn not_speech(text: &str, content: Span, open: usize, after: usize, lex: &Lexicon) -> bool {
    let body = content.slice(text);
    let short = body.split_whitespace().nth(4).is_none();
    // A short quotation inside a sentence (*which he called "a start."*) is a term, not speech.
    let before = text[..open].trim_end_matches([' ', '\t']);
    if short && before.len() < open && before.ends_with(char::is_lowercase) {
        return true;
    }
    let final_punct = body.contains(['.', '!', '?', '…']);
    if final_punct {
        return false;
    }
    if body.split_whitespace().nth(4).is_none() {
        return true;
    }
    if body.ends_with(|c: char| !c.is_alphanumeric()) {
        return false;
    }
    // "Hinter den Kulissen" zeigt Ihnen …
    let rest = &text[after..];
    let trimmed = rest.trim_start_matches([' ', '\t']);
    if trimmed.len() == rest.len() {
        return false;
    }
    let word: &str = trimmed.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    word.chars().next().is_some_and(char::is_lowercase) && !lex.is_verb(word) && !lex.is_so(word)
}

fn trim(text: &str, span: Span) -> Span {
    let s = span.slice(text);
    let start = span.start + (s.len() - s.trim_start().len());
    let end = span.end - (s.len() - s.trim_end().len());
    Span::new(start, end.max(start))
}

fn floor(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Whether a token is a word.
fn is_word(t: &Token) -> bool {
    t.kind == TokenKind::Word
}
