//! Runs the examples of the speech and attribution data (`src/lexicon/<lang>/speech.txt`):
//! each `fires` text must give a direct quotation with the named speaker (`-`: none), or an
//! attribution of the named type, source and content; each `not` text no attribution at all.
//! Every cue entry (a run of lines with one key) must have both kinds of example.

use hedgemark::{analyze, Analysis, AttributionType, Language, Options, SPEECH_CUE_KEYS as CUES};

fn source_name(a: &Analysis, source: Option<usize>) -> &str {
    source.map_or("-", |id| a.sources[id].name.as_str())
}

fn kind_name(kind: AttributionType) -> &'static str {
    match kind {
        AttributionType::Direct => "direct",
        AttributionType::Indirect => "indirect",
        AttributionType::AccordingTo => "according_to",
        AttributionType::Belief => "belief",
        _ => "other",
    }
}

fn fires(lang: Language, text: &str, want: &str) {
    let a = analyze(text, &Options::with_language(Some(lang)));
    let found: Vec<String> = a
        .attributions
        .iter()
        .map(|t| {
            format!(
                "{} | {} | {}",
                kind_name(t.kind),
                source_name(&a, t.source),
                &text[t.content.start..t.content.end]
            )
        })
        .collect();
    if want.contains('|') {
        let want = want.split('|').map(str::trim).collect::<Vec<_>>().join(" | ");
        assert!(found.contains(&want), "{lang:?}: {text:?} should give {want:?}, gave {found:#?}");
    } else {
        let direct: Vec<_> = a.attributions.iter().filter(|t| t.kind == AttributionType::Direct).collect();
        assert!(!direct.is_empty(), "{lang:?}: no quotation in {text:?}");
        assert_eq!(source_name(&a, direct[0].source), want, "{lang:?}: speaker of {text:?}");
    }
}

fn check(lang: Language, data: &str) -> usize {
    let mut checked = 0;
    // The current cue entry: its key and its numbers of `fires` and `not` examples.
    let mut entry: Option<(String, usize, usize, usize)> = None;
    let close = |e: &Option<(String, usize, usize, usize)>| {
        if let Some((key, line, f, n)) = e {
            assert!(
                *f > 0 && *n > 0,
                "{lang:?}: entry `{key}` (line {line}) needs `fires:` and `not:` examples"
            );
        }
    };
    for (no, line) in data.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let Some((key, rest)) = line.split_once(':') else { continue };
        match key {
            "fires" => {
                let (text, want) = rest.rsplit_once("=>").expect("fires: <text> => <expected>");
                fires(lang, text.trim(), want.trim());
                if let Some(e) = entry.as_mut() {
                    e.2 += 1;
                }
                checked += 1;
            }
            "not" => {
                let text = rest.trim();
                let a = analyze(text, &Options::with_language(Some(lang)));
                assert!(
                    a.attributions.is_empty(),
                    "{lang:?}: attribution found in {text:?}: {:?}",
                    a.attributions
                );
                if let Some(e) = entry.as_mut() {
                    e.3 += 1;
                }
                checked += 1;
            }
            key if entry.as_ref().is_some_and(|e| e.0 == key) => {}
            key => {
                close(&entry);
                entry = CUES.contains(&key).then(|| (key.to_string(), no + 1, 0, 0));
            }
        }
    }
    close(&entry);
    checked
}

#[test]
fn german_examples() {
    assert!(check(Language::German, include_str!("../src/lexicon/de/speech.txt")) >= 30);
}

#[test]
fn english_examples() {
    assert!(check(Language::English, include_str!("../src/lexicon/en/speech.txt")) >= 25);
}

#[test]
fn interrupted_quotation_keeps_its_speaker() {
    let text = "„Das ist erst der Anfang“, sagte Kolb, „wir machen weiter.“";
    let a = analyze(text, &Options::with_language(Some(Language::German)));
    assert_eq!(a.attributions.len(), 2);
    assert_eq!(a.attributions[0].source, a.attributions[1].source);
    assert!(a.attributions[0].source.is_some());
}

#[test]
fn full_name_from_a_later_line() {
    let text = "„Das wird noch Jahre dauern“, so Brandt.\n\nZur Person: Lena Brandt forscht in Kiel.";
    let a = analyze(text, &Options::with_language(Some(Language::German)));
    assert_eq!(a.sources.len(), 1);
    assert_eq!(a.sources[0].name, "Lena Brandt");
}
