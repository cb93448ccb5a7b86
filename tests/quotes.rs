//! Runs the examples of the speech-frame data (`src/lexicon/<lang>/speech.txt`): each `fires`
//! text must give a direct quotation with the named speaker (`-`: none), each `not` text none.

use hedgemark::{analyze, AttributionType, Language, Options};

fn check(lang: Language, data: &str) -> usize {
    let options = Options::with_language(Some(lang));
    let mut checked = 0;
    for line in data.lines() {
        let Some((key, rest)) = line.split_once(':') else { continue };
        match key {
            "fires" => {
                let (text, want) = rest.rsplit_once("=>").expect("fires: <text> => <speaker>");
                let (text, want) = (text.trim(), want.trim());
                let a = analyze(text, &options);
                let direct: Vec<_> =
                    a.attributions.iter().filter(|t| t.kind == AttributionType::Direct).collect();
                assert!(!direct.is_empty(), "{lang:?}: no quotation in {text:?}");
                let got = direct[0].source.map_or("-", |id| a.sources[id].name.as_str());
                assert_eq!(got, want, "{lang:?}: speaker of {text:?}");
                checked += 1;
            }
            "not" => {
                let text = rest.trim();
                let a = analyze(text, &options);
                let n = a.attributions.iter().filter(|t| t.kind == AttributionType::Direct).count();
                assert_eq!(n, 0, "{lang:?}: quotation found in {text:?}");
                checked += 1;
            }
            _ => {}
        }
    }
    checked
}

#[test]
fn german_examples() {
    assert!(check(Language::German, include_str!("../src/lexicon/de/speech.txt")) >= 5);
}

#[test]
fn english_examples() {
    assert!(check(Language::English, include_str!("../src/lexicon/en/speech.txt")) >= 5);
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
