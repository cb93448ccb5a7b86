// The shared part of the two entry points (js/index.js for browsers and bundlers, js/node.js for
// Node): it wraps the wasm-bindgen glue (pkg/hedgemark.js) so that
//   - analyze() and htmlReport() check their arguments and throw a clear Error before init;
//   - every span's `text` is taken from the caller's own string (text.slice(start, end)), so
//     `text.slice(start, end) === span.text` holds exactly, even for a lone surrogate, which
//     reaches Rust as U+FFFD (one UTF-16 unit, so the offsets are unchanged);
//   - a panic in Rust (which traps: the module is built with panic=abort) becomes an Error with
//     the panic's message, and the trapped instance is replaced by a fresh one before the next
//     call.
// Internal: not exported by the package.

import * as glue from "../pkg/hedgemark.js";

/** The result format's name. */
export const SCHEMA = "hedgemark/1";

const NOT_READY = "hedgemark: call and await init() before analyze()";

/**
 * The API over the glue. `isReady()` says whether the entry point has initialised the module.
 */
export function bind(isReady) {
  function guard(text, name) {
    if (!isReady()) throw new Error(NOT_READY);
    if (typeof text !== "string") {
      throw new TypeError(`hedgemark: ${name}(text, options): text must be a string, not ${describe(text)}`);
    }
  }

  function analyze(text, options) {
    guard(text, "analyze");
    checkLength(text);
    const result = call(() => glue.analyze(text, options));
    restoreTexts(result, text);
    return result;
  }

  function htmlReport(text, options) {
    guard(text, "htmlReport");
    checkLength(text);
    return call(() => glue.html_report(text, options));
  }

  function version() {
    if (!isReady()) throw new Error(NOT_READY);
    return call(() => glue.version());
  }

  // Hidden: panics inside Rust on purpose, so the tests can check the panic path.
  function __hedgemark_test_panic() {
    if (!isReady()) throw new Error(NOT_READY);
    return call(() => glue.__hedgemark_test_panic());
  }

  return { analyze, htmlReport, version, __hedgemark_test_panic };
}

/**
 * The longest text one analysis takes, in bytes of UTF-8: 64 MiB (Rust's
 * `hedgemark::MAX_TEXT_BYTES`, which the module checks too). The result takes about six times
 * the text in WebAssembly memory, so a longer text would risk the tab's memory.
 */
export const MAX_TEXT_BYTES = 64 * 1024 * 1024;

/**
 * Refuses a text over the limit before it is copied into the module, with the module's message.
 * Only a text of more than MAX_TEXT_BYTES UTF-16 units can be over it (a unit is at least one byte).
 */
function checkLength(text) {
  if (text.length <= MAX_TEXT_BYTES) return;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3; // a lone surrogate goes in as U+FFFD, three bytes
  }
  if (bytes <= MAX_TEXT_BYTES) return;
  const n = (x) => x.toLocaleString("en-US");
  throw new Error(
    `hedgemark: the text is too long: ${n(bytes)} bytes of UTF-8, and one analysis takes at most ` +
      `${n(MAX_TEXT_BYTES)} (64 MiB); split it, for instance into its paragraphs`,
  );
}

/** Runs one call into the module; a trap becomes an Error and the instance is replaced. */
function call(f) {
  try {
    return f();
  } catch (error) {
    if (!(error instanceof WebAssembly.RuntimeError)) throw error; // an Error from Rust, as is
    // The panic hook stored its message before the trap; read it, then drop the instance.
    let message;
    try {
      message = glue.last_panic();
    } catch {
      message = undefined;
    }
    try {
      glue.__wbg_reset_state(); // a new instance of the same module, synchronously
    } catch (resetError) {
      console.error("hedgemark: could not restart the WebAssembly module:", resetError);
    }
    throw new Error(message ?? `hedgemark: internal error (${error.message}); the module was restarted`, {
      cause: error,
    });
  }
}

/** Sets every span's `text` to the caller's own substring. */
function restoreTexts(result, text) {
  const fix = (span) => {
    if (span) span.text = text.slice(span.start, span.end);
  };
  result.sentences.forEach(fix);
  result.hedges.forEach(fix);
  for (const source of result.sources) source.mentions.forEach(fix);
  for (const attribution of result.attributions) {
    fix(attribution.cue);
    fix(attribution.content);
  }
}

function describe(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** Whether `input` is one of the forms wasm-bindgen's init takes as `module_or_path`. */
export function unwrapInput(input) {
  if (input !== null && typeof input === "object" && Object.getPrototypeOf(input) === Object.prototype) {
    // wasm-bindgen's own form: { module_or_path } (or initSync's { module }).
    return input.module_or_path ?? input.module;
  }
  return input;
}

export { glue };
