// Shared by the Node benchmarks (benches/*.mjs): the bench texts, written by the native driver
// (benches/native.rs, the same generator as the criterion benchmark), the native timing of
// the same files, a timer, and table formatting. Not a benchmark itself.

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus as cpus_, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const LABELS = ["1KB", "100KB", "1MB", "10MB"];
const MIB = 1024 * 1024;

/** Runs the native driver: `cargo bench --bench native -- ARGS` (builds it first if needed). */
export function native(args) {
  const run = spawnSync("cargo", ["bench", "--quiet", "--locked", "--bench", "native", "--", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 1 << 26,
  });
  if (run.status !== 0) throw new Error(`cargo bench --bench native -- ${args.join(" ")} failed (${run.status})`);
  return run.stdout;
}

/** A temporary directory, removed when the process exits. */
export function scratchDir() {
  const dir = mkdtempSync(join(tmpdir(), "hedgemark-bench-"));
  process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * The bench texts in a temporary directory (or `dir`): { path, lang, label, text, bytes } for
 * de-1KB … en-10MB, the bytes of benches/analyze.rs.
 */
export function benchTexts(dir = scratchDir()) {
  native(["write", dir]);
  const out = [];
  for (const lang of ["de", "en"]) {
    for (const label of LABELS) {
      const path = join(dir, `${lang}-${label}.txt`);
      if (!existsSync(path)) throw new Error(`the native driver wrote no ${path}`);
      const buf = readFileSync(path);
      out.push({ path, lang, label, text: buf.toString("utf8"), bytes: buf.length });
    }
  }
  return out;
}

/** The release CLI (built if it is not up to date): $CARGO_TARGET_DIR/release/hedgemark. */
export function cli() {
  const run = spawnSync("cargo", ["build", "--quiet", "--release", "--locked", "--bin", "hedgemark"], {
    cwd: ROOT,
    stdio: ["ignore", "inherit", "inherit"],
  });
  if (run.status !== 0) throw new Error(`cargo build --release failed (${run.status})`);
  return join(resolve(ROOT, process.env.CARGO_TARGET_DIR || "target"), "release/hedgemark");
}

/** Native analyze() on these files, in a child process: { [path]: {analyze_ms, analyze_json_ms, …} }. */
export function nativeTimes(paths) {
  const out = {};
  for (const line of native(["time", ...paths]).split("\n")) {
    if (!line.trim()) continue;
    const r = JSON.parse(line);
    out[r.file] = r;
  }
  return out;
}

/**
 * The median time in ms of one call of `f`: calls in batches of at least ~20 ms (one call a batch
 * for slow ones), batches until `budgetMs` is spent and at least `minBatches` ran (as
 * benches/native.rs does).
 */
export function medianMs(f, { budgetMs = 1000, minBatches = 5 } = {}) {
  let t = performance.now();
  f(); // warm-up, and a first estimate
  const once = Math.max(performance.now() - t, 1e-6);
  const perBatch = Math.max(1, Math.min(1_000_000, Math.floor(20 / once)));
  const times = [];
  const start = performance.now();
  while (times.length < minBatches || performance.now() - start < budgetMs) {
    t = performance.now();
    for (let i = 0; i < perBatch; i++) f();
    times.push((performance.now() - t) / perBatch);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}

/** The budget for one input: big inputs a few calls, small ones about a second of calls. */
export function budgetFor(bytes) {
  return bytes >= MIB ? { budgetMs: 2000, minBatches: 3 } : { budgetMs: 1000, minBatches: 5 };
}

export const mibPerS = (bytes, ms) => bytes / MIB / (ms / 1000);

export const fmt = (x, digits = 1) => (x == null || Number.isNaN(x) ? "n/a" : x.toFixed(digits));

/** A Markdown table: numbers right-aligned, the first column left-aligned. */
export function table(head, rows) {
  const cells = rows.map((r) => r.map(String));
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i].length)));
  const line = (r) => `| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ")} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : "-".repeat(w + 1) + ":")).join("|")}|`;
  return [line(head), rule, ...cells.map(line)].join("\n");
}

/** A one-line description of the machine, for the header of the output. */
export function machine() {
  const cpus = cpus_();
  return `node ${process.version}, ${cpus.length} CPUs (${cpus[0]?.model?.trim() ?? "unknown"}), load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")}`;
}
