// The package's API in Node: `import … from "hedgemark"` (the package refers to itself by name,
// through "exports", so this resolves to js/node.js) works with no init call.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import init, { analyze, htmlReport, MAX_TEXT_BYTES, SCHEMA, version, __hedgemark_test_panic } from "hedgemark";

import { ROOT } from "./helpers.mjs";

const GERMAN = "Berichten zufolge soll Russland Munition erhalten haben. Die Brücke soll 2025 fertig werden.";

test("analyze works at import, with no init call", () => {
  const result = analyze(GERMAN);
  assert.equal(result.schema, "hedgemark/1");
  assert.equal(result.language, "de");
  assert.deepEqual(
    result.hedges.map((h) => [h.text, h.category, h.start, h.end]),
    [
      ["Berichten zufolge", "weasel", 0, 17],
      ["soll", "reportative", 18, 22],
    ],
  );
  // Plain objects and arrays (not Maps), exactly the JSON shape.
  assert.equal(Object.getPrototypeOf(result), Object.prototype);
  assert.ok(Array.isArray(result.hedges));
  assert.equal(Object.getPrototypeOf(result.stats), Object.prototype);
  assert.deepEqual(Object.keys(result), ["schema", "language", "sentences", "hedges", "sources", "attributions", "stats"]);
});

test("init() resolves at once in Node and is idempotent", async () => {
  const p = init();
  assert.equal(init(), p);
  assert.equal(await p, undefined);
  assert.equal(analyze("x").schema, SCHEMA);
});

test("options: language auto, de, en; undefined and null; unknown fields ignored", () => {
  assert.equal(analyze(GERMAN, { language: "auto" }).language, "de");
  assert.equal(analyze(GERMAN, { language: "en" }).language, "en");
  assert.equal(analyze("The mayor may resign.", { language: "de" }).language, "de");
  assert.equal(analyze("The mayor may resign.", undefined).language, "en");
  assert.equal(analyze("The mayor may resign.", null).language, "en");
  assert.equal(analyze("The mayor may resign.", {}).language, "en");
  assert.equal(analyze("The mayor may resign.", { language: null }).language, "en");
  assert.equal(analyze("The mayor may resign.", { language: "" }).language, "en");
  assert.equal(analyze("The mayor may resign.", { language: " DE " }).language, "de");
  assert.equal(analyze(GERMAN, { language: "en", colour: "red" }).language, "en");
});

test("bad options throw an Error with a message", () => {
  const bad = [
    [{ language: "fr" }, /^hedgemark: bad options: unknown language "fr": expected "auto", "de" or "en"$/],
    [{ language: 42 }, /^hedgemark: bad options: language must be a string/],
    [{ language: ["de"] }, /^hedgemark: bad options: language must be a string/],
    ["de", /^hedgemark: bad options: expected an object/],
    [7, /^hedgemark: bad options: expected an object/],
  ];
  for (const [options, message] of bad) {
    assert.throws(() => analyze(GERMAN, options), (e) => e instanceof Error && message.test(e.message), String(options));
    assert.throws(() => htmlReport(GERMAN, options), (e) => e instanceof Error && message.test(e.message));
  }
  const getter = {
    get language() {
      throw new Error("boom");
    },
  };
  assert.throws(() => analyze(GERMAN, getter), /hedgemark: bad options: could not read options.language/);
  // The module is fine afterwards.
  assert.equal(analyze(GERMAN).hedges.length, 2);
});

test("text that is not a string is a TypeError", () => {
  for (const text of [undefined, null, 42, {}, ["a"]]) {
    assert.throws(() => analyze(text), (e) => e instanceof TypeError && /^hedgemark: analyze\(text, options\): text must be a string/.test(e.message));
  }
  assert.throws(() => htmlReport(1), TypeError);
});

test("a panic in Rust becomes an Error with the panic's message, and the next call works", () => {
  const before = analyze(GERMAN);
  const errors = [];
  const original = console.error;
  console.error = (...args) => errors.push(args.join(" ")); // the panic hook also logs it
  try {
    for (let i = 0; i < 3; i++) {
      assert.throws(
        () => __hedgemark_test_panic(),
        (e) =>
          e instanceof Error &&
          !(e instanceof WebAssembly.RuntimeError) &&
          /^hedgemark: internal error \(panic at src[\\/]wasm\.rs:\d+\): deliberate test panic$/.test(e.message) &&
          e.cause instanceof WebAssembly.RuntimeError,
      );
      // A fresh instance: the same results, and the panic message is not left over.
      assert.deepEqual(analyze(GERMAN), before);
      assert.match(htmlReport(GERMAN), /^<!doctype html>/);
    }
  } finally {
    console.error = original;
  }
  assert.equal(errors.length, 3);
  assert.match(errors[0], /deliberate test panic/);
});

test("htmlReport: a whole page, the text escaped, no script runs", () => {
  const text = "<script>alert('x')</script> Der Minister soll davon gewusst haben. <img src=x onerror=alert(1)>";
  const html = htmlReport(text, { language: "de" });
  assert.match(html, /^<!doctype html>\n<html lang="de">/);
  assert.ok(!html.includes("<script"), "no <script> element");
  assert.ok(!html.includes("<img"), "no <img> element");
  assert.ok(html.includes("&lt;script&gt;alert("), "the script is shown as text");
  assert.ok(html.includes('<mark data-kind="hedge" data-category="reportative"'));
  assert.ok(html.includes("Content-Security-Policy"));
});

test("version() is the crate's and the package's version; SCHEMA is hedgemark/1", () => {
  const cargo = readFileSync(join(ROOT, "Cargo.toml"), "utf8").match(/^version = "([^"]+)"/m)[1];
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
  assert.equal(version(), cargo);
  assert.equal(pkg.version, cargo);
  assert.equal(SCHEMA, "hedgemark/1");
});

test("large input: 1 MB analyses and every span still slices", () => {
  const unit = "Der 😀-Minister soll davon gewusst haben. The mayor may resign, reportedly. ";
  const text = unit.repeat(Math.ceil((1 << 20) / unit.length));
  const result = analyze(text);
  assert.ok(result.hedges.length > 10000);
  const last = result.hedges.at(-1);
  assert.equal(text.slice(last.start, last.end), last.text);
});

test("a text over MAX_TEXT_BYTES is refused with a message, in JavaScript and in the module alike", () => {
  assert.equal(MAX_TEXT_BYTES, 64 * 1024 * 1024);
  const message = (bytes) =>
    `hedgemark: the text is too long: ${bytes.toLocaleString("en-US")} bytes of UTF-8, and one analysis ` +
    "takes at most 67,108,864 (64 MiB); split it, for instance into its paragraphs";
  // More UTF-16 units than the limit: refused before it is copied into the module.
  const ascii = "a".repeat(MAX_TEXT_BYTES + 1);
  assert.throws(() => analyze(ascii), { message: message(MAX_TEXT_BYTES + 1) });
  assert.throws(() => htmlReport(ascii), { message: message(MAX_TEXT_BYTES + 1) });
  // Fewer units but more bytes (ä is two): the module's own check, same message.
  const umlauts = "ä".repeat(MAX_TEXT_BYTES / 2 + 1);
  assert.throws(() => analyze(umlauts), { message: message(MAX_TEXT_BYTES + 2) });
  // Astral characters and lone surrogates counted as the module counts them (4 and 3 bytes).
  const mixed = "😀".repeat(MAX_TEXT_BYTES / 4) + "\uD800".repeat(MAX_TEXT_BYTES / 2 + 8);
  const bytes = 4 * (MAX_TEXT_BYTES / 4) + 3 * (MAX_TEXT_BYTES / 2 + 8);
  assert.ok(mixed.length > MAX_TEXT_BYTES);
  assert.throws(() => analyze(mixed), { message: message(bytes) });
  // The module still works after a refusal.
  assert.equal(analyze(GERMAN).hedges.length, 2);
});
