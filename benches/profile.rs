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

use hedgemark::{analyze, Options};

fn main() {
    let runs: usize = std::env::var("HEDGEMARK_RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(1);
    let mut found = 0usize;
    for path in std::env::args().skip(1).filter(|a| !a.starts_with("--")) {
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        for _ in 0..runs {
            let a = analyze(std::hint::black_box(&text), &Options::default());
            found += a.hedges.len() + a.sentences.len() + a.attributions.len();
        }
    }
    println!("{found}");
}
