#!/usr/bin/env node
// Memory, in two parts. A measurement, not a test (tests/node/memory.test.mjs is the test).
//
//   node benches/memory.mjs [--mb 100]
//
// 1. Peak RSS of the release CLI, `hedgemark analyze --jsonl`, on JSONL of 10 MB and of 100 MB
//    (--mb: the larger size): documents of 1 to 12 paragraphs of the German and English bench
//    texts (benches/analyze.rs's generator, written by benches/native.rs), one
//    {"id","text"} a line, round after round of the 20 MB of bench text until the size is
//    reached, in a temporary directory. Measured with /usr/bin/time -v ("Maximum resident set
//    size"), or, without it, by reading VmHWM of /proc/PID/status while the CLI runs. --jsonl
//    streams, so the peak should not grow with the input.
// 2. The package's WebAssembly memory (memory.buffer.byteLength of its instance) over 1,000
//    analyses of different texts: slices of 1 KB to 60 KB of the 1 MB bench texts at varying
//    offsets, both languages. It grows to what the largest analysis needs, then stays.

import { spawn, spawnSync } from "node:child_process";
import { createWriteStream, existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

import { benchTexts, cli, machine, ROOT, scratchDir, table } from "./support/bench.mjs";

const args = process.argv.slice(2);
const mbArg = args.find((a) => a.startsWith("--mb"));
const bigMb = mbArg ? Number(mbArg.includes("=") ? mbArg.slice(5) : args[args.indexOf(mbArg) + 1]) : 100;
if (!(bigMb > 0)) throw new Error("bad --mb");
const MB = 1_000_000;

const dir = scratchDir();
const texts = benchTexts(dir);
const big = texts.filter((t) => t.label === "10MB");

/** Writes JSONL of at least `bytes` bytes to `path`: documents of 1–12 paragraphs. */
async function writeJsonl(path, bytes) {
  const out = createWriteStream(path);
  const docs = [];
  let seed = 7;
  const below = (n) => {
    seed ^= seed << 13;
    seed >>>= 0;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    seed >>>= 0;
    return seed % n;
  };
  for (const t of big) {
    const paras = t.text.split("\n\n");
    for (let i = 0; i < paras.length; ) {
      const n = 1 + below(12);
      docs.push(paras.slice(i, i + n).join("\n\n"));
      i += n;
    }
  }
  let written = 0;
  let lines = 0;
  for (let round = 0; written < bytes; round++) {
    for (let i = 0; i < docs.length && written < bytes; i++) {
      const line = `${JSON.stringify({ id: `r${round}-d${i}`, text: docs[i] })}\n`;
      written += Buffer.byteLength(line);
      lines++;
      if (!out.write(line)) await new Promise((r) => out.once("drain", r));
    }
  }
  await new Promise((r) => out.end(r));
  return { path, bytes: statSync(path).size, lines };
}

/** Peak RSS (KiB) and wall time (s) of `hedgemark analyze --jsonl FILE > /dev/null`. */
async function peakRss(bin, file) {
  if (existsSync("/usr/bin/time")) {
    const t0 = performance.now();
    const run = spawnSync("/usr/bin/time", ["-v", bin, "analyze", "--jsonl", file], {
      encoding: "utf8",
      stdio: ["ignore", "ignore", "pipe"],
      maxBuffer: 1 << 26,
    });
    const seconds = (performance.now() - t0) / 1000;
    if (run.status !== 0) throw new Error(`${bin} analyze --jsonl ${file} failed (${run.status}):\n${run.stderr}`);
    const kib = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr)?.[1]);
    return { kib, seconds, how: "/usr/bin/time -v" };
  }
  // No /usr/bin/time: VmHWM (the peak so far) of the running process, read every 20 ms.
  const t0 = performance.now();
  const child = spawn(bin, ["analyze", "--jsonl", file], { stdio: ["ignore", "ignore", "inherit"] });
  let kib = 0;
  const poll = setInterval(() => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
      if (m) kib = Math.max(kib, Number(m[1]));
    } catch {
      // gone
    }
  }, 20);
  const code = await new Promise((r) => child.on("exit", r));
  clearInterval(poll);
  if (code !== 0) throw new Error(`${bin} analyze --jsonl ${file} failed (${code})`);
  return { kib, seconds: (performance.now() - t0) / 1000, how: "VmHWM of /proc/PID/status, polled" };
}

const bin = cli();
const rows = [];
let how = "";
for (const mb of [...new Set([10, bigMb])].sort((a, b) => a - b)) {
  const file = await writeJsonl(join(dir, `corpus-${mb}MB.jsonl`), mb * MB);
  const r = await peakRss(bin, file.path);
  how = r.how;
  rows.push([
    `${mb} MB`,
    file.bytes.toLocaleString("en"),
    file.lines.toLocaleString("en"),
    (r.kib / 1024).toFixed(1),
    r.seconds.toFixed(1),
    (file.bytes / 1024 / 1024 / r.seconds).toFixed(1),
  ]);
}

// --- The wasm memory.
const { analyze } = await import("hedgemark");
const glue = await import(join(ROOT, "pkg/hedgemark.js"));
const memory = () => glue.initSync().memory.buffer.byteLength;
const sources = texts.filter((t) => t.label === "1MB").map((t) => t.text);
let seed = 12345;
const below = (n) => {
  seed ^= seed << 13;
  seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  seed >>>= 0;
  return seed % n;
};
const checkpoints = [0, 1, 10, 100, 200, 500, 1000];
const wasm = [[0, memory()]];
let analysedBytes = 0;
const t0 = performance.now();
for (let i = 1; i <= 1000; i++) {
  const src = sources[i % 2];
  const len = [1000, 5000, 20000, 60000][below(4)] + below(1000);
  const start = below(src.length - len);
  const text = src.slice(start, start + len);
  analysedBytes += Buffer.byteLength(text);
  analyze(text);
  if (checkpoints.includes(i)) wasm.push([i, memory()]);
}
const wasmSeconds = (performance.now() - t0) / 1000;

console.log(`hedgemark memory: ${machine()}\n`);
console.log(`Peak RSS of ${bin.startsWith(ROOT) ? bin.slice(ROOT.length) : bin} analyze --jsonl (${how}):\n`);
console.log(table(["input", "bytes", "documents", "peak RSS MiB", "wall s", "MiB/s"], rows));
console.log(
  `\nWasm memory (memory.buffer.byteLength of the package's instance) over 1,000 analyses of different texts ` +
    `(${(analysedBytes / 1024 / 1024).toFixed(1)} MiB in all, ${wasmSeconds.toFixed(1)} s):\n`,
);
const wasmRows = wasm.map(([n, b]) => [String(n), b.toLocaleString("en"), (b / 1024 / 1024).toFixed(2), String(b / 65536)]);
console.log(table(["analyses", "bytes", "MiB", "64 KiB pages"], wasmRows));
const after200 = wasm.find(([n]) => n === 200)[1];
const after1000 = wasm.at(-1)[1];
console.log(
  `\nfrom the 200th to the 1,000th analysis: ${after1000 === after200 ? "no growth" : `+${after1000 - after200} bytes`}`,
);
