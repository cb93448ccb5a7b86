// stats.sourcing through the package: the documented shape (js/README.md, js/index.d.ts), the
// same numbers as an independent implementation of its definition (sourcing-reference.mjs)
// on every test text, and the same as the command line's.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import { analyze } from "hedgemark";

import { articles, CLI, cliAnalyze, LONE, ROOT, tempFile, TRICKY } from "./helpers.mjs";
import { share, sourcingOf } from "./sourcing-reference.mjs";

// Written for these tests: quotations with a named person, an organisation, a pronoun (a source
// of unknown kind) and none at all, next to hedged sentences with and without a source.
const QUOTED = {
  de:
    "„Wir bauen weiter“, sagte Bauleiterin Petra Kolb. Die Straße soll angeblich im Mai fertig sein. " +
    "„Das 😀-Projekt könnte teurer werden“, so die Stadtwerke.",
  en: "\"We expect a long winter,\" she said. Prices may rise, reportedly. \"It could get worse,\" said Mayor Tom Reed.",
  short: "„Wir bauen weiter“, sagte Bauleiterin Petra Kolb.",
};

const SOURCING_KEYS = ["claims", "hedged_claims", "unattributed_hedged_claims", "quoted", "quoted_share", "by_source"];
const CLAIM_KEYS = ["person", "organization", "vague", "unknown", "unsourced"];
const ENTRY_KEYS = ["source", "claims", "quotes", "quoted", "quoted_share"];

function isCount(n) {
  return Number.isInteger(n) && n >= 0;
}

function isShare(x) {
  return typeof x === "number" && x >= 0 && x <= 1 && Math.round(x * 1000) / 1000 === x;
}

/** Asserts the documented shape of stats.sourcing; returns it. */
function shaped(result, what) {
  const s = result.stats.sourcing;
  assert.deepEqual(Object.keys(result.stats).at(-1), "sourcing", `${what}: sourcing is the last stats field`);
  assert.deepEqual(Object.keys(s), SOURCING_KEYS, what);
  assert.equal(Object.getPrototypeOf(s), Object.prototype, `${what}: a plain object`);
  assert.deepEqual(Object.keys(s.claims), CLAIM_KEYS, what);
  for (const k of CLAIM_KEYS) assert.ok(isCount(s.claims[k]), `${what}: claims.${k}`);
  for (const k of ["hedged_claims", "unattributed_hedged_claims", "quoted"]) assert.ok(isCount(s[k]), `${what}: ${k}`);
  assert.ok(isShare(s.quoted_share), `${what}: quoted_share ${s.quoted_share}`);
  assert.ok(Array.isArray(s.by_source), what);
  assert.deepEqual(s.by_source.map((e) => e.source), result.sources.map((x) => x.id), `${what}: one entry per source, in id order`);
  for (const e of s.by_source) {
    assert.deepEqual(Object.keys(e), ENTRY_KEYS, what);
    for (const k of ["source", "claims", "quotes", "quoted"]) assert.ok(isCount(e[k]), `${what}: by_source.${k}`);
    assert.ok(isShare(e.quoted_share), `${what}: by_source.quoted_share ${e.quoted_share}`);
  }
  // Consistent with the rest of the result.
  const c = s.claims;
  assert.equal(c.person + c.organization + c.vague + c.unknown + c.unsourced, result.attributions.length, what);
  assert.equal(s.hedged_claims, result.stats.hedged_sentences, what);
  assert.ok(s.unattributed_hedged_claims <= s.hedged_claims, what);
  assert.ok(s.quoted <= result.attributions.filter((a) => a.type === "direct").reduce((n, a) => n + a.content.end - a.content.start, 0), what);
  return s;
}

test("stats.sourcing has the documented shape, with quotations the engine finds", () => {
  const de = analyze(QUOTED.de);
  const s = shaped(de, "de");
  assert.deepEqual(s.claims, { person: 1, organization: 1, vague: 0, unknown: 0, unsourced: 0 });
  // Two hedged sentences; the quoted one ("könnte" inside the Stadtwerke's quotation) has a source.
  assert.equal(s.hedged_claims, 2);
  assert.equal(s.unattributed_hedged_claims, 1);
  // UTF-16 units: "😀" is two of them, as text.length counts.
  const units = ["Wir bauen weiter", "Das 😀-Projekt könnte teurer werden"].map((q) => q.length);
  assert.deepEqual(units, [16, 35]);
  assert.equal(s.quoted, 51);
  assert.equal(s.quoted_share, share(51, QUOTED.de.length));
  assert.deepEqual(
    s.by_source.map((e) => [de.sources[e.source].name, e.claims, e.quotes, e.quoted, e.quoted_share]),
    [
      ["Petra Kolb", 1, 1, 16, 0.314],
      ["die Stadtwerke", 1, 1, 35, 0.686],
    ],
  );

  const short = shaped(analyze(QUOTED.short), "short");
  assert.equal(short.quoted, 16);
  assert.equal(short.quoted_share, 0.327); // 16 / 49
  assert.deepEqual(short.by_source, [{ source: 0, claims: 1, quotes: 1, quoted: 16, quoted_share: 1 }]);

  // Nothing to count: zeros, and shares of 0 (not NaN).
  for (const text of ["", "Der Himmel ist blau."]) {
    const empty = shaped(analyze(text), JSON.stringify(text));
    assert.deepEqual(empty, {
      claims: { person: 0, organization: 0, vague: 0, unknown: 0, unsourced: 0 },
      hedged_claims: 0,
      unattributed_hedged_claims: 0,
      quoted: 0,
      quoted_share: 0,
      by_source: [],
    });
  }
});

test("stats.sourcing equals an independent implementation of its definition, on every test text", () => {
  const texts = {
    ...Object.fromEntries(articles()),
    ...TRICKY,
    ...LONE,
    ...QUOTED,
    all: articles().map(([, t]) => t).join("\n\n"),
  };
  let withQuotes = 0;
  for (const [name, text] of Object.entries(texts)) {
    for (const language of ["auto", "de", "en"]) {
      const result = analyze(text, { language });
      shaped(result, `${name} (${language})`);
      assert.deepEqual(result.stats.sourcing, sourcingOf(text, result), `${name} (${language})`);
      if (result.stats.sourcing.quoted) withQuotes++;
    }
  }
  assert.ok(withQuotes >= 10, `enough texts with quotations (${withQuotes})`);
});

test("stats.sourcing is the command line's, and the command line prints shares with at most three decimals", () => {
  for (const [name, text] of [...Object.entries(QUOTED), ...articles()]) {
    const cli = cliAnalyze(text, "auto", `${name}.txt`);
    assert.deepEqual(analyze(text).stats.sourcing, cli.stats.sourcing, name);
  }
  // The printed JSON itself: shares as short decimals, 0 and 1 as integers.
  cliAnalyze("", "auto"); // fails clearly if the tool is missing
  const run = spawnSync(CLI, ["analyze", "--compact", tempFile("short-raw.txt", QUOTED.short)], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /"quoted":16,"quoted_share":0\.327,"by_source":\[\{"source":0,"claims":1,"quotes":1,"quoted":16,"quoted_share":1\}\]/);
  const none = spawnSync(CLI, ["analyze", "--compact", tempFile("none-raw.txt", "Der Himmel ist blau.")], { encoding: "utf8" });
  assert.match(none.stdout, /"quoted":0,"quoted_share":0,"by_source":\[\]\}\}\}\n$/);
});

test("js/index.d.ts declares exactly the fields stats.sourcing has", () => {
  // No TypeScript compiler in the project's dependencies: the declarations are read as text,
  // interface by interface, and their field names compared with a real result.
  const dts = readFileSync(join(ROOT, "js/index.d.ts"), "utf8");
  const fields = (name) => {
    const body = dts.match(new RegExp(`export interface ${name} \\{([\\s\\S]*?)\\n\\}`));
    assert.ok(body, `js/index.d.ts has interface ${name}`);
    return [...body[1].matchAll(/^ {2}(\w+)\??:/gm)].map((m) => m[1]);
  };
  const result = analyze(QUOTED.de);
  const s = result.stats.sourcing;
  assert.deepEqual(fields("Stats"), Object.keys(result.stats));
  assert.deepEqual(fields("Sourcing"), Object.keys(s));
  assert.deepEqual(fields("ClaimsByKind"), Object.keys(s.claims));
  assert.deepEqual(fields("SourceSourcing"), Object.keys(s.by_source[0]));
  assert.match(dts, /^ {2}sourcing: Sourcing;$/m);
  assert.match(dts, /^ {2}claims: ClaimsByKind;$/m);
  assert.match(dts, /^ {2}by_source: SourceSourcing\[\];$/m);
});
