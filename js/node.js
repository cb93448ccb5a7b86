// hedgemark for Node ("hedgemark" in Node, through the "node" export condition): the module is
// read from pkg/hedgemark_bg.wasm and instantiated at import, so analyze() works at once.
//
//   import { analyze } from "hedgemark";
//   const result = analyze(text, { language: "de" });   // hedgemark/1
//
// init() exists for code shared with browsers; here it resolves at once.

import { readFileSync } from "node:fs";

import { bind, glue, SCHEMA, MAX_TEXT_BYTES } from "./core.js";

glue.initSync({ module: readFileSync(new URL("../pkg/hedgemark_bg.wasm", import.meta.url)) });

const initPromise = Promise.resolve();

/** Already done in Node: resolves at once (the argument is ignored). */
export default function init() {
  return initPromise;
}

const api = bind(() => true);

/** The hedgemark/1 analysis of `text`. Throws an Error for bad options. */
export const analyze = api.analyze;
/** The standalone HTML report of `text` (a whole page, no scripts). */
export const htmlReport = api.htmlReport;
/** The engine's version. */
export const version = api.version;
/** @internal Panics inside the engine on purpose (tests only). */
export const __hedgemark_test_panic = api.__hedgemark_test_panic;
/** The longest text one analysis takes: 64 MiB of UTF-8; a longer one is an Error. */
export { SCHEMA, MAX_TEXT_BYTES };
