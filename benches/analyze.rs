//! Throughput of [`hedgemark::analyze`] on German and English news-like text of 1 KB, 100 KB,
//! 1 MB and 10 MB. See `benches/README.md` for how to run it and read the figures.
//!
//! The text is built from the sample articles in `tests/articles/`: paragraph after paragraph of
//! the articles of one language, each round with the paragraphs rotated by one and (after the
//! first round) varied: numbers get other digits and most long words a new order of their inner
//! letters, from a fixed seed, so that a big input has many distinct words as real news has
//! (per-word caches miss as they would) and yet is the same on every run; cut to the size on a
//! `char` boundary (`benches/support/texts.rs`, shared with `benches/native.rs`).

use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode, Throughput};
use hedgemark::{analyze, Language, Options};

#[path = "support/texts.rs"]
mod texts;
use texts::{news_text, ENGLISH, GERMAN, MB, SIZES};

fn bench_language(c: &mut Criterion, language: Language, articles: &[&str]) {
    let mut group = c.benchmark_group(format!("analyze/{}", language.code()));
    // Few samples: a 10 MB iteration takes a good fraction of a second.
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    for (label, size) in SIZES {
        let text = news_text(articles, size);
        let options = Options::default(); // detect the language, as users do
        assert_eq!(analyze(&text, &options).language, language, "the {label} text is detected as {language}");
        if size >= MB {
            // The same number of iterations in every sample, instead of 1, 2, … 10 of them.
            group.sampling_mode(SamplingMode::Flat);
            group.measurement_time(Duration::from_secs(if size >= 10 * MB { 10 } else { 3 }));
        } else {
            group.sampling_mode(SamplingMode::Auto);
            group.measurement_time(Duration::from_secs(3));
        }
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(label), &text, |b, text| {
            b.iter(|| analyze(std::hint::black_box(text), &options))
        });
    }
    group.finish();
}

fn analyze_news(c: &mut Criterion) {
    bench_language(c, Language::German, &GERMAN);
    bench_language(c, Language::English, &ENGLISH);
}

criterion_group!(benches, analyze_news);
criterion_main!(benches);
