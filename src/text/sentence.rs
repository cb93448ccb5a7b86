//! Sentence segmentation: Unicode sentence boundaries (UAX #29), corrected with what news text
//! needs: abbreviations, ordinals and dates, initials, ellipses, quotations, line breaks and list
//! bullets.
//!
//! The text is cut into *pieces* at every UAX #29 boundary (found as `unicode-segmentation`
//! finds them, faster: `segment.rs`) and at a few places UAX #29 misses
//! (a period glued to the next sentence, `Ende.Der`; a number starting a sentence, `… gesagt.
//! 20 Menschen`; an ellipsis before a capital; an inline bullet `•`). Each cut between two pieces
//! is then kept or dropped by looking at a bounded window on either side: the word before the
//! period (an abbreviation from `abbreviations/<lang>.txt`, an initial, an ordinal) and the first
//! word after it. Every decision reads a bounded number of bytes, so the whole is linear in the
//! text.
//!
//! Line breaks always end a sentence (headlines, bullets), except where a line without final
//! punctuation is continued by a line starting in lower case (a hard-wrapped paragraph).

use std::collections::HashMap;
use std::sync::OnceLock;

use super::hash::Words;
use super::{Language, Span};

/// Splits `text` into sentences, in order, each trimmed of surrounding white space.
///
/// Spans never overlap, never are empty, and lie on `char` boundaries. A leading list bullet
/// (`- `, `• `, `* ` …) is left out of its sentence; text with no letter or digit (`***`, `…`)
/// is not a sentence.
pub fn split(text: &str, language: Language) -> Vec<Span> {
    // (News has a sentence per 100 to 150 bytes: room for most texts, without growing.)
    let mut out = Vec::with_capacity(text.len() / 96 + 4);
    // The sentence being built: start, end, whether it holds a letter or digit.
    let mut current: Option<(usize, usize, bool)> = None;
    for_each_piece(text, |start, end| {
        let wordy = has_word(&text[start..end]);
        if let Some((cs, ce, cwordy)) = current {
            let gap = &text[ce..start];
            let join = match line_breaks(gap) {
                0 if !cwordy || !wordy => true,
                0 => continues(text, cs, ce, start, language),
                1 => cwordy && wordy && wraps(&text[cs..ce], &text[start..end]),
                _ => false,
            };
            if join {
                current = Some((cs, end, cwordy || wordy));
                return;
            }
            push(&mut out, text, cs, ce, cwordy);
        }
        current = Some((start, end, wordy));
    });
    if let Some((cs, ce, cwordy)) = current {
        push(&mut out, text, cs, ce, cwordy);
    }
    out
}

/// Whether the line `left` goes on in the line `right`: a hard-wrapped paragraph. Only when
/// `left` has no final punctuation and either `right` starts in lower case or `left` ends in a
/// way no headline does (a comma, a hyphen, an article, preposition or conjunction).
fn wraps(left: &str, right: &str) -> bool {
    if ends_sentence(left) || right.chars().next().is_some_and(is_bullet) {
        return false;
    }
    if starts_lower(right) || left.ends_with([',', '-']) {
        return true;
    }
    let word = left.len() - left.trim_end_matches(char::is_alphabetic).len();
    is_in(&left[left.len() - word..], WRAP_BEFORE)
}

/// Adds the sentence `[start, end)` without a leading bullet, if it holds a word.
fn push(out: &mut Vec<Span>, text: &str, mut start: usize, end: usize, wordy: bool) {
    if !wordy {
        return;
    }
    let s = &text[start..end];
    let mut chars = s.chars();
    if let (Some(b), Some(sp)) = (chars.next(), chars.next()) {
        if is_bullet(b) && is_space(sp) {
            let rest = &s[b.len_utf8()..];
            start += b.len_utf8() + (rest.len() - rest.trim_start_matches(is_space).len());
        }
    }
    // A run-on "sentence" (a text without full stops, a log line, a list without punctuation)
    // is cut into pieces of at most `MAX_SENTENCE` bytes, at white space where there is some:
    // the rules read sentence by sentence, so this bounds what any one of them reads.
    let whole = start;
    while end - start > MAX_SENTENCE {
        let limit = floor_boundary(text, start + MAX_SENTENCE);
        let window = &text[floor_boundary(text, start + MAX_SENTENCE / 2)..limit];
        let (cut, next) = match window.rfind(is_space) {
            Some(i) => {
                let w = limit - window.len() + i;
                let after = &text[w..end];
                (w, end - after.trim_start_matches(is_space).len())
            }
            None => (limit, limit),
        };
        let piece = text[start..cut].trim_end_matches(is_space);
        if has_word(piece) {
            out.push(Span::new(start, start + piece.len()));
        }
        start = next;
    }
    if start < end && (start == whole || has_word(&text[start..end])) {
        out.push(Span::new(start, end));
    }
}

/// The longest sentence, in bytes (about 600 words of news). A longer run of text without a
/// sentence boundary is cut at the last white space at most this far from its start (at a
/// character boundary if there is none within the last half of that), and so on, so that no
/// rule that reads a sentence reads more than this.
pub const MAX_SENTENCE: usize = 4096;

/// The largest char boundary of `text` at or below `i`.
fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

// ---------------------------------------------------------------------------------------------
// Pieces: UAX #29 segments, cut further where UAX #29 misses a boundary.

/// Calls `f(start, end)` for every piece of `text`, trimmed of white space, non-empty, in order.
fn for_each_piece(text: &str, mut f: impl FnMut(usize, usize)) {
    let room = text.len() / 64 + 8;
    let (mut cuts, mut breaks, mut marks) = (Vec::new(), Vec::with_capacity(room), Vec::with_capacity(room));
    super::segment::sentence_breaks(text, &mut breaks, &mut marks);
    let mut m = 0;
    for w in breaks.windows(2) {
        let (start, segment) = (w[0], &text[w[0]..w[1]]);
        let first = m;
        while marks.get(m).is_some_and(|&k| k < w[1]) {
            m += 1;
        }
        cuts.clear();
        extra_cuts(segment, start, &marks[first..m], &mut cuts);
        let mut from = 0;
        for &cut in cuts.iter().chain(std::iter::once(&segment.len())) {
            if cut > from {
                let piece = &segment[from..cut];
                let trimmed = piece.trim_start_matches(is_space);
                let lead = piece.len() - trimmed.len();
                let trimmed = trimmed.trim_end_matches(is_space);
                if !trimmed.is_empty() {
                    f(start + from + lead, start + from + lead + trimmed.len());
                }
                from = cut;
            }
        }
    }
}

/// Byte offsets inside `segment` (ascending, on char boundaries) where a new piece starts that
/// UAX #29 does not see. Only '.', '…' (E2 80 A6) and '•' (E2 80 A2) matter: `marks` are
/// where they are (in the text, `segment` starting at `start`).
fn extra_cuts(segment: &str, start: usize, marks: &[usize], cuts: &mut Vec<usize>) {
    let bytes = segment.as_bytes();
    for &mark in marks {
        let i = mark - start;
        let b = bytes[i];
        if b == b'.' {
            if glued_period(segment, i) {
                cuts.push(i + 1);
            } else if i == 0 || bytes[i - 1] != b'.' {
                // ". 20 Menschen": UAX #29 looks past the number for a lower-case word.
                let after = &segment[i + 1..];
                if after.starts_with('.') {
                    continue;
                }
                let rest = after.trim_start_matches(is_closing);
                let spaced = rest.trim_start_matches(is_space);
                if spaced.len() < rest.len() && spaced.starts_with(|c: char| c.is_ascii_digit()) {
                    cuts.push(segment.len() - spaced.len());
                }
            }
        } else if b == 0xe2 && bytes.get(i + 1) == Some(&0x80) {
            match bytes.get(i + 2) {
                Some(0xa6) => {
                    // '…': UAX #29 never breaks after it; "Er zögerte … Dann ging er."
                    let rest = segment[i + 3..].trim_start_matches(is_closing);
                    let spaced = rest.trim_start_matches(is_space);
                    if spaced.len() < rest.len() && starts_upper(spaced) {
                        cuts.push(segment.len() - spaced.len());
                    }
                }
                Some(0xa2) if i > 0 => {
                    // '•'
                    let before = segment[..i].chars().next_back();
                    let after = segment[i + 3..].chars().next();
                    if before.is_some_and(is_space) && after.is_some_and(is_space) {
                        cuts.push(i);
                    }
                }
                _ => {}
            }
        }
    }
}

/// Whether the period at `i` ends a sentence glued to the next one: `Ende.Der` (a lower-case
/// word of two letters or more, then a capitalised word), but not `z.B.Die`, `www.Example.com`,
/// `info@Firma.De` or `U.S.Army`.
fn glued_period(segment: &str, i: usize) -> bool {
    let before = &segment[..i];
    let after = &segment[i + 1..];
    let mut back = before.chars().rev();
    if !matches!((back.next(), back.next()), (Some(a), Some(b)) if a.is_lowercase() && b.is_alphabetic()) {
        return false;
    }
    let mut ahead = after.chars();
    if !matches!((ahead.next(), ahead.next()), (Some(a), Some(b)) if a.is_uppercase() && b.is_lowercase()) {
        return false;
    }
    // The word before: no inner period, no URL or mail address.
    for c in before.chars().rev().take(64) {
        if is_space(c) {
            break;
        }
        if matches!(c, '.' | '@' | '/' | ':' | '\\') {
            return false;
        }
    }
    // The word after must not go on like a domain: "Example.com".
    let mut rest = after.chars().skip_while(|c| c.is_alphanumeric()).take(2);
    let domain = matches!((rest.next(), rest.next()), (Some('.'), Some(c)) if c.is_alphanumeric());
    !domain
}

// ---------------------------------------------------------------------------------------------
// Deciding whether a cut inside a line ends the sentence.

/// How an abbreviation behaves before a capitalised word (see `abbreviations/de.txt`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    /// Never ends a sentence (`z. B.`, `Dr.`).
    Always,
    /// Ends one unless a lower-case word, a number, a month, a weekday or a time zone follows.
    End,
    /// Stays inside the sentence only before a number (`No. 10`).
    Number,
    /// Ends one only before a word that plainly starts a sentence (`U.S.`, initials).
    Name,
}

/// Whether the sentence `[start, left_end)` goes on with the piece at `right_start` (same line).
fn continues(text: &str, start: usize, left_end: usize, right_start: usize, language: Language) -> bool {
    let left = &text[start..left_end];
    let right = &text[right_start..];
    if right.starts_with([',', ';', ':', ')', ']', '}']) || starts_lower(right) {
        return true;
    }
    // Ellipsis: an elision mark "[…]" stays inside, any other ends the sentence here.
    let unclosed = left.trim_end_matches(is_closing);
    if ends_with_ellipsis(unclosed) {
        let inner = left.trim_end_matches([')', ']']);
        return inner.len() < left.len() && {
            let inner = inner.strip_suffix('…').or_else(|| inner.strip_suffix("...")).unwrap_or("");
            inner.ends_with(['(', '['])
        };
    }
    let Some(body) = left.strip_suffix('.') else {
        return false; // "?", "!", a closing quote after the period, a bullet
    };
    let units = Units::before(body);
    if units.count == 0 {
        return false;
    }
    let last = units.get(0);
    if last.bytes().all(|b| b.is_ascii_digit()) {
        return ordinal(left, units.start, last, right, language);
    }
    // The next piece starts with a single letter and a period: "z. | B.", "J. | R. R. Tolkien",
    // or completes an abbreviation: "v. | Chr.".
    if last.chars().count() <= 3 && (single_letter_period(right) || units.completed_by(right, language)) {
        return true;
    }
    let mut chars = last.chars();
    let letter = match (chars.next(), chars.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    };
    let class = units.lookup(language).or_else(|| match letter {
        Some(c) if c.is_uppercase() => Some(Class::Name), // an initial: "Peter S. Krause", "S. 12"
        Some(_) => Some(Class::End),                      // "p. 5"
        None if language == Language::German && last.len() > 3 && last.ends_with("str") => {
            Some(Class::Number) // "Lindenstr. 4"
        }
        None => None,
    });
    match class {
        None => false,
        Some(Class::Always) => true,
        Some(Class::Number) => starts_digit(right),
        Some(Class::End) => {
            starts_digit(right)
                || is_in(first_word(right), MONTHS)
                || is_in(first_word(right), DAYS_AND_ZONES)
        }
        Some(Class::Name) => !starts_sentence(first_word(right)),
    }
}

/// Whether `number.` (the last unit of `left`, at `at`) stays in its sentence before `right`:
/// a list number or ordinal starting the sentence (`1. FC Köln`, `2. Liga`), and in German the
/// ordinals of dates and counts (`am 17. Februar`, `17. 2. 2025`, `der 2. Weltkrieg`).
fn ordinal(left: &str, at: usize, number: &str, right: &str, language: Language) -> bool {
    if number.len() > 3 || left[..at].ends_with(['.', ',']) {
        return false; // a year or an amount ("1990.", "1.000.", "3,5.")
    }
    if at <= 16 && left[..at].chars().all(|c| is_space(c) || is_bullet(c) || is_opening(c)) {
        return true;
    }
    if language != Language::German {
        return false;
    }
    if starts_digit(right) {
        return number.len() <= 2;
    }
    let next = first_word(right);
    let acronym =
        next.len() >= 2 && next.len() <= 4 && next.chars().filter(|c| c.is_uppercase()).count() >= 2;
    if acronym || is_in(next, MONTHS) || is_in(next, ORDINAL_NOUNS) {
        return true;
    }
    let before = left[..at].trim_end_matches(is_space);
    let word_start = before.trim_end_matches(char::is_alphabetic).len();
    let previous = &before[word_start..];
    is_in(previous, ORDINAL_BEFORE) && !is_in(next, STARTERS_DE)
}

/// Up to four abbreviation units before a period, last first: "z. B" gives `B`, `z`.
struct Units<'a> {
    units: [&'a str; 4],
    count: usize,
    /// Where the first unit starts in the text the units were taken from.
    start: usize,
}

impl<'a> Units<'a> {
    fn before(body: &'a str) -> Units<'a> {
        let mut units = Units { units: [""; 4], count: 0, start: body.len() };
        let run = body.len() - body.trim_end_matches(char::is_alphanumeric).len();
        if run == 0 || run > 24 {
            return units;
        }
        units.start -= run;
        units.units[0] = &body[units.start..];
        units.count = 1;
        // Earlier units: "<letters>." or "<letters>. " of at most three letters each.
        while units.count < 4 {
            let head = &body[..units.start];
            let head = head.strip_suffix(' ').unwrap_or(head);
            let Some(head) = head.strip_suffix('.') else { break };
            let letters = head.len() - head.trim_end_matches(char::is_alphabetic).len();
            let unit = &head[head.len() - letters..];
            if letters == 0 || unit.chars().count() > 3 {
                break;
            }
            // The unit must start a word.
            if head[..head.len() - letters].chars().next_back().is_some_and(char::is_alphanumeric) {
                break;
            }
            units.units[units.count] = unit;
            units.count += 1;
            units.start = head.len() - letters;
        }
        units
    }

    /// Whether these units and the first unit of `right` make a known abbreviation: "v." and
    /// "Chr. Die" give "v.Chr.".
    fn completed_by(&self, right: &str, language: Language) -> bool {
        let rest = right.trim_start_matches(char::is_alphabetic);
        let next = &right[..right.len() - rest.len()];
        if next.is_empty() || next.len() > 8 || !rest.starts_with('.') {
            return false;
        }
        // `next` and its period.
        let next = &right[..next.len() + 1];
        let mut key = [0; KEY];
        (1..=self.count)
            .rev()
            .any(|n| self.key(n, next, &mut key).and_then(|k| abbreviation(k, language)).is_some())
    }

    /// The last `n` units, each with a period, then `tail`, as an abbreviation key ("v." and
    /// "Chr." give "v.Chr.") written into `buf`; `None` if it is longer than any abbreviation.
    fn key<'b>(&self, n: usize, tail: &str, buf: &'b mut [u8; KEY]) -> Option<&'b [u8]> {
        let len = self.units[..n].iter().map(|u| u.len() + 1).sum::<usize>() + tail.len();
        if len > LONGEST_KEY.min(KEY) {
            return None;
        }
        let mut at = 0;
        for unit in self.units[..n].iter().rev() {
            buf[at..at + unit.len()].copy_from_slice(unit.as_bytes());
            buf[at + unit.len()] = b'.';
            at += unit.len() + 1;
        }
        buf[at..len].copy_from_slice(tail.as_bytes());
        Some(&buf[..len])
    }

    fn get(&self, i: usize) -> &'a str {
        self.units[i]
    }

    /// The class of the longest known abbreviation these units end with.
    fn lookup(&self, language: Language) -> Option<Class> {
        let mut key = [0; KEY];
        (1..=self.count).rev().find_map(|n| self.key(n, "", &mut key).and_then(|k| abbreviation(k, language)))
    }
}

/// Room for an abbreviation key: more than any list entry is long, with the few bytes a first
/// capital can have more than its lower case.
const KEY: usize = 64;

/// The length in bytes of the longest key that can be an abbreviation: the longest entry of
/// either list (checked by a unit test), and two bytes for a capital longer than its lower case
/// (`K`, U+212A, is three bytes, `k` one).
const LONGEST_KEY: usize = 8 + 2;

/// The class of an abbreviation (`"z.B."`): the text's language first, then the other one; an
/// entry in lower case also matches capitalised.
fn abbreviation(key: &[u8], language: Language) -> Option<Class> {
    let both = tables(language);
    if let Some(&class) = both.get(key) {
        return Some(class);
    }
    // The key with its first letter in lower case; not for a single letter: "F." is an
    // initial, not "f." (folgende).
    let mut buf = [0; KEY + 8];
    let len = match *key.first()? {
        b @ b'A'..=b'Z' if key.len() > 2 => {
            buf.get_mut(..key.len())?.copy_from_slice(key);
            buf[0] = b.to_ascii_lowercase();
            key.len()
        }
        0x80.. => {
            let key = std::str::from_utf8(key).ok()?;
            let first = key.chars().next()?;
            if !first.is_uppercase() || key.len() <= first.len_utf8() + 1 {
                return None;
            }
            let mut at = 0;
            for c in first.to_lowercase() {
                at += c.encode_utf8(buf.get_mut(at..at + 4)?).len();
            }
            let rest = &key[first.len_utf8()..];
            buf.get_mut(at..at + rest.len())?.copy_from_slice(rest.as_bytes());
            at + rest.len()
        }
        _ => return None,
    };
    both.get(&buf[..len]).copied()
}

/// Both lists in one table, the entries of `language`'s list before the other's: one look-up
/// where there were two.
fn tables(language: Language) -> &'static Table {
    static DE: OnceLock<Table> = OnceLock::new();
    static EN: OnceLock<Table> = OnceLock::new();
    let (cell, own, other) = match language {
        Language::English => (&EN, Language::English, Language::German),
        _ => (&DE, Language::German, Language::English),
    };
    cell.get_or_init(|| {
        let mut both = table(other).clone();
        both.extend(table(own).iter().map(|(&k, &v)| (k, v)));
        both
    })
}

/// An abbreviation list (fixed at build time, so [`Words`] hashing).
type Table = HashMap<&'static [u8], Class, Words>;

fn table(language: Language) -> &'static Table {
    static DE: OnceLock<Table> = OnceLock::new();
    static EN: OnceLock<Table> = OnceLock::new();
    match language {
        // The lists of `abbreviations/`, without their comments (see build.rs).
        Language::English => {
            EN.get_or_init(|| parse(include_str!(concat!(env!("OUT_DIR"), "/abbreviations-en.txt"))))
        }
        _ => DE.get_or_init(|| parse(include_str!(concat!(env!("OUT_DIR"), "/abbreviations-de.txt")))),
    }
}

/// Reads an abbreviation list: `# comment`, blank lines, `abbr.` or `abbr. end|number|name`.
fn parse(data: &'static str) -> Table {
    let mut map = Table::default();
    for line in data.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut fields = line.split_whitespace();
        let (Some(abbr), class) = (fields.next(), fields.next()) else { continue };
        let class = match class {
            None => Class::Always,
            Some("end") => Class::End,
            Some("number") => Class::Number,
            Some("name") => Class::Name,
            Some(other) => panic!("abbreviation list: unknown class {other:?} for {abbr:?}"),
        };
        map.insert(abbr.as_bytes(), class);
    }
    map
}

// ---------------------------------------------------------------------------------------------
// Word lists (lower case) and character classes.

/// Months and their abbreviations: after an ordinal or an `end` abbreviation they keep the
/// sentence together (`am 17. Februar`, `Jan. 2024`).
#[rustfmt::skip]
const MONTHS: &[&str] = &[
    "januar", "jänner", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober",
    "november", "dezember", "january", "february", "march", "may", "june", "july", "october", "december",
    "jan", "feb", "mär", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "oct", "nov", "dez",
    "dec",
];

/// Words a line does not end with unless the sentence goes on in the next line.
#[rustfmt::skip]
const WRAP_BEFORE: &[&str] = &[
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines", "einem", "einen", "und",
    "oder", "aber", "dass", "zu", "zum", "zur", "mit", "von", "vom", "für", "auf", "im", "an", "am", "bei",
    "beim", "nach", "über", "unter", "als", "wie", "wenn", "weil", "ob", "sich", "the", "a", "an", "and",
    "or", "but", "of", "to", "in", "on", "at", "for", "with", "by", "from", "that", "as", "than", "its",
    "their", "his", "her",
];

/// Weekdays and time zones that follow a date or time abbreviation (`10 a.m. Monday`).
#[rustfmt::skip]
const DAYS_AND_ZONES: &[&str] = &[
    "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "uhr", "et", "est", "edt", "ct", "cst", "cdt",
    "pt", "pst", "pdt", "gmt", "utc", "bst", "cet", "cest", "mez", "mesz",
];

/// Words before a German ordinal: `am 17.`, `der 2.`, `zum 3.`.
#[rustfmt::skip]
const ORDINAL_BEFORE: &[&str] = &[
    "am", "vom", "zum", "zur", "beim", "im", "ins", "der", "die", "das", "den", "dem", "des", "ein", "eine",
    "einer", "eines", "einem", "einen", "jeden", "jedem", "jeder", "jedes", "seit", "ab", "bis", "um",
    "seinem", "seinen", "seiner", "ihrem", "ihren", "ihrer", "unserem", "unseren", "diesem", "dieser",
    "diesen", "dieses", "sein", "ihr", "mein", "meinem", "zu", "vor", "nach", "für", "über",
];

/// Nouns a German ordinal counts: `im frühen 16. Jahrhundert`, `auf dem 3. Platz`.
#[rustfmt::skip]
const ORDINAL_NOUNS: &[&str] = &[
    "jahrhundert", "jahrhunderts", "jahrtausend", "jahrestag", "geburtstag", "todestag", "mal", "platz",
    "rang", "runde", "liga", "bundesliga", "spieltag", "klasse", "stock", "etage", "quartal", "halbjahr",
    "lebensjahr", "weltkrieg", "weltkriegs", "legislaturperiode", "amtszeit", "jubiläum", "kapitel", "teil",
    "auflage", "ausgabe", "sitzung", "wahlgang", "durchgang", "minute", "stelle", "grad", "tag", "woche",
    "monat", "jahr", "jahres", "staffel", "folge", "etappe", "instanz", "senat", "kammer", "armee",
    "kompanie", "bezirk", "reich", "fc", "sinfonie", "symphonie",
];

/// German words that plainly start a sentence when capitalised after a period.
#[rustfmt::skip]
const STARTERS_DE: &[&str] = &[
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines", "einem", "einen", "er",
    "sie", "es", "wir", "ich", "ihr", "man", "dies", "diese", "dieser", "dieses", "diesem", "diesen",
    "dann", "danach", "damit", "dabei", "dazu", "dadurch", "daher", "darauf", "deshalb", "deswegen", "doch",
    "aber", "und", "oder", "auch", "auf", "aus", "bei", "nach", "vor", "seit", "mit", "im", "in", "am",
    "an", "als", "wenn", "wie", "was", "wer", "wo", "warum", "weil", "da", "denn", "so", "nun", "jetzt",
    "heute", "gestern", "zudem", "außerdem", "allerdings", "trotzdem", "jedoch", "dennoch", "laut", "unter",
    "über", "für", "gegen", "ob", "noch", "bereits", "schon", "sein", "seine", "ihre", "viele", "alle",
    "kein", "keine", "hier", "dort", "obwohl", "während", "zunächst", "später", "zuvor", "inzwischen",
    "mittlerweile", "bisher", "erst", "nur", "zwar", "vielleicht", "offenbar", "insgesamt", "zum", "zur",
    "vom", "beim", "nicht", "mehr", "bis", "um",
];

/// English words that plainly start a sentence when capitalised after a period.
#[rustfmt::skip]
const STARTERS_EN: &[&str] = &[
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "this", "that", "these", "those",
    "there", "here", "his", "her", "its", "their", "our", "my", "but", "and", "or", "so", "yet", "in", "on",
    "at", "for", "from", "with", "by", "after", "before", "when", "while", "if", "as", "although", "though",
    "because", "since", "until", "despite", "however", "meanwhile", "still", "also", "then", "now", "today",
    "yesterday", "last", "earlier", "later", "instead", "some", "many", "most", "all", "no", "one", "what",
    "who", "why", "how", "where", "which", "according", "officials", "police", "there's", "it's", "he's",
    "she's", "we're", "they're", "i'm",
];

/// Whether the capitalised `word` plainly starts a sentence: a function word, or an English
/// sentence adverb ("Typically", "Meanwhile").
fn starts_sentence(word: &str) -> bool {
    is_in(word, STARTERS_DE) || is_in(word, STARTERS_EN) || (word.len() > 5 && word.ends_with("ly"))
}

fn is_in(word: &str, list: &[&str]) -> bool {
    if word.is_empty() || word.len() > 24 {
        return false;
    }
    // The lower case, on the stack: no character's lower case is more than three times as
    // long in UTF-8.
    let mut buf = [0u8; 24 * 3];
    let mut len = 0;
    for c in word.chars().flat_map(char::to_lowercase) {
        len += c.encode_utf8(&mut buf[len..]).len();
    }
    std::str::from_utf8(&buf[..len]).is_ok_and(|lower| list.contains(&lower))
}

/// The first word of `s` after opening quotes and brackets (at most 24 bytes of letters).
fn first_word(s: &str) -> &str {
    let s = s.trim_start_matches(is_opening);
    let rest = s.trim_start_matches(|c: char| c.is_alphabetic() || c == '\'' || c == '’');
    &s[..s.len() - rest.len()]
}

/// Whether `s` starts with one letter and a period: "B. Berlin", "R. R. Tolkien".
fn single_letter_period(s: &str) -> bool {
    let mut chars = s.chars();
    matches!((chars.next(), chars.next()), (Some(c), Some('.')) if c.is_alphabetic())
}

fn starts_lower(s: &str) -> bool {
    s.trim_start_matches(is_opening).chars().next().is_some_and(char::is_lowercase)
}

fn starts_upper(s: &str) -> bool {
    s.trim_start_matches(is_opening).chars().next().is_some_and(char::is_uppercase)
}

fn starts_digit(s: &str) -> bool {
    s.trim_start_matches(is_opening).starts_with(|c: char| c.is_ascii_digit())
}

fn ends_with_ellipsis(s: &str) -> bool {
    s.ends_with('…') || s.ends_with("...")
}

/// Whether `s` ends with final punctuation, possibly inside quotes or brackets.
fn ends_sentence(s: &str) -> bool {
    s.trim_end_matches(is_closing).ends_with(['.', '!', '?', '…', ':', ';'])
}

fn has_word(s: &str) -> bool {
    s.chars().any(char::is_alphanumeric)
}

/// Number of line breaks in `gap` (white space), counting at most two.
fn line_breaks(gap: &str) -> usize {
    let mut n = 0;
    let mut chars = gap.chars().peekable();
    while let Some(c) = chars.next() {
        let brk = match c {
            '\r' => chars.peek() != Some(&'\n'),
            '\n' | '\u{2028}' | '\u{2029}' | '\u{85}' | '\u{0C}' => true,
            _ => false,
        };
        if brk {
            n += 1;
            if n == 2 {
                break;
            }
        }
    }
    n
}

/// White space, with the invisible characters pasted text brings along.
fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{FEFF}' | '\u{200B}' | '\u{2060}')
}

fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '-' | '–'
            | '—'
            | '•'
            | '*'
            | '·'
            | '▪'
            | '►'
            | '▸'
            | '◦'
            | '‣'
            | '→'
            | '■'
            | '□'
            | '●'
            | '○'
            | '✓'
            | '✔'
    )
}

fn is_opening(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '„' | '‚' | '“' | '‘' | '”' | '«' | '»' | '‹' | '›' | '(' | '[' | '{' | '¿' | '¡'
    )
}

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '”' | '‘' | '’' | '»' | '«' | '›' | '‹' | ')' | ']' | '}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str, language: Language) -> Vec<&str> {
        split(text, language).iter().map(|s| s.slice(text)).collect()
    }

    #[test]
    fn a_run_on_sentence_is_cut_at_white_space_into_bounded_pieces() {
        // 3,000 words and no full stop; then one more sentence.
        let words: Vec<String> = (0..3000).map(|i| format!("wort{}", i % 97)).collect();
        let text = format!("{} ende. Danach kommt ein Satz.", words.join(" "));
        let got = texts(&text, Language::German);
        assert!(got.len() > 3, "{}", got.len());
        assert!(got.iter().all(|s| s.len() <= MAX_SENTENCE));
        // Each cut is at the last white space before the limit, so all but the run's last
        // piece are more than half the limit long.
        assert!(got[..got.len() - 2].iter().all(|s| s.len() > MAX_SENTENCE - 20));
        assert_eq!(got.last(), Some(&"Danach kommt ein Satz."));
        // No word is cut or lost: the pieces are the words again.
        let again: Vec<&str> = got.iter().flat_map(|s| s.split(' ')).collect();
        let mut want: Vec<&str> = words.iter().map(String::as_str).collect();
        want.extend(["ende.", "Danach", "kommt", "ein", "Satz."]);
        assert_eq!(again, want);
        // Without any white space the cut falls on a character boundary.
        let dense = "ä".repeat(5000);
        let got = texts(&dense, Language::German);
        assert_eq!(got.concat(), dense);
        assert!(
            got.iter().all(|s| s.len() <= MAX_SENTENCE),
            "{:?}",
            got.iter().map(|s| s.len()).collect::<Vec<_>>()
        );
        check(&text);
        check(&dense);
    }

    /// The contract: in order, trimmed, non-empty, on char boundaries, not overlapping.
    fn check(text: &str) {
        for language in Language::ALL {
            let spans = split(text, language);
            let mut last_end = 0;
            for span in &spans {
                assert!(span.start >= last_end && span.start < span.end, "{span:?} in {text:?}");
                assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
                let s = span.slice(text);
                assert_eq!(s, s.trim_matches(is_space), "{text:?}");
                last_end = span.end;
            }
        }
    }

    #[test]
    fn empty_and_blank_texts_have_no_sentence() {
        for text in ["", " ", "\n\n\r\n\t", "\u{a0}\u{feff}", ".", "...", "…", "!?", "***\n---\n•", " . "]
        {
            check(text);
            assert!(texts(text, Language::German).is_empty(), "{text:?}");
            assert!(texts(text, Language::English).is_empty(), "{text:?}");
        }
    }

    #[test]
    fn punctuation_stays_with_its_sentence() {
        assert_eq!(texts("Ja. !!! Nein.", Language::German), ["Ja. !!!", "Nein."]);
        assert_eq!(texts("Ja\n—\nNein", Language::German), ["Ja", "Nein"]);
        assert_eq!(texts("- ", Language::German), Vec::<&str>::new());
        assert_eq!(texts("-", Language::German), Vec::<&str>::new());
        assert_eq!(texts("x", Language::German), ["x"]);
    }

    #[test]
    fn odd_strings_keep_the_contract() {
        for text in [
            "a.b.c.d.",
            ". . . .",
            "1. 2. 3.",
            "z.",
            "z. B.",
            "Dr.",
            "U.S.",
            "„",
            "“.",
            "(...)",
            "[…]",
            "… …",
            "a…B",
            "x.Yz.Ab",
            "\r",
            "\r\r\n",
            "é.Über",
            "ß.Ä",
            "1.\n2.",
            "•",
            " • • ",
            "a\u{2028}b",
            "Ende.Der",
            "x.Y",
            "…\u{a0}A",
            "2.\u{feff}",
        ] {
            check(text);
        }
    }

    #[test]
    fn many_periods_in_linear_time() {
        let inputs = [
            ".".repeat(100_000),
            ". ".repeat(20_000),
            "a. ".repeat(20_000),
            "A. ".repeat(20_000),
            "1. ".repeat(20_000),
            "z. B. ".repeat(10_000),
            "a.Bc".repeat(20_000),
            "… A".repeat(20_000),
            "\"a.\" ".repeat(20_000),
            "x".repeat(200_000),
            " ".repeat(200_000),
            "Er kam. ".repeat(20_000),
            // A period, then a long run that UAX #29 looks across at every character.
            format!("Er kam.{}Dann.", " ".repeat(200_000)),
            format!("Er kam.{} Dann.", ")".repeat(200_000)),
        ];
        let started = std::time::Instant::now();
        for text in &inputs {
            check(text);
        }
        // Generous even for an unoptimised build on a slow machine; a quadratic pass would take
        // minutes.
        assert!(started.elapsed().as_secs() < 20, "took {:?}", started.elapsed());
        assert_eq!(split(&"Er kam. ".repeat(20_000), Language::German).len(), 20_000);
    }

    #[test]
    fn abbreviation_lists_are_well_formed() {
        for data in [include_str!("abbreviations/de.txt"), include_str!("abbreviations/en.txt")] {
            let mut seen = std::collections::HashSet::new();
            for line in data.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
                let abbr = line.split_whitespace().next().unwrap();
                assert!(abbr.ends_with('.') && !abbr.ends_with(".."), "{line:?}");
                assert!(seen.insert(abbr), "duplicate {abbr:?}");
            }
        }
        let longest = Language::ALL.iter().flat_map(|&l| table(l).keys()).map(|k| k.len()).max();
        assert!(longest.is_some_and(|n| n + 2 <= LONGEST_KEY), "{longest:?}");
        assert_eq!(table(Language::German).get(&b"z.B."[..]), Some(&Class::Always));
        assert_eq!(table(Language::English).get(&b"U.S."[..]), Some(&Class::Name));
        // A capitalised entry in lower case, also outside ASCII.
        assert_eq!(abbreviation(b"Vgl.", Language::German), Some(Class::Always));
        assert_eq!(
            abbreviation("Österr.".as_bytes(), Language::German),
            abbreviation("österr.".as_bytes(), Language::German)
        );
        assert!(abbreviation("österr.".as_bytes(), Language::German).is_some());
        assert_eq!(abbreviation(b"F.", Language::German), None);
    }

    #[test]
    fn decisions() {
        let de = Language::German;
        assert_eq!(texts("Vgl. Abschnitt 3. Der Rest folgt.", de), ["Vgl. Abschnitt 3.", "Der Rest folgt."]);
        assert_eq!(texts("Z. B. Berlin. Oder Bonn.", de), ["Z. B. Berlin.", "Oder Bonn."]);
        assert_eq!(texts("Siehe Hauptstr. 5. Dort.", de), ["Siehe Hauptstr. 5.", "Dort."]);
        assert_eq!(texts("Er sagte [...] Dinge.", de), ["Er sagte [...] Dinge."]);
        assert_eq!(texts("Er kam.\u{a0}Dann ging er.", de), ["Er kam.", "Dann ging er."]);
        assert_eq!(texts("Das kostet u. U. Geld und Zeit.", de), ["Das kostet u. U. Geld und Zeit."]);
        assert_eq!(texts("Sie traf Peter F. Müller.", de), ["Sie traf Peter F. Müller."]);
    }
}
