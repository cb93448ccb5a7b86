// Shared by the Node tests (not a test file itself): paths, the command-line tool, and texts
// written for these tests (nothing here comes from an evaluation corpus).

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const CLI = join(ROOT, "target/release/hedgemark");
export const WASM = join(ROOT, "pkg/hedgemark_bg.wasm");

/** The sample articles of tests/articles, as [name, text]. */
export function articles() {
  const dir = join(ROOT, "tests/articles");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => [f, readFileSync(join(dir, f), "utf8")]);
}

let scratch;
/** A fresh file in a temporary directory with `text` in it (UTF-8). */
export function tempFile(name, text) {
  scratch ??= mkdtempSync(join(tmpdir(), "hedgemark-node-"));
  const path = join(scratch, name);
  writeFileSync(path, text, "utf8");
  return path;
}

/** `hedgemark analyze --compact --lang <language> <file>`, parsed. Fails clearly without the CLI. */
export function cliAnalyze(text, language, name = "text.txt") {
  if (!existsSync(CLI)) {
    throw new Error(`the command-line tool ${CLI} is missing: build it first with \`cargo build --release\``);
  }
  const file = tempFile(name, text);
  const run = spawnSync(CLI, ["analyze", "--compact", "--lang", language, file], {
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  if (run.status !== 0) throw new Error(`${CLI} failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout);
}

/** Every span of a hedgemark/1 result, with where it is, for messages. */
export function spans(result) {
  const out = [];
  result.sentences.forEach((s, i) => out.push([`sentences[${i}]`, s]));
  result.hedges.forEach((s, i) => out.push([`hedges[${i}]`, s]));
  result.sources.forEach((source, i) =>
    source.mentions.forEach((s, j) => out.push([`sources[${i}].mentions[${j}]`, s])),
  );
  result.attributions.forEach((a, i) => {
    if (a.cue) out.push([`attributions[${i}].cue`, a.cue]);
    out.push([`attributions[${i}].content`, a.content]);
  });
  return out;
}

/**
 * Texts that are hard on offsets, each with hedges, written for these tests. Every one of them
 * is valid UTF-16 (the command line reads UTF-8 files); lone surrogates are in LONE below.
 */
export const TRICKY = {
  "sharp-s-and-quotes":
    "„Die Straße über den Fluss soll schon 1998 marode gewesen sein“, heißt es im Rathaus. " +
    "Der Bürgermeister dürfte das anders sehen; etwa 40 Prozent der Brücke gelten als sanierungsbedürftig.",
  "emoji":
    "„Der 😀-Preis“ soll gestiegen sein. 👨‍👩‍👧 Familien könnten 🇩🇪 profitieren, heißt es. " +
    "The 🚀 launch was reportedly delayed 🙈 and may be cancelled.",
  "combining-marks":
    "Die Cafe\u0301-Besitzer sollen Steuern hinterzogen haben. Zoe\u0308 may have left the company " +
    "after A\u030Angstro\u0308m-level errors were allegedly found.",
  "crlf":
    "The council reportedly approved the plan.\r\nOfficials may announce it on Monday.\r\n\r\n" +
    "Critics say it could cost about 3 million dollars.\r\n",
  "rtl":
    "The envoy, who greeted the crowd with \u05E9\u05DC\u05D5\u05DD and \u0627\u0644\u0633\u0644\u0627\u0645 \u0639\u0644\u064A\u0643\u0645, " +
    "reportedly met the minister. \u202EThis part is overridden\u202C and it may matter. " +
    "Observers believe the talks could resume in roughly two weeks.",
  "html-like":
    "<script>alert('x')</script> Der Minister soll <b>davon</b> gewusst haben & könnte zurücktreten. " +
    "<img src=x onerror=alert(1)> It is said to be harmless.",
  "astral-and-nul":
    "𝔗𝔥𝔢 𝔪𝔞𝔶𝔬𝔯 allegedly lied.\u0000 Experts suspect 𝟒𝟎 cases; some 40 more may follow. 💩",
  "mixed-lines":
    "Berichten zufolge soll Russland Munition erhalten haben.\n\n– Die Brücke soll 2025 fertig werden.\n" +
    "• Laut Beobachtern könnte es rund 500 Verletzte geben.\tAngeblich war es ein Unfall.",
  "empty": "",
  "whitespace": " \n\t\r\n ",
  "punctuation": "…!?„“«»—",
};

/** Strings with lone surrogates (only JavaScript can hold them), each with hedges around them. */
export const LONE = {
  "high-alone": "Der Preis \uD83D soll gestiegen sein. The price may have risen.",
  "low-alone": "\uDE00The mayor reportedly resigned \uDC00. Er soll zurückgetreten sein.",
  "inside-a-word": "Der Minis\uD800ter soll davon gewusst haben, heißt es in der Stadt. Es ist an\uDBFFgeblich wahr.",
  "reversed-pair": "The \uDE00\uD83D figure may be wrong; rund 40 Prozent sollen fehlen.",
  "next-to-emoji": "😀\uD83D😀 Experts believe \uDFFF the data could be incomplete.",
  "only-surrogates": "\uD800\uDC00\uD800\uD800\uDC00\uDC00",
};
