//! Speech frames and speakers: the word lists of `src/lexicon/<lang>/speech.txt`, the reading of
//! a frame after or before a quotation, and the joining of speaker mentions into entities.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use crate::result::{Source, SourceKind};
use crate::text::token::{Token, TokenKind};
use crate::text::{Language, Span};

use super::is_word;

/// The frame words of one language.
#[derive(Default)]
pub(crate) struct Lexicon {
    pub(crate) german: bool,
    /// Each word with the bit set of the lists ([`KEYS`]) it is in, in an open-addressing
    /// table probed linearly from the word's hash: at most one slot in eight is full, so a
    /// word in no list mostly costs its hash and one empty slot.
    slots: Vec<Slot>,
    /// The words of more than eight bytes, packed ([`Slot::long`]).
    long: Vec<Packed>,
    /// Multi-word entries by their first word: separable verbs (`split`, `splitbelief`) and
    /// source markers (`before`), each with the words after the first, lower-case.
    multi: HashMap<&'static str, Vec<Multi>, Fx>,
    /// The reporting nouns (`noun`), for compounds ending in one.
    noun_ends: Vec<String>,
    /// The byte lengths of the role nouns (`person`, `org`, `vague`), as bits.
    role_lens: u64,
    /// The words of the lists whose end may be a role noun in German compounds ([`Lexicon::role`]):
    /// those in `person`, `org` or `vague` of a length in `role_lens`, spelt backwards, with those
    /// three bits.
    role_ends: crate::lexicon::Trie,
    /// The length in bytes of the longest word in a list.
    longest: usize,
    /// Every word of the lists, once each, in the order the lists first give it.
    words: Vec<&'static str>,
}

/// The hasher of the surnames (words of the text; see [`crate::text::hash`]).
type Fx = std::hash::BuildHasherDefault<crate::text::hash::WordHasher>;

/// How many eight-byte chunks a word of a list may have.
const CHUNKS: usize = 6;

/// A word as little-endian eight-byte chunks, zero-padded: how words are hashed and compared.
pub(crate) type Packed = [u64; CHUNKS];

/// The hash of a word-list slot, from a packed word of `n` bytes.
#[inline]
fn slot_hash(p: &Packed, n: usize) -> usize {
    const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let mut h = (p[0] ^ n as u64).wrapping_mul(K);
    for &w in p.iter().take(n.div_ceil(8)).skip(1) {
        h = (h.rotate_left(29) ^ w).wrapping_mul(K);
    }
    // (The high bits mix best.)
    (h >> 40) as usize
}

/// `n` bytes (at most eight) of `b` from `i` as a little-endian number, zero-padded.
#[inline]
fn load(b: &[u8], i: usize, n: usize) -> u64 {
    match b.get(i..i + 8) {
        Some(s) => {
            let x = u64::from_le_bytes(s.try_into().unwrap_or([0; 8]));
            if n >= 8 {
                x
            } else {
                x & ((1u64 << (8 * n)) - 1)
            }
        }
        None => {
            let mut a = [0u8; 8];
            a[..n].copy_from_slice(&b[i..i + n]);
            u64::from_le_bytes(a)
        }
    }
}

/// `b[start..start + n]` packed as it is.
#[inline]
fn pack(b: &[u8], start: usize, n: usize, out: &mut Packed) -> bool {
    if n > 8 * CHUNKS {
        return false;
    }
    for (j, o) in out.iter_mut().enumerate().take(n.div_ceil(8)) {
        *o = load(b, start + 8 * j, (n - 8 * j).min(8));
    }
    true
}

/// One slot of the word table: a word's first eight bytes, its length (0: empty), the lists it
/// is in and, for a longer word, where it is in [`Lexicon::long`].
#[derive(Clone, Copy, Default)]
struct Slot {
    first: u64,
    bits: u32,
    len: u16,
    long: u16,
}

/// A cue of several words: a separable verb and its particle, or a marker like *nach Angaben*.
#[derive(Clone, Debug)]
pub(crate) struct Multi {
    /// The list it comes from ([`KEYS`] index).
    pub key: usize,
    /// The words after the first.
    pub rest: Vec<String>,
    /// For separable verbs: the particle may stand anywhere after the verb in its clause
    /// (*sieht … als*), not only at the clause's end.
    pub anywhere: bool,
}

pub(crate) use crate::lexicon::speech_keys::KEYS;

/// The bit of one list of [`KEYS`].
pub(crate) const fn bit(key: &str) -> u32 {
    let mut i = 0;
    while i < KEYS.len() {
        if const_eq(KEYS[i], key) {
            return 1 << i;
        }
        i += 1;
    }
    panic!("unknown speech key")
}

const fn const_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The lists of words that end a speaker phrase or cannot start a name.
const FUNCTION: u32 = bit("stop")
    | SPEECH
    | bit("so")
    | bit("det")
    | bit("indef")
    | bit("pronoun")
    | bit("aux")
    | bit("passive")
    | bit("wie")
    | bit("as")
    | bit("carry")
    | bit("before")
    | bit("after");

/// Verbs that frame a quotation or report speech or belief.
pub(crate) const SPEECH: u32 = bit("verb") | bit("say") | bit("belief") | bit("stance");

// The word lines of `src/lexicon/<lang>/speech.txt` (build.rs checks the keys and leaves out
// comments and examples).
const DE: &str = include_str!(concat!(env!("OUT_DIR"), "/speech-de.txt"));
const EN: &str = include_str!(concat!(env!("OUT_DIR"), "/speech-en.txt"));

impl Lexicon {
    pub(crate) fn get(language: Language) -> &'static Lexicon {
        static DE_LEX: OnceLock<Lexicon> = OnceLock::new();
        static EN_LEX: OnceLock<Lexicon> = OnceLock::new();
        match language {
            Language::German => DE_LEX.get_or_init(|| Lexicon::parse(DE, true)),
            Language::English => EN_LEX.get_or_init(|| Lexicon::parse(EN, false)),
        }
    }

    fn parse(data: &'static str, german: bool) -> Lexicon {
        let mut lex = Lexicon { german, ..Lexicon::default() };
        let mut words: HashMap<&'static str, u32> = HashMap::new();
        // The words in the order they first appear in the lists (no sort: see `crate::sort`).
        let mut order: Vec<&'static str> = Vec::new();
        for line in data.lines() {
            let line = line.trim();
            if line.starts_with('#') {
                continue;
            }
            let Some((key, rest)) = line.split_once(':') else { continue };
            let Some(k) = KEYS.iter().position(|x| *x == key) else { continue };
            for w in rest.split_whitespace() {
                let (first, more) = match w.split_once(['/', '_']) {
                    Some((f, m)) => (f, Some(m)),
                    None => (w, None),
                };
                *words.entry(first).or_insert_with(|| {
                    order.push(first);
                    0
                }) |= 1 << k;
                lex.longest = lex.longest.max(first.len());
                if let Some(more) = more {
                    let anywhere = more.ends_with('+');
                    let rest = more.trim_end_matches('+').split(['_', '/']).map(str::to_lowercase).collect();
                    lex.multi.entry(first).or_default().push(Multi { key: k, rest, anywhere });
                }
                if key == "noun" {
                    lex.noun_ends.push(w.to_lowercase());
                }
                if matches!(key, "person" | "org" | "vague") && w.len() < 64 {
                    lex.role_lens |= 1u64 << w.len();
                }
            }
        }
        lex.table(&words, order);
        lex
    }

    /// Fills the word table, [`Lexicon::words`] and [`Lexicon::role_ends`] (`role_lens` first),
    /// given the bits of each word and the words in the order of the lists (so that nothing
    /// depends on the order of the map).
    fn table(&mut self, words: &HashMap<&'static str, u32>, order: Vec<&'static str>) {
        let size = (8 * words.len()).next_power_of_two();
        self.slots = vec![Slot::default(); size];
        let listed: Vec<(&'static str, u32)> = order.iter().map(|&w| (w, words[w])).collect();
        self.words = order;
        const ROLES: u32 = bit("person") | bit("org") | bit("vague");
        let ends: Vec<(Vec<u8>, u64)> = listed
            .iter()
            .filter(|&&(w, b)| b & ROLES != 0 && w.len() < 64 && self.role_lens & (1u64 << w.len()) != 0)
            .map(|&(w, b)| (w.bytes().rev().collect(), u64::from(b & ROLES)))
            .collect();
        self.role_ends = crate::lexicon::Trie::new(&ends);
        for (w, bits) in listed {
            let mut p = Packed::default();
            assert!(
                pack(w.as_bytes(), 0, w.len(), &mut p) && !w.is_empty(),
                "a speech list word too long: {w}"
            );
            let long = if w.len() > 8 {
                self.long.push(p);
                self.long.len() - 1
            } else {
                0
            };
            let mut s = slot_hash(&p, w.len()) & (size - 1);
            while self.slots[s].len != 0 {
                s = (s + 1) & (size - 1);
            }
            self.slots[s] = Slot { first: p[0], bits, len: w.len() as u16, long: long as u16 };
        }
    }

    /// The bit set of the lists the packed lower-case word `p` of `n` bytes is in.
    #[inline]
    pub(crate) fn lookup(&self, p: &Packed, n: usize) -> u32 {
        if n > self.longest || n == 0 || self.slots.is_empty() {
            return 0;
        }
        let mask = self.slots.len() - 1;
        let mut s = slot_hash(p, n) & mask;
        loop {
            let slot = self.slots[s];
            if slot.len == 0 {
                return 0;
            }
            if slot.first == p[0]
                && slot.len as usize == n
                && (n <= 8
                    || self
                        .long
                        .get(slot.long as usize)
                        .is_some_and(|q| q[1..n.div_ceil(8)] == p[1..n.div_ceil(8)]))
            {
                return slot.bits;
            }
            s = (s + 1) & mask;
        }
    }

    /// The bit set of the lists a lower-case word is in.
    pub(crate) fn bits(&self, low: &str) -> u32 {
        let n = low.len();
        let mut p = Packed::default();
        if n > self.longest || !pack(low.as_bytes(), 0, n, &mut p) {
            return 0;
        }
        self.lookup(&p, n)
    }

    /// Every word of the lists, sorted.
    pub(crate) fn words(&self) -> &[&'static str] {
        &self.words
    }

    /// Whether a lower-case word is in a list (`bit` of [`KEYS`], or several).
    pub(crate) fn is(&self, bits: u32, low: &str) -> bool {
        self.bits(low) & bits != 0
    }

    /// The multi-word entries starting with a lower-case word.
    pub(crate) fn multi(&self, low: &str) -> &[Multi] {
        self.multi.get(low).map_or(&[], Vec::as_slice)
    }

    /// Whether a lower-case word is a noun of reporting (*Angaben*) or a compound ending in
    /// one (*Polizeiangaben*, *nasa-angaben*).
    pub(crate) fn report_noun(&self, low: &str) -> bool {
        self.is(const { bit("noun") }, low)
            || self.noun_ends.iter().any(|n| low.len() > n.len() && low.ends_with(n.as_str()))
    }

    pub(crate) fn is_verb(&self, word: &str) -> bool {
        self.bits(&word.to_lowercase()) & SPEECH != 0
    }

    pub(crate) fn is_so(&self, word: &str) -> bool {
        self.is(const { bit("so") }, &word.to_lowercase())
    }

    fn role(&self, low: &str) -> Option<Role> {
        self.role_with(low, self.bits(low))
    }

    /// [`Lexicon::role`] of a word whose list bits are known: `whole`.
    fn role_with(&self, low: &str, whole: u32) -> Option<Role> {
        const PERSON: u32 = bit("person");
        const ORG: u32 = bit("org");
        const VAGUE: u32 = bit("vague");
        if whole & VAGUE != 0 {
            return Some(Role::Vague);
        }
        if !self.german {
            return match () {
                _ if whole & PERSON != 0 => Some(Role::Person),
                _ if whole & ORG != 0 => Some(Role::Org),
                _ => None,
            };
        }
        // German: role nouns also as the end of a compound (*Klinikdirektor*), group nouns of
        // six letters or more too (*Energieexperten*); a person noun wins over an institution.
        let (mut person, mut org, mut vague) = (whole & PERSON != 0, whole & ORG != 0, false);
        // The role nouns the word ends with, in one walk back from its end. (A list word is
        // whole characters, so where one ends the word, it starts on a character boundary.)
        let n = low.len();
        self.role_ends.each_match(low.bytes().rev(), |len, b| {
            let (i, b) = (n - len, b as u32);
            if i > 0 {
                person |= b & PERSON != 0;
                org |= b & ORG != 0;
                vague |= i > 2 && b & VAGUE != 0 && low[i..].chars().count() >= 6;
            }
        });
        Role::of(person, org, vague)
    }

    /// A word that ends a speaker phrase or cannot start a name.
    fn function_word(&self, low: &str) -> bool {
        self.bits(low) & FUNCTION != 0
    }
}

/// The frame lexicon together with what it says of each token of one text: the list bits of
/// every token (made once, [`super::Marks`]) and, worked out on first use, its role noun. The
/// readers of frames take tokens as slices of the text's tokens; a token of those slices is
/// looked up by its index, any other token (a copy) is looked up in the lexicon itself.
pub(crate) struct Lex<'a> {
    lex: &'static Lexicon,
    all: &'a [Token],
    bits: &'a [u32],
    /// Per token, its form ([`crate::hedge::TokenForms`]).
    form: &'a [u32],
    /// Per form: 0 not worked out yet, else 1 + [`role_code`] of [`Lexicon::role`].
    roles: Vec<std::cell::Cell<u8>>,
}

impl std::ops::Deref for Lex<'_> {
    type Target = Lexicon;
    fn deref(&self) -> &Lexicon {
        self.lex
    }
}

fn role_code(role: Option<Role>) -> u8 {
    match role {
        None => 0,
        Some(Role::Person) => 1,
        Some(Role::Org) => 2,
        Some(Role::Vague) => 3,
    }
}

impl<'a> Lex<'a> {
    /// The lexicon for the tokens `all`, with their list bits `bits` (one per token) and
    /// their `forms`.
    pub(crate) fn new(
        lex: &'static Lexicon,
        all: &'a [Token],
        bits: &'a [u32],
        forms: &'a crate::hedge::TokenForms,
    ) -> Lex<'a> {
        debug_assert_eq!(all.len(), bits.len());
        debug_assert_eq!(all.len(), forms.form.len());
        let roles = vec![std::cell::Cell::new(0); forms.count];
        Lex { lex, all, bits, form: &forms.form, roles }
    }

    /// The index of `t` in the text's tokens, if it is one of them (not a copy).
    #[inline]
    fn index(&self, t: &Token) -> Option<usize> {
        let size = std::mem::size_of::<Token>();
        let offset = (t as *const Token as usize).wrapping_sub(self.all.as_ptr() as usize);
        let i = offset / size;
        (offset % size == 0 && i < self.all.len()).then_some(i)
    }

    /// The bit set of the lists the token's lower-case word is in ([`Lexicon::bits`]).
    #[inline]
    pub(crate) fn bits_of(&self, text: &str, t: &Token) -> u32 {
        match self.index(t) {
            Some(i) => {
                debug_assert_eq!(self.bits[i], self.lex.bits(&low(text, t)), "{:?}", t.text(text));
                self.bits[i]
            }
            None => self.lex.bits(&low(text, t)),
        }
    }

    /// Whether the token's lower-case word is in a list (`bits` of [`KEYS`], or several).
    #[inline]
    pub(crate) fn is_of(&self, bits: u32, text: &str, t: &Token) -> bool {
        self.bits_of(text, t) & bits != 0
    }

    /// The role noun the token is ([`Lexicon::role`]), worked out once per token.
    fn role_of(&self, text: &str, t: &Token) -> Option<Role> {
        let Some((i, cell)) =
            self.index(t).and_then(|i| Some((i, self.roles.get(*self.form.get(i)? as usize)?)))
        else {
            return self.lex.role(&low(text, t));
        };
        let code = match cell.get() {
            0 => {
                // (The token's list bits are its lower case's: see `bits_of`.)
                let code = role_code(self.lex.role_with(&low(text, t), self.bits[i]));
                cell.set(code + 1);
                code
            }
            c => c - 1,
        };
        match code {
            1 => Some(Role::Person),
            2 => Some(Role::Org),
            3 => Some(Role::Vague),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
enum Role {
    #[default]
    Person,
    Org,
    Vague,
}

impl Role {
    /// The role of a word that is (or ends in) a person, an organisation or a vague source noun:
    /// vague first, then person, then organisation.
    fn of(person: bool, org: bool, vague: bool) -> Option<Role> {
        match () {
            _ if vague => Some(Role::Vague),
            _ if person => Some(Role::Person),
            _ if org => Some(Role::Org),
            _ => None,
        }
    }
}

/// Who a frame names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Speaker {
    /// A frame without a speaker that can be named.
    Nobody,
    /// *er*, *she*: the most recent person.
    Pronoun(Span),
    /// *they*: the most recent organisation or group.
    Group(Span),
    /// *I*, *we*, *you*: the speaker of the quotation they stand in, else unknown.
    Own(Span),
    /// A name (*Frederic Spohr*, *the White House*), with the whole phrase as mention.
    Named { org: bool, name: Span, phrase: Span },
    /// A role noun without a name (*der Experte*, *ein Sprecher*, *Kritiker*).
    Role { role: RoleKind, definite: bool, phrase: Span, noun: Span },
}

/// What a role noun names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RoleKind {
    Person,
    Org,
    Vague,
}

/// A token's word in lower case, kept inline when short and ASCII (no allocation on the hot
/// path of speaker phrases).
pub(crate) enum Low<'t> {
    /// The word as written, already in lower case.
    Same(&'t str),
    Inline([u8; 40], u8),
    Heap(String),
}

impl Low<'_> {
    pub(crate) fn as_str(&self) -> &str {
        match self {
            Low::Same(s) => s,
            // (Only ASCII is kept inline, so the bytes are UTF-8.)
            Low::Inline(b, n) => std::str::from_utf8(&b[..*n as usize]).unwrap_or(""),
            Low::Heap(s) => s,
        }
    }
}

impl std::ops::Deref for Low<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

pub(crate) fn low<'t>(text: &'t str, t: &Token) -> Low<'t> {
    let w = t.text(text);
    if w.bytes().all(|b| b.is_ascii_lowercase() || (!b.is_ascii_alphabetic() && b < 0x80)) {
        return Low::Same(w);
    }
    if w.len() <= 40 && w.is_ascii() {
        let mut b = [0u8; 40];
        for (d, s) in b.iter_mut().zip(w.bytes()) {
            *d = s.to_ascii_lowercase();
        }
        return Low::Inline(b, w.len() as u8);
    }
    Low::Heap(w.to_lowercase())
}

pub(crate) fn is(text: &str, t: &Token, s: &str) -> bool {
    t.text(text) == s
}

fn ends_clause(text: &str, t: &Token) -> bool {
    matches!(t.text(text), "." | "!" | "?" | ":" | ";" | "…")
        || t.text(text).chars().all(|c| "„“”\"»«›‹‚‘’'".contains(c))
}

/// Whether token `k` ends the clause, a period after a title (*Dr.*) excepted.
fn ends_at(text: &str, toks: &[Token], k: usize, lex: &Lex<'_>) -> bool {
    ends_clause(text, &toks[k])
        && !(k > 0 && is(text, &toks[k], ".") && lex.is_of(const { bit("title") }, text, &toks[k - 1]))
}

/// A frame after a quotation: *, so der Experte*, *, sagte er*, *," she said*, *according to X*.
pub(crate) fn after(text: &str, toks: &[Token], lex: &Lex<'_>) -> Option<(Span, Speaker)> {
    let mut i = 0;
    while i < toks.len() && is(text, &toks[i], ",") {
        i += 1;
    }
    if i >= toks.len() {
        return None;
    }
    if toks[i].after_newline {
        // A signature line: *― Jane Roe, Ohio*, *-Michelle Marks, Philadelphia.*
        let dash = matches!(toks[i].text(text), "-" | "―" | "—" | "–");
        let line = toks[i + 1..]
            .iter()
            .position(|x| x.after_newline || x.clause_break)
            .map_or(toks.len(), |k| k + i + 1);
        return match loose(text, &toks[(i + 1).min(line)..line], lex) {
            Some(sp @ Speaker::Named { .. }) if dash => Some((toks[i].span, sp)),
            _ => None,
        };
    }
    let mut end = i;
    while end < toks.len() && !ends_at(text, toks, end, lex) && (end == i || !toks[end].after_newline) {
        end += 1;
    }
    let t = &toks[i..end];
    let b0 = lex.bits_of(text, t.first()?);
    if b0 & const { bit("so") } != 0 {
        let mut rest = &t[1..];
        if !lex.german && rest.first().is_some_and(|r| is(text, r, "to")) {
            rest = &rest[1..];
        }
        let (sp, _) = np(text, rest, lex);
        return sp.map(|s| (t[0].span, s));
    }
    if b0 & SPEECH != 0 {
        let (sp, _) = np(text, &t[1..], lex);
        // *said former Rep. George Miller (D-Calif.), one of …*: the words up to the comma.
        let sp = sp.or_else(|| {
            let stop = t[1..].iter().position(|x| x.clause_break).map_or(t.len(), |k| k + 1);
            loose(text, &t[1..stop], lex)
        });
        return Some((t[0].span, sp.unwrap_or(Speaker::Nobody)));
    }
    let (sp, n) = np(text, t, lex);
    if let Some(sp) = sp {
        // *the pitch on Kickstarter says*: a short phrase may stand between speaker and verb.
        if let Some(v) = (n..t.len().min(n + 5)).find(|&k| lex.bits_of(text, &t[k]) & SPEECH != 0) {
            let between = &t[n..v];
            if between.is_empty()
                || (lex.is_of(const { bit("stop") }, text, &between[0])
                    && !between.iter().any(|x| x.clause_break))
            {
                return Some((t[v].span, sp));
            }
        }
    }
    // *Senate minority leader Harry Reid told reporters*, *one P&G employee told …*: the
    // words before the verb, when they hold a name or a role.
    let v = (1..t.len().min(12)).find(|&k| lex.bits_of(text, &t[k]) & SPEECH != 0)?;
    let pieces: Vec<&[Token]> = t[..v].split(|x| x.clause_break).filter(|p| !p.is_empty()).collect();
    let found = pieces.iter().rev().find_map(|p| match loose(text, p, lex) {
        Some(sp @ Speaker::Named { .. }) => Some(sp),
        _ => None,
    });
    let sp = found.or_else(|| pieces.first().and_then(|p| loose(text, p, lex)))?;
    Some((t[v].span, sp))
}

/// A speaker from a run of words that `np` does not read as one phrase (*Senate minority
/// leader Harry Reid*, *CrowdStrike co-founder Dmitri Alperovitch*): the last two or more
/// capitalised words as a person's name, else a role noun, else nothing.
fn loose(text: &str, t: &[Token], lex: &Lex<'_>) -> Option<Speaker> {
    if t.is_empty() || t.len() > 10 || t.iter().any(|x| x.clause_break && !is(text, x, ".")) {
        return None;
    }
    let cap = |x: &Token| {
        is_word(x)
            && x.text(text).starts_with(char::is_uppercase)
            && !lex.is_of(const { bit("title") }, text, x)
    };
    let phrase = Span::new(t[0].span.start, t[t.len() - 1].span.end);
    let end = t.iter().rposition(cap)?;
    let mut start = end;
    while start > 0
        && (cap(&t[start - 1]) || (is(text, &t[start - 1], ".") && start > 1 && cap(&t[start - 2])))
    {
        start -= 1;
    }
    if end > start && t[start..=end].iter().filter(|x| is_word(x)).count() >= 2 {
        let name = Span::new(t[start].span.start, t[end].span.end);
        return Some(Speaker::Named { org: false, name, phrase });
    }
    let noun = t.iter().rev().find(|x| is_word(x) && lex.role_of(text, x).is_some())?;
    let role = match lex.role_of(text, noun)? {
        Role::Person => RoleKind::Person,
        Role::Org => RoleKind::Org,
        Role::Vague => RoleKind::Vague,
    };
    Some(Speaker::Role { role, definite: false, phrase, noun: noun.span })
}

/// A frame before a quotation, ending in a colon (or a comma right after the verb):
/// *Spohr erinnert:*, *Smith said:*, *erklärt der Experte:*.
pub(crate) fn before(text: &str, toks: &[Token], lex: &Lex<'_>) -> Option<(Span, Speaker)> {
    let (last, body) = toks.split_last()?;
    let colon = is(text, last, ":");
    if !colon && !is(text, last, ",") {
        return None;
    }
    let s = (0..body.len()).rev().find(|&k| ends_at(text, body, k, lex)).map_or(0, |k| k + 1);
    let s = body.iter().rposition(|t| t.after_newline).map_or(s, |k| k.max(s));
    let t = &body[s..];
    let Some(v) = t.iter().rposition(|x| is_word(x) && lex.bits_of(text, x) & SPEECH != 0) else {
        // No speech verb before the colon: the subject of the sentence's first clause
        // (*Bundesinnenminister Schäuble: „…“*, *Hier sparte der Bundespräsident nicht mit
        // Kritik: „…“*, *Der Ermittler, der als Zeuge gilt, will …: „…“*).
        let first = t.iter().position(|x| x.clause_break).unwrap_or(t.len());
        return if colon { clause_subject(text, &t[..first], lex).map(|sp| (last.span, sp)) } else { None };
    };
    if !colon && t.len() - v > 4 {
        return None;
    }
    let cue = t[v].span;
    let rest = &t[v + 1..];
    // German, verb second: a subject filling the place before the verb comes first
    // (*Michael Knipper, kritisierte die Entscheidung scharf:* — not *die Entscheidung*).
    if lex.german && v > 0 && !t[v - 1].clause_break {
        if let Some(sp) = subject_before(text, &t[..v], lex) {
            return Some((cue, sp));
        }
    }
    if !rest.is_empty() {
        if let (Some(sp), n) = np(text, rest, lex) {
            // *erklärte er zu einem Projekt:*, *sagte Jon Bon Jovi, Gründer der Band:*,
            // *erklärte die Universität so:*: the speaker, then more about the speaking.
            if n == rest.len() || (colon && n > 0) {
                return Some((cue, sp));
            }
        }
    }
    if let Some(sp) = subject_before(text, &t[..v], lex) {
        return Some((cue, sp));
    }
    // *Museumsdirektor Thomas Metz hat anlässlich der Eröffnung erklärt:*
    if lex.german {
        let first = t[..v].iter().position(|x| x.clause_break).unwrap_or(v);
        if let Some(sp @ (Speaker::Named { .. } | Speaker::Role { .. })) =
            clause_subject(text, &t[..first], lex)
        {
            return Some((cue, sp));
        }
    }
    // *Medvedev bedankte sich … und sagte:*: the subject of the first verb.
    if v > 0 && matches!(low(text, &t[v - 1]).as_str(), "und" | "aber" | "and" | "but") {
        if let Some(sp) = clause_subject(text, &t[..v - 1], lex) {
            return Some((cue, sp));
        }
    }
    colon.then_some((cue, Speaker::Nobody))
}

/// The subject of a clause: a whole speaker phrase, the phrase opening it before a verb, or
/// (German, verb second) the phrase right after its first verb.
pub(crate) fn clause_subject(text: &str, t: &[Token], lex: &Lex<'_>) -> Option<Speaker> {
    if t.is_empty() || t.iter().any(|x| x.clause_break) {
        return None;
    }
    if let (Some(sp), n) = np(text, t, lex) {
        if n == t.len() || t[n].text(text).starts_with(char::is_lowercase) {
            return Some(sp);
        }
    }
    if !lex.german {
        return None;
    }
    // The finite verb: the first lower-case word that is not an article or preposition.
    let skip = const { bit("stop") } | const { bit("det") } | const { bit("indef") };
    let v = (1..t.len()).find(|&k| {
        is_word(&t[k])
            && t[k].text(text).starts_with(char::is_lowercase)
            && lex.bits_of(text, &t[k]) & skip == 0
    })?;
    // (*zeigt sich der Bundestrainer zufrieden*: past the reflexive.)
    let v = if t.get(v + 1).is_some_and(|x| x.text(text) == "sich") { v + 1 } else { v };
    match np(text, &t[v + 1..], lex) {
        (Some(sp @ (Speaker::Named { .. } | Speaker::Role { .. } | Speaker::Pronoun(_))), n) if n > 0 => {
            Some(sp)
        }
        _ => None,
    }
}

/// A speech verb earlier in the sentence of a quotation that is not framed by it, with its
/// subject right before or after it (*Stoiber sagte am Montag, er habe „…“*). Only a speaker is
/// taken from it, never the decision that a quotation is speech.
pub(crate) fn within(text: &str, toks: &[Token], lex: &Lex<'_>) -> Option<(Span, Speaker)> {
    let s = (0..toks.len()).rev().find(|&k| ends_at(text, toks, k, lex)).map_or(0, |k| k + 1);
    let s = toks.iter().rposition(|t| t.after_newline).map_or(s, |k| k.max(s));
    let t = &toks[s..];
    let v = t.iter().rposition(|x| is_word(x) && lex.bits_of(text, x) & SPEECH != 0)?;
    let cue = t[v].span;
    // English: the subject stands before the verb (*Brooks said the tone …*) unless the verb
    // opens its clause (*said Smith*).
    let inverted = v == 0 || t[v - 1].clause_break;
    if !lex.german && !inverted {
        if let Some(sp) = subject_before(text, &t[..v], lex) {
            return Some((cue, sp));
        }
    }
    if let (Some(sp), n) = np(text, &t[v + 1..], lex) {
        if n > 0 && (lex.german || inverted) {
            return Some((cue, sp));
        }
    }
    subject_before(text, &t[..v], lex).map(|sp| (cue, sp))
}

/// The subject before a speech verb: the nearest of the last three clause pieces before it
/// that is a whole speaker phrase (*Klaus Stöhr* in *Der Leiter …, Klaus Stöhr, sagte*).
pub(crate) fn subject_before(text: &str, t: &[Token], lex: &Lex<'_>) -> Option<Speaker> {
    let mut end = t.len();
    for _ in 0..3 {
        let c = t[..end].iter().rposition(|x| x.clause_break).map_or(0, |k| k + 1);
        let piece = &t[c..end];
        if let (Some(sp), n) = np(text, piece, lex) {
            if n == piece.len() {
                return Some(sp);
            }
        }
        if c == 0 {
            break;
        }
        end = c - 1;
        // *Sen. Elizabeth Warren (D-MA) said*: a bracket is skipped, not read as the subject.
        if is(text, &t[end], ")") {
            match t[..end].iter().rposition(|x| is(text, x, "(")) {
                Some(open) => end = open,
                None => break,
            }
        }
    }
    None
}

/// At most eight values on the stack (the words of one speaker phrase).
#[derive(Clone, Copy)]
struct Small<T: Copy + Default> {
    buf: [T; 8],
    len: usize,
}

impl<T: Copy + Default> Default for Small<T> {
    fn default() -> Self {
        Small { buf: [T::default(); 8], len: 0 }
    }
}

impl<T: Copy + Default> Small<T> {
    fn push(&mut self, v: T) {
        if self.len < 8 {
            self.buf[self.len] = v;
            self.len += 1;
        }
    }
    fn pop(&mut self) -> Option<T> {
        self.len = self.len.checked_sub(1)?;
        Some(self.buf[self.len])
    }
    fn iter(&self) -> &[T] {
        &self.buf[..self.len]
    }
    fn len(&self) -> usize {
        self.len
    }
    fn is_empty(&self) -> bool {
        self.len == 0
    }
    fn last(&self) -> Option<&T> {
        self.iter().last()
    }
    fn first(&self) -> Option<&T> {
        self.iter().first()
    }
}

fn is_open_quote(s: &str) -> bool {
    matches!(s, "„" | "\"" | "“" | "»" | "«")
}

fn is_close_quote(s: &str) -> bool {
    matches!(s, "“" | "\"" | "”" | "«" | "»")
}

/// A speaker phrase at the start of `t`, and how many tokens it takes.
pub(crate) fn np(text: &str, t: &[Token], lex: &Lex<'_>) -> (Option<Speaker>, usize) {
    let mut i = 0;
    let mut det: Option<(usize, bool)> = None;
    // A name in quotation marks (*„Die Zeit“*, *the "Washington Post"*): an organisation.
    if let Some(first) = t.first().filter(|f| is_open_quote(f.text(text))) {
        if let Some(close) = (2..t.len().min(7)).find(|&k| is_close_quote(t[k].text(text))) {
            let inner = &t[1..close];
            if inner.iter().all(|x| {
                is_word(x) && x.text(text).starts_with(char::is_uppercase)
                    || lex.is_of(const { bit("det") }, text, x)
            }) {
                let name = Span::new(inner[0].span.start, inner[inner.len() - 1].span.end);
                let phrase = Span::new(first.span.start, t[close].span.end);
                return (Some(Speaker::Named { org: true, name, phrase }), close + 1);
            }
        }
    }
    if let Some(first) = t.first().filter(|f| is_word(f)) {
        let b = lex.bits_of(text, first);
        if b & const { bit("pronoun") } != 0 {
            return (Some(Speaker::Pronoun(first.span)), 1);
        }
        if b & const { bit("group") } != 0 {
            return (Some(Speaker::Group(first.span)), 1);
        }
        if b & const { bit("self") } != 0 {
            return (Some(Speaker::Own(first.span)), 1);
        }
        if b & const { bit("object") } != 0 {
            // *dem Spiegel*, *den Reportern*: an object, not a speaker.
            return (None, 0);
        }
        if b & const { bit("det") } != 0 {
            det = Some((0, true));
            i = 1;
        } else if b & const { bit("indef") } != 0 {
            det = Some((0, false));
            i = 1;
        }
    }
    // The phrase's words (at most eight) with their list bits and role nouns, each looked up once.
    let mut items: Small<usize> = Small::default();
    let mut item_bits: Small<u32> = Small::default();
    let mut item_roles: Small<Option<Role>> = Small::default();
    let mut after_title = false;
    let mut seen_noun = false;
    while i < t.len() && items.len() < 8 {
        let tk = &t[i];
        if !is_word(tk) {
            if after_title && is(text, tk, ".") {
                after_title = false;
                i += 1;
                continue;
            }
            if is(text, tk, "-") && !tk.clause_break && !items.is_empty() {
                i += 1;
                continue;
            }
            break;
        }
        let b = lex.bits_of(text, tk);
        if b & FUNCTION != 0 {
            break;
        }
        after_title = false;
        let upper = tk.text(text).chars().next().is_some_and(char::is_uppercase);
        if b & const { bit("title") } != 0 {
            after_title = true;
        } else {
            let pushed = upper || (det.is_some() && !(lex.german && seen_noun));
            let role = if pushed || items.is_empty() { lex.role_of(text, tk) } else { None };
            if pushed || (items.is_empty() && role.is_some()) {
                // German: after the noun, lower-case words are no longer in the phrase (*des
                // Verbands wurde …*).
                seen_noun |= upper;
                items.push(i);
                item_bits.push(b);
                item_roles.push(role);
            } else {
                break;
            }
        }
        i += 1;
    }
    // English: a capitalised word and a group noun after it (*Shop owners*, *Trump
    // supporters*, *Paris residents*): a group, not a person named *Shop*.
    if !lex.german && det.is_none() && items.len() == 1 && i < t.len() && is_word(&t[i]) {
        let w = low(text, &t[i]);
        let lower_word = t[i].text(text).starts_with(char::is_lowercase);
        let group = lex.role_of(text, &t[i]).is_some()
            || ["ers", "ents", "ists", "ians", "ors"].iter().any(|e| w.ends_with(e));
        if lower_word && group && lex.bits_of(text, &t[i]) & FUNCTION == 0 {
            let phrase = Span::new(t[items.iter()[0]].span.start, t[i].span.end);
            return (
                Some(Speaker::Role { role: RoleKind::Vague, definite: false, phrase, noun: t[i].span }),
                i + 1,
            );
        }
    }
    // German: a genitive or *von* phrase after the noun belongs to the phrase (*der Sprecher
    // des Ministeriums*, *Der Informationsminister des Südsudans*), not to its name.
    let mut tail: Option<usize> = None;
    // (Not after *Angaben*, *Berichten*: there the genitive is the source itself.)
    let noun_last = items.last().is_some_and(|&k| {
        let n = items.len() - 1;
        t[k].text(text).starts_with(char::is_uppercase)
            && item_bits.iter()[n] & const { bit("noun") } == 0
            && (det.is_some() || item_roles.iter()[n].is_some_and(|r| r != Role::Vague))
    });
    let name_last =
        det.is_none() && items.last().is_some_and(|&k| t[k].text(text).starts_with(char::is_uppercase));
    if lex.german && (noun_last || name_last) && i < t.len() {
        let w = low(text, &t[i]);
        let genitive = matches!(w.as_str(), "des" | "der" | "eines" | "einer") && noun_last;
        // *Brian Baptie von der Erdbebenwarte*: after a name only *von*.
        let von = matches!(w.as_str(), "von" | "vom");
        if genitive || von {
            let mut k = i + 1;
            if von && k < t.len() && lex.is_of(const { bit("det") }, text, &t[k]) {
                k += 1;
            }
            let i = k - 1;
            let mut k = i + 1;
            // Adjectives only (*des zuständigen Ministeriums*).
            while k < t.len()
                && is_word(&t[k])
                && t[k].text(text).starts_with(char::is_lowercase)
                && ["e", "en", "er", "es", "em"].iter().any(|e| t[k].text(text).ends_with(e))
                && !lex.is_of(FUNCTION, text, &t[k])
            {
                k += 1;
            }
            let first = k;
            // *von der „Aktion Deutschland hilft“*: a quoted name.
            if k < t.len() && is_open_quote(t[k].text(text)) {
                if let Some(close) = (k + 2..t.len().min(k + 8)).find(|&c| is_close_quote(t[c].text(text))) {
                    k = close + 1;
                }
            }
            while k < t.len()
                && is_word(&t[k])
                && t[k].text(text).starts_with(char::is_uppercase)
                && !lex.is_of(FUNCTION, text, &t[k])
            {
                k += 1;
            }
            if k > first {
                tail = Some(k);
            }
        }
    }
    if lex.german {
        // A German phrase ends in its noun: lower-case words after the last capital are not in it.
        let before = items.len();
        while items.last().is_some_and(|&k| t[k].text(text).chars().next().is_some_and(char::is_lowercase)) {
            items.pop();
            item_roles.pop();
        }
        if items.len() < before {
            i = items.last().map_or(0, |&k| k + 1);
        }
    }
    let Some(&last_item) = items.last() else { return (None, 0) };
    // An abbreviation in brackets right after the phrase: *der israelischen Armee (IDF)*.
    let mut last_end = t[last_item].span.end;
    if i + 2 < t.len()
        && is(text, &t[i], "(")
        && is(text, &t[i + 2], ")")
        && t[i + 1].text(text).chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
    {
        last_end = t[i + 2].span.end;
        i += 3;
    }
    let mut roles: Small<(usize, Role)> = Small::default();
    for (&k, r) in items.iter().iter().zip(item_roles.iter()) {
        if let Some(r) = r {
            roles.push((k, *r));
        }
    }
    let after_role = roles.last().map_or(0, |&(k, _)| k + 1);
    let mut names: Small<usize> = Small::default();
    for &k in items.iter().iter() {
        if k >= after_role && t[k].text(text).chars().next().is_some_and(char::is_uppercase) {
            names.push(k);
        }
    }
    let phrase_start = det.map_or(t[items.iter()[0]].span.start, |(k, _)| t[k].span.start);
    let phrase = Span::new(phrase_start, last_end);
    let (phrase, i) = match tail {
        Some(k) if last_end == t[last_item].span.end => (Span::new(phrase_start, t[k - 1].span.end), k),
        _ => (phrase, i),
    };
    let role = roles.last().map(|&(_, r)| r);
    // *Ein Händler*, *eine Anwohnerin*: one unnamed person, not a name.
    if lex.german && matches!(det, Some((_, false))) && role.is_none() && names.len() == 1 && items.len() == 1
    {
        return (
            Some(Speaker::Role {
                role: RoleKind::Vague,
                definite: false,
                phrase,
                noun: t[names.iter()[0]].span,
            }),
            i,
        );
    }
    if let (Some(&a), Some(&b)) = (names.first(), names.last()) {
        let org = role == Some(Role::Org) || (det.is_some() && role.is_none());
        let name = Span::new(t[a].span.start, t[b].span.end);
        let phrase = if org { phrase } else { phrase.cover(&name) };
        return (Some(Speaker::Named { org, name, phrase }), i);
    }
    let Some(&(k, r)) = roles.last() else {
        // An unknown noun after an article: *a supervisor*, *the agency*.
        return match det {
            Some((_, definite)) if !lex.german => {
                let role = if definite { RoleKind::Org } else { RoleKind::Vague };
                (Some(Speaker::Role { role, definite, phrase, noun: t[last_item].span }), i)
            }
            _ => (None, 0),
        };
    };
    let role = match r {
        Role::Person => RoleKind::Person,
        Role::Org => RoleKind::Org,
        Role::Vague => RoleKind::Vague,
    };
    let definite = det.map_or(true, |(_, d)| d);
    (Some(Speaker::Role { role, definite, phrase, noun: t[k].span }), i)
}

/// The sources found so far, joined by name.
#[derive(Default)]
pub(crate) struct Entities<'t> {
    /// Whether the text is German (English plural nouns are told from names).
    german: bool,
    sources: Vec<Source>,
    /// Persons by surname, organisations by name, vague sources by noun (as written); the
    /// first number is the source id.
    persons: HashMap<&'t str, (u32, u32)>,
    orgs: HashMap<&'t str, (u32, u32)>,
    vague: HashMap<&'t str, (u32, u32)>,
    last_person: Option<usize>,
    /// The last organisation or group, for *they*.
    last_group: Option<usize>,
    /// Sources named only by *I*, *we*, *you* outside quotations, by the pronoun in lower case.
    own: HashMap<String, usize>,
    /// The speaker of the quotation being read, for *I*, *we*, *you* inside it.
    pub(crate) in_quote: Option<usize>,
    /// A person named only by a role (*der Experte*), waiting for a name.
    placeholder: Option<usize>,
    /// Whether each source's name is a real name (not a role phrase).
    named: Vec<bool>,
    /// Each source's grammatical gender, as far as the text tells.
    gender: Vec<Gender>,
    /// Persons, most recently mentioned last.
    recent: Vec<usize>,
    /// Per source, where its latest mention (by position in the text) starts.
    latest: Vec<usize>,
}

/// What a pronoun or a role noun tells of a person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(crate) enum Gender {
    #[default]
    Unknown,
    Male,
    Female,
}

impl Gender {
    fn fits(self, other: Gender) -> bool {
        self == Gender::Unknown || other == Gender::Unknown || self == other
    }
}

/// The gender a title or role noun before or in a speaker phrase gives (*Frau*, *Mr.*,
/// *Expertin*, *spokeswoman*).
fn gender_of(text: &str, phrase: Span, name: Option<Span>, german: bool) -> Gender {
    let before = text[..phrase.start].trim_end();
    let title = before.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    let words: Vec<&str> =
        phrase.slice(text).split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).collect();
    let check = |w: &str| -> Gender {
        let l = w.to_lowercase();
        match l.as_str() {
            "herr" | "mr" | "he" | "er" => Gender::Male,
            "frau" | "ms" | "mrs" | "she" => Gender::Female,
            _ if !german && (l.ends_with("woman") || l.ends_with("women")) => Gender::Female,
            _ if !german && l.ends_with("man") => Gender::Male,
            _ => Gender::Unknown,
        }
    };
    let g = check(title);
    if g != Gender::Unknown {
        return g;
    }
    for w in &words {
        let g = check(w);
        if g != Gender::Unknown {
            return g;
        }
    }
    if german {
        // The role noun before the name (or the phrase's last word): *-in* is female
        // (*Expertin*, *Bürgermeisterin*), a capitalised role in *-er*, *-e*, *-or* male.
        let role = words.iter().rev().find(|w| {
            name.map_or(true, |n| !n.slice(text).contains(**w)) && w.starts_with(char::is_uppercase)
        });
        if let Some(r) = role {
            let l = r.to_lowercase();
            if l.ends_with("in") && l.len() > 4 {
                return Gender::Female;
            }
            if l.ends_with("er") || l.ends_with("e") || l.ends_with("or") || l.ends_with("ent") {
                return Gender::Male;
            }
        }
    }
    Gender::Unknown
}

fn lookup(map: &HashMap<&str, (u32, u32)>, key: &str) -> Option<usize> {
    map.get(key).map(|&(id, _)| id as usize)
}

impl<'t> Entities<'t> {
    fn add(&mut self, name: &str, kind: SourceKind, mention: Span, named: bool) -> usize {
        let id = self.sources.len();
        self.sources.push(Source { id, name: name.to_string(), kind, mentions: vec![mention] });
        self.latest.push(mention.start);
        self.named.push(named);
        self.gender.push(Gender::Unknown);
        id
    }

    /// Notes that person `id` was just mentioned, with what the mention tells of its gender.
    fn seen_person(&mut self, id: usize, g: Gender) {
        if self.gender[id] == Gender::Unknown {
            self.gender[id] = g;
        }
        self.recent.retain(|&r| r != id);
        self.recent.push(id);
        if self.recent.len() > 8 {
            self.recent.remove(0);
        }
        self.last_person = Some(id);
    }

    /// Where the last mention of a person that pronoun `word` fits starts (0 if none).
    pub(crate) fn last_person_mention(&self, word: &str) -> usize {
        let g = match word.to_lowercase().as_str() {
            "he" | "er" => Gender::Male,
            "she" | "sie" => Gender::Female,
            _ => Gender::Unknown,
        };
        self.fitting(g).and_then(|id| self.latest.get(id).copied()).unwrap_or(0)
    }

    /// The most recent person a pronoun or role of gender `g` fits.
    fn fitting(&self, g: Gender) -> Option<usize> {
        self.recent.iter().rev().copied().find(|&id| self.gender[id].fits(g))
    }

    /// Adds a mention to source `id`.
    pub(crate) fn mention(&mut self, id: usize, span: Span) {
        if let (Some(s), Some(l)) = (self.sources.get_mut(id), self.latest.get_mut(id)) {
            s.mentions.push(span);
            *l = (*l).max(span.start);
        }
    }

    /// No sources yet.
    pub(crate) fn new(german: bool) -> Self {
        Entities { german, ..Entities::default() }
    }

    /// Whether a one-word "name" not known as a surname is an English plural noun that names
    /// a group (*Forecasters*, *Investigators*), not a person.
    fn plural_noun(&self, text: &str, name: Span) -> bool {
        const ENDS: [&str; 9] = ["ers", "ors", "ists", "ants", "ents", "ians", "ics", "ives", "ees"];
        let w = name.slice(text);
        !self.german
            && !w.contains(' ')
            && w.is_ascii()
            && ENDS.iter().any(|e| w.ends_with(e))
            && !self.persons.contains_key(w)
    }

    /// The source a speaker refers to, creating it if needed.
    pub(crate) fn resolve(&mut self, text: &'t str, who: Speaker) -> Option<usize> {
        match who {
            Speaker::Nobody => None,
            Speaker::Pronoun(span) => {
                // The most recent person the pronoun fits (*sie* after *Anna Roth*, not after
                // *Herr Kolb*).
                let g = match span.slice(text).to_lowercase().as_str() {
                    "he" | "er" => Gender::Male,
                    "she" | "sie" => Gender::Female,
                    _ => Gender::Unknown,
                };
                if let Some(id) = self.fitting(g) {
                    self.mention(id, span);
                    self.seen_person(id, g);
                    return Some(id);
                }
                // Nobody to refer to in the text: a speaker the text does not name (kind
                // unknown, named by the pronoun itself).
                let id = self.add(span.slice(text), SourceKind::Unknown, span, false);
                self.seen_person(id, g);
                Some(id)
            }
            Speaker::Group(span) => {
                let id = match self.last_group {
                    Some(id) => {
                        self.mention(id, span);
                        id
                    }
                    None => self.add(span.slice(text), SourceKind::Unknown, span, false),
                };
                self.last_group = Some(id);
                Some(id)
            }
            Speaker::Own(span) => {
                if let Some(id) = self.in_quote {
                    self.mention(id, span);
                    return Some(id);
                }
                let key = span.slice(text).to_lowercase();
                if let Some(&id) = self.own.get(&key) {
                    self.mention(id, span);
                    return Some(id);
                }
                let id = self.add(span.slice(text), SourceKind::Unknown, span, false);
                self.own.insert(key, id);
                Some(id)
            }
            Speaker::Named { org: true, name, phrase } => {
                let key = name.slice(text);
                if let Some(id) = lookup(&self.orgs, key) {
                    self.mention(id, phrase);
                    self.last_group = Some(id);
                    return Some(id);
                }
                let id = self.add(key, SourceKind::Organization, phrase, true);
                self.orgs.insert(key, (id as u32, 0));
                self.last_group = Some(id);
                Some(id)
            }
            Speaker::Named { org: false, name, phrase } if self.plural_noun(text, name) => self
                .resolve(text, Speaker::Role { role: RoleKind::Vague, definite: false, phrase, noun: name }),
            Speaker::Named { org: false, name, phrase } => {
                let name_text = name.slice(text);
                let surname = name_text.rsplit(' ').next().unwrap_or(name_text);
                let id = if let Some(id) = lookup(&self.persons, surname) {
                    self.mention(id, name);
                    id
                } else if let Some(id) = self.placeholder.take() {
                    self.mention(id, name);
                    self.sources[id].name.clear();
                    self.named[id] = true;
                    self.persons.insert(surname, (id as u32, 0));
                    id
                } else {
                    let id = self.add(name_text, SourceKind::Person, name, true);
                    self.persons.insert(surname, (id as u32, 0));
                    id
                };
                let current = &mut self.sources[id].name;
                if current.is_empty() || name_text.split(' ').count() > current.split(' ').count() {
                    *current = name_text.to_string();
                }
                let g = gender_of(text, phrase, Some(name), self.german);
                self.seen_person(id, g);
                Some(id)
            }
            Speaker::Role { role: RoleKind::Person, definite: true, phrase, .. } => {
                let g = gender_of(text, phrase, None, self.german);
                if let Some(id) = self.fitting(g).or(self.placeholder) {
                    self.mention(id, phrase);
                    self.seen_person(id, g);
                    return Some(id);
                }
                let id = self.add(phrase.slice(text), SourceKind::Person, phrase, false);
                self.placeholder = Some(id);
                self.seen_person(id, g);
                Some(id)
            }
            Speaker::Role { role, phrase, noun, .. } => {
                let org = role == RoleKind::Org;
                let key = noun.slice(text);
                let map = if org { &self.orgs } else { &self.vague };
                if let Some(id) = lookup(map, key) {
                    self.mention(id, phrase);
                    self.last_group = Some(id);
                    return Some(id);
                }
                let kind = if org { SourceKind::Organization } else { SourceKind::Vague };
                let id = self.add(phrase.slice(text), kind, phrase, false);
                let map = if org { &mut self.orgs } else { &mut self.vague };
                map.insert(key, (id as u32, 0));
                self.last_group = Some(id);
                Some(id)
            }
        }
    }

    /// The sources in order of first mention, with the new id of each old one. Every further
    /// mention of a person's surname in the text is added, and the fullest name seen (*Frederic
    /// Spohr* in a later line for *Spohr*).
    pub(crate) fn finish(mut self, text: &str, all: &[Token], lex: &Lex<'_>) -> (Vec<Source>, Vec<usize>) {
        let mut surnames: HashMap<&str, u32, Fx> = HashMap::default();
        // A word is looked up only if its signature (first and last byte, length) is a
        // surname's: one bit in 64 Ki (8 KB, made with the first surname: most short texts
        // have none), so that few words that are no surname get as far as the hash table.
        let mut signatures: Vec<u64> = Vec::new();
        for (id, s) in self.sources.iter().enumerate() {
            if s.kind == SourceKind::Person && self.named[id] {
                if let Some(last) = s.name.rsplit(' ').next().filter(|l| !l.is_empty()) {
                    surnames.insert(last, id as u32);
                    if signatures.is_empty() {
                        signatures = vec![0u64; 1 << 10];
                    }
                    let g = signature(last.as_bytes());
                    signatures[g / 64] |= 1 << (g % 64);
                }
            }
        }
        let mut found: Vec<Vec<Span>> = vec![Vec::new(); self.sources.len()];
        let mut fuller: Vec<Option<Span>> = vec![None; self.sources.len()];
        if !surnames.is_empty() {
            let mut prev: Option<Span> = None;
            let bytes = text.as_bytes();
            for w in words(text, all) {
                let g = signature(&bytes[w.start..w.end]);
                let maybe = signatures[g / 64] & (1 << (g % 64)) != 0;
                if let Some(id) = maybe.then(|| surnames.get(w.slice(text)).map(|&id| id as usize)).flatten()
                {
                    let mut mention = w;
                    if let Some(p) = prev.filter(|p| &text[p.end..w.start] == " ") {
                        let pw = p.slice(text);
                        let pl = pw.to_lowercase();
                        if pw.chars().next().is_some_and(char::is_uppercase)
                            && !lex.function_word(&pl)
                            && !lex.is(const { bit("title") }, &pl)
                            && lex.role(&pl).is_none()
                        {
                            mention = Span::new(p.start, w.end);
                            fuller[id].get_or_insert(mention);
                        }
                    }
                    found[id].push(mention);
                }
                prev = Some(w);
            }
        }
        let mut order: BTreeMap<usize, usize> = BTreeMap::new();
        for (id, s) in self.sources.iter_mut().enumerate() {
            if let Some(f) = fuller[id] {
                let full = f.slice(text);
                if full.split(' ').count() > s.name.split(' ').count() {
                    s.name = full.to_string();
                }
            }
            crate::sort::sort_by_key(&mut s.mentions, |m| (m.start, m.end, 0));
            s.mentions = merge(&s.mentions, &found[id]);
            let mut first = s.mentions.first().map_or(usize::MAX, |m| m.start);
            while order.contains_key(&first) {
                first = first.wrapping_add(1);
            }
            order.insert(first, id);
        }
        let mut new_ids = vec![0; self.sources.len()];
        let mut slots: Vec<Option<Source>> = self.sources.into_iter().map(Some).collect();
        let mut sources = Vec::with_capacity(slots.len());
        for &old in order.values() {
            if let Some(mut s) = slots.get_mut(old).and_then(Option::take) {
                new_ids[old] = sources.len();
                s.id = sources.len();
                sources.push(s);
            }
        }
        (sources, new_ids)
    }
}

/// A 16-bit signature of a word (not empty) for [`Entities::finish`]'s surname filter: its first
/// and last byte and its length, mixed.
#[inline]
fn signature(w: &[u8]) -> usize {
    let (first, last) = (w.first().copied().unwrap_or(0), w.last().copied().unwrap_or(0));
    let key = u32::from(first) | u32::from(last) << 8 | (w.len().min(255) as u32) << 16;
    (key.wrapping_mul(0x9E37_79B1) >> 16) as usize
}

/// The mentions of `a` (in the order found; one that goes back is dropped) and `b` (sorted),
/// as one sorted list, overlapping mentions joined.
fn merge(a: &[Span], b: &[Span]) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    loop {
        let next = match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) if x.start <= y.start => {
                i += 1;
                *x
            }
            (_, Some(y)) => {
                j += 1;
                *y
            }
            (Some(x), None) => {
                i += 1;
                *x
            }
            (None, None) => break,
        };
        match out.last_mut() {
            Some(k) if k.overlaps(&next) || next.start == k.start => *k = k.cover(&next),
            Some(k) if next.start < k.start => {}
            _ => out.push(next),
        }
    }
    out
}

/// The words of the text (tokens joined by inner hyphens and apostrophes: *Widmann-Mauz*,
/// *O'Brien*), in order.
fn words<'a>(text: &'a str, all: &'a [Token]) -> impl Iterator<Item = Span> + 'a {
    let bytes = text.as_bytes();
    let joiner = move |t: &Token| matches!(&bytes[t.span.start..t.span.end], b"-" | b"'" | b"\xE2\x80\x99");
    let mut k = 0;
    std::iter::from_fn(move || {
        while k < all.len() && all[k].kind == TokenKind::Punct {
            k += 1;
        }
        let first = all.get(k)?;
        let mut span = first.span;
        k += 1;
        while k + 1 < all.len()
            && all[k].span.start == span.end
            && all[k + 1].span.start == all[k].span.end
            && joiner(&all[k])
            && all[k + 1].kind != TokenKind::Punct
        {
            span = Span::new(span.start, all[k + 1].span.end);
            k += 2;
        }
        Some(span)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`Lexicon::role`] as it was written first: a hash lookup of every suffix as long as some
    /// role noun is.
    fn role_by_lookups(lex: &Lexicon, low: &str) -> Option<Role> {
        const PERSON: u32 = bit("person");
        const ORG: u32 = bit("org");
        const VAGUE: u32 = bit("vague");
        let whole = lex.bits(low);
        if whole & VAGUE != 0 {
            return Some(Role::Vague);
        }
        if !lex.german {
            return lex.role(low);
        }
        let (mut person, mut org, mut vague) = (false, false, false);
        for (i, _) in low.char_indices() {
            let len = low.len() - i;
            if i > 0 && (len >= 64 || lex.role_lens & (1u64 << len) == 0) {
                continue;
            }
            let b = if i == 0 { whole } else { lex.bits(&low[i..]) };
            person |= b & PERSON != 0;
            org |= b & ORG != 0;
            vague |= i > 2 && b & VAGUE != 0 && low[i..].chars().count() >= 6;
        }
        Role::of(person, org, vague)
    }

    /// The walk back through the role-noun trie finds what a lookup of every suffix finds: on
    /// every list word, and on compounds of each with words before it (also one ending in a
    /// character of several bytes) and cut at every character.
    #[test]
    fn role_nouns_at_the_end_of_compounds_as_by_lookups() {
        let lex = Lexicon::get(Language::German);
        let mut words: Vec<String> = Vec::new();
        for line in DE.lines() {
            let Some((_, rest)) = line.split_once(':') else { continue };
            for w in rest.split_whitespace() {
                let w = w.split(['/', '_']).next().unwrap_or(w).to_lowercase();
                for before in
                    ["", "polizei", "energie", "ab", "sicherheits", "xyz", "präsidentschafts", "ü", "ß"]
                {
                    let compound = format!("{before}{w}");
                    for (i, _) in compound.char_indices() {
                        words.push(compound[i..].to_string());
                    }
                    words.push(format!("{compound}s"));
                }
            }
        }
        assert!(words.len() > 10_000, "{}", words.len());
        let mut found = [0usize; 3];
        for w in &words {
            let role = lex.role(w);
            assert_eq!(role, role_by_lookups(lex, w), "{w}");
            if let Some(r) = role {
                found[r as usize] += 1;
            }
        }
        // (The test sees every kind of role.)
        assert!(found.iter().all(|&n| n > 100), "{found:?}");
    }
}
