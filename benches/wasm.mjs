#!/usr/bin/env node
// The npm package's analyze() in Node (WebAssembly) against the engine compiled natively, on the
// same bytes: the bench texts of benches/analyze.rs (German and English, 1 KB … 10 MB), written
// to a temporary directory by the native driver (benches/native.rs). A measurement, not a test.
//
//   node benches/wasm.mjs [--sizes 1KB,100KB,1MB,10MB] [--lang de,en]
//
// Needs the built package (bash scripts/build-wasm.sh); builds the native driver with
// `cargo bench --bench native` (the release profile) if it is not built. The native timings run
// first, in a child process, then the wasm ones in this process: one after the other, never at
// the same time. Both are the median time of one call (batches of calls of at least 20 ms). See
// benches/README.md for how to read the table.

import { existsSync } from "node:fs";
import { join } from "node:path";

import { benchTexts, budgetFor, fmt, LABELS, machine, medianMs, mibPerS, nativeTimes, ROOT, table } from "./support/bench.mjs";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (i < 0) return fallback;
  return (args[i].includes("=") ? args[i].slice(name.length + 1) : args[i + 1]).split(",");
};
const sizes = option("--sizes", LABELS);
const langs = option("--lang", ["de", "en"]);

if (!existsSync(join(ROOT, "pkg/hedgemark_bg.wasm"))) {
  console.error("wasm.mjs: pkg/hedgemark_bg.wasm is missing: build it first with `bash scripts/build-wasm.sh`");
  process.exit(1);
}
const { analyze } = await import("hedgemark");

const texts = benchTexts().filter((t) => sizes.includes(t.label) && langs.includes(t.lang));
const natives = nativeTimes(texts.map((t) => t.path));

const rows = [];
for (const t of texts) {
  const n = natives[t.path];
  const result = analyze(t.text);
  if (result.language !== t.lang) throw new Error(`${t.path}: detected as ${result.language}`);
  if (result.hedges.length !== n.hedges) {
    throw new Error(`${t.path}: wasm found ${result.hedges.length} hedges, native ${n.hedges}`);
  }
  const ms = medianMs(() => analyze(t.text), budgetFor(t.bytes));
  const wasm = mibPerS(t.bytes, ms);
  rows.push([
    `${t.lang}/${t.label}`,
    t.bytes.toLocaleString("en"),
    String(n.hedges),
    fmt(n.analyze_ms, 3),
    fmt(n.analyze_mib_s),
    fmt(n.analyze_json_mib_s),
    fmt(ms, 3),
    fmt(wasm),
    fmt(n.analyze_mib_s / wasm, 2),
    fmt(n.analyze_json_mib_s / wasm, 2),
  ]);
}

console.log(`hedgemark: wasm (npm package in Node) vs native, ${machine()}\n`);
console.log(
  table(
    [
      "text",
      "bytes",
      "hedges",
      "native ms",
      "native MiB/s",
      "native+JSON MiB/s",
      "wasm ms",
      "wasm MiB/s",
      "native/wasm",
      "native+JSON/wasm",
    ],
    rows,
  ),
);
console.log(
  "\nnative: analyze() alone (the criterion figure); native+JSON: analyze() and the hedgemark/1 JSON " +
    "(what the CLI does). wasm: the package's analyze(text), which also passes the string in and builds " +
    "the result object in JavaScript. Ratios > 1: native is that many times faster. Medians of one call.",
);
