// The paste page: text in, highlights out. No framework, no network beyond this origin, no HTML
// parsing of user text (only text nodes and <mark> elements built with the DOM API).
//
// Flow: input → (debounce) → worker analyses (www/worker.js, the engine in wasm) → render the
// hedgemark/1 result into one detached document fragment, attached to #view at once → summary,
// strip, legend, sources.
// DOM contract: each highlight is a <mark data-kind="hedge|source|quote|claim"> (hedges with
// data-category); a span cut by another is several <mark>s with the same data-ref, the first of
// which has data-first and is focusable.

const $ = (id) => document.getElementById(id);
const els = {
  text: $("text"),
  language: $("language"),
  detected: $("detected"),
  view: $("view"),
  summary: $("summary"),
  strip: $("strip"),
  stripFigure: $("strip-figure"),
  legend: $("legend"),
  sources: $("sources"),
  sourcesEmpty: $("sources-empty"),
  exportJson: $("export-json"),
  exportHtml: $("export-html"),
  status: $("status"),
  statusText: $("status-text"),
  progress: $("progress"),
  elapsed: $("elapsed"),
  tip: $("tip"),
  version: $("version"),
  schema: $("schema"),
};

// ---------------------------------------------------------------------------------------------
// Labels. The interface is English; where the analysed text is German, category names also show
// their German name (and the engine's notes are in the language of the text).

export const CATEGORIES = [
  { id: "reportative", en: "Hearsay", de: "Hörensagen", gloss: "passed on, not vouched for" },
  { id: "speculative", en: "Speculation", de: "Spekulation", gloss: "possible or probable" },
  { id: "belief", en: "Belief", de: "Annahme", gloss: "assumed, not established" },
  { id: "evidential_gap", en: "Evidence gap", de: "Belegslücke", gloss: "proof or confirmation lacking" },
  { id: "weasel", en: "Vague source", de: "Vage Quelle", gloss: "unnamed or vague source" },
  { id: "approximator", en: "Approximation", de: "Ungefähr", gloss: "vague quantity or degree" },
];
const CATEGORY = Object.fromEntries(CATEGORIES.map((c) => [c.id, c]));
const KINDS = [
  { id: "source", en: "Source", gloss: "who a claim comes from" },
  { id: "quote", en: "Quotation", gloss: "direct speech" },
  { id: "claim", en: "Attributed claim", gloss: "reported speech, according to …" },
];
const SOURCE_KIND = { person: "person", organization: "organization", vague: "unnamed / vague", unknown: "unknown" };
const ATTRIBUTION = {
  direct: "Direct quotation",
  indirect: "Reported speech",
  according_to: "According to a source",
  belief: "A source's belief",
};
const LANGUAGE_NAME = { de: "Deutsch", en: "English" };
// The sourcing summary (stats.sourcing): claims by the kind of their source. "none" is the
// engine's `unknown` plus `unsourced` (a source of unknown kind, or no source at all).
const SOURCING = [
  { id: "person", one: "named person", en: "named persons", de: "Personen" },
  { id: "organization", one: "organisation", en: "organisations", de: "Organisationen" },
  { id: "vague", one: "vague source", en: "vague sources", de: "vage Quellen" },
  { id: "none", one: "unidentified or none", en: "unidentified or none", de: "unbekannt oder keine" },
];

// ---------------------------------------------------------------------------------------------
// State

const state = {
  text: "", // the text of the current result
  result: null, // the hedgemark/1 result shown
  pieces: [], // first <mark> piece of each highlight, in document order (for roving focus)
  focusIndex: -1,
  selectedSource: null, // a source id (string), "unattributed" (hedged claims with no source), or null
  hidden: new Set(), // toggled-off categories and kinds
  renderId: 0,
};

// ---------------------------------------------------------------------------------------------
// The worker: one active worker, plus a warm spare so that a long, superseded analysis can be
// cancelled (terminated) without loading anything from the network again.

let seq = 0; // request ids
let latestAnalyze = 0; // the id whose result is wanted
const LONG = 200_000; // characters: analyses longer than this are cancelled by termination

function spawn() {
  const w = { worker: null, ready: false, failed: false, busy: null, queue: [], timer: 0 };
  try {
    w.worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
  } catch (e) {
    w.failed = true;
    return w;
  }
  w.worker.onmessage = (e) => onWorkerMessage(w, e.data);
  w.worker.onerror = (e) => {
    e.preventDefault?.();
    if (!w.ready) {
      w.failed = true;
      if (w === pool.active) engineFailed(e.message || "the analysis worker could not start");
    } else {
      workerFailed(w, `the analysis worker crashed (${e.message || "no message"}); it was restarted`);
    }
  };
  return w;
}

/// How long one request may take before its worker is stopped: 15 s plus 10 ms per 1,000
/// characters (a 1 MB text takes well under a second on a laptop). `<html data-analysis-timeout>`
/// (milliseconds) overrides it, for tests and for pages that know their readers' machines.
function timeoutFor(length) {
  const set = Number(document.documentElement.dataset.analysisTimeout);
  return set > 0 ? set : 15_000 + length / 100;
}

/// A worker that crashed or ran over its time: it is stopped, its requests fail with `reason`
/// (shown to the reader), and the spare, or a new worker, takes its place so the page stays usable.
function workerFailed(w, reason) {
  clearTimeout(w.timer);
  w.worker.terminate();
  w.failed = true;
  const jobs = [w.busy, ...w.queue].filter(Boolean);
  w.busy = null;
  w.queue = [];
  for (const q of jobs) {
    const job = waiting.get(q.id);
    waiting.delete(q.id);
    job?.reject(new Error(reason));
  }
  if (w === pool.active) {
    pool.active = pool.spare && !pool.spare.failed ? pool.spare : spawn();
    pool.spare = null;
    setTimeout(ensureSpare, 0);
    if (pool.active.failed) engineFailed("the analysis worker could not be restarted");
  } else if (w === pool.spare) {
    pool.spare = null;
  }
}

const pool = { active: null, spare: null };
const waiting = new Map(); // id -> {resolve, reject, type, started, length}

function startPool() {
  pool.active = spawn();
  if (pool.active.failed) engineFailed("this browser cannot run module workers");
}

function ensureSpare() {
  if (!pool.spare || pool.spare.failed) pool.spare = spawn();
}

function onWorkerMessage(w, msg) {
  switch (msg.type) {
    case "ready":
      w.ready = true;
      if (w === pool.active) {
        els.version.textContent = msg.version ? `v${msg.version}` : "";
        els.schema.textContent = msg.schema || "";
        document.documentElement.dataset.engine = "ready";
        // A warm spare, once the page is loaded: cancelling a long analysis needs no download.
        setTimeout(ensureSpare, 500);
      }
      flush(w);
      return;
    case "fatal":
      w.failed = true;
      if (w === pool.active) engineFailed(msg.message);
      return;
    case "started": {
      const job = waiting.get(msg.id);
      if (job) job.started = performance.now();
      return;
    }
    case "result":
    case "report":
    case "error": {
      if (w.busy && w.busy.id === msg.id) {
        w.busy = null;
        clearTimeout(w.timer);
      }
      const job = waiting.get(msg.id);
      waiting.delete(msg.id);
      if (job) {
        if (msg.type === "error") job.reject(new Error(msg.message));
        else job.resolve(msg);
      }
      flush(w);
      return;
    }
  }
}

function flush(w) {
  if (!w.ready || w.busy || !w.queue.length) return;
  const req = w.queue.shift();
  w.busy = req;
  const ms = timeoutFor(req.text.length);
  w.timer = setTimeout(() => {
    if (w.busy === req) workerFailed(w, `the analysis took longer than ${Math.round(ms / 1000)} s and was stopped`);
  }, ms);
  w.worker.postMessage(req);
}

function request(type, text, language) {
  const id = ++seq;
  const req = { type, id, text, language };
  let w = pool.active;
  if (type === "analyze") {
    latestAnalyze = id;
    // Drop queued analyses nobody wants any more.
    w.queue = w.queue.filter((q) => {
      if (q.type !== "analyze") return true;
      waiting.get(q.id)?.reject(stale());
      waiting.delete(q.id);
      return false;
    });
    // A long analysis still running is cancelled: the worker is terminated, the spare takes over.
    if (w.busy && w.busy.type === "analyze" && w.busy.text.length > LONG && pool.spare && !pool.spare.failed) {
      const old = w;
      clearTimeout(old.timer);
      old.worker.terminate();
      for (const q of [old.busy, ...old.queue]) {
        const job = waiting.get(q.id);
        waiting.delete(q.id);
        if (q.type === "analyze") job?.reject(stale());
        else pool.spare.queue.push(q), waiting.set(q.id, job);
      }
      pool.active = w = pool.spare;
      pool.spare = null;
      setTimeout(ensureSpare, 0);
    }
  }
  const promise = new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject, type, started: 0, length: text.length });
  });
  w.queue.push(req);
  flush(w);
  if (w.failed) engineFailed("the analysis worker could not start");
  return { id, promise };
}

function stale() {
  const e = new Error("superseded");
  e.stale = true;
  return e;
}

function engineFailed(message) {
  document.documentElement.dataset.engine = "failed";
  showStatus(`The engine could not be loaded: ${message}`, null);
}

// ---------------------------------------------------------------------------------------------
// Input: analyse on paste at once, on typing after a short pause. Performance marks time it.

let debounce = 0;
let pendingSince = 0; // performance.now() of the input that started the wait

function onInput(event) {
  performance.mark("hedgemark:paste");
  pendingSince = performance.now();
  clearTimeout(debounce);
  const paste = event && event.inputType && event.inputType.startsWith("insertFromPaste");
  const n = els.text.value.length;
  if (paste || (event && event.type === "sample")) {
    // At once, in this task: the worker starts on the text while the browser lays out the box
    // with its new value (for 1 MB of text, about 0.2 s of the main thread that a timer, even of
    // 0 ms, would wait for before the request went out).
    run();
    return;
  }
  debounce = setTimeout(run, n > LONG ? 400 : 150);
}

async function run() {
  const text = els.text.value;
  const language = els.language.value;
  const renderId = ++state.renderId;
  if (!text.trim()) {
    latestAnalyze = ++seq; // anything in flight is stale now
    hideStatus();
    showResult("", null, renderId);
    return;
  }
  const { id, promise } = request("analyze", text, language);
  els.view.dataset.state = "analysing";
  const timer = progressWhile(id, text.length);
  let msg;
  try {
    msg = await promise;
  } catch (e) {
    clearInterval(timer);
    if (e.stale || id !== latestAnalyze) return;
    showStatus(`Analysis failed: ${e.message}`, null);
    els.view.dataset.state = "error";
    return;
  }
  clearInterval(timer);
  if (id !== latestAnalyze || renderId !== state.renderId) return; // a newer text is on its way
  performance.mark("hedgemark:analysed");
  if (performance.getEntriesByName("hedgemark:paste", "mark").length) {
    performance.measure("hedgemark:paste-to-analysed", "hedgemark:paste", "hedgemark:analysed");
  }
  await showResult(text, msg.result, renderId);
}

/// An indeterminate progress bar with elapsed time while a long text is analysed.
function progressWhile(id, length) {
  const t0 = performance.now();
  let shown = false;
  return setInterval(() => {
    if (id !== latestAnalyze) return;
    const ms = performance.now() - t0;
    if (!shown && ms > 250) {
      shown = true;
      showStatus(`Analysing ${size(length)}…`, null);
    }
    if (shown) els.elapsed.textContent = `${(ms / 1000).toFixed(1)} s`;
  }, 100);
}

function showStatus(text, fraction) {
  els.status.hidden = false;
  if (els.statusText.textContent !== text) els.statusText.textContent = text;
  if (fraction == null) els.progress.removeAttribute("value");
  else els.progress.value = fraction;
  els.elapsed.textContent = "";
}

function hideStatus() {
  els.status.hidden = true;
}

function size(n) {
  if (n < 1000) return `${n} characters`;
  if (n < 1_000_000) return `${Math.round(n / 1000)} K characters`;
  return `${(n / 1_000_000).toFixed(1)} M characters`;
}

// ---------------------------------------------------------------------------------------------
// Rendering

/// Every highlight of a result as {start, end, layer, kind, …}, sorted by start, longest first,
/// outer layers first (claims and quotes 0, sources 1, hedges 3). Bad spans are left out.
export function marksOf(text, r) {
  const n = text.length;
  const ok = (s) =>
    s && Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.start < s.end && s.end <= n;
  const marks = [];
  (r.hedges || []).forEach((h, i) => {
    if (ok(h)) marks.push({ start: h.start, end: h.end, layer: 3, kind: "hedge", category: String(h.category), ref: `h${i}` });
  });
  (r.sources || []).forEach((s, si) => {
    (s.mentions || []).forEach((m, j) => {
      if (ok(m)) marks.push({ start: m.start, end: m.end, layer: 1, kind: "source", source: s.id, ref: `s${si}.${j}`, sourceKind: s.kind });
    });
  });
  (r.attributions || []).forEach((a, i) => {
    if (ok(a.content)) {
      const kind = a.type === "direct" ? "quote" : "claim";
      marks.push({ start: a.content.start, end: a.content.end, layer: 0, kind, source: a.source, type: a.type, ref: `a${i}` });
    }
  });
  marks.sort((a, b) => a.start - b.start || b.end - a.end || a.layer - b.layer);
  return marks;
}

const CHUNK = 8_000; // characters per block of the view (cut after a line break, outside marks)

/// Where the view is cut into blocks: after a "\n" that no mark covers, every CHUNK characters or
/// so. Blocks get `content-visibility: auto`, so a 10 MB text only lays out what is on screen.
function cutsOf(text, marks) {
  const cuts = [];
  if (text.length <= CHUNK) return cuts;
  let mi = 0;
  let covered = 0; // max end of the marks starting before the candidate
  let target = CHUNK;
  while (target < text.length) {
    let nl = text.indexOf("\n", target - 1);
    if (nl < 0) break;
    let p = nl + 1;
    for (;;) {
      while (mi < marks.length && marks[mi].start < p) covered = Math.max(covered, marks[mi++].end);
      if (covered <= p) break;
      nl = text.indexOf("\n", covered - 1);
      if (nl < 0) break;
      p = nl + 1;
    }
    if (nl < 0 || p >= text.length) break;
    cuts.push(p);
    target = p + CHUNK;
  }
  return cuts;
}

/// The <mark> a highlight starts with (`first`) or continues in, cloned from a prototype with the
/// attributes every mark of its kind, category, source kind and type shares (cloning is several
/// times faster than setting each data- attribute anew); only data-ref and data-source differ.
const markPrototypes = new Map();
function newMark(m, first) {
  const key = `${first ? 1 : 0}|${m.kind}|${m.category || ""}|${m.sourceKind || ""}|${m.type || ""}`;
  let proto = markPrototypes.get(key);
  if (!proto) {
    proto = document.createElement("mark");
    proto.setAttribute("data-kind", m.kind);
    if (m.category) proto.setAttribute("data-category", m.category);
    if (m.sourceKind) proto.setAttribute("data-source-kind", String(m.sourceKind));
    if (m.type) proto.setAttribute("data-type", String(m.type));
    if (first) {
      proto.setAttribute("data-first", "");
      proto.setAttribute("tabindex", "-1"); // roving: one mark at a time is in the tab order
    } else {
      proto.setAttribute("data-part", "cont");
    }
    markPrototypes.set(key, proto);
  }
  const el = proto.cloneNode(false);
  if (m.source != null) el.setAttribute("data-source", String(m.source));
  el.setAttribute("data-ref", m.ref);
  return el;
}

/// Builds the marked text, block by block, into one detached fragment, which the caller attaches
/// to the page once: nothing is inserted into the live DOM node by node (each insertion there
/// would dirty style and layout of the page). Between slices of about SLICE ms the builder
/// yields to the event loop, so that a long text keeps the page responsive, and reports its
/// progress through `onProgress(fraction)`. Returns {fragment, pieces}, or null when a newer
/// render started meanwhile.
async function buildView(text, marks, renderId, onProgress) {
  const cuts = cutsOf(text, marks);
  const bounds = new Set([text.length, ...cuts]);
  for (const m of marks) bounds.add(m.start), bounds.add(m.end);
  const sorted = Float64Array.from(bounds).sort();
  const cutSet = new Set(cuts);
  const pieces = [];

  const frag = document.createDocumentFragment();
  let block = blockEl();
  frag.appendChild(block);
  const open = []; // indices into marks, outermost first
  const openEls = [];
  let next = 0;
  let pos = 0;
  let sliceStart = performance.now();
  const SLICE = 12; // ms of building before the builder yields

  for (let bi = 0; bi < sorted.length; bi++) {
    const b = sorted[bi];
    const parent = openEls.length ? openEls[openEls.length - 1] : block;
    if (b > pos) parent.appendChild(document.createTextNode(text.slice(pos, b)));
    pos = b;
    // Close the marks that end here, and the ones opened inside them (reopened as continuations).
    let first = -1;
    for (let i = 0; i < open.length; i++) {
      if (marks[open[i]].end <= b) {
        first = i;
        break;
      }
    }
    if (first >= 0) {
      const reopen = open.slice(first).filter((m) => marks[m].end > b);
      open.length = first;
      openEls.length = first;
      for (const m of reopen) {
        const el = newMark(marks[m], false);
        (openEls.length ? openEls[openEls.length - 1] : block).appendChild(el);
        open.push(m);
        openEls.push(el);
      }
    }
    if (cutSet.has(b) && open.length === 0) {
      block = blockEl();
      frag.appendChild(block);
    }
    while (next < marks.length && marks[next].start === b) {
      const el = newMark(marks[next], true);
      pieces.push(el);
      (openEls.length ? openEls[openEls.length - 1] : block).appendChild(el);
      open.push(next);
      openEls.push(el);
      next++;
    }
    if ((bi & 255) === 255 && performance.now() - sliceStart > SLICE && bi < sorted.length - 1) {
      onProgress(b / text.length);
      await yieldToPage();
      if (renderId !== state.renderId) return null;
      sliceStart = performance.now();
    }
  }
  return { fragment: frag, pieces };
}

function blockEl() {
  const d = document.createElement("div");
  d.className = "block";
  return d;
}

/// Lets everything else the page has to do run (input, timers, frames) before building on.
/// (Not scheduler.yield(): its continuation jumps ahead of the page's other tasks.)
function yieldToPage() {
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => resolve();
    ch.port2.postMessage(null);
  });
}

/// Shows `result` for `text` (null: the empty page). Used by the analysis and by tests.
async function showResult(text, result, renderId = ++state.renderId) {
  hideTip();
  state.text = text;
  state.result = result;
  state.selectedSource = null;
  state.focusIndex = -1;
  state.pieces = [];
  const view = els.view;
  view.classList.remove("has-selection");
  highlightSentences([]);
  els.exportJson.disabled = els.exportHtml.disabled = !result;
  if (!result) {
    view.replaceChildren();
    view.dataset.state = "empty";
    view.removeAttribute("lang");
    els.detected.textContent = "";
    renderSummary(null);
    renderLegend(null);
    renderSources(null);
    drawStrip();
    return;
  }
  view.dataset.state = "rendering";
  view.lang = result.language || "";
  const long = text.length > 192_000;
  // A long text takes several slices to build: the view of the previous text goes at once (its
  // marks refer to the previous result), and a progress bar shows while the new one is built.
  if (long) view.replaceChildren();
  // For a long text, the page gets a turn between the steps below too: receiving the result from
  // the worker was already a long task (a 5 MB text's result takes a good 100 ms to copy in).
  const breathe = async () => {
    if (long) await yieldToPage();
    return renderId === state.renderId;
  };
  if (!(await breathe())) return;
  const lang = LANGUAGE_NAME[result.language] || result.language;
  els.detected.textContent = els.language.value === "auto" ? `detected: ${lang}` : `analysed as ${lang}`;
  renderSummary(result);
  renderLegend(result);
  renderSources(result);
  if (!(await breathe())) return;

  const marks = marksOf(text, result);
  if (!(await breathe())) return;
  const built = await buildView(text, marks, renderId, (fraction) => {
    if (long) showStatus(`Highlighting ${size(text.length)}…`, fraction);
  });
  if (!built || renderId !== state.renderId) return;
  view.replaceChildren(built.fragment); // the one insertion into the live page
  if (long) performance.mark("hedgemark:first-highlight");
  const pieces = built.pieces;
  state.pieces = pieces;
  if (pieces.length) {
    pieces[0].tabIndex = 0;
    state.focusIndex = 0;
  }
  hideStatus();
  drawStrip();
  view.dataset.state = "done";
  performance.mark("hedgemark:rendered");
  const timed = performance.getEntriesByName("hedgemark:paste", "mark").length > 0;
  if (timed) {
    performance.measure("hedgemark:paste-to-highlight", "hedgemark:paste", "hedgemark:rendered");
    // And until the highlights are on screen: the next frame (style, layout, paint) is done when
    // a task queued from its requestAnimationFrame callback runs.
    requestAnimationFrame(() =>
      yieldToPage().then(() => {
        if (renderId !== state.renderId) return;
        performance.mark("hedgemark:painted");
        performance.measure("hedgemark:paste-to-paint", "hedgemark:paste", "hedgemark:painted");
      }),
    );
  }
  view.dispatchEvent(new CustomEvent("hedgemark:rendered", { bubbles: true, detail: { length: text.length } }));
}

// ---------------------------------------------------------------------------------------------
// Summary, legend, sources

function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "class") e.className = v;
    else if (k === "data") Object.assign(e.dataset, v);
    else if (k in e && k !== "lang") e[k] = v;
    else e.setAttribute(k, v);
  }
  e.append(...children.filter((c) => c != null && c !== false));
  return e;
}

function pct(n, of) {
  return of ? Math.round((n * 100) / of) : 0;
}

/// A share (0 … 1, three decimals, from the engine) as a percentage for reading: whole
/// percents, "<1 %" for a share above 0 that would round to 0.
export function percent(share) {
  const p = Math.round(share * 100);
  return p === 0 && share > 0 ? "<1 %" : `${p} %`;
}

/// The engine's sourcing summary of a result, or null (a result without one).
function sourcingOf(r) {
  const s = r?.stats?.sourcing;
  return s && s.claims && Array.isArray(s.by_source) ? s : null;
}

/// An English label, with its German one beside it for German texts.
function label(en, de, german) {
  return german ? [en, " ", el("span", { class: "german", lang: "de" }, `· ${de}`)] : [en];
}

function renderSummary(r) {
  const box = els.summary;
  if (!r) {
    box.replaceChildren(el("p", { class: "empty" }, "Paste an article, or load a sample."));
    els.stripFigure.hidden = true;
    return;
  }
  const s = r.stats || {};
  const p = pct(s.hedged_sentences, s.sentences);
  box.replaceChildren(
    el(
      "p",
      { class: "headline" },
      el("strong", { data: { stat: "hedged" } }, `${s.hedged_sentences} of ${s.sentences}`),
      ` sentences hedged `,
      el("span", { class: "pct" }, `(${p} %)`),
    ),
    el("div", { class: "meter", "aria-hidden": "true" }, el("span", { class: "meter-fill" })),
    ...sourcingSummary(r),
    el(
      "p",
      { class: "meta" },
      `${s.hedges} ${s.hedges === 1 ? "hedge" : "hedges"} · ${s.sources} ${s.sources === 1 ? "source" : "sources"} · ${s.quotes} ${s.quotes === 1 ? "quotation" : "quotations"} · ${LANGUAGE_NAME[r.language] || r.language}`,
    ),
  );
  // The meter's width is set through the CSSOM, which a strict style-src allows (a style
  // attribute in markup would not be).
  box.querySelector(".meter-fill").style.setProperty("width", `${p}%`);
  els.stripFigure.hidden = false;
}

/// The sourcing part of the summary, from stats.sourcing: claims by the kind of their source,
/// the hedged claims nobody is named for (a button that shows them), the quoted share.
function sourcingSummary(r) {
  const s = sourcingOf(r);
  if (!s) return [];
  const de = r.language === "de";
  const c = s.claims;
  const counts = { person: c.person, organization: c.organization, vague: c.vague, none: c.unknown + c.unsourced };
  const all = counts.person + counts.organization + counts.vague + counts.none;
  const out = [
    el(
      "div",
      { class: "sourcing", role: "group", "aria-labelledby": "claims-by-h" },
      el("p", { class: "sourcing-h", id: "claims-by-h" }, `Claims (${all}) attributed to`),
      el(
        "ul",
        { class: "by-kind" },
        ...SOURCING.map((k) =>
          el(
            "li",
            { data: { kind: k.id }, class: counts[k.id] ? "" : "zero" },
            el("strong", { data: { stat: k.id } }, String(counts[k.id])),
            el("span", { class: "kind-label" }, ...label(counts[k.id] === 1 ? k.one : k.en, k.de, de)),
          ),
        ),
      ),
    ),
  ];
  const n = s.unattributed_hedged_claims;
  const what = [
    el("strong", { data: { stat: "unattributed" } }, String(n)),
    ` of ${s.hedged_claims} hedged ${s.hedged_claims === 1 ? "claim" : "claims"} without a source`,
  ];
  if (de) what.push(" ", el("span", { class: "german", lang: "de" }, "· ohne Quelle"));
  out.push(
    n
      ? el(
          "button",
          {
            type: "button",
            id: "unattributed",
            class: "unattributed",
            "aria-pressed": String(state.selectedSource === "unattributed"),
            title: "Show them in the text",
          },
          ...what,
        )
      : el("p", { class: "unattributed none" }, ...what),
    el(
      "p",
      { class: "quoted" },
      el("strong", { data: { stat: "quoted-share", value: String(s.quoted_share) } }, percent(s.quoted_share)),
      " of the text is direct quotation",
      de ? el("span", { class: "german", lang: "de" }, " · wörtliches Zitat") : null,
    ),
  );
  return out;
}

function renderLegend(r) {
  const counts = new Map();
  for (const h of r?.hedges || []) counts.set(h.category, (counts.get(h.category) || 0) + 1);
  const kindCounts = {
    source: (r?.sources || []).reduce((n, s) => n + (s.mentions || []).length, 0),
    quote: (r?.attributions || []).filter((a) => a.type === "direct").length,
    claim: (r?.attributions || []).filter((a) => a.type !== "direct").length,
  };
  const de = r?.language === "de";
  const items = [];
  for (const c of CATEGORIES) {
    items.push(
      legendItem(c.id, "category", c.en, de ? c.de : null, c.gloss, counts.get(c.id) || 0),
    );
  }
  for (const k of KINDS) items.push(legendItem(k.id, "kind", k.en, null, k.gloss, kindCounts[k.id]));
  els.legend.replaceChildren(...items);
}

function legendItem(id, what, name, german, gloss, count) {
  const input = el("input", { type: "checkbox", checked: !state.hidden.has(id), data: { toggle: id } });
  const swatch = el("mark", { class: "swatch", "aria-hidden": "true" }, "Aa");
  if (what === "category") {
    swatch.dataset.kind = "hedge";
    swatch.dataset.category = id;
  } else {
    swatch.dataset.kind = id;
  }
  return el(
    "li",
    { data: { item: id }, class: count ? "" : "zero" },
    el(
      "label",
      {},
      input,
      swatch,
      el("span", { class: "name" }, name),
      el("span", { class: "count", data: { countFor: id } }, String(count)),
      el("span", { class: "gloss" }, german ? el("span", { class: "german", lang: "de" }, german) : null, german ? " · " : null, gloss),
    ),
  );
}

function onLegendChange(event) {
  const id = event.target?.dataset?.toggle;
  if (!id) return;
  if (event.target.checked) state.hidden.delete(id);
  else state.hidden.add(id);
  els.view.classList.toggle(`off-${id}`, !event.target.checked);
  if (document.activeElement?.closest?.("#view mark") && isHidden(document.activeElement)) hideTip();
  drawStrip();
}

function isHidden(mark) {
  return state.hidden.has(mark.dataset.category) || state.hidden.has(mark.dataset.kind);
}

function renderSources(r) {
  const list = els.sources;
  const sources = r?.sources || [];
  els.sourcesEmpty.hidden = sources.length > 0;
  if (!sources.length) {
    list.replaceChildren();
    return;
  }
  const by = new Map((sourcingOf(r)?.by_source || []).map((e) => [e.source, e]));
  const fills = [];
  list.replaceChildren(
    ...sources.map((s) => {
      const e = by.get(s.id);
      const claims = e ? e.claims : 0;
      const button = el(
        "button",
        { type: "button", class: "source", "aria-pressed": "false", data: { source: String(s.id), sourceKind: String(s.kind) } },
        el("span", { class: "name" }, String(s.name)),
        el("span", { class: "kind" }, SOURCE_KIND[s.kind] || String(s.kind)),
        el("span", { class: "claims", data: { claims: String(claims) } }, `${claims} ${claims === 1 ? "claim" : "claims"}`),
      );
      if (e) {
        // Its share of all quoted material: a bar and the percentage (the bar is decoration).
        const fill = el("span", { class: "bar-fill" });
        fills.push([fill, e.quoted_share]);
        button.append(
          el(
            "span",
            { class: "share", data: { quotedShare: String(e.quoted_share), quotes: String(e.quotes) } },
            el("span", { class: "bar", "aria-hidden": "true" }, fill),
            el("span", { class: "share-text" }, e.quotes ? `${percent(e.quoted_share)} of all quoted text` : "no direct quotations"),
          ),
        );
      }
      return el("li", {}, button);
    }),
  );
  for (const [fill, share] of fills) fill.style.setProperty("width", `${Math.round(share * 1000) / 10}%`);
}

function clearSelection() {
  for (const b of els.sources.querySelectorAll("button.source")) b.setAttribute("aria-pressed", "false");
  els.summary.querySelector("#unattributed")?.setAttribute("aria-pressed", "false");
  for (const m of els.view.querySelectorAll("mark.is-selected")) m.classList.remove("is-selected");
  els.view.classList.remove("has-selection");
  highlightSentences([]);
  state.selectedSource = null;
}

function onSourceClick(event) {
  const button = event.target.closest?.("button.source");
  if (!button) return;
  const id = button.dataset.source;
  const again = state.selectedSource === id;
  clearSelection();
  if (again) return;
  state.selectedSource = id;
  els.view.classList.add("has-selection");
  button.setAttribute("aria-pressed", "true");
  const marks = els.view.querySelectorAll(`mark[data-source="${CSS.escape(id)}"]`);
  for (const m of marks) m.classList.add("is-selected");
  const firstClaim = [...marks].find((m) => m.dataset.kind !== "source" && m.hasAttribute("data-first")) || marks[0];
  firstClaim?.scrollIntoView({ block: "center", behavior: "smooth" });
}

/// The sentences (indices) with a hedge that no attribution's content overlaps: the ones
/// stats.sourcing.unattributed_hedged_claims counts, found here to show them (the engine gives
/// the number, not the list).
export function unattributedSentences(r) {
  const sentences = r.sentences || [];
  const hedged = new Set((r.hedges || []).map((h) => h.sentence));
  const covered = new Set();
  for (const a of r.attributions || []) {
    const c = a.content;
    if (!c || c.start >= c.end) continue;
    // Sentences are sorted: start at the first that ends after the content starts.
    let lo = 0;
    let hi = sentences.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sentences[mid].end <= c.start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < sentences.length && sentences[i].start < c.end; i++) covered.add(i);
  }
  return [...hedged].filter((i) => i >= 0 && i < sentences.length && !covered.has(i)).sort((a, b) => a - b);
}

/// Shows the hedged claims with no source: their hedges are selected, their sentences
/// highlighted (CSS Custom Highlight API, where the browser has it), the first one scrolled to.
function onUnattributedClick() {
  const button = els.summary.querySelector("#unattributed");
  const again = state.selectedSource === "unattributed";
  clearSelection();
  if (again || !button || !state.result) return;
  const r = state.result;
  const which = unattributedSentences(r);
  state.selectedSource = "unattributed";
  els.view.classList.add("has-selection");
  button.setAttribute("aria-pressed", "true");
  const refs = new Set();
  r.hedges.forEach((h, i) => which.includes(h.sentence) && refs.add(`h${i}`));
  let first = null;
  for (const m of els.view.querySelectorAll('mark[data-kind="hedge"]')) {
    if (!refs.has(m.dataset.ref)) continue;
    m.classList.add("is-selected");
    first ||= m;
  }
  highlightSentences(which.map((i) => r.sentences[i]));
  first?.scrollIntoView({ block: "center", behavior: "smooth" });
}

const SENTENCE_HIGHLIGHT = "hedgemark-unattributed";

/// Highlights these spans ({start, end} in UTF-16 units, sorted) of the view's text without
/// touching its DOM; [] removes the highlight.
function highlightSentences(spans) {
  const registry = globalThis.CSS?.highlights;
  if (!registry || typeof Highlight !== "function") return;
  if (!spans.length) {
    registry.delete(SENTENCE_HIGHLIGHT);
    return;
  }
  const ranges = [];
  const walker = document.createTreeWalker(els.view, NodeFilter.SHOW_TEXT);
  let offset = 0; // of the current text node in the text
  let node = walker.nextNode();
  for (const span of spans) {
    const range = document.createRange();
    let started = false;
    while (node) {
      const end = offset + node.data.length;
      if (!started && span.start < end) {
        range.setStart(node, Math.max(0, span.start - offset));
        started = true;
      }
      if (started && span.end <= end) {
        range.setEnd(node, span.end - offset);
        break;
      }
      offset = end;
      node = walker.nextNode();
    }
    if (started && node) ranges.push(range);
  }
  registry.set(SENTENCE_HIGHLIGHT, new Highlight(...ranges));
}

// ---------------------------------------------------------------------------------------------
// The strip: where in the text the hedges (top row) and the sources and claims (bottom row) sit.

// The strip's colours (CSS custom properties), read once per colour scheme: reading them right
// after the view was rebuilt would force a style recalculation of the whole page.
let stripColours = null;
function cssVar(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || "#888";
}
function colours() {
  if (!stripColours) {
    stripColours = {
      bg: cssVar("--strip-bg"),
      fg: cssVar("--fg"),
      claim: cssVar("--claim-edge"),
      ...Object.fromEntries(CATEGORIES.map((c) => [c.id, cssVar(`--${c.id}-edge`)])),
    };
  }
  return stripColours;
}

// The strip's width in CSS pixels, from a ResizeObserver (which reports it after the browser's
// own layout), so that drawing never forces a layout of the freshly built view. 0: not laid out
// yet (hidden); the observer draws once it is.
let stripWidth = 0;
let stripDrawn = { result: null, key: "" };

function drawStrip() {
  const canvas = els.strip;
  const r = state.result;
  const n = state.text.length;
  if (!r || !n || els.stripFigure.hidden) return;
  const thirds = [0, 0, 0];
  for (const h of r.hedges || []) thirds[Math.min(2, Math.floor((h.start / n) * 3))]++;
  canvas.setAttribute(
    "aria-label",
    (r.hedges || []).length
      ? `Hedges by position: ${thirds[0]} in the first third of the text, ${thirds[1]} in the middle third, ${thirds[2]} in the last third.`
      : "No hedges in the text.",
  );
  if (!stripWidth) return; // the ResizeObserver draws once the strip is laid out
  // The same result, width and toggles as the last drawing: nothing to do (the observer may have
  // drawn it already while the view was being built).
  const key = `${stripWidth}|${[...state.hidden].sort().join(",")}`;
  if (stripDrawn.result === r && stripDrawn.key === key) return;
  stripDrawn = { result: r, key };
  const width = Math.max(100, stripWidth);
  const height = 40;
  const dpr = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  const g = canvas.getContext("2d");
  if (!g) return;
  const c = colours();
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.clearRect(0, 0, width, height);
  g.fillStyle = c.bg;
  g.fillRect(0, 0, width, height);
  // Marks are summed up per pixel column first, then drawn as runs of columns: a few hundred
  // rectangles whatever the number of hedges (a 5 MB text has tens of thousands).
  const x = (offset) => (offset / n) * width;
  const columns = (start, end, min) => {
    const from = Math.max(0, Math.floor(x(start)));
    return [from, Math.min(width, Math.max(from + min, Math.ceil(x(end))))];
  };
  const runs = (cols, y, h, colourOf) => {
    for (let i = 0; i < width; ) {
      const v = cols[i];
      let j = i + 1;
      while (j < width && cols[j] === v) j++;
      if (v >= 0) {
        g.fillStyle = colourOf(v);
        g.fillRect(i, y, j - i, h);
      }
      i = j;
    }
  };
  // Hedges, top row: in each column the category of the last hedge over it.
  const hedgeCols = new Int8Array(width).fill(-1);
  const categoryIndex = Object.fromEntries(CATEGORIES.map((k, i) => [k.id, i]));
  for (const h of r.hedges || []) {
    if (state.hidden.has(h.category)) continue;
    const [from, to] = columns(h.start, h.end, 2);
    hedgeCols.fill(categoryIndex[h.category] ?? CATEGORIES.length, from, to);
  }
  runs(hedgeCols, 3, 16, (v) => c[CATEGORIES[v]?.id] || "#888");
  if (!state.hidden.has("claim") || !state.hidden.has("quote")) {
    const claimCols = new Int8Array(width).fill(-1);
    for (const a of r.attributions || []) {
      if (!a.content || state.hidden.has(a.type === "direct" ? "quote" : "claim")) continue;
      const [from, to] = columns(a.content.start, a.content.end, 2);
      claimCols.fill(0, from, to);
    }
    runs(claimCols, 24, 5, () => c.claim);
  }
  if (!state.hidden.has("source")) {
    const sourceCols = new Int8Array(width).fill(-1);
    for (const s of r.sources || []) {
      for (const m of s.mentions || []) {
        const from = Math.min(width - 1, Math.max(0, Math.floor(x(m.start))));
        sourceCols.fill(0, from, Math.min(width, from + 2));
      }
    }
    runs(sourceCols, 22, 15, () => c.fg);
  }
}

function onStripClick(event) {
  const r = state.result;
  if (!r || !state.pieces.length) return;
  const box = els.strip.getBoundingClientRect();
  const offset = ((event.clientX - box.left) / box.width) * state.text.length;
  let best = null;
  let bestDistance = Infinity;
  for (const piece of state.pieces) {
    const start = spanOf(piece)?.start ?? 0;
    const d = Math.abs(start - offset);
    if (d < bestDistance && !isHidden(piece)) (best = piece), (bestDistance = d);
  }
  if (best) focusPiece(state.pieces.indexOf(best));
}

// ---------------------------------------------------------------------------------------------
// Explanations: one tooltip, shown on hover and on keyboard focus, referenced by
// aria-describedby from the mark it explains. Esc hides it; moving the pointer onto it keeps it.

let tipFor = null;
let hideTimer = 0;

function spanOf(mark) {
  const r = state.result;
  const ref = mark?.dataset?.ref || "";
  if (!r) return null;
  const i = Number.parseInt(ref.slice(1), 10);
  if (ref[0] === "h") return r.hedges[i];
  if (ref[0] === "a") return r.attributions[i]?.content;
  if (ref[0] === "s") {
    const [si, j] = ref.slice(1).split(".").map(Number);
    return r.sources[si]?.mentions?.[j];
  }
  return null;
}

function sourceById(id) {
  return (state.result?.sources || []).find((s) => String(s.id) === String(id));
}

function describe(mark) {
  const r = state.result;
  const ref = mark.dataset.ref || "";
  const i = Number.parseInt(ref.slice(1), 10);
  const de = r?.language === "de";
  if (ref[0] === "h") {
    const h = r.hedges[i];
    const c = CATEGORY[h.category] || { en: h.category, gloss: "" };
    return el(
      "div",
      { class: "tip-part", data: { kind: "hedge", category: h.category } },
      el("p", { class: "tip-title" }, el("span", { class: "tip-swatch", "aria-hidden": "true" }), `${c.en}`, de && c.de ? el("span", { lang: "de" }, ` · ${c.de}`) : null, el("span", { class: "tip-kind" }, ` — hedge (${c.gloss})`)),
      el("p", { class: "tip-cue" }, "Cue: ", el("q", { lang: r.language }, h.text)),
      h.note ? el("p", { class: "tip-note", lang: r.language }, h.note) : null,
      el("p", { class: "tip-rule" }, el("code", {}, h.rule || "")),
    );
  }
  if (ref[0] === "s") {
    const [si] = ref.slice(1).split(".").map(Number);
    const s = r.sources[si];
    const e = sourcingOf(r)?.by_source.find((x) => x.source === s.id);
    const claims = e ? e.claims : 0;
    const quoted = e && e.quotes ? ` · ${percent(e.quoted_share)} of the quoted text` : "";
    return el(
      "div",
      { class: "tip-part", data: { kind: "source" } },
      el("p", { class: "tip-title" }, "Source: ", el("strong", { lang: r.language }, String(s.name))),
      el("p", {}, `${SOURCE_KIND[s.kind] || s.kind} · ${claims} ${claims === 1 ? "claim" : "claims"} · ${(s.mentions || []).length} mentions${quoted}`),
    );
  }
  if (ref[0] === "a") {
    const a = r.attributions[i];
    const s = a.source == null ? null : sourceById(a.source);
    return el(
      "div",
      { class: "tip-part", data: { kind: a.type === "direct" ? "quote" : "claim" } },
      el("p", { class: "tip-title" }, ATTRIBUTION[a.type] || a.type),
      el(
        "p",
        {},
        a.type === "direct" ? "Speaker: " : "Source: ",
        s ? el("strong", { lang: r.language }, String(s.name)) : el("em", {}, "not named"),
        s ? ` (${SOURCE_KIND[s.kind] || s.kind})` : null,
      ),
      a.cue ? el("p", { class: "tip-cue" }, "Cue: ", el("q", { lang: r.language }, a.cue.text)) : null,
    );
  }
  return el("div", {});
}

/// The explanation of a mark and of the marks around it (a hedge inside a quotation says both).
function showTip(mark) {
  clearTimeout(hideTimer);
  if (els.view.dataset.state === "rendering") return; // marks of the previous result, until the swap
  const first = firstPiece(mark);
  if (!first || isHidden(first)) return;
  if (tipFor === first && !els.tip.hidden) return position(mark);
  if (tipFor && tipFor !== first) tipFor.removeAttribute("aria-describedby");
  const parts = [];
  for (let m = mark; m && m !== els.view; m = m.parentElement) {
    if (m.localName === "mark" && !isHidden(m)) parts.push(describe(firstPiece(m) || m));
  }
  els.tip.replaceChildren(...parts);
  els.tip.hidden = false;
  tipFor = first;
  first.setAttribute("aria-describedby", "tip");
  position(mark);
}

function position(mark) {
  const tip = els.tip;
  const rects = mark.getClientRects();
  const rect = rects.length ? rects[0] : mark.getBoundingClientRect();
  const margin = 8;
  const w = Math.min(tip.offsetWidth, window.innerWidth - 2 * margin);
  let left = Math.min(Math.max(margin, rect.left), window.innerWidth - w - margin);
  let top = rect.bottom + 6;
  if (top + tip.offsetHeight > window.innerHeight - margin && rect.top - tip.offsetHeight - 6 > margin) {
    top = rect.top - tip.offsetHeight - 6;
  }
  tip.style.setProperty("left", `${Math.round(left)}px`);
  tip.style.setProperty("top", `${Math.round(top)}px`);
}

function hideTip() {
  clearTimeout(hideTimer);
  els.tip.hidden = true;
  if (tipFor) tipFor.removeAttribute("aria-describedby");
  tipFor = null;
}

function firstPiece(mark) {
  if (!mark || mark.localName !== "mark") return null;
  if (mark.hasAttribute("data-first")) return mark;
  return els.view.querySelector(`mark[data-first][data-ref="${CSS.escape(mark.dataset.ref)}"]`);
}

function innermostMark(target) {
  const m = target?.closest?.("mark");
  return m && els.view.contains(m) ? m : null;
}

// Roving focus among the marks: Tab enters at the current one, arrows move.
function focusPiece(i) {
  const pieces = state.pieces;
  if (i < 0 || i >= pieces.length) return;
  if (state.focusIndex >= 0 && pieces[state.focusIndex]) pieces[state.focusIndex].tabIndex = -1;
  state.focusIndex = i;
  pieces[i].tabIndex = 0;
  pieces[i].focus({ preventScroll: false });
  pieces[i].scrollIntoView({ block: "nearest" });
}

function step(from, direction) {
  const pieces = state.pieces;
  for (let i = from + direction; i >= 0 && i < pieces.length; i += direction) {
    if (!isHidden(pieces[i])) return i;
  }
  return -1;
}

function onViewKeydown(event) {
  const mark = event.target;
  if (mark.localName !== "mark") return;
  const i = state.pieces.indexOf(mark);
  let to = -1;
  switch (event.key) {
    case "ArrowRight":
    case "ArrowDown":
      to = step(i, 1);
      break;
    case "ArrowLeft":
    case "ArrowUp":
      to = step(i, -1);
      break;
    case "Home":
      to = step(-1, 1);
      break;
    case "End":
      to = step(state.pieces.length, -1);
      break;
    case "Escape":
      hideTip();
      event.preventDefault();
      return;
    default:
      return;
  }
  event.preventDefault();
  if (to >= 0) focusPiece(to);
}

// ---------------------------------------------------------------------------------------------
// Export: JSON of the result, and the engine's standalone HTML report, as Blob downloads.

function download(content, type, name) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = el("a", { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function baseName() {
  const r = state.result;
  const firstWords = state.text.trim().split(/\s+/).slice(0, 5).join("-");
  const slug = firstWords.normalize("NFKD").replace(/[^\w-]+/g, "").toLowerCase().slice(0, 40) || "text";
  return `hedgemark-${r?.language || "xx"}-${slug}`;
}

function exportJson() {
  if (!state.result) return;
  download(JSON.stringify(state.result, null, 2) + "\n", "application/json", `${baseName()}.json`);
}

async function exportHtml() {
  if (!state.result) return;
  const button = els.exportHtml;
  button.disabled = true;
  button.setAttribute("aria-busy", "true");
  try {
    const { promise } = request("report", state.text, state.result.language);
    const msg = await promise;
    download(msg.html, "text/html;charset=utf-8", `${baseName()}.html`);
  } catch (e) {
    showStatus(`The report could not be made: ${e.message}`, 0);
  } finally {
    button.disabled = !state.result;
    button.removeAttribute("aria-busy");
  }
}

// ---------------------------------------------------------------------------------------------
// Samples: fetched once at start (from this origin), so they work offline afterwards.

const samples = {};
const sampleLoads = {};

function loadSample(lang) {
  sampleLoads[lang] ||= fetch(new URL(`./samples/${lang}.txt`, import.meta.url))
    .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`HTTP ${r.status}`))))
    .then((t) => (samples[lang] = t))
    .catch((e) => {
      delete sampleLoads[lang];
      throw e;
    });
  return sampleLoads[lang];
}

async function onSample(event) {
  const button = event.target.closest("button[data-sample]");
  if (!button) return;
  const lang = button.dataset.sample;
  let text;
  try {
    text = samples[lang] ?? (await loadSample(lang));
  } catch (e) {
    showStatus(`The sample could not be loaded: ${e.message}`, 0);
    return;
  }
  els.language.value = "auto";
  els.text.value = text;
  onInput({ type: "sample" });
}

// ---------------------------------------------------------------------------------------------
// Wiring

function main() {
  startPool();
  for (const lang of ["de", "en"]) loadSample(lang).catch(() => {});
  renderLegend(null);
  renderSources(null);

  els.text.addEventListener("input", onInput);
  els.language.addEventListener("change", () => {
    performance.mark("hedgemark:paste");
    clearTimeout(debounce);
    run();
  });
  document.querySelector(".toolbar").addEventListener("click", onSample);
  els.exportJson.addEventListener("click", exportJson);
  els.exportHtml.addEventListener("click", exportHtml);
  els.legend.addEventListener("change", onLegendChange);
  els.sources.addEventListener("click", onSourceClick);
  els.summary.addEventListener("click", (e) => e.target.closest?.("#unattributed") && onUnattributedClick());
  els.strip.addEventListener("click", onStripClick);

  const view = els.view;
  view.addEventListener("mouseover", (e) => {
    const m = innermostMark(e.target);
    if (m) showTip(m);
  });
  view.addEventListener("mouseout", (e) => {
    const to = e.relatedTarget;
    if (to && (els.tip.contains(to) || innermostMark(to))) return;
    if (document.activeElement && tipFor && document.activeElement === tipFor) return;
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hideTip, 250);
  });
  els.tip.addEventListener("mouseenter", () => clearTimeout(hideTimer));
  els.tip.addEventListener("mouseleave", () => {
    hideTimer = setTimeout(hideTip, 250);
  });
  view.addEventListener("focusin", (e) => {
    const m = innermostMark(e.target);
    if (!m) return;
    const i = state.pieces.indexOf(m);
    if (i >= 0 && i !== state.focusIndex) {
      if (state.pieces[state.focusIndex]) state.pieces[state.focusIndex].tabIndex = -1;
      state.focusIndex = i;
      m.tabIndex = 0;
    }
    showTip(m);
  });
  view.addEventListener("focusout", (e) => {
    if (!innermostMark(e.relatedTarget)) hideTip();
  });
  view.addEventListener("keydown", onViewKeydown);
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && !els.tip.hidden) hideTip();
  });
  window.addEventListener("resize", () => {
    drawStrip();
    if (tipFor && !els.tip.hidden) position(tipFor);
  });
  window.addEventListener("scroll", () => tipFor && !els.tip.hidden && position(tipFor), { passive: true });
  matchMedia("(prefers-color-scheme: dark)").addEventListener?.("change", () => {
    stripColours = null;
    stripDrawn = { result: null, key: "" };
    drawStrip();
  });
  if (typeof ResizeObserver === "function") {
    new ResizeObserver((entries) => {
      const entry = entries[entries.length - 1];
      const box = entry.borderBoxSize?.[0];
      const w = Math.round(box ? box.inlineSize : entry.target.getBoundingClientRect().width);
      if (w === stripWidth) return;
      stripWidth = w;
      drawStrip();
    }).observe(els.strip);
  } else {
    stripWidth = Math.round(els.strip.getBoundingClientRect().width || 300);
  }

  // If text is already there (restored by the browser on reload), analyse it.
  if (els.text.value) onInput({ type: "sample" });
}

// For tests and user scripts: show a given result (e.g. a fixture with sources) without analysing.
globalThis.hedgemarkPage = {
  show(text, result) {
    clearTimeout(debounce);
    latestAnalyze = ++seq;
    els.text.value = text;
    performance.mark("hedgemark:paste");
    return showResult(text, result);
  },
  get result() {
    return state.result;
  },
  get text() {
    return state.text;
  },
};

main();
