// hedgemark/widget: highlight hedged claims (and their sources) in place, in any article markup.
//
//   import "hedgemark/widget";                       // registers <hedge-mark>
//   <hedge-mark lang="de"> …article markup… </hedge-mark>
//
//   import { highlight, clear } from "hedgemark/widget";
//   const result = await highlight(articleElement, { language: "auto" });   // hedgemark/1
//   clear(articleElement);                                                   // the DOM as it was
//
// No dependencies, no network requests beyond the engine's .wasm, no HTML parsing: the widget
// creates elements and text nodes only. The article stays in the light DOM; highlight() wraps
// pieces of the host's own text nodes in <mark data-hedgemark …> and records exactly what it
// split, so clear() puts back the same nodes with the same text (the host's elements are never
// recreated, so their listeners, links and styles keep working). The element's own UI (counts,
// toggles, status, the explanation shown on keyboard focus) lives in an open shadow root.
//
// Styles: marks are styled by one constructable stylesheet adopted into the mark's root
// (document.adoptedStyleSheets), the element's UI by another in its shadow root; neither is a
// <style> element or a style attribute, so both work under `style-src 'self'`.

import initEngine, { analyze } from "./index.js";

/** The hedge categories of hedgemark/1, in display order. */
export const CATEGORIES = Object.freeze([
  "reportative",
  "speculative",
  "belief",
  "evidential_gap",
  "weasel",
  "approximator",
]);

const LABELS = {
  reportative: "Hearsay",
  speculative: "Speculation",
  belief: "Belief",
  evidential_gap: "Missing proof",
  weasel: "Vague source",
  approximator: "Approximation",
};

const SOURCE_KINDS = {
  person: "person",
  organization: "organisation",
  vague: "unnamed source",
  unknown: "source",
};

const LANGUAGE_NAMES = { de: "Deutsch", en: "English" };

// ---------------------------------------------------------------------------------------------
// The engine: initialised once per page.

let enginePromise = null;

/**
 * Loads the engine once. `options.wasm` (a URL) overrides where the .wasm comes from; it only
 * matters for the first call (one engine per page). Returns the same promise on every call.
 */
export function init(options = {}) {
  if (!enginePromise) {
    const wasm = options && options.wasm;
    const where = wasm ? ` from ${new URL(String(wasm), document.baseURI)}` : "";
    enginePromise = Promise.resolve()
      .then(() => (wasm ? initEngine({ module_or_path: new URL(String(wasm), document.baseURI) }) : initEngine()))
      .then(
        () => undefined,
        (err) => {
          throw new Error(`hedgemark: could not load the engine${where}: ${err && err.message ? err.message : err}`);
        },
      );
    // A failed load may be retried (for instance with another `wasm` URL).
    enginePromise.catch(() => {
      enginePromise = null;
    });
  }
  return enginePromise;
}

// ---------------------------------------------------------------------------------------------
// Collecting the text of an element, with a map back to its text nodes.

// Elements whose text is not article text (or must not be touched).
const SKIP = new Set([
  "script", "style", "template", "noscript", "textarea", "input", "select", "option", "optgroup",
  "button", "iframe", "object", "embed", "canvas", "svg", "math", "audio", "video", "head",
  "title", "meta", "link", "datalist", "output",
]);

// Elements that end a paragraph (a line break in the analysed text, so sentences never run
// from a heading into the next paragraph).
const BLOCKS = new Set([
  "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
  "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
  "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li", "listing", "main", "menu", "nav",
  "ol", "p", "pre", "search", "section", "summary", "table", "tbody", "td", "tfoot", "th",
  "thead", "tr", "ul", "legend", "img", "picture", "plaintext", "xmp",
]);

const PREFORMATTED = new Set(["pre", "listing", "plaintext", "xmp"]);

// Tag names this module registered: a nested widget manages its own text.
const widgetTags = new Set();

function isSkipped(el, root) {
  const name = el.localName;
  if (SKIP.has(name)) return true;
  if (el === root) return false;
  if (widgetTags.has(name)) return true;
  if (el.hasAttribute("hidden") || el.hasAttribute("data-hedgemark-ignore")) return true;
  // Editable content belongs to an editor: changing its nodes would break it.
  const editable = el.getAttribute("contenteditable");
  if (editable !== null && editable.toLowerCase() !== "false") return true;
  return false;
}

/**
 * The analysed string of `root` and its map: `segments[i] = { node, start, end }` says that
 * `text.slice(start, end)` comes from text node `node` (offset 0 there). Between blocks the
 * string holds "\n\n", for a <br> "\n"; those characters belong to no node. Outside
 * preformatted text, tabs and line breaks inside text nodes become spaces (same length, so the
 * map stays one to one), as the browser renders them.
 */
function collect(root) {
  const parts = [];
  const segments = [];
  let length = 0;
  let pending = 0; // line breaks owed before the next text
  let pre = 0; // depth inside preformatted elements

  const breakBefore = (n) => {
    pending = Math.min(2, Math.max(pending, n));
  };
  const text = (node) => {
    const data = node.data;
    if (!data) return;
    if (pending && length) {
      const sep = pending === 2 ? "\n\n" : "\n";
      parts.push(sep);
      length += sep.length;
    }
    pending = 0;
    parts.push(pre ? data : data.replace(/[\t\n\r\f\v]/g, " "));
    segments.push({ node, start: length, end: length + data.length });
    length += data.length;
  };
  const walk = (el) => {
    for (let child = el.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        text(child);
      } else if (child.nodeType === 1) {
        const name = child.localName;
        if (name === "br") {
          pending = Math.min(2, pending + 1);
          continue;
        }
        if (isSkipped(child, root)) {
          if (BLOCKS.has(name)) breakBefore(2);
          continue;
        }
        const block = BLOCKS.has(name);
        const isPre = PREFORMATTED.has(name);
        if (block) breakBefore(2);
        if (isPre) pre++;
        walk(child);
        if (isPre) pre--;
        if (block) breakBefore(2);
      }
    }
  };
  walk(root);
  return { text: parts.join(""), segments };
}

/** The string highlight() analyses for `element` (for tests and debugging). */
export function textOf(element) {
  return collect(element).text;
}

// ---------------------------------------------------------------------------------------------
// Explanations.

function quote(text, language) {
  return language === "de" ? `„${text}“` : `“${text}”`;
}

function sourceLabel(source) {
  const kind = SOURCE_KINDS[source.kind] || "source";
  return `${source.name} (${kind})`;
}

function hedgeExplanation(hedge, result, sourcesBySentence) {
  const label = LABELS[hedge.category] || hedge.category;
  let out = `${label} (${hedge.category.replace("_", " ")}): ${quote(hedge.text, result.language)}. ${hedge.note}`;
  const names = sourcesBySentence.get(hedge.sentence);
  if (names && names.size) out += ` Source: ${[...names].join("; ")}.`;
  return out;
}

// A share (0 … 1, from the engine) in whole percents; "<1" for a share above 0 that rounds to 0.
function percent(share) {
  const p = Math.round(share * 100);
  return p === 0 && share > 0 ? "<1" : String(p);
}

function sourceExplanation(source, result) {
  // From the engine's sourcing summary (stats.sourcing.by_source), else counted here.
  const by = result.stats && result.stats.sourcing && result.stats.sourcing.by_source;
  const entry = Array.isArray(by) ? by.find((e) => e.source === source.id) : null;
  const claims = entry ? entry.claims : (result.attributions || []).filter((a) => a.source === source.id).length;
  const quoted = entry && entry.quotes ? ` ${percent(entry.quoted_share)} % of the quoted text.` : "";
  return `Source: ${sourceLabel(source)}, ${claims} ${claims === 1 ? "claim" : "claims"} attributed.${quoted}`;
}

// ---------------------------------------------------------------------------------------------
// Highlighting.

// element → { records, result, gen }: what highlight() changed, to undo exactly that.
const states = new WeakMap();
// element → generation of the latest highlight() call (the latest call wins).
const generations = new WeakMap();
// mark → { explanation, kind, category } (for the element's focus explanation).
const markInfo = new WeakMap();
// text node → the element whose highlight() split or wrapped it (one owner at a time).
const textOwner = new WeakMap();

function annotations(result, text) {
  const list = [];
  const sourcesBySentence = new Map();
  const sourcesById = new Map((result.sources || []).map((s) => [s.id, s]));
  for (const a of result.attributions || []) {
    const s = a.source == null ? null : sourcesById.get(a.source);
    if (!s) continue;
    if (!sourcesBySentence.has(a.sentence)) sourcesBySentence.set(a.sentence, new Set());
    sourcesBySentence.get(a.sentence).add(sourceLabel(s));
  }
  const valid = (span) =>
    Number.isInteger(span.start) && Number.isInteger(span.end) && span.start < span.end &&
    span.start >= 0 && span.end <= text.length && text.slice(span.start, span.end) === span.text;
  for (const h of result.hedges || []) {
    if (!valid(h)) continue;
    list.push({
      start: h.start, end: h.end, kind: "hedge", category: h.category, rule: h.rule,
      explanation: hedgeExplanation(h, result, sourcesBySentence),
    });
  }
  // A source mention inside a hedge (*Berichten* in *Berichten zufolge*) takes the hedge's span:
  // the hedge stays one mark, which carries the source too.
  const hedges = list.slice();
  for (const s of result.sources || []) {
    const explanation = sourceExplanation(s, result);
    for (const m of s.mentions || []) {
      if (!valid(m)) continue;
      const h = hedges.find((x) => x.start <= m.start && m.end <= x.end);
      const span = h || m;
      list.push({ start: span.start, end: span.end, kind: "source", source: s, explanation });
    }
  }
  return list;
}

// The mark for one piece of text covered by `anns` (a hedge wins over a source mention for
// data-kind; the explanation names all of them).
function makeMark(doc, anns) {
  const mark = doc.createElement("mark");
  const hedge = anns.find((a) => a.kind === "hedge");
  const source = anns.find((a) => a.kind === "source");
  mark.setAttribute("data-hedgemark", "");
  mark.setAttribute("data-kind", hedge ? "hedge" : "source");
  if (hedge) {
    mark.setAttribute("data-category", hedge.category);
    mark.setAttribute("data-rule", hedge.rule);
  }
  if (source) {
    mark.setAttribute("data-source", String(source.source.id));
    mark.setAttribute("data-source-kind", source.source.kind);
  }
  const explanation = [...new Set(anns.map((a) => a.explanation))].join("\n");
  mark.setAttribute("tabindex", "0");
  mark.setAttribute("title", explanation);
  // The mark's text stays its accessible content; the explanation is its description.
  mark.setAttribute("aria-description", explanation);
  markInfo.set(mark, { explanation, kind: hedge ? "hedge" : "source", category: hedge ? hedge.category : null });
  return mark;
}

// Splits text node `node` at the pieces `pieces` ([{a, b, ann}] in node offsets) and wraps the
// covered ones. The original node stays in the DOM as the first piece (inside a mark if that
// piece is marked); everything else is new. Returns the record that undoes it.
function wrapNode(node, pieces, marks) {
  const doc = node.ownerDocument;
  const data = node.data;
  const cuts = new Set([0, data.length]);
  for (const p of pieces) {
    cuts.add(p.a);
    cuts.add(p.b);
  }
  const points = [...cuts].sort((x, y) => x - y);
  const parent = node.parentNode;
  const next = node.nextSibling;
  const record = { node, wrapper: null, added: [], texts: [node] };
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i];
    const b = points[i + 1];
    const covering = pieces.filter((p) => p.a <= a && b <= p.b).map((p) => p.ann);
    const piece = data.slice(a, b);
    if (i === 0) {
      node.data = piece;
      if (covering.length) {
        const mark = makeMark(doc, covering);
        parent.insertBefore(mark, node);
        mark.appendChild(node);
        record.wrapper = mark;
        marks.push(mark);
      }
      continue;
    }
    const t = doc.createTextNode(piece);
    record.texts.push(t);
    if (covering.length) {
      const mark = makeMark(doc, covering);
      mark.appendChild(t);
      parent.insertBefore(mark, next);
      record.added.push(mark);
      marks.push(mark);
    } else {
      parent.insertBefore(t, next);
      record.added.push(t);
    }
  }
  return record;
}

/// Puts a highlighted text node back: one node again, holding the text of its pieces as they are
/// now, so a host that changed the text in between (a live ticker, an editor) keeps its change;
/// nodes the host added elsewhere, attributes and removals are the host's and stay as they are.
function restore(record) {
  const { node, wrapper, added, texts } = record;
  const data = texts.map((t) => t.data).join("");
  if (wrapper && wrapper.parentNode) wrapper.parentNode.replaceChild(node, wrapper);
  if (node.data !== data) node.data = data;
  for (const n of added) if (n.parentNode) n.parentNode.removeChild(n);
}

function apply(element, collected, result) {
  const { text, segments } = collected;
  const anns = annotations(result, text);
  // Pieces per text node.
  const perNode = new Map();
  const starts = segments.map((s) => s.start);
  for (const ann of anns) {
    // The first segment that ends after ann.start.
    let lo = 0;
    let hi = segments.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (segments[mid].end <= ann.start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < segments.length && starts[i] < ann.end; i++) {
      const seg = segments[i];
      const a = Math.max(ann.start, seg.start) - seg.start;
      const b = Math.min(ann.end, seg.end) - seg.start;
      if (a >= b) continue;
      // Only whitespace of this node inside the span (a span reaching over a line break)
      // is not worth a mark of its own.
      if (!/\S/.test(seg.node.data.slice(a, b))) continue;
      if (!perNode.has(seg.node)) perNode.set(seg.node, []);
      perNode.get(seg.node).push({ a, b, ann });
    }
  }
  const records = [];
  const marks = [];
  for (const [node, pieces] of perNode) {
    const record = wrapNode(node, pieces, marks);
    for (const t of record.texts) textOwner.set(t, element);
    records.push(record);
  }
  return { records, marks };
}

function ensureMarkStyles(node) {
  const root = node.getRootNode ? node.getRootNode() : node.ownerDocument;
  if (!root || !("adoptedStyleSheets" in root)) return;
  const sheet = markSheet();
  if (sheet && !root.adoptedStyleSheets.includes(sheet)) {
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }
}

function dispatch(element, type, detail) {
  element.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}

function languageFor(element, options) {
  const asked = options && options.language;
  if (asked != null && asked !== "") return String(asked);
  const holder = element.closest("[lang]");
  const lang = holder ? holder.getAttribute("lang").trim().toLowerCase().split(/[-_]/)[0] : "";
  return lang === "de" || lang === "en" ? lang : "auto";
}

/**
 * Highlights the hedges (and sources) in the text under `element`, in place. Resolves to the
 * hedgemark/1 result. Options: `language` ("auto" | "de" | "en"; default from the element's
 * `lang` or its closest ancestor's), `wasm` (the engine's URL, see init()), `analyze` (a function
 * `(text, { language }) => result or promise of it` used instead of the built-in engine, for
 * instance one that runs the engine in a Web Worker).
 *
 * Highlighting again first undoes the previous highlight (same text → same marks). If the
 * analysis fails, the element is left untouched: the promise rejects, a `hedgemark:error`
 * event (detail: { error, message }) is dispatched on the element and the error is logged.
 * On success a `hedgemark:highlighted` event (detail: the result's stats) is dispatched.
 */
export async function highlight(element, options = {}) {
  if (!element || element.nodeType !== 1) throw new TypeError("hedgemark: highlight() needs an element");
  const gen = (generations.get(element) || 0) + 1;
  generations.set(element, gen);
  let result;
  let collected;
  const superseded = () => generations.get(element) !== gen;
  try {
    const engine = options.analyze;
    if (engine != null && typeof engine !== "function") throw new TypeError("hedgemark: options.analyze must be a function");
    if (!engine) await init({ wasm: options.wasm });
    if (superseded()) return states.get(element)?.result ?? null;
    const language = languageFor(element, options);
    collected = collect(element); // existing marks are inline, so the text is the same
    if (engine) {
      // A caller's analysis (for instance one running in a Web Worker) may take time: the DOM
      // can change meanwhile, so collect again and make sure the text is still the one analysed.
      result = await engine(collected.text, { language });
      if (superseded()) return states.get(element)?.result ?? null;
      const again = collect(element);
      if (again.text !== collected.text) throw new Error("hedgemark: the article changed while it was analysed");
      collected = again;
    } else {
      // The built-in engine is synchronous: from here on the DOM cannot change under us.
      result = analyze(collected.text, { language });
    }
    if (!result || result.schema !== "hedgemark/1" || !Array.isArray(result.hedges)) {
      throw new Error("hedgemark: the analysis is not a hedgemark/1 result");
    }
  } catch (err) {
    const error = err instanceof Error ? err : new Error(String(err));
    if (!error.message.startsWith("hedgemark")) error.message = `hedgemark: ${error.message}`;
    console.error(`hedgemark: could not highlight ${describe(element)}: ${error.message}`);
    dispatch(element, "hedgemark:error", { error, message: error.message });
    throw error;
  }
  // One highlight owns a text node at a time: undo this element's previous highlight, and that
  // of any other element (an ancestor or a descendant) that split text nodes we are about to
  // wrap. Undoing restores the same text, so the analysis still fits.
  const owners = new Set();
  for (const seg of collected.segments) {
    const owner = textOwner.get(seg.node);
    if (owner && owner !== element) owners.add(owner);
  }
  if (states.has(element) || owners.size) {
    for (const owner of owners) clear(owner);
    clear(element, { silent: true });
    const analysed = collected.text;
    collected = collect(element);
    // Cannot differ (restoring gives back the same text), but a mark must never be misplaced.
    if (collected.text !== analysed) throw new Error("hedgemark: internal error: the text changed on restore");
  }
  ensureMarkStyles(element);
  const { records, marks } = apply(element, collected, result);
  states.set(element, { records, marks, result });
  dispatch(element, "hedgemark:highlighted", result.stats);
  return result;
}

function describe(element) {
  const id = element.id ? `#${element.id}` : "";
  return `<${element.localName}${id}>`;
}

/**
 * Undoes highlight(): unwraps the marks and puts back exactly the text nodes it split (the
 * host's own adjacent text nodes are left alone). Returns whether anything was highlighted.
 */
export function clear(element, { silent = false } = {}) {
  generations.set(element, (generations.get(element) || 0) + 1); // a pending highlight is moot
  const state = states.get(element);
  if (!state) return false;
  states.delete(element);
  for (let i = state.records.length - 1; i >= 0; i--) restore(state.records[i]);
  for (const mark of state.marks) markInfo.delete(mark);
  for (const record of state.records) for (const t of record.texts) textOwner.delete(t);
  if (!silent) dispatch(element, "hedgemark:cleared", null);
  return true;
}

/** The hedgemark/1 result of the last highlight() of `element`, or null. */
export function resultOf(element) {
  return states.get(element)?.result ?? null;
}

/** The marks highlight() made in `element`, in document order. */
export function marksOf(element) {
  const state = states.get(element);
  if (!state) return [];
  return [...state.marks].sort((a, b) => (a.compareDocumentPosition(b) & 4 ? -1 : 1));
}

// ---------------------------------------------------------------------------------------------
// Styles (constructable stylesheets: allowed under a strict style-src).

const COLOURS = `
  --hm-reportative: #b3261e; --hm-speculative: #6f3fb5; --hm-belief: #1a62a8;
  --hm-evidential_gap: #a34f00; --hm-weasel: #7a5f00; --hm-approximator: #2c6e31;
  --hm-source: #00677a;
`;
const DARK_COLOURS = `
  --hm-reportative: #ff8f86; --hm-speculative: #c9a7ff; --hm-belief: #8cc4ff;
  --hm-evidential_gap: #ffb766; --hm-weasel: #ecd25c; --hm-approximator: #8fd694;
  --hm-source: #6fd6e8;
`;

const MARK_CSS = `
mark[data-hedgemark] { ${COLOURS} }
@media (prefers-color-scheme: dark) { mark[data-hedgemark] { ${DARK_COLOURS} } }
mark[data-hedgemark] {
  --hm-c: var(--hm-source);
  color: inherit;
  background-color: color-mix(in srgb, var(--hm-c) 14%, transparent);
  text-decoration-line: underline;
  text-decoration-color: var(--hm-c);
  text-decoration-thickness: 2px;
  text-underline-offset: 0.2em;
  text-decoration-skip-ink: none;
  border-radius: 2px;
  padding: 0;
  cursor: help;
}
mark[data-hedgemark][data-category="reportative"] { --hm-c: var(--hm-reportative); }
mark[data-hedgemark][data-category="speculative"] { --hm-c: var(--hm-speculative); text-decoration-style: wavy; text-decoration-thickness: 1.5px; }
mark[data-hedgemark][data-category="belief"] { --hm-c: var(--hm-belief); text-decoration-style: dashed; }
mark[data-hedgemark][data-category="evidential_gap"] { --hm-c: var(--hm-evidential_gap); text-decoration-style: double; }
mark[data-hedgemark][data-category="weasel"] { --hm-c: var(--hm-weasel); text-decoration-style: dotted; text-decoration-thickness: 3px; }
mark[data-hedgemark][data-category="approximator"] { --hm-c: var(--hm-approximator); }
mark[data-hedgemark][data-kind="source"] { text-decoration-line: overline underline; }
mark[data-hedgemark]:focus-visible { outline: 2px solid var(--hm-c); outline-offset: 1px; }
[data-hedgemark-hide~="all"] mark[data-hedgemark],
${CATEGORIES.map((c) => `[data-hedgemark-hide~="${c}"] mark[data-hedgemark][data-category="${c}"]`).join(",\n")},
[data-hedgemark-hide~="source"] mark[data-hedgemark][data-kind="source"] {
  background: none; text-decoration: none; cursor: auto; outline: none;
}
@media print {
  mark[data-hedgemark] { background: none; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
@media (forced-colors: active) {
  mark[data-hedgemark] { text-decoration-color: Highlight; }
}
`;

const UI_CSS = `
:host { display: block; ${COLOURS} }
:host([hidden]) { display: none; }
@media (prefers-color-scheme: dark) { :host { ${DARK_COLOURS} } }
.bar {
  display: flex; flex-wrap: wrap; align-items: center; gap: 0.35rem 0.6rem;
  margin: 0 0 1rem; padding: 0.4rem 0.6rem;
  font: 13px/1.35 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: #1d1d1f; background: #f4f4f6; border: 1px solid #d6d6dc; border-radius: 8px;
}
@media (prefers-color-scheme: dark) {
  .bar { color: #ececf1; background: #25252b; border-color: #45454f; }
}
.brand { font-weight: 650; letter-spacing: 0.01em; }
.status { color: inherit; opacity: 0.85; }
.status[data-state="error"] { color: #b3261e; opacity: 1; font-weight: 600; }
@media (prefers-color-scheme: dark) { .status[data-state="error"] { color: #ff8f86; } }
.counts { display: contents; }
ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.3rem; }
button {
  font: inherit; color: inherit; background: transparent; cursor: pointer;
  border: 1px solid currentColor; border-radius: 999px; padding: 0.1rem 0.55rem;
}
button:focus-visible { outline: 2px solid #1a62a8; outline-offset: 2px; }
button[aria-pressed="false"] { opacity: 0.6; text-decoration: line-through; }
.chip { border-color: var(--c); display: inline-flex; align-items: center; gap: 0.3rem; }
.chip::before { content: ""; width: 0.7em; height: 0.7em; border-radius: 2px; background: var(--c); }
.chip[data-category="reportative"] { --c: var(--hm-reportative); }
.chip[data-category="speculative"] { --c: var(--hm-speculative); }
.chip[data-category="belief"] { --c: var(--hm-belief); }
.chip[data-category="evidential_gap"] { --c: var(--hm-evidential_gap); }
.chip[data-category="weasel"] { --c: var(--hm-weasel); }
.chip[data-category="approximator"] { --c: var(--hm-approximator); }
.chip[data-category="source"] { --c: var(--hm-source); }
.count { font-variant-numeric: tabular-nums; font-weight: 650; }
.sourcing { flex-basis: 100%; order: 1; opacity: 0.9; }
.sourcing[hidden] { display: none; }
.sourcing b { font-variant-numeric: tabular-nums; font-weight: 650; }
.toggle { margin-left: auto; }
.tip {
  position: fixed; z-index: 2147483000; max-width: min(26rem, 90vw);
  padding: 0.45rem 0.6rem; border-radius: 6px; pointer-events: none;
  font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; white-space: pre-line;
  color: #fff; background: #1d1d1f; box-shadow: 0 2px 10px rgb(0 0 0 / 0.25);
}
@media (prefers-color-scheme: dark) { .tip { color: #1d1d1f; background: #f4f4f6; } }
.tip[hidden] { display: none; }
@media print {
  .toggle, .tip { display: none; }
  button[aria-pressed="false"] { display: none; }
  .bar { border: none; background: none; padding: 0; color: #000; }
}
`;

let markSheetCache;
function markSheet() {
  if (markSheetCache === undefined) markSheetCache = sheet(MARK_CSS);
  return markSheetCache;
}
let uiSheetCache;
function uiSheet() {
  if (uiSheetCache === undefined) uiSheetCache = sheet(UI_CSS);
  return uiSheetCache;
}
function sheet(css) {
  try {
    const s = new CSSStyleSheet();
    s.replaceSync(css);
    return s;
  } catch {
    return null; // no constructable stylesheets: marks keep the browser's <mark> look
  }
}

// ---------------------------------------------------------------------------------------------
// <hedge-mark>

const Base = globalThis.HTMLElement || class {};

function parsed(doc) {
  if (doc.readyState !== "loading") return Promise.resolve();
  return new Promise((resolve) => doc.addEventListener("DOMContentLoaded", () => resolve(), { once: true }));
}

function el(doc, name, attrs = {}, text) {
  const e = doc.createElement(name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text != null) e.textContent = text;
  return e;
}

/**
 * `<hedge-mark>`: highlights the article markup it wraps. Attributes: `language`
 * (auto | de | en; default from `lang`), `wasm` (the engine's URL). Methods: refresh(), clear().
 * Properties: result (hedgemark/1 or null). Its UI is in an open shadow root; the article stays
 * in the light DOM.
 */
export class HedgeMarkElement extends Base {
  static get observedAttributes() {
    return ["language", "lang", "wasm"];
  }

  #ui = null;
  #started = false;
  #hidden = new Set();

  connectedCallback() {
    if (!this.#ui) this.#build();
    if (this.#started) return;
    this.#started = true;
    parsed(this.ownerDocument).then(() => {
      if (this.isConnected) this.refresh().catch(() => {});
    });
  }

  attributeChangedCallback(name, before, after) {
    if (before !== after && this.#started && this.isConnected) this.refresh().catch(() => {});
  }

  /** The result of the last analysis, or null. */
  get result() {
    return resultOf(this);
  }

  /** Analyses the content again and highlights it (after the content changed). */
  async refresh() {
    if (!this.#ui) this.#build();
    this.#status("loading", "Analysing…");
    const language = this.getAttribute("language") || undefined;
    try {
      const result = await highlight(this, { language, wasm: this.getAttribute("wasm") || undefined });
      // null: a later refresh() or clear() took over, and renders its own state.
      if (result && resultOf(this) === result) this.#render(result);
      return result;
    } catch (err) {
      this.#status("error", `Could not analyse this article: ${err.message.replace(/^hedgemark:\s*/, "")}`);
      this.#renderCounts(null);
      throw err;
    }
  }

  /** Removes the highlights and restores the article exactly. */
  clear() {
    return clear(this); // the hedgemark:cleared listener updates the UI
  }

  #build() {
    const doc = this.ownerDocument;
    const root = this.shadowRoot || this.attachShadow({ mode: "open" });
    const s = uiSheet();
    if (s) root.adoptedStyleSheets = [s];
    const bar = el(doc, "div", { class: "bar", part: "toolbar", role: "group", "aria-label": "hedgemark: hedged claims in this article" });
    bar.append(el(doc, "span", { class: "brand" }, "hedgemark"));
    const status = el(doc, "span", { class: "status", role: "status", "aria-live": "polite", "data-state": "loading" }, "Loading…");
    const counts = el(doc, "ul", { class: "counts", "aria-label": "Highlights by category (press to show or hide)" });
    const sourcing = el(doc, "span", { class: "sourcing", part: "sourcing", hidden: "" });
    const toggle = el(doc, "button", { class: "toggle", type: "button", "aria-pressed": "true", part: "toggle" }, "Highlights on");
    toggle.addEventListener("click", () => this.#toggleAll());
    bar.append(status, counts, sourcing, toggle);
    const slot = doc.createElement("slot");
    const tip = el(doc, "div", { class: "tip", role: "tooltip", id: "tip", hidden: "" });
    root.append(bar, slot, tip);
    this.#ui = { bar, status, counts, sourcing, toggle, tip };
    // The explanation of a mark on keyboard focus (hover has the title).
    this.addEventListener("focusin", (e) => this.#explain(e.target));
    this.addEventListener("focusout", () => this.#hideTip());
    globalThis.addEventListener?.("scroll", () => this.#hideTip(), { passive: true, capture: true });
    // Cleared by this.clear(), by clear(this), or because another highlight took over its text.
    this.addEventListener("hedgemark:cleared", (e) => {
      if (e.target !== this) return;
      this.#hideTip();
      this.#status("idle", "Highlights removed.");
      this.#renderCounts(null);
    });
    this.addEventListener("keydown", (e) => {
      if (e.key === "Escape") this.#hideTip();
    });
  }

  #status(state, text) {
    if (!this.#ui) return;
    this.#ui.status.setAttribute("data-state", state);
    this.#ui.status.textContent = text;
  }

  #render(result) {
    const s = result.stats || { hedges: result.hedges.length, hedged_sentences: "?", sentences: "?" };
    const lang = LANGUAGE_NAMES[result.language] || result.language;
    const hedges = `${s.hedges} ${s.hedges === 1 ? "hedge" : "hedges"}`;
    const sources = s.sources ? `, ${s.sources} ${s.sources === 1 ? "source" : "sources"}` : "";
    this.#status("done", `${hedges} in ${s.hedged_sentences} of ${s.sentences} sentences${sources} · ${lang}`);
    this.#renderCounts(result);
    this.#applyHidden();
  }

  // The sourcing summary (stats.sourcing) in one line: claims by persons, organisations and
  // vague sources, hedged claims with no source, the quoted share.
  #renderSourcing(result) {
    const { sourcing } = this.#ui;
    const s = result && result.stats && result.stats.sourcing;
    sourcing.replaceChildren();
    sourcing.hidden = !(s && s.claims);
    if (sourcing.hidden) return;
    const doc = this.ownerDocument;
    const c = s.claims;
    const none = c.unknown + c.unsourced;
    const n = (stat, value) => el(doc, "b", { "data-stat": stat }, String(value));
    const s1 = (count, word) => (count === 1 ? word : `${word}s`);
    sourcing.append(
      "Claims by ", n("person", c.person), ` ${s1(c.person, "person")}, `,
      n("organization", c.organization), ` ${s1(c.organization, "organisation")}, `,
      n("vague", c.vague), ` ${s1(c.vague, "vague source")}`, ...(none ? [", ", n("none", none), " unidentified"] : []), " · ",
      n("unattributed", s.unattributed_hedged_claims), ` of ${s.hedged_claims} hedged without a source · `,
      n("quoted-share", percent(s.quoted_share)), " % quoted",
    );
    sourcing.setAttribute("title", "Who the claims come from (hedgemark: stats.sourcing)");
  }

  #renderCounts(result) {
    const { counts } = this.#ui;
    this.#renderSourcing(result);
    counts.replaceChildren();
    this.#ui.toggle.hidden = !result;
    if (!result) return;
    const doc = this.ownerDocument;
    const n = {};
    for (const h of result.hedges) n[h.category] = (n[h.category] || 0) + 1;
    const entries = CATEGORIES.filter((c) => n[c]).map((c) => [c, LABELS[c], n[c]]);
    if (result.sources && result.sources.length) entries.push(["source", "Sources", result.sources.length]);
    for (const [key, label, count] of entries) {
      const li = doc.createElement("li");
      const b = el(doc, "button", {
        type: "button", class: "chip", "data-category": key, "aria-pressed": String(!this.#hidden.has(key)),
        title: key === "source" ? "Sources of claims" : `${label} (${key.replace("_", " ")})`,
      });
      b.append(el(doc, "span", { class: "label" }, label), " ", el(doc, "span", { class: "count" }, String(count)));
      b.addEventListener("click", () => {
        if (this.#hidden.has(key)) this.#hidden.delete(key);
        else this.#hidden.add(key);
        b.setAttribute("aria-pressed", String(!this.#hidden.has(key)));
        this.#applyHidden();
      });
      li.append(b);
      counts.append(li);
    }
  }

  #toggleAll() {
    if (this.#hidden.has("all")) this.#hidden.delete("all");
    else this.#hidden.add("all");
    const on = !this.#hidden.has("all");
    this.#ui.toggle.setAttribute("aria-pressed", String(on));
    this.#ui.toggle.textContent = on ? "Highlights on" : "Highlights off";
    this.#applyHidden();
  }

  #applyHidden() {
    if (this.#hidden.size) this.setAttribute("data-hedgemark-hide", [...this.#hidden].join(" "));
    else this.removeAttribute("data-hedgemark-hide");
    // Hidden marks are no tab stops.
    for (const mark of marksOf(this)) {
      const info = markInfo.get(mark);
      const hidden = this.#hidden.has("all") || this.#hidden.has(info?.category) ||
        (info?.kind === "source" && this.#hidden.has("source"));
      mark.setAttribute("tabindex", hidden ? "-1" : "0");
    }
  }

  #explain(target) {
    const info = target && markInfo.get(target);
    if (!info || !target.matches(":focus-visible")) return this.#hideTip();
    const { tip } = this.#ui;
    tip.textContent = info.explanation;
    tip.hidden = false;
    const r = target.getBoundingClientRect();
    const w = tip.offsetWidth;
    const h = tip.offsetHeight;
    const vw = document.documentElement.clientWidth;
    const left = Math.max(4, Math.min(r.left, vw - w - 4));
    const top = r.bottom + 6 + h > window.innerHeight ? r.top - h - 6 : r.bottom + 6;
    // CSSOM properties, not a style attribute in markup: allowed under style-src 'self'.
    tip.style.left = `${left}px`;
    tip.style.top = `${Math.max(4, top)}px`;
  }

  #hideTip() {
    if (this.#ui) this.#ui.tip.hidden = true;
  }
}

/**
 * Registers the element as `tagName` (default "hedge-mark"). Idempotent: a name already
 * defined is left as it is. Returns the element's class (or undefined without custom elements).
 */
export function define(tagName = "hedge-mark") {
  const registry = globalThis.customElements;
  if (!registry) return undefined;
  const name = String(tagName).toLowerCase();
  widgetTags.add(name);
  const existing = registry.get(name);
  if (existing) return existing;
  // A class can be registered only once; other names get a subclass.
  const cls = name === "hedge-mark" && !definedBase ? HedgeMarkElement : class extends HedgeMarkElement {};
  registry.define(name, cls);
  if (cls === HedgeMarkElement) definedBase = true;
  return cls;
}
let definedBase = false;

define();
