// The package's result equals the command line's (`hedgemark analyze --compact --lang X FILE`),
// byte for byte after JSON normalisation, on the sample articles and on texts hard on offsets.
// Needs target/release/hedgemark (`cargo build --release`; the test command builds it).

import assert from "node:assert/strict";
import { test } from "node:test";

import { analyze } from "hedgemark";

import { articles, cliAnalyze, TRICKY } from "./helpers.mjs";

function same(text, language, name) {
  const fromCli = JSON.stringify(cliAnalyze(text, language, name));
  const fromWasm = JSON.stringify(analyze(text, { language }));
  if (fromCli !== fromWasm) {
    // Show where they part, not two walls of JSON.
    let i = 0;
    while (fromCli[i] === fromWasm[i]) i++;
    assert.fail(
      `${name} (${language}): the wasm result differs from the CLI's at character ${i} (is target/release/hedgemark stale? cargo build --release)\n` +
        `  cli:  …${fromCli.slice(Math.max(0, i - 80), i + 80)}\n  wasm: …${fromWasm.slice(Math.max(0, i - 80), i + 80)}`,
    );
  }
  return JSON.parse(fromWasm);
}

for (const [name, text] of articles()) {
  test(`same as the CLI: article ${name}`, () => {
    const result = same(text, "auto", name);
    assert.ok(result.hedges.length > 0, "the article has hedges");
    same(text, "de", name);
    same(text, "en", name);
  });
}

for (const [name, text] of Object.entries(TRICKY)) {
  test(`same as the CLI: ${name}`, () => {
    for (const language of ["auto", "de", "en"]) same(text, language, `${name}.txt`);
  });
}

test("same as the CLI: all articles in one text, and a BOM in front", () => {
  const all = articles()
    .map(([, text]) => text)
    .join("\n\n");
  same(all, "auto", "all.txt");
  same(`\uFEFF${all}`, "auto", "bom.txt");
});
