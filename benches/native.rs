//! A driver for the benchmarks outside criterion, not a criterion benchmark itself:
//!
//! ```sh
//! cargo bench --bench native -- write DIR        # the bench texts as files, for the Node benchmarks
//! cargo bench --bench native -- time FILE...     # native analyze() on those files, one JSON line each
//! cargo bench --bench native -- smoke            # the quick speed check of scripts/test.sh
//! cargo bench --bench native -- worst            # pathological inputs of 10 MB vs news text
//! ```
//!
//! `write` writes `de-1KB.txt` … `en-10MB.txt` (the texts of `benches/analyze.rs`, byte for byte:
//! `benches/support/texts.rs`), so that `benches/wasm.mjs` and `benches/peers.mjs` analyse the
//! same bytes as the criterion benchmark. `time` prints, per file, the median time of one
//! `analyze` (language detected, as users do) and of `analyze` plus the hedgemark/1 JSON (what the
//! CLI does), and the throughput in MiB/s. `smoke` compares `analyze` with a plain scan of the
//! same bytes in the same run and fails only if the ratio is grossly off (see [`smoke`]).
//! Without a command it does nothing, so `cargo bench` and `cargo test --all-targets` (which
//! runs it unoptimised) run it harmlessly: nothing here is a timed test of the debug build.

use std::hint::black_box;
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use hedgemark::{analyze, Language, Options};

#[path = "support/hostile.rs"]
mod hostile;
#[path = "support/texts.rs"]
mod texts;
use texts::{news_text, ENGLISH, GERMAN, MB, SIZES};

/// The median time of one call of `f`: calls are grouped in batches of at least ~20 ms (one
/// call a batch for slow ones), and batches run until `budget` is spent (at least `min_batches`).
fn median_time<T>(budget: Duration, min_batches: usize, mut f: impl FnMut() -> T) -> Duration {
    let t = Instant::now();
    black_box(f()); // warm-up, and a first estimate
    let once = t.elapsed().max(Duration::from_nanos(1));
    let per_batch = (Duration::from_millis(20).as_nanos() / once.as_nanos()).clamp(1, 1_000_000) as u32;
    let mut times = Vec::new();
    let start = Instant::now();
    while times.len() < min_batches || start.elapsed() < budget {
        let t = Instant::now();
        for _ in 0..per_batch {
            black_box(f());
        }
        times.push(t.elapsed() / per_batch);
    }
    times.sort();
    times[times.len() / 2]
}

fn mib_per_s(bytes: usize, d: Duration) -> f64 {
    bytes as f64 / (1024.0 * 1024.0) / d.as_secs_f64()
}

fn write(dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for (code, articles) in [("de", &GERMAN), ("en", &ENGLISH)] {
        for (label, size) in SIZES {
            let path = dir.join(format!("{code}-{label}.txt"));
            std::fs::write(&path, news_text(articles, size))
                .map_err(|e| format!("{}: {e}", path.display()))?;
            println!("{}", path.display());
        }
    }
    Ok(())
}

fn time(files: &[String]) -> Result<(), String> {
    for path in files {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
        let options = Options::default();
        // Big inputs: a few calls; small ones: about a second of calls.
        let (budget, batches) =
            if text.len() >= MB { (Duration::from_secs(2), 3) } else { (Duration::from_secs(1), 5) };
        let analysis = analyze(&text, &options);
        let only = median_time(budget, batches, || analyze(black_box(&text), &options));
        let json = median_time(budget, batches, || {
            let a = analyze(black_box(&text), &options);
            serde_json::to_string(&a.document(&text)).expect("serialisable").len()
        });
        println!(
            "{{\"file\":{},\"bytes\":{},\"language\":\"{}\",\"hedges\":{},\"analyze_ms\":{:.4},\"analyze_mib_s\":{:.2},\
             \"analyze_json_ms\":{:.4},\"analyze_json_mib_s\":{:.2}}}",
            serde_json::to_string(path).expect("a string"),
            text.len(),
            analysis.language.code(),
            analysis.hedges.len(),
            only.as_secs_f64() * 1000.0,
            mib_per_s(text.len(), only),
            json.as_secs_f64() * 1000.0,
            mib_per_s(text.len(), json),
        );
    }
    Ok(())
}

/// The plain scan `analyze` is compared with: every `char` of the text decoded and classified
/// (letters, digits, white space counted), what any tokenizer has to do at least. It does about
/// a nanosecond of work per byte, so the ratio says how much more `analyze` does per byte.
fn scan(text: &str) -> usize {
    let (mut letters, mut digits, mut spaces) = (0usize, 0usize, 0usize);
    for c in text.chars() {
        if c.is_alphabetic() {
            letters += 1;
        } else if c.is_numeric() {
            digits += 1;
        } else if c.is_whitespace() {
            spaces += 1;
        }
    }
    letters ^ (digits << 20) ^ (spaces << 40)
}

/// The largest ratio of `analyze` time to [`scan`] time that passes. Measured on the 2-core
/// machine this was written on: about 19–20 for both languages (the figure is printed on every
/// run). A bound this generous fails only on a gross regression (ten times slower: something
/// quadratic, a per-token allocation storm), never on noise or a slower machine: both sides run
/// on the same machine in the same second. `HEDGEMARK_SMOKE_MAX_RATIO=5` shows it failing.
const MAX_RATIO: f64 = 200.0;

/// The speed check of `scripts/test.sh`: 1 MB of German and 1 MB of English bench text, the
/// median of a few `analyze` calls against the median of [`scan`] of the same bytes.
fn smoke() -> Result<(), String> {
    let bound = match std::env::var("HEDGEMARK_SMOKE_MAX_RATIO") {
        Ok(v) => v.parse::<f64>().map_err(|_| format!("HEDGEMARK_SMOKE_MAX_RATIO={v}: not a number"))?,
        Err(_) => MAX_RATIO,
    };
    let mut worst = 0.0f64;
    for (language, articles) in [(Language::German, &GERMAN), (Language::English, &ENGLISH)] {
        let text = news_text(articles, MB);
        let options = Options::default();
        if analyze(&text, &options).language != language {
            return Err(format!("the 1 MB {} text is not detected as such", language.code()));
        }
        // Interleaved, so that a burst of load from elsewhere hits both sides alike.
        let mut ratios = Vec::new();
        let mut last = (Duration::ZERO, Duration::ZERO);
        for _ in 0..3 {
            let a = median_time(Duration::from_millis(150), 3, || analyze(black_box(&text), &options));
            let s = median_time(Duration::from_millis(50), 5, || scan(black_box(&text)));
            ratios.push(a.as_secs_f64() / s.as_secs_f64());
            last = (a, s);
        }
        ratios.sort_by(f64::total_cmp);
        let ratio = ratios[1];
        println!(
            "smoke {}/1MB: analyze {:.1} ms ({:.1} MiB/s), plain scan {:.2} ms; analyze / scan = {:.1} (bound {bound})",
            language.code(),
            last.0.as_secs_f64() * 1000.0,
            mib_per_s(text.len(), last.0),
            last.1.as_secs_f64() * 1000.0,
            ratio,
        );
        worst = worst.max(ratio);
    }
    if worst > bound {
        return Err(format!(
            "analyze took {worst:.0} times as long as a plain scan of the same text (bound {bound}): a gross \
             speed regression"
        ));
    }
    worst_cases(MB)
}

/// The largest ratio of the time per byte of a pathological input ([`hostile::inputs`]) to the
/// time per byte of news text that passes. Measured on the 2-core machine this was written on:
/// 0.2–4 at 1 MB, 0.1–1.7 at 10 MB (the figures are printed on every run). Before sentences
/// were capped at `MAX_SENTENCE` bytes and the sources rules bounded their look-back, straight
/// quotation marks (`"a" sagte er …`) cost 66 times as much per byte and grew with the square
/// of the length; the bound catches any such rule again.
const MAX_WORST_FACTOR: f64 = 10.0;

/// The worst-case check: each pathological input of `size` bytes against German news text of
/// the same size, in the same run, as a ratio of time per byte.
fn worst_cases(size: usize) -> Result<(), String> {
    let bound = match std::env::var("HEDGEMARK_WORST_MAX_FACTOR") {
        Ok(v) => v.parse::<f64>().map_err(|_| format!("HEDGEMARK_WORST_MAX_FACTOR={v}: not a number"))?,
        Err(_) => MAX_WORST_FACTOR,
    };
    let news = news_text(&GERMAN, size);
    let options = Options::default();
    let per_byte = |text: &str| {
        median_time(Duration::from_millis(100), 3, || analyze(black_box(text), &options)).as_secs_f64()
            / text.len() as f64
    };
    let base = per_byte(&news);
    let mut failed = Vec::new();
    for (name, text) in hostile::inputs(size) {
        let factor = per_byte(&text) / base;
        println!(
            "worst case {name} ({} KB): {factor:.2} times the time per byte of news text (bound {bound})",
            text.len() / 1024
        );
        if factor > bound {
            failed.push(format!("{name}: {factor:.1}"));
        }
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "pathological inputs over {bound} times the cost per byte of news text: {}",
            failed.join(", ")
        ))
    }
}

fn main() -> ExitCode {
    // `cargo bench` passes `--bench`; options of the harness are ignored.
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    // Anything else (`cargo test --all-targets -- FILTER` passes its filter) does nothing.
    let result = match args.first().map(String::as_str) {
        Some("write") if args.len() == 2 => write(Path::new(&args[1])),
        Some("time") if args.len() >= 2 => time(&args[1..]),
        Some("smoke") if args.len() == 1 => smoke(),
        Some("worst") if args.len() == 1 => worst_cases(10 * MB),
        Some("write" | "time" | "smoke" | "worst") => {
            Err("usage: native write DIR | native time FILE... | native smoke | native worst".to_string())
        }
        _ => Ok(()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("native: {e}");
            ExitCode::FAILURE
        }
    }
}
