#!/usr/bin/env node
// hedgemark side by side with the npm packages people use today to flag hedges and weasel words,
// in one run of one script. A measurement, not a test.
//
//   node benches/peers.mjs [--sizes 1KB,100KB,1MB] [--errors]
//
// 1. Speed, on the same English text: the English bench texts of benches/analyze.rs (written by
//    the native driver, benches/native.rs), analysed by
//      - hedgemark: the npm package's analyze(text) (WebAssembly, language detected); and, in a
//        second table, the same engine compiled natively (the command-line tool's), timed by
//        benches/native.rs in a child process before the JavaScript timings;
//      - retext-intensify with unified + retext-english (parse, then the plugin's checks);
//      - write-good with its default checks.
//    Each: the median time of one call; MiB/s of UTF-8 input; how many times faster hedgemark is.
// 2. Finding hedges, on benches/data/hedges-en.txt: a short English news text written for this
//    benchmark with its hedges marked by hand as [[…]] (the cues a reader would not take as the
//    writer's own assertion: hearsay, speculation, belief, evidence gaps, vague sources,
//    approximations; boosters like "clearly", a month "May" or a named source "Moss said" are no
//    hedges). Each tool's flags against those marks, by overlap: precision = flags that overlap a
//    marked hedge / all flags; recall = marked hedges overlapped by a flag / all marked hedges.
//    --errors lists each tool's misses and false alarms.
//
// Needs the built package (bash scripts/build-wasm.sh) and node_modules (npm ci: the peers are
// pinned devDependencies).

import { readFileSync } from "node:fs";
import { join } from "node:path";

import retextEnglish from "retext-english";
import retextIntensify from "retext-intensify";
import { unified } from "unified";
import writeGood from "write-good";

import { benchTexts, fmt, machine, medianMs, mibPerS, nativeTimes, ROOT, table } from "./support/bench.mjs";

const args = process.argv.slice(2);
const sizesArg = args.find((a) => a.startsWith("--sizes"));
const sizes = sizesArg
  ? (sizesArg.includes("=") ? sizesArg.slice(8) : args[args.indexOf(sizesArg) + 1]).split(",")
  : ["1KB", "100KB", "1MB"];
const showErrors = args.includes("--errors");

const { analyze } = await import("hedgemark");

// ---------------------------------------------------------------------------------------------
// The tools, each as text → [{start, end}] (UTF-16 offsets, as JavaScript counts).

// unified needs a compiler to process; the checks only need parse + run.
function noCompiler() {
  this.compiler = () => "";
}
const retext = unified().use(retextEnglish).use(retextIntensify).use(noCompiler).freeze();

const tools = {
  hedgemark: (text) => analyze(text).hedges.map((h) => ({ start: h.start, end: h.end, what: h.category })),
  "retext-intensify": (text) =>
    retext.processSync(text).messages.map((m) => ({
      start: m.place.start.offset,
      end: m.place.end.offset,
      what: m.ruleId,
    })),
  "write-good": (text) => writeGood(text).map((s) => ({ start: s.index, end: s.index + s.offset, what: s.reason })),
};

// Rows of the detection table: a tool, or a part of a tool's flags.
const detectors = [
  ["hedgemark (hedges)", (t) => tools.hedgemark(t)],
  ["retext-intensify (all: hedge, weasel, filler)", (t) => tools["retext-intensify"](t)],
  ["retext-intensify (hedge only)", (t) => tools["retext-intensify"](t).filter((f) => f.what === "hedge")],
  ["write-good (all default checks)", (t) => tools["write-good"](t)],
  [
    "write-good (weasel and adverb checks)",
    (t) => tools["write-good"](t).filter((f) => / is a weasel word| can weaken meaning/.test(f.what)),
  ],
];

// ---------------------------------------------------------------------------------------------
// Speed

const texts = benchTexts().filter((t) => t.lang === "en" && sizes.includes(t.label));
// The same engine compiled natively (what the command-line tool runs), on the same files: first,
// in a child process, so that it never runs beside the JavaScript timings.
const natives = nativeTimes(texts.map((t) => t.path));
const speed = [];
for (const t of texts) {
  const row = { label: t.label, path: t.path, bytes: t.bytes, tools: {} };
  for (const [name, f] of Object.entries(tools)) {
    const big = t.bytes >= 1024 * 1024;
    const ms = medianMs(() => f(t.text), big ? { budgetMs: 3000, minBatches: 3 } : { budgetMs: 1500, minBatches: 5 });
    row.tools[name] = { ms, mibs: mibPerS(t.bytes, ms), flags: f(t.text).length };
  }
  speed.push(row);
}

// ---------------------------------------------------------------------------------------------
// Finding hedges

/** The sample without its marks, and the marked spans ({start, end, text}, UTF-16). */
function labelled(path) {
  const raw = readFileSync(path, "utf8");
  let text = "";
  const gold = [];
  const re = /\[\[(.+?)\]\]/gs;
  let last = 0;
  for (let m; (m = re.exec(raw)); ) {
    text += raw.slice(last, m.index);
    gold.push({ start: text.length, end: text.length + m[1].length, text: m[1] });
    text += m[1];
    last = m.index + m[0].length;
  }
  text += raw.slice(last);
  if (text.includes("[[") || text.includes("]]")) throw new Error(`${path}: an unclosed [[ mark`);
  return { text, gold };
}

const overlaps = (a, b) => a.start < b.end && b.start < a.end;
const samplePath = join(ROOT, "benches/data/hedges-en.txt");
const sample = labelled(samplePath);
const detection = detectors.map(([name, f]) => {
  const flags = f(sample.text);
  const right = flags.filter((x) => sample.gold.some((g) => overlaps(x, g)));
  const found = sample.gold.filter((g) => flags.some((x) => overlaps(x, g)));
  const precision = flags.length ? right.length / flags.length : 0;
  const recall = found.length / sample.gold.length;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return {
    name,
    flags: flags.length,
    right: right.length,
    found: found.length,
    precision,
    recall,
    f1,
    misses: sample.gold.filter((g) => !found.includes(g)).map((g) => g.text),
    falseAlarms: flags.filter((x) => !right.includes(x)).map((x) => sample.text.slice(x.start, x.end)),
  };
});

// ---------------------------------------------------------------------------------------------
// Output

console.log(`hedgemark and its peers, one run: ${machine()}\n`);
console.log("Speed on the English bench texts (median of one call; × = how many times faster hedgemark is):\n");
const names = Object.keys(tools);
console.log(
  table(
    ["text", "bytes", ...names.flatMap((n) => [`${n} ms`, `${n} MiB/s`]), "× retext-intensify", "× write-good"],
    speed.map((r) => [
      `en/${r.label}`,
      r.bytes.toLocaleString("en"),
      ...names.flatMap((n) => [fmt(r.tools[n].ms, 2), fmt(r.tools[n].mibs, 2)]),
      fmt(r.tools["retext-intensify"].ms / r.tools.hedgemark.ms),
      fmt(r.tools["write-good"].ms / r.tools.hedgemark.ms),
    ]),
  ),
);
console.log(
  "\nThe same engine compiled natively (benches/native.rs in a child process, before the timings " +
    "above; analyze: the result in Rust; +JSON: and its hedgemark/1 JSON, what the command-line tool " +
    "prints), against the same peer timings:\n",
);
console.log(
  table(
    ["text", "native ms", "native MiB/s", "native+JSON ms", "× retext-intensify", "× write-good", "+JSON × retext-intensify"],
    speed.map((r) => {
      const n = natives[r.path];
      return [
        `en/${r.label}`,
        fmt(n.analyze_ms, 2),
        fmt(mibPerS(r.bytes, n.analyze_ms), 2),
        fmt(n.analyze_json_ms, 2),
        fmt(r.tools["retext-intensify"].ms / n.analyze_ms),
        fmt(r.tools["write-good"].ms / n.analyze_ms),
        fmt(r.tools["retext-intensify"].ms / n.analyze_json_ms),
      ];
    }),
  ),
);
console.log(
  `\nFinding hedges on ${samplePath.slice(ROOT.length)} (${sample.text.length} characters, ` +
    `${sample.gold.length} hedges marked by hand; a flag is right if it overlaps a marked hedge):\n`,
);
console.log(
  table(
    ["tool", "flags", "right", "hedges found", "precision", "recall", "F1"],
    detection.map((d) => [
      d.name,
      String(d.flags),
      String(d.right),
      `${d.found} of ${sample.gold.length}`,
      fmt(d.precision, 2),
      fmt(d.recall, 2),
      fmt(d.f1, 2),
    ]),
  ),
);
if (showErrors) {
  for (const d of detection) {
    console.log(`\n${d.name}\n  missed: ${d.misses.map((m) => JSON.stringify(m)).join(", ") || "none"}`);
    console.log(`  false alarms: ${d.falseAlarms.map((m) => JSON.stringify(m)).join(", ") || "none"}`);
  }
}
