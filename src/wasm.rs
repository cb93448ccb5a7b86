//! The WebAssembly binding (only for `wasm32`): a thin layer with no logic of its own.
//!
//! Each export reads its parameters, calls the core ([`crate::analyze`]), and hands the result to the one shared
//! serializer ([`crate::Document`]) through `serde-wasm-bindgen`, so JavaScript gets exactly the
//! `hedgemark/1` object the command line prints (plain objects and arrays, UTF-16 offsets).
//! Errors become JavaScript `Error`s with a message. The DOM stays in JavaScript (`js/`): the
//! only browser API used here is the console, by the panic hook.
//!
//! A panic should never happen (the core is total), but if one does, the hook below logs it and
//! keeps its message for [`last_panic`]; the module is built with `panic=abort`, so the call then
//! traps, and the JavaScript wrapper turns the trap into an `Error` carrying that message and
//! starts a fresh instance before the next call.

use std::sync::Mutex;

use wasm_bindgen::prelude::*;

use crate::{Analysis, Options};

/// The message of the last panic, kept for the JavaScript wrapper to read after the trap.
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

/// Runs once when the module is instantiated: installs the panic hook.
#[wasm_bindgen(start)]
fn start() {
    std::panic::set_hook(Box::new(|info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
            .unwrap_or("(no message)");
        let at = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        let report = format!("hedgemark: internal error (panic{at}): {message}");
        web_sys::console::error_1(&JsValue::from_str(&report));
        *LAST_PANIC.lock().unwrap_or_else(|e| e.into_inner()) = Some(report);
    }));
}

/// Reads `{ language?: "auto" | "de" | "en" }`; `undefined` and `null` mean the defaults, other
/// fields are ignored. Read by hand (`Reflect.get`), not with `serde_wasm_bindgen::from_value`:
/// serde's deserializer with its error messages (float formatting among them) costs 10 KB of
/// gzipped wasm for one optional string.
fn options(value: JsValue) -> Result<Options, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(Options::default());
    }
    if !value.is_object() {
        return Err(JsError::new("hedgemark: bad options: expected an object such as { language: \"de\" }"));
    }
    let language = js_sys::Reflect::get(&value, &JsValue::from_str("language"))
        .map_err(|_| JsError::new("hedgemark: bad options: could not read options.language"))?;
    if language.is_undefined() || language.is_null() {
        return Ok(Options::default());
    }
    let Some(code) = language.as_string() else {
        return Err(JsError::new(
            "hedgemark: bad options: language must be a string: \"auto\", \"de\" or \"en\"",
        ));
    };
    Options::from_code(&code).map_err(|e| JsError::new(&format!("hedgemark: bad options: {e}")))
}

fn run(text: &str, options_value: JsValue) -> Result<Analysis, JsError> {
    crate::try_analyze(text, &options(options_value)?).map_err(|e| JsError::new(&format!("hedgemark: {e}")))
}

/// `analyze(text, options)`: the `hedgemark/1` object for `text`.
#[wasm_bindgen(js_name = analyze)]
pub fn js_analyze(text: &str, options: JsValue) -> Result<JsValue, JsError> {
    let analysis = run(text, options)?;
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    // No span texts: js/core.js takes each from the caller's own string.
    serde::Serialize::serialize(&analysis.document(text).without_texts(), &serializer)
        .map_err(|e| JsError::new(&format!("hedgemark: could not build the result: {e}")))
}

/// `html_report(text, options)`: the standalone HTML report for `text`.
#[wasm_bindgen(js_name = html_report)]
pub fn js_html_report(text: &str, options: JsValue) -> Result<String, JsError> {
    let analysis = run(text, options)?;
    Ok(crate::html_report(&analysis, text))
}

/// The crate version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// The message of the last panic, if any (taken: a second call returns `undefined`).
#[wasm_bindgen]
pub fn last_panic() -> Option<String> {
    LAST_PANIC.lock().unwrap_or_else(|e| e.into_inner()).take()
}

/// Panics on purpose, so the tests can check that a panic reaches JavaScript as an `Error`.
#[doc(hidden)]
#[wasm_bindgen]
pub fn __hedgemark_test_panic() {
    panic!("deliberate test panic");
}
