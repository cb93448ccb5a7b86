// Offsets are UTF-16 code units: for every span, input.slice(start, end) === span.text, on
// ß, „…“, emoji (surrogate pairs), combining marks, CRLF, right-to-left text and lone surrogates.

import assert from "node:assert/strict";
import { test } from "node:test";

import { analyze } from "hedgemark";
// The raw wasm-bindgen glue, already initialised by the import above (the same module): it gives
// the offsets straight from Rust without the spans' texts (a hedge's is null, the other spans
// have none); js/core.js fills each in from the caller's own string.
import * as glue from "../../pkg/hedgemark.js";

import { LONE, spans, TRICKY } from "./helpers.mjs";

const isHigh = (c) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c) => c >= 0xdc00 && c <= 0xdfff;

function checkSpans(name, text, result) {
  for (const [where, span] of spans(result)) {
    const at = `${name}: ${where} ${JSON.stringify(span)}`;
    assert.ok(Number.isInteger(span.start) && Number.isInteger(span.end), at);
    assert.ok(0 <= span.start && span.start <= span.end && span.end <= text.length, at);
    assert.equal(text.slice(span.start, span.end), span.text, at);
    // Never between the halves of a surrogate pair.
    for (const i of [span.start, span.end]) {
      assert.ok(!(isHigh(text.charCodeAt(i - 1)) && isLow(text.charCodeAt(i))), `${at}: splits a pair at ${i}`);
    }
  }
}

for (const [name, text] of Object.entries({ ...TRICKY, ...LONE })) {
  for (const language of ["auto", "de", "en"]) {
    test(`offsets: ${name} (${language})`, () => {
      const result = analyze(text, { language });
      checkSpans(name, text, result);
      // The raw result from Rust has the same offsets (a lone surrogate reaches Rust as U+FFFD,
      // one UTF-16 unit, so they still hold) and no texts: the wrapper sets them all.
      const raw = glue.analyze(text, { language });
      assert.deepEqual(
        spans(raw).map(([, s]) => [s.start, s.end]),
        spans(result).map(([, s]) => [s.start, s.end]),
      );
      for (const [where, span] of spans(raw)) {
        if (where.startsWith("hedges")) assert.equal(span.text, null, `${name}: raw ${where}`);
        else assert.ok(!("text" in span), `${name}: raw ${where} has a text`);
      }
      // The wrapper's texts leave every object's keys in the order of the schema (and of the CLI).
      for (const [where, span] of spans(result)) {
        const keys = where.startsWith("hedges")
          ? ["start", "end", "text", "category", "sentence", "rule", "note"]
          : ["start", "end", "text"];
        assert.deepEqual(Object.keys(span), keys, `${name}: ${where}`);
      }
    });
  }
}

test("the tricky texts do have hedges and sentences (so the offsets above are exercised)", () => {
  for (const [name, text] of Object.entries({ ...TRICKY, ...LONE })) {
    if (["empty", "whitespace", "punctuation", "only-surrogates"].includes(name)) continue;
    const result = analyze(text);
    assert.ok(result.hedges.length >= 1, `${name}: no hedge`);
    assert.ok(result.sentences.length >= 1, `${name}: no sentence`);
  }
});

test("UTF-16 offsets after astral characters, ß and combining marks", () => {
  const text = "„Der 😀-Preis“ soll gestiegen sein.";
  const [hedge] = analyze(text).hedges;
  assert.deepEqual([hedge.start, hedge.end, hedge.text], [15, 19, "soll"]);

  const emoji = analyze("👨‍👩‍👧 The 🚀 launch was reportedly delayed.", { language: "en" });
  const reportedly = emoji.hedges.find((h) => h.text === "reportedly");
  assert.equal(reportedly.start, "👨‍👩‍👧 The 🚀 launch was ".length);

  const marks = "Zoe\u0308 Stra\u00DFe may have left.";
  const may = analyze(marks, { language: "en" }).hedges.find((h) => h.text === "may");
  assert.equal(may.start, marks.indexOf("may"));
});

test("CRLF: offsets count both characters of every line break", () => {
  const text = TRICKY.crlf;
  const result = analyze(text, { language: "en" });
  for (const word of ["reportedly", "may", "Critics say", "about"]) {
    const hedge = result.hedges.find((h) => h.text.startsWith(word));
    assert.ok(hedge, word);
    assert.equal(hedge.start, text.indexOf(word), word);
  }
});

test("lone surrogates: spans slice the caller's own string exactly", () => {
  const text = "Der Minis\uD800ter soll davon gewusst haben.";
  const result = analyze(text, { language: "de" });
  assert.equal(result.sentences[0].text, text.slice(0, result.sentences[0].end));
  assert.ok(result.sentences[0].text.includes("\uD800"));
  assert.equal(glue.analyze(text, { language: "de" }).sentences[0].text, undefined);
  assert.equal(result.sentences[0].text.toWellFormed().includes("\uFFFD"), true);
  const soll = result.hedges.find((h) => h.text === "soll");
  assert.equal(soll.start, text.indexOf("soll"));
});
