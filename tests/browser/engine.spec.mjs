// The engine in Chromium: the package's browser entry (/js/index.js) loaded from the project
// server (scripts/serve.mjs, strict CSP), `await init()`, then analyze() on texts that are hard on
// offsets, in auto, de and en. For every span of every result (sentences, hedges, sources'
// mentions, attributions' cue and content):
//   text.slice(start, end) === span.text, 0 <= start <= end <= text.length,
//   and no boundary falls between the two halves of a surrogate pair;
// and the browser's result equals Node's (`import { analyze } from "hedgemark"` in this test
// process) after JSON normalisation (sorted keys, then compared as strings). Bad options throw
// an Error with a message; the engine's panic path gives an Error and the next call works.
//
//   npx playwright test tests/browser/engine.spec.mjs
//
// Strings cross between Node and the page as JSON text (JSON.stringify escapes lone surrogates
// as \udXXX), because the DevTools protocol carries UTF-8 and would turn a lone surrogate into
// U+FFFD on the way.
//
// The test page: the project server has no blank page of its own, so the document at
// /tests/browser/engine.html is answered by the test with an empty HTML shell carrying the
// headers (CSP included) the project server sends for /www/; the module, its glue and the .wasm
// come from the project server itself. No request may leave 127.0.0.1.

import { test as base, expect } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { analyze as nodeAnalyze, version as nodeVersion } from "hedgemark";

import { LONE as NODE_LONE, TRICKY as NODE_TRICKY } from "../node/helpers.mjs";

const SHOTS = fileURLToPath(new URL("../../test-results/screenshots", import.meta.url));
mkdirSync(SHOTS, { recursive: true });

const LANGUAGES = ["auto", "de", "en"];

// ---------------------------------------------------------------------------------------------
// Texts written for this file: German and English news-like sentences with hedges, each with
// one kind of trouble for UTF-16 offsets.

const TEXTS = {
  "sharp-s, „…“ and ‚…‘":
    "„Die Straßenbahn soll schon im März ausgefallen sein“, heißt es bei den Verkehrsbetrieben. " +
    "Der Stadtrat habe davon ‚angeblich‘ nichts gewusst; die Reparatur könnte rund 12 Millionen Euro kosten. " +
    "Laut ‚gut informierten Kreisen‘ soll der Großauftrag an eine Firma aus Gießen gegangen sein.",
  "English quotes ‘…’ and “…”":
    "The mayor’s office said the ‘temporary’ closure may last until spring. " +
    "“We were never told,” a resident said; the contractor reportedly missed two deadlines.",
  "emoji, ZWJ sequences, flags, skin tones":
    "👩‍🔬 Forscherinnen sollen 🧪 neue Daten erhalten haben. 🇩🇪🇫🇷 Die Gespräche könnten 🏳️‍🌈 scheitern. " +
    "The 👨‍👩‍👧‍👦 family reportedly left 🇺🇦 in May; officials may confirm it 🙏🏽 today. 🏴‍☠️",
  "emoji right at hedge boundaries":
    "Angeblich😀 war alles geplant. Er soll🇩🇪 davon gewusst haben. The firm 👍🏿reportedly👍🏿 paid. It may🚀.",
  "combining marks":
    "Die Cafe\u0301-Kette soll Lo\u0308hne gekürzt haben. Angeblich\u0301 wusste niemand davon. " +
    "The ministe\u0300r reportedly met Zoe\u0308 and A\u030Angstro\u0308m may\u0323 return; " +
    "officials believe Vie\u0323\u0302t Nam could\u0301 benefit.",
  "CRLF line ends":
    "Der Bürgermeister soll zurückgetreten sein.\r\nAngeblich gab es Streit im Rat.\r\n\r\n" +
    "The council may vote again on Friday.\r\nIt reportedly lacks a majority.\r\n\r\n\r\n" +
    "Critics say about 300 jobs could go.\r\n",
  "CR only and mixed line ends":
    "Der Konzern soll Millionen erhalten haben.\rAngeblich ohne Gegenleistung.\n\r\n" +
    "The bank may have known.\rIt reportedly\r\nsaid nothing.",
  "RTL text, marks and isolates":
    "Der Sprecher von \u2067\u062D\u0631\u0643\u0629 \u0627\u0644\u0633\u0644\u0627\u0645\u2069 soll die Gespräche verlassen haben. " +
    "The envoy reportedly quoted \u05D4\u05D0\u05E8\u05E5 \u05E9\u05DC\u05E0\u05D5 and may return \u200Fsoon\u200E. " +
    "\u202BOfficials believe\u202C the talks could resume.",
  "NUL characters":
    "Der Minister soll\u0000 davon gewusst haben.\u0000 The report may be\u0000incomplete. \u0000" +
    "\u0000Angeblich fehlen Seiten.\u0000",
  "lone high surrogate at the start":
    "\uD83DDer Konzern soll Millionen erhalten haben. The firm may appeal.",
  "lone low surrogate at the start":
    "\uDC00The company reportedly lost the contract. Angeblich war der Preis zu hoch.",
  "lone high surrogate at the end":
    "Die Ministerin könnte zurücktreten. The minister may resign.\uDBFF",
  "lone low surrogate at the end":
    "Die Ministerin soll gelogen haben.\uDFFF",
  "lone high surrogate inside a hedge's sentence":
    "Der Bürgermeister soll das Geld \uD800 erhalten haben, heißt es. The mayor may\uD83D have known.",
  "lone low surrogate inside a hedge's sentence":
    "Angeblich\uDC00 wusste niemand davon. The deal reportedly \uDE00 collapsed.",
  "lone surrogates next to pairs and reversed":
    "😀\uD83D😀 Experten glauben, die Zahlen könnten\uDE00😀 falsch sein. " +
    "The \uDE00\uD83D figure may be wrong; \uD83D\uD83D\uDE00\uDE00 it reportedly is.",
  "only lone surrogates": "\uD800",
  "only a lone low surrogate": "\uDC00",
  "empty": "",
  "only line breaks": "\r\n\r\n",
};

// Also every text of the Node offset tests (tests/node/helpers.mjs), so the browser covers them too.
const ALL = {
  ...TEXTS,
  ...Object.fromEntries(Object.entries(NODE_TRICKY).map(([k, v]) => [`node: ${k}`, v])),
  ...Object.fromEntries(Object.entries(NODE_LONE).map(([k, v]) => [`node: ${k}`, v])),
};

const NO_HEDGE = new Set([
  "only lone surrogates",
  "only a lone low surrogate",
  "empty",
  "only line breaks",
  "node: empty",
  "node: whitespace",
  "node: punctuation",
  "node: only-surrogates",
]);

// ---------------------------------------------------------------------------------------------
// Helpers

/** JSON with every object's keys sorted: the normal form both sides are compared in. */
function canonical(value) {
  const sort = (v) => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === "object") {
      return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort(v[k])]));
    }
    return v;
  };
  return JSON.stringify(sort(value));
}

const isHigh = (c) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c) => c >= 0xdc00 && c <= 0xdfff;

/** Every span of a hedgemark/1 result, as [where, span]. */
function spans(result) {
  const out = [];
  result.sentences.forEach((s, i) => out.push([`sentences[${i}]`, s]));
  result.hedges.forEach((s, i) => out.push([`hedges[${i}]`, s]));
  result.sources.forEach((src, i) => src.mentions.forEach((s, j) => out.push([`sources[${i}].mentions[${j}]`, s])));
  result.attributions.forEach((a, i) => {
    if (a.cue) out.push([`attributions[${i}].cue`, a.cue]);
    out.push([`attributions[${i}].content`, a.content]);
  });
  return out;
}

/**
 * The offset rules, checked on this side too (on the result as the page produced it). A high
 * surrogate followed by a low one is always a pair (UTF-16 decoding pairs them left to right), so
 * "no boundary between a high and the low after it" is exactly "no pair split", lone surrogates
 * included: a lone one has no partner to be split from.
 */
function offsetProblems(text, result) {
  const problems = [];
  for (const [where, span] of spans(result)) {
    const at = `${where} ${JSON.stringify(span)}`;
    if (!Number.isInteger(span.start) || !Number.isInteger(span.end)) problems.push(`${at}: offsets not integers`);
    if (!(0 <= span.start && span.start <= span.end && span.end <= text.length)) problems.push(`${at}: out of range`);
    if (text.slice(span.start, span.end) !== span.text) problems.push(`${at}: slice is ${JSON.stringify(text.slice(span.start, span.end))}`);
    for (const i of [span.start, span.end]) {
      if (isHigh(text.charCodeAt(i - 1)) && isLow(text.charCodeAt(i))) problems.push(`${at}: splits a surrogate pair at ${i}`);
    }
  }
  return problems;
}

/**
 * Runs analyze() in the page for each [name, text, language]; returns, per job, the result (as
 * the page's JSON text), the problems the page itself found with the offsets (the same rules,
 * evaluated with the browser's own String.prototype.slice), or the error's name and message.
 */
async function analyzeInPage(page, jobs) {
  const json = await page.evaluate(async (input) => {
    const m = await import("/js/index.js");
    await m.default();
    const isHigh = (c) => c >= 0xd800 && c <= 0xdbff;
    const isLow = (c) => c >= 0xdc00 && c <= 0xdfff;
    const out = [];
    for (const { text, language } of JSON.parse(input)) {
      let result;
      try {
        result = m.analyze(text, { language });
      } catch (e) {
        out.push({ error: `${e && e.name}: ${e && e.message}` });
        continue;
      }
      const problems = [];
      const list = [
        ...result.sentences,
        ...result.hedges,
        ...result.sources.flatMap((s) => s.mentions),
        ...result.attributions.flatMap((a) => (a.cue ? [a.cue, a.content] : [a.content])),
      ];
      for (const s of list) {
        if (text.slice(s.start, s.end) !== s.text) problems.push(`slice ≠ text: ${JSON.stringify(s)}`);
        if (!(0 <= s.start && s.start <= s.end && s.end <= text.length)) problems.push(`range: ${JSON.stringify(s)}`);
        for (const i of [s.start, s.end]) {
          if (isHigh(text.charCodeAt(i - 1)) && isLow(text.charCodeAt(i))) problems.push(`splits a pair at ${i}: ${JSON.stringify(s)}`);
        }
      }
      out.push({ echo: JSON.stringify(text), result: JSON.stringify(result), problems });
    }
    return JSON.stringify(out);
  }, JSON.stringify(jobs.map(([, text, language]) => ({ text, language }))));
  return JSON.parse(json).map((r) => (r.result ? { ...r, result: JSON.parse(r.result) } : r));
}

// A worker-scoped page with the engine loaded: the offset tests share it (one init()).
const test = base.extend({
  enginePage: [
    async ({ browser }, use, workerInfo) => {
      const baseURL = workerInfo.project.use.baseURL;
      const context = await browser.newContext({ baseURL });
      const page = await context.newPage();
      const records = await openTestPage(page, baseURL);
      await use({ page, records });
      await context.close();
    },
    { scope: "worker" },
  ],
});

/** Opens the blank test page (see the top of the file) with every request and error recorded. */
async function openTestPage(page, baseURL) {
  const origin = new URL(baseURL).origin;
  const records = { external: [], errors: [], consoleErrors: [], requests: [] };
  const context = page.context();
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    records.requests.push(url.href);
    if (url.origin !== origin || url.hostname !== "127.0.0.1") {
      records.external.push(url.href);
      return route.abort("blockedbyclient");
    }
    return route.continue();
  });
  // The shell document: the project server's own response headers for /www/ (its CSP), an empty body.
  await context.route(`${origin}/tests/browser/engine.html`, async (route) => {
    records.requests.push(route.request().url());
    const real = await route.fetch({ url: `${origin}/www/` });
    const headers = { ...real.headers(), "content-type": "text/html; charset=utf-8" };
    delete headers["content-length"];
    await route.fulfill({
      status: 200,
      headers,
      body: '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>hedgemark engine test</title></head><body><p>engine test</p></body></html>',
    });
  });
  page.on("pageerror", (e) => records.errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") records.consoleErrors.push(m.text());
  });
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const response = await page.goto("/tests/browser/engine.html");
  expect(response.headers()["content-security-policy"]).toContain("script-src 'self' 'wasm-unsafe-eval'");
  return records;
}

async function expectClean(page, records, { consoleErrors = [] } = {}) {
  expect(records.external, "requests that left 127.0.0.1").toEqual([]);
  expect(records.errors, "page errors").toEqual([]);
  expect(await page.evaluate(() => window.__csp), "CSP violations").toEqual([]);
  expect(records.consoleErrors.filter((e) => !consoleErrors.some((re) => re.test(e))), "console errors").toEqual([]);
}

// ---------------------------------------------------------------------------------------------
// Tests

test("the browser entry loads under the project's CSP: init() once, the wasm from the server", async ({ enginePage }) => {
  const { page, records } = enginePage;
  const info = await page.evaluate(async () => {
    const m = await import("/js/index.js");
    const p = m.default();
    const same = m.default() === p;
    await p;
    return { same, version: m.version(), schema: m.SCHEMA, panicExport: typeof m.__hedgemark_test_panic };
  });
  expect(info).toEqual({ same: true, version: nodeVersion(), schema: "hedgemark/1", panicExport: "function" });
  expect(records.requests.some((u) => u.endsWith("/pkg/hedgemark_bg.wasm"))).toBe(true);
  expect(records.requests.some((u) => u.endsWith("/js/index.js"))).toBe(true);
  await expectClean(page, records);
});

for (const [name, text] of Object.entries(ALL)) {
  test(`offsets and Node equality: ${name}`, async ({ enginePage }) => {
    const { page, records } = enginePage;
    const jobs = LANGUAGES.map((language) => [name, text, language]);
    const answers = await analyzeInPage(page, jobs);
    for (const [i, [, , language]] of jobs.entries()) {
      const answer = answers[i];
      const at = `${name} (${language})`;
      expect(answer.error, at).toBeUndefined();
      // The page saw exactly the string Node has (lone surrogates included).
      expect(answer.echo, `${at}: the text in the page`).toBe(JSON.stringify(text));
      expect(answer.problems, `${at}: offset problems found in the page`).toEqual([]);
      expect(offsetProblems(text, answer.result), `${at}: offset problems`).toEqual([]);
      expect(canonical(answer.result), `${at}: browser ≠ Node`).toBe(canonical(nodeAnalyze(text, { language })));
      if (language !== "auto") expect(answer.result.language, at).toBe(language);
      if (!NO_HEDGE.has(name) && language === "auto") {
        expect(answer.result.hedges.length, `${at}: no hedge, so the offsets are not exercised`).toBeGreaterThan(0);
        expect(answer.result.sentences.length, `${at}: no sentence`).toBeGreaterThan(0);
      }
    }
    await expectClean(page, records);
  });
}

test("offsets land where they should: after emoji, ZWJ sequences, flags, ß, combining marks and CRLF", async ({ enginePage }) => {
  const { page } = enginePage;
  const cases = [
    [TEXTS["emoji, ZWJ sequences, flags, skin tones"], "de", "sollen"],
    [TEXTS["emoji, ZWJ sequences, flags, skin tones"], "de", "könnten"],
    [TEXTS["emoji, ZWJ sequences, flags, skin tones"], "en", "reportedly"],
    [TEXTS["emoji, ZWJ sequences, flags, skin tones"], "en", "may"],
    [TEXTS["emoji right at hedge boundaries"], "de", "Angeblich"],
    [TEXTS["emoji right at hedge boundaries"], "en", "reportedly"],
    [TEXTS["sharp-s, „…“ and ‚…‘"], "de", "angeblich"],
    [TEXTS["sharp-s, „…“ and ‚…‘"], "de", "könnte"],
    [TEXTS["combining marks"], "en", "reportedly"],
    [TEXTS["CRLF line ends"], "en", "reportedly"],
    [TEXTS["CRLF line ends"], "de", "Angeblich"],
    [TEXTS["RTL text, marks and isolates"], "en", "reportedly"],
    [TEXTS["NUL characters"], "de", "Angeblich"],
  ];
  const answers = await analyzeInPage(page, cases.map(([text, language]) => ["", text, language]));
  cases.forEach(([text, language, word], i) => {
    const hedge = answers[i].result.hedges.find((h) => h.text === word || h.text.startsWith(`${word} `));
    expect(hedge, `${word} (${language}) among ${JSON.stringify(answers[i].result.hedges.map((h) => h.text))}`).toBeTruthy();
    expect(hedge.start, word).toBe(text.indexOf(word));
  });
});

test("lone surrogates: spans include them where they are, and slice the page's own string", async ({ enginePage }) => {
  const { page } = enginePage;
  const cases = [
    ["lone high surrogate at the start", "de", "\uD83D"],
    ["lone low surrogate at the start", "en", "\uDC00"],
    ["lone high surrogate at the end", "en", "\uDBFF"],
    ["lone low surrogate at the end", "de", "\uDFFF"],
    ["lone high surrogate inside a hedge's sentence", "de", "\uD800"],
    ["lone high surrogate inside a hedge's sentence", "en", "\uD83D"],
    ["lone low surrogate inside a hedge's sentence", "de", "\uDC00"],
    ["lone low surrogate inside a hedge's sentence", "en", "\uDE00"],
  ];
  const answers = await analyzeInPage(page, cases.map(([name, language]) => [name, TEXTS[name], language]));
  cases.forEach(([name, language, lone], i) => {
    const text = TEXTS[name];
    const at = text.indexOf(lone);
    const { result } = answers[i];
    // The sentence holding the lone surrogate has it in its text (as the caller's own code
    // unit, not U+FFFD), and, inside a hedge's sentence, that sentence has a hedge.
    const sentence = result.sentences.findIndex((s) => s.start <= at && at < s.end);
    expect(sentence, `${name} (${language}): the lone surrogate is in no sentence`).toBeGreaterThanOrEqual(0);
    expect(result.sentences[sentence].text.includes(lone), name).toBe(true);
    expect(result.sentences[sentence].text.isWellFormed(), name).toBe(false);
    if (name.includes("inside a hedge's sentence")) {
      expect(result.hedges.some((h) => h.sentence === sentence), `${name} (${language}): no hedge in its sentence`).toBe(true);
    }
  });
});

test("bad options throw an Error with a message in the browser; text that is not a string, a TypeError", async ({ enginePage }) => {
  const { page, records } = enginePage;
  const outcomes = await page.evaluate(async () => {
    const m = await import("/js/index.js");
    await m.default();
    const text = "Der Minister soll davon gewusst haben.";
    const attempt = (f) => {
      try {
        f();
        return { thrown: false };
      } catch (e) {
        return { thrown: true, error: e instanceof Error, type: e.constructor.name, message: String(e.message) };
      }
    };
    const getter = {
      get language() {
        throw new Error("boom");
      },
    };
    return {
      fr: attempt(() => m.analyze(text, { language: "fr" })),
      number: attempt(() => m.analyze(text, { language: 42 })),
      array: attempt(() => m.analyze(text, { language: ["de"] })),
      string: attempt(() => m.analyze(text, "de")),
      seven: attempt(() => m.analyze(text, 7)),
      getter: attempt(() => m.analyze(text, getter)),
      reportFr: attempt(() => m.htmlReport(text, { language: "fr" })),
      notText: attempt(() => m.analyze(42)),
      nullText: attempt(() => m.analyze(null)),
      afterwards: m.analyze(text, { language: "de" }).hedges.map((h) => h.text),
      fine: [undefined, null, {}, { language: null }, { language: " DE " }].map((o) => m.analyze(text, o).language),
    };
  });
  const badOptions = (message) => ({ thrown: true, error: true, type: "Error", message: expect.stringMatching(message) });
  expect(outcomes.fr).toEqual(badOptions(/^hedgemark: bad options: unknown language "fr": expected "auto", "de" or "en"$/));
  expect(outcomes.number).toEqual(badOptions(/^hedgemark: bad options: language must be a string/));
  expect(outcomes.array).toEqual(badOptions(/^hedgemark: bad options: language must be a string/));
  expect(outcomes.string).toEqual(badOptions(/^hedgemark: bad options: expected an object/));
  expect(outcomes.seven).toEqual(badOptions(/^hedgemark: bad options: expected an object/));
  expect(outcomes.getter).toEqual(badOptions(/^hedgemark: bad options: could not read options.language/));
  expect(outcomes.reportFr).toEqual(badOptions(/^hedgemark: bad options: unknown language "fr"/));
  for (const k of ["notText", "nullText"]) {
    expect(outcomes[k]).toEqual({
      thrown: true,
      error: true,
      type: "TypeError",
      message: expect.stringMatching(/^hedgemark: analyze\(text, options\): text must be a string/),
    });
  }
  expect(outcomes.afterwards).toEqual(["soll"]);
  expect(outcomes.fine).toEqual(["de", "de", "de", "de", "de"]);
  await expectClean(page, records);
});

// A page of its own: the panic replaces the module's instance.
test("a panic in the engine becomes an Error with its message, and the next analyze works", async ({ page, baseURL }) => {
  const records = await openTestPage(page, baseURL);
  const text = TEXTS["lone high surrogate inside a hedge's sentence"];
  const out = await page.evaluate(async (input) => {
    const text = JSON.parse(input);
    const m = await import("/js/index.js");
    if (typeof m.__hedgemark_test_panic !== "function") return { missing: true };
    await m.default();
    const before = JSON.stringify(m.analyze(text));
    const rounds = [];
    for (let i = 0; i < 3; i++) {
      let caught = null;
      try {
        m.__hedgemark_test_panic();
      } catch (e) {
        caught = {
          error: e instanceof Error,
          runtimeError: e instanceof WebAssembly.RuntimeError,
          cause: e.cause instanceof WebAssembly.RuntimeError,
          message: String(e.message),
        };
      }
      rounds.push({ caught, same: JSON.stringify(m.analyze(text)) === before, report: /^<!doctype html>/.test(m.htmlReport(text)) });
    }
    return { rounds, hedges: JSON.parse(before).hedges.length };
  }, JSON.stringify(text));
  expect(out.missing, "js/index.js exports __hedgemark_test_panic").toBeUndefined();
  expect(out.hedges).toBeGreaterThan(0);
  for (const round of out.rounds) {
    expect(round.caught, "the panic threw").not.toBeNull();
    expect(round.caught).toEqual({
      error: true,
      runtimeError: false,
      cause: true,
      message: expect.stringMatching(/^hedgemark: internal error \(panic at src[\\/]wasm\.rs:\d+\): deliberate test panic$/),
    });
    expect(round.same, "the next analyze gives the same result").toBe(true);
    expect(round.report).toBe(true);
  }
  // The panic hook logs the panic to the console (once per panic); nothing else may go wrong.
  expect(records.consoleErrors.filter((e) => /deliberate test panic/.test(e))).toHaveLength(3);
  await expectClean(page, records, { consoleErrors: [/deliberate test panic/] });
  await page.screenshot({ path: `${SHOTS}/engine-test-page.png` });
});
