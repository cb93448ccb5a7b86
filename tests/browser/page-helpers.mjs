// Helpers for tests/browser/page.spec.mjs: loading the page with every request checked, pasting,
// reading the engine's own answer in the page, and a fixture result with sources.

import { readFileSync } from "node:fs";
import { expect } from "@playwright/test";

import { sourcingOf } from "../node/sourcing-reference.mjs";

export const ROOT = new URL("../../", import.meta.url);
export const sample = (lang) => readFileSync(new URL(`www/samples/${lang}.txt`, ROOT), "utf8");

/// Opens the paste page with every request checked: anything not on the page's own origin is
/// aborted and recorded (the test fails on it), dialogs are recorded and dismissed, page errors
/// and CSP violations are collected. Returns the records for the test to assert on.
export async function openPage(page, baseURL, { path = "/www/" } = {}) {
  const records = { external: [], dialogs: [], errors: [], csp: [], requests: [] };
  const origin = new URL(baseURL).origin;
  await page.context().route("**/*", (route) => {
    const url = route.request().url();
    records.requests.push(url);
    if (new URL(url).origin !== origin) {
      records.external.push(url);
      return route.abort("blockedbyclient");
    }
    return route.continue();
  });
  page.on("dialog", (d) => {
    records.dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  page.on("pageerror", (e) => records.errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") records.errors.push(m.text());
  });
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  await page.goto(path);
  await expect(page.locator("html")).toHaveAttribute("data-engine", "ready", { timeout: 30_000 });
  return records;
}

/// The records of openPage hold nothing bad.
export async function expectClean(page, records) {
  expect(records.external, "requests that left the page's origin").toEqual([]);
  expect(records.dialogs, "dialogs").toEqual([]);
  expect(records.errors, "page errors").toEqual([]);
  expect(await page.evaluate(() => window.__csp), "CSP violations").toEqual([]);
}

/// Puts `text` into the textarea as a paste does (an input event of type insertFromPaste) and
/// waits until its highlights are rendered.
export async function paste(page, text) {
  await page.evaluate(async (t) => {
    const box = document.querySelector("textarea");
    const done = new Promise((resolve) => {
      const on = (e) => {
        if (e.detail.length === t.length) {
          document.removeEventListener("hedgemark:rendered", on);
          resolve();
        }
      };
      document.addEventListener("hedgemark:rendered", on);
    });
    box.value = t;
    box.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertFromPaste" }));
    await done;
  }, text);
}

/// Clicks a sample button and waits for the rendered sample.
export async function loadSample(page, lang) {
  const text = sample(lang);
  const rendered = page.evaluate(
    (n) =>
      new Promise((resolve) => {
        const on = (e) => {
          if (e.detail.length === n) {
            document.removeEventListener("hedgemark:rendered", on);
            resolve();
          }
        };
        document.addEventListener("hedgemark:rendered", on);
      }),
    text.length,
  );
  await page.click(`button[data-sample="${lang}"]`);
  await rendered;
  return text;
}

/// The engine's answer in the page itself (the package's browser entry), for comparison.
export function engine(page, text, options = { language: "auto" }) {
  return page.evaluate(
    async ({ text, options }) => {
      const m = await import("/js/index.js");
      await m.default();
      return { result: m.analyze(text, options), html: m.htmlReport(text, options) };
    },
    { text, options },
  );
}

/// What the view shows: highlights counted once per span (data-ref), by kind and by category,
/// and the view's text.
export function viewCounts(page) {
  return page.evaluate(() => {
    const view = document.getElementById("view");
    const refs = new Map();
    for (const m of view.querySelectorAll("mark")) {
      const key = m.dataset.ref;
      if (!refs.has(key)) refs.set(key, { kind: m.dataset.kind, category: m.dataset.category });
    }
    const byKind = {};
    const byCategory = {};
    for (const { kind, category } of refs.values()) {
      byKind[kind] = (byKind[kind] || 0) + 1;
      if (category) byCategory[category] = (byCategory[category] || 0) + 1;
    }
    // The text of each highlight, from its pieces (a span cut by another is several <mark>s):
    // collect the text nodes inside any piece of the ref, in document order.
    const texts = {};
    const walker = document.createTreeWalker(view, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const seen = new Set();
      for (let e = n.parentElement; e && e !== view; e = e.parentElement) {
        if (e.localName === "mark" && !seen.has(e.dataset.ref)) {
          seen.add(e.dataset.ref);
          texts[e.dataset.ref] = (texts[e.dataset.ref] || "") + n.data;
        }
      }
    }
    return {
      byKind,
      byCategory,
      texts,
      text: view.textContent,
      pieces: view.querySelectorAll("mark").length,
      first: view.querySelectorAll("mark[data-first]").length,
    };
  });
}

/// A result for the English sample with sources and attributions of every kind (the engine
/// finds only direct quotations so far): the engine's hedges plus three sources and seven
/// attributions, chosen so that a hedge sits inside a quotation and a claim, a hedge inside a
/// source mention, and one claim crosses a hedge (so marks must be split). Its stats.sourcing is
/// what the engine would compute for it (tests/node/sourcing-reference.mjs, which the Node tests
/// check against the engine).
export function fixture(text, base) {
  const at = (needle, from = 0) => {
    const start = text.indexOf(needle, from);
    if (start < 0) throw new Error(`fixture: ${needle} not in the text`);
    return { start, end: start + needle.length, text: needle };
  };
  const sentenceOf = (offset) => base.sentences.findIndex((s) => s.start <= offset && offset < s.end);
  const marsh = at("Helen Marsh");
  const she = at("She said services");
  const sources = [
    { id: 0, name: "Helen Marsh", kind: "person", mentions: [marsh, { start: she.start, end: she.start + 3, text: "She" }] },
    { id: 1, name: "Network Rail", kind: "organization", mentions: [at("Network Rail")] },
    { id: 2, name: "two people familiar with the inspection", kind: "vague", mentions: [at("two people familiar with the inspection")] },
  ];
  const attribution = (type, source, cue, content) => ({ type, source, cue, content, sentence: sentenceOf(content.start) });
  const verified = at("could not be independently verified");
  const crossing = at("verified, and the operator declined to comment on the report");
  const saidHelen = at("said Helen");
  const attributions = [
    attribution("direct", 0, { start: saidHelen.start, end: saidHelen.start + 4, text: "said" }, at("We have never seen water rise this fast in a tunnel of this age,")),
    attribution("direct", 0, null, at("Our first job is to make it safe. Then we will find out what went wrong.")),
    attribution("indirect", 0, { start: she.start + 4, end: she.start + 8, text: "said" }, at("services may resume on Thursday at the earliest")),
    attribution("according_to", 2, at("According to"), at("the pumps had been flagged as faulty in an internal report last year")),
    attribution("according_to", 1, at("said in a statement"), at("the cause of the failure was still under investigation")),
    attribution("direct", null, null, at("ask hard questions")),
    attribution("belief", null, null, crossing),
  ];
  if (!(crossing.start > verified.start && crossing.start < verified.end && crossing.end > verified.end)) {
    throw new Error("fixture: the crossing claim does not cross");
  }
  for (const s of sources) s.mentions.sort((a, b) => a.start - b.start);
  attributions.sort((a, b) => a.content.start - b.content.start);
  const attributed = new Set(attributions.map((a) => a.sentence));
  const result = {
    ...base,
    sources,
    attributions,
    stats: {
      ...base.stats,
      sources: sources.length,
      quotes: attributions.filter((a) => a.type === "direct").length,
      attributed_sentences: attributed.size,
    },
  };
  result.stats.sourcing = sourcingOf(text, result);
  return result;
}

/// Shows a given result through the page's test hook and waits for it to be rendered.
export async function show(page, text, result) {
  await page.evaluate(([t, r]) => window.hedgemarkPage.show(t, r), [text, result]);
  await expect(page.locator("#view")).toHaveAttribute("data-state", "done");
}

/// The last paste-to-highlight time (ms) from the page's performance measures.
export function lastMeasure(page, name = "hedgemark:paste-to-highlight") {
  return page.evaluate((n) => {
    const all = performance.getEntriesByName(n, "measure");
    return all.length ? all[all.length - 1].duration : null;
  }, name);
}

/// A long text made of the two samples, repeated until it has at least `chars` characters.
export function longText(chars) {
  const parts = [sample("en"), sample("de")];
  const out = [];
  let n = 0;
  for (let i = 0; n < chars; i++) {
    const p = parts[i % 2];
    out.push(p);
    n += p.length + 2;
  }
  return out.join("\n\n");
}
