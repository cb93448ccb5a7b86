// hedgemark for browsers and bundlers ("hedgemark" outside Node):
//
//   import init, { analyze } from "hedgemark";
//   await init();                              // once; loads pkg/hedgemark_bg.wasm
//   const result = analyze(text, { language: "auto" });   // hedgemark/1
//
// init() takes where the .wasm is, optionally: a URL or string (fetched), a Response (or a
// promise of one), the bytes (ArrayBuffer, typed array) or a compiled WebAssembly.Module; also
// wasm-bindgen's own { module_or_path } form. It returns the same promise on every call.

import { bind, glue, unwrapInput, SCHEMA, MAX_TEXT_BYTES } from "./core.js";

let ready = false;
let initPromise;

/**
 * Loads and instantiates the WebAssembly module (once). Resolves when analyze() can be called.
 */
export default function init(input) {
  if (!initPromise) {
    const source = unwrapInput(input) ?? new URL("../pkg/hedgemark_bg.wasm", import.meta.url);
    initPromise = glue.default({ module_or_path: source }).then(() => {
      ready = true;
    });
    // A failed load may be retried (for instance with another URL).
    initPromise.catch(() => {
      initPromise = undefined;
    });
  }
  return initPromise;
}

const api = bind(() => ready);

/** The hedgemark/1 analysis of `text`. Throws an Error for bad options or before init(). */
export const analyze = api.analyze;
/** The standalone HTML report of `text` (a whole page, no scripts). */
export const htmlReport = api.htmlReport;
/** The engine's version. */
export const version = api.version;
/** @internal Panics inside the engine on purpose (tests only). */
export const __hedgemark_test_panic = api.__hedgemark_test_panic;
/** The longest text one analysis takes: 64 MiB of UTF-8; a longer one is an Error. */
export { SCHEMA, MAX_TEXT_BYTES };
