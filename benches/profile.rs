//! A profiling driver, not a criterion benchmark: analyses the files named on the command line
//! (each `runs` times, default 1) so that a profiler sees only `hedgemark::analyze`.
//!
//! ```sh
//! cargo bench --bench profile --no-run       # prints the path of the binary
//! valgrind --tool=callgrind target/release/deps/profile-… /tmp/de-1m.txt
//! ```
//!
//! `HEDGEMARK_RUNS=5` repeats each analysis; the sum of hedges found is printed so that the work
//! is not optimised away. Without files it does nothing, so `cargo bench` runs it harmlessly.
//! `HEDGEMARK_LAYERS=1` prints the wall time of the layers instead (best of the runs): language,
//! sentences, hedge rules (`explain` less the two), and the rest of `analyze` (overlaps, sources);
//! last, the tokenizer on its own (part of the hedge rules figure), and the mean time of
//! `analyze` over the runs: the best run can miss costs that most runs pay (page faults on
//! memory the allocator gave back to the system between runs), the mean does not.

use std::time::{Duration, Instant};

use hedgemark::{analyze, explain, text, Options};

/// The shortest of `runs` timings of `f`.
fn best<T>(runs: usize, f: impl FnMut() -> T) -> Duration {
    timings(runs, f).0
}

/// The shortest and the mean of `runs` timings of `f`.
fn timings<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, Duration) {
    let all: Vec<Duration> = (0..runs.max(1))
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed()
        })
        .collect();
    let sum: Duration = all.iter().sum();
    (all.iter().copied().min().unwrap_or_default(), sum / all.len() as u32)
}

fn main() {
    let runs: usize = std::env::var("HEDGEMARK_RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(1);
    let layers = std::env::var_os("HEDGEMARK_LAYERS").is_some();
    let mut found = 0usize;
    for path in std::env::args().skip(1).filter(|a| !a.starts_with("--")) {
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        if layers {
            let o = Options::default();
            let lang = text::language::detect(&text);
            let ms = |d: Duration| d.as_secs_f64() * 1000.0;
            let detect = best(runs, || text::language::detect(&text));
            let split = best(runs, || text::sentence::split(&text, lang));
            let sentences = text::sentence::split(&text, lang);
            let tokens = best(runs, || text::token::tokenize_sentences(&text, &sentences));
            let explained = best(runs, || explain(&text, &o));
            let (all, mean) = timings(runs, || analyze(&text, &o));
            println!(
                "{path}: language {:.3} ms, sentences {:.3} ms, hedge rules {:.3} ms, rest {:.3} ms, analyze {:.3} ms \
                 (hedge rules include tokens {:.3} ms); analyze mean {:.3} ms",
                ms(detect),
                ms(split),
                ms(explained.saturating_sub(detect + split)),
                ms(all.saturating_sub(explained)),
                ms(all),
                ms(tokens),
                ms(mean)
            );
            continue;
        }
        for _ in 0..runs {
            let a = analyze(std::hint::black_box(&text), &Options::default());
            found += a.hedges.len() + a.sentences.len() + a.attributions.len();
        }
    }
    println!("{found}");
}
