//! Pathological inputs of a given size, for the worst-case check of `benches/native.rs`
//! (`worst`) and the smoke run: what people paste that is not news. Each is made here, from a
//! fixed seed, the same on every run.

/// A small deterministic generator (xorshift): each call gives a number below `m`.
fn rng(seed: u64) -> impl FnMut(usize) -> usize {
    let mut x = seed;
    move |m: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % m as u64) as usize
    }
}

/// `size` bytes (cut on a character boundary) of pieces drawn from `pick`, joined by `sep`.
fn fill(size: usize, sep: &str, mut pick: impl FnMut() -> String) -> String {
    let mut out = String::with_capacity(size + 64);
    while out.len() < size {
        out.push_str(&pick());
        out.push_str(sep);
    }
    let mut end = size.min(out.len());
    while !out.is_char_boundary(end) {
        end -= 1;
    }
    out.truncate(end);
    out
}

/// Words that set rules off, in both languages: speech verbs, markers, pronouns, modals.
const CUES: &[&str] = &[
    "sagte",
    "laut",
    "zufolge",
    "soll",
    "sei",
    "habe",
    "könnte",
    "er",
    "sie",
    "der",
    "Experte",
    "Angaben",
    "und",
    "dass",
    "said",
    "according",
    "to",
    "reportedly",
    "may",
    "officials",
    "she",
    "the",
    "that",
    "told",
    "Sprecher",
    "Ministerium",
];

/// The inputs, by name: `(name, text)`, each about `size` bytes.
pub fn inputs(size: usize) -> Vec<(&'static str, String)> {
    let mut r = rng(0x9E37_79B9_7F4A_7C15);
    let mut v = Vec::new();
    // One line of cue words without a full stop (a run-on "sentence" of the whole text).
    v.push(("one line of cue words", fill(size, " ", || CUES[r(CUES.len())].to_string())));
    // Capitalised words without a full stop: every one may be a name.
    const NAMES: &[&str] = &["Müller", "Schmidt", "Smith", "Jones", "Meier", "Berlin", "Frau", "Herr"];
    v.push(("capitalised words", fill(size, " ", || NAMES[r(NAMES.len())].to_string())));
    // Quotation marks of every style, unbalanced, with frames between them.
    const MARKS: &[&str] =
        &["\"", "„", "“", "”", "»", "«", "‚", "‘", "’", "›", "‹", "'", "sagte er:", "said she,"];
    v.push(("mixed quotation marks", fill(size, " ", || format!("{}x", MARKS[r(MARKS.len())]))));
    // Straight quotation marks only: 100,000 and more in 1 MB.
    v.push(("straight quotation marks", fill(size, " ", || "\"a\" sagte er".to_string())));
    // Quotations nested 50 deep, again and again.
    let (open, close) = ("„‚»›\"".repeat(10), "\"‹«‘“".repeat(10));
    v.push(("deeply nested quotations", fill(size, " ", || format!("{open}so der Experte{close}"))));
    // No white space at all.
    v.push(("no white space", fill(size, "", || CUES[r(CUES.len())].to_string())));
    // Only punctuation.
    const PUNCT: &[char] = &['.', ',', ';', ':', '!', '?', '-', '–', '(', ')', '…', '"', '„', '“'];
    v.push(("only punctuation", fill(size, "", || PUNCT[r(PUNCT.len())].to_string())));
    // Emoji with skin tones and joiners, flags, between short words.
    const EMOJI: &[&str] = &["👩🏽‍💻", "🇩🇪", "😀", "👍🏿", "soll", "❤️", "🧑‍🤝‍🧑"];
    v.push(("emoji stream", fill(size, "", || EMOJI[r(EMOJI.len())].to_string())));
    // Right-to-left text with Latin words and marks.
    const RTL: &[&str] = &["مرحبا", "שלום", "\u{202B}", "\u{200F}", "said", "«", "»", "سلام."];
    v.push(("right-to-left text", fill(size, " ", || RTL[r(RTL.len())].to_string())));
    // Markup pasted as text.
    v.push((
        "HTML markup",
        fill(size, "\n", || {
            "<div class=\"a\"><script>alert('x')</script><p>Er soll &amp; „sagte“</p></div>".to_string()
        }),
    ));
    v
}
