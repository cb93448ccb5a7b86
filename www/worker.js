// The analysis worker of the paste page: the engine runs here, so that a long text never freezes
// the page. Messages in: {type: "analyze" | "report", id, text, language}. Messages out:
// {type: "ready", version, schema}, {type: "fatal", message}, {type: "started", id},
// {type: "result", id, result, ms}, {type: "report", id, html, ms}, {type: "error", id, message}.
// The page ignores answers to requests it no longer wants (by id) and terminates a worker that is
// busy with a long, superseded analysis.

import init, { analyze, htmlReport, version, SCHEMA } from "../js/index.js";

const ready = init().then(
  () => {
    // Warm up: the first analysis in each language builds that language's rule tables (about
    // 0.1 s in wasm); doing it now keeps it out of the reader's first paste.
    for (const language of ["de", "en"]) {
      try {
        analyze(language === "de" ? "Er soll es gewusst haben." : "He reportedly knew.", { language });
      } catch {
        /* the real request will report it */
      }
    }
    self.postMessage({ type: "ready", version: safe(version), schema: typeof SCHEMA === "string" ? SCHEMA : "" });
    return true;
  },
  (e) => {
    self.postMessage({ type: "fatal", message: message(e) });
    return false;
  },
);

function safe(f) {
  try {
    return String(f());
  } catch {
    return "";
  }
}

function message(e) {
  return e && e.message ? String(e.message) : String(e);
}

self.onmessage = async (event) => {
  const { type, id, text, language } = event.data || {};
  if (!(await ready)) {
    self.postMessage({ type: "error", id, message: "the engine could not be loaded" });
    return;
  }
  self.postMessage({ type: "started", id });
  const t0 = performance.now();
  try {
    if (type === "analyze") {
      const result = analyze(text, { language });
      self.postMessage({ type: "result", id, result, ms: performance.now() - t0 });
    } else if (type === "report") {
      const html = htmlReport(text, { language });
      self.postMessage({ type: "report", id, html, ms: performance.now() - t0 });
    } else {
      self.postMessage({ type: "error", id, message: `unknown request ${type}` });
    }
  } catch (e) {
    self.postMessage({ type: "error", id, message: message(e) });
  }
};
