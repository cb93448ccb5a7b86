// The browser entry (js/index.js), imported directly in Node: analyze() before init() is a clear
// Error; init() takes every documented form of input and is idempotent.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { pathToFileURL } from "node:url";

import init, { analyze, htmlReport, version, SCHEMA } from "../../js/index.js";

import { ROOT, WASM } from "./helpers.mjs";

const NOT_READY = "hedgemark: call and await init() before analyze()";

test("before init(): analyze, htmlReport and version throw a clear Error", () => {
  for (const f of [() => analyze("Er soll es gewusst haben."), () => htmlReport("x"), () => version()]) {
    assert.throws(f, (e) => e instanceof Error && e.message === NOT_READY);
  }
  assert.equal(SCHEMA, "hedgemark/1");
});

test("init(bytes) once, the same promise every time, then analyze works", async () => {
  const bytes = readFileSync(WASM);
  const first = init(bytes);
  assert.equal(init(), first);
  assert.equal(init(bytes), first);
  assert.equal(await first, undefined);
  const result = analyze("Er soll es gewusst haben.", { language: "de" });
  assert.deepEqual(
    result.hedges.map((h) => h.text),
    ["soll"],
  );
  assert.match(htmlReport("x"), /^<!doctype html>/);
  assert.match(version(), /^\d+\.\d+\.\d+/);
});

// Each form in a process of its own: a module is initialised once per process.
const FORMS = {
  "Uint8Array": "readFileSync(wasm)",
  "ArrayBuffer": "new Uint8Array(readFileSync(wasm)).buffer",
  "Response": "new Response(readFileSync(wasm), { headers: { 'content-type': 'application/wasm' } })",
  "Promise<Response>": "Promise.resolve(new Response(readFileSync(wasm), { headers: { 'content-type': 'application/wasm' } }))",
  "WebAssembly.Module": "new WebAssembly.Module(readFileSync(wasm))",
  "{ module_or_path }": "({ module_or_path: new WebAssembly.Module(readFileSync(wasm)) })",
};

for (const [form, expression] of Object.entries(FORMS)) {
  test(`init(${form})`, () => {
    const script = `
      import { readFileSync } from "node:fs";
      import init, { analyze } from ${JSON.stringify(pathToFileURL(`${ROOT}js/index.js`).href)};
      const wasm = ${JSON.stringify(WASM)};
      await init(${expression});
      process.stdout.write(JSON.stringify(analyze("The mayor may resign.").hedges.map((h) => h.text)));
    `;
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, '["may"]');
  });
}

test("a failed init() rejects, and may be retried", () => {
  const script = `
    import { readFileSync } from "node:fs";
    import init, { analyze } from ${JSON.stringify(pathToFileURL(`${ROOT}js/index.js`).href)};
    const failed = init(new Uint8Array([0, 1, 2, 3]));
    await failed.then(() => { throw new Error("should fail"); }, () => {});
    if (init(readFileSync(${JSON.stringify(WASM)})) === failed) throw new Error("same promise after a failure");
    await init();
    process.stdout.write(String(analyze("Er soll es gewusst haben.").hedges.length));
  `;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, "1");
});
