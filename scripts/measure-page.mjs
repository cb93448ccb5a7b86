#!/usr/bin/env node
// Measures the paste page (www/) in Debian's chromium: how long the engine takes to load, and
// how long a paste takes until its highlights are shown. A measurement, not a test: it prints a
// table and exits 0.
//
//   node scripts/measure-page.mjs [FILE...] [--article] [--size 100KB,1MB] [--lang auto|de|en] [--runs 5]
//
//   (nothing)   the cases of issue 5: --article --size 100KB,1MB
//   FILE...     text files (UTF-8) to paste, one row each
//   --article   also paste a 6 KB English article: the paragraphs of tests/articles/en-*.txt and
//               www/samples/en.txt, cut after the last paragraph that ends within 6,000 characters
//   --size N    also paste a generated text of at least N characters (1MB = 1,000,000, 200KB =
//               200,000), made by repeating tests/articles/*.txt separated by blank lines; a
//               comma-separated list (or the option repeated) for several
//   --lang X    the page's language setting for every paste (default auto)
//   --runs N    pastes per text (default 5); the table shows the median, and min–max
//
// For example: node scripts/measure-page.mjs --size 1MB tests/articles/de-trinkwasser.txt
//
// Needs the built package (bash scripts/build-wasm.sh) and /usr/bin/chromium (or
// HEDGEMARK_CHROMIUM). It starts scripts/serve.mjs on a free port, launches chromium with the
// launch options of playwright.config.mjs, and, for each text, opens the page afresh:
//   - engine ready: from navigation start until the page says the engine is ready
//     (html[data-engine=ready]: its worker loaded js/index.js and the .wasm, instantiated it and
//     warmed up both languages' rules);
//   - wasm fetch (worker): the .wasm's resource timing inside the page's analysis worker;
//   - before that, a cold load in a fresh browser context (its own renderer process, so nothing
//     compiled elsewhere is reused) on a plain page of the server, split up: download (fetch +
//     arrayBuffer of pkg/hedgemark_bg.wasm, uncached), compile (WebAssembly.compile),
//     instantiate (the package's init() given the compiled module: instantiation and glue);
//     "load" is their sum; "1st analyze" is the first call after it, where Chromium's lazy
//     compilation of wasm functions shows. The page itself records no load timing (www/app.js
//     and www/worker.js mark only hedgemark:paste, :analysed, :first-highlight, :rendered and
//     :painted), hence this;
//   - paste → analysed, paste → highlight and paste → paint: the page's own performance measures
//     hedgemark:paste-to-analysed (the result is back from the worker), hedgemark:paste-to-highlight
//     (hedgemark:paste → hedgemark:rendered: the view is built and attached) and
//     hedgemark:paste-to-paint (→ hedgemark:painted: the next frame, with its style, layout and
//     paint, is done), over --runs pastes into an emptied box (an input event of type
//     insertFromPaste, as the Playwright tests paste).
// Nothing leaves 127.0.0.1: any other request is aborted and reported.

import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";

import { chromium } from "@playwright/test";

import config from "../playwright.config.mjs";
import { paste } from "../tests/browser/page-helpers.mjs";

const ROOT = fileURLToPath(new URL("../", import.meta.url));

// ---------------------------------------------------------------------------------------------
// Arguments

function usage(message) {
  if (message) console.error(`measure-page: ${message}`);
  console.error("usage: node scripts/measure-page.mjs [FILE...] [--article] [--size 100KB,1MB] [--lang auto|de|en] [--runs 5]");
  process.exit(2);
}

function parseSize(raw) {
  const m = /^(\d+(?:\.\d+)?)\s*(b|k|kb|m|mb)?$/i.exec(String(raw).trim());
  if (!m) usage(`bad --size ${JSON.stringify(raw)} (for instance 1MB, 500KB, 20000)`);
  const unit = (m[2] || "").toLowerCase();
  const factor = unit.startsWith("m") ? 1_000_000 : unit.startsWith("k") ? 1000 : 1;
  return { chars: Math.round(Number(m[1]) * factor), label: raw };
}

const args = process.argv.slice(2);
const files = [];
let language = "auto";
const sizes = [];
let article = false;
let runs = 5;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  const value = () => (a.includes("=") ? a.slice(a.indexOf("=") + 1) : args[++i]);
  if (a === "-h" || a === "--help") usage();
  else if (a === "--lang" || a.startsWith("--lang=")) language = value();
  else if (a === "--size" || a.startsWith("--size=")) sizes.push(...String(value()).split(",").map(parseSize));
  else if (a === "--article") article = true;
  else if (a === "--runs" || a.startsWith("--runs=")) runs = Number(value());
  else if (a.startsWith("--")) usage(`unknown option ${a}`);
  else files.push(a);
}
if (!["auto", "de", "en"].includes(language)) usage(`bad --lang ${JSON.stringify(language)}`);
if (!Number.isInteger(runs) || runs < 1) usage("bad --runs");
if (!files.length && !sizes.length && !article) {
  // The cases issue 5 names: a 6 KB article, a 100 KB and a 1 MB text.
  article = true;
  sizes.push(parseSize("100KB"), parseSize("1MB"));
}

const inputs = [];
if (article) {
  const paragraphs = [
    ...readdirSync(join(ROOT, "tests/articles"))
      .filter((f) => f.startsWith("en-") && f.endsWith(".txt"))
      .sort()
      .map((f) => join(ROOT, "tests/articles", f)),
    join(ROOT, "www/samples/en.txt"),
  ].flatMap((f) => readFileSync(f, "utf8").split(/\n\n+/).map((p) => p.trim()).filter(Boolean));
  let text = "";
  for (const p of paragraphs) {
    const next = text ? `${text}\n\n${p}` : p;
    if (next.length > 6000) break;
    text = next;
  }
  inputs.push({ name: "article 6 KB (en)", text });
}
for (const size of sizes) {
  const dir = join(ROOT, "tests/articles");
  const parts = readdirSync(dir)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => readFileSync(join(dir, f), "utf8").trim());
  const out = [];
  let n = 0;
  for (let i = 0; n < size.chars; i++) {
    out.push(parts[i % parts.length]);
    n += parts[i % parts.length].length + 2;
  }
  inputs.push({ name: `generated ${size.label}`, text: out.join("\n\n") });
}
for (const f of files) {
  if (!existsSync(f)) usage(`no such file: ${f}`);
  inputs.push({ name: basename(f), text: readFileSync(f, "utf8") });
}

// ---------------------------------------------------------------------------------------------
// Server and browser

function startServer() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, "scripts/serve.mjs"), "--port", "0"], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const m = /serving (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) resolve({ child, origin: m[1] });
    });
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`scripts/serve.mjs exited (${code}) before serving`)));
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const ms = (x) => (x == null || Number.isNaN(x) ? "n/a" : x >= 100 ? `${x.toFixed(0)} ms` : `${x.toFixed(1)} ms`);

/**
 * A cold load of the engine in a fresh browser context (its own renderer process, so no module
 * compiled by another page can be reused), on a plain page of the server that loads no engine of
 * its own: download, compile, instantiate, and the first analyze() of a short sentence (Chromium
 * compiles wasm functions lazily, on their first call, so that is where much of the compiling
 * happens).
 */
async function coldLoad(browser, origin) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${origin}/www/samples/en.txt`);
  const load = await page.evaluate(async () => {
    const url = new URL("/pkg/hedgemark_bg.wasm", location.href);
    const t0 = performance.now();
    const response = await fetch(url, { cache: "no-store" });
    const bytes = await response.arrayBuffer();
    const t1 = performance.now();
    const module = await WebAssembly.compile(bytes);
    const t2 = performance.now();
    const m = await import("/js/index.js");
    const t3 = performance.now();
    await m.default(module);
    const t4 = performance.now();
    m.analyze("Er soll es gewusst haben.", { language: "de" });
    const t5 = performance.now();
    return { download: t1 - t0, compile: t2 - t1, instantiate: t4 - t3, first: t5 - t4, bytes: bytes.byteLength };
  });
  await context.close();
  return load;
}

async function measure(browser, origin, { name, text }) {
  const load = await coldLoad(browser, origin);
  const context = await browser.newContext();
  const external = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (new URL(url).origin !== origin) {
      external.push(url);
      return route.abort("blockedbyclient");
    }
    return route.continue();
  });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  // When the engine becomes ready, in the page's own clock (ms since navigation start).
  await page.addInitScript(() => {
    // (The <html> element may not exist yet when this runs: watch the whole document.)
    new MutationObserver((_, observer) => {
      const state = document.documentElement?.dataset.engine;
      if (state) {
        window.__engineAt = { state, at: performance.now() };
        observer.disconnect();
      }
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-engine"] });
  });
  await page.goto(`${origin}/www/`);
  await page.waitForFunction(() => window.__engineAt, null, { timeout: 60_000 });
  const engine = await page.evaluate(() => window.__engineAt);
  if (engine.state !== "ready") throw new Error(`${name}: the page's engine ${engine.state}`);

  // The page starts a warm spare worker half a second after it is ready: let it load first, so
  // it does not compete with the pastes below.
  const deadline = Date.now() + 5000;
  while (page.workers().length < 2 && Date.now() < deadline) await page.waitForTimeout(50);
  let workerFetch = null;
  for (const worker of page.workers()) {
    for (;;) {
      const entry = await worker
        .evaluate(() => {
          const e = performance.getEntriesByType("resource").find((r) => r.name.endsWith(".wasm"));
          return e ? { fetch: e.responseEnd - e.startTime, bytes: e.encodedBodySize } : null;
        })
        .catch(() => null);
      if (entry || Date.now() > deadline) {
        if (entry && workerFetch == null) workerFetch = entry;
        break;
      }
      await page.waitForTimeout(50);
    }
  }
  await page.waitForTimeout(500);

  if (language !== "auto") {
    await page.selectOption("#language", language);
  }

  const analysed = [];
  const highlight = [];
  const paint = [];
  let result = null;
  for (let r = 0; r < runs; r++) {
    // Empty the box (and the view) first, so that each paste starts from an empty page.
    await page.evaluate(() => {
      const box = document.querySelector("textarea");
      if (!box.value) return;
      box.value = "";
      box.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "deleteByCut" }));
    });
    await page.waitForFunction(() => !document.getElementById("view").dataset.state || document.getElementById("view").dataset.state === "empty", null, {
      timeout: 60_000,
    });
    const painted = await page.evaluate(() => performance.getEntriesByName("hedgemark:paste-to-paint", "measure").length);
    await paste(page, text);
    // The page measures until the next frame is done too (hedgemark:paste-to-paint), a little later.
    await page
      .waitForFunction((n) => performance.getEntriesByName("hedgemark:paste-to-paint", "measure").length > n, painted, {
        timeout: 10_000,
      })
      .catch(() => {});
    const times = await page.evaluate(() => {
      const last = (n) => performance.getEntriesByName(n, "measure").at(-1)?.duration ?? null;
      return {
        analysed: last("hedgemark:paste-to-analysed"),
        highlight: last("hedgemark:paste-to-highlight"),
        paint: last("hedgemark:paste-to-paint"),
      };
    });
    analysed.push(times.analysed);
    highlight.push(times.highlight);
    paint.push(times.paint);
    if (r === 0) {
      result = await page.evaluate(() => {
        const r = window.hedgemarkPage.result;
        return { language: r.language, hedges: r.stats.hedges, sentences: r.stats.sentences };
      });
    }
  }
  await context.close();
  return {
    name,
    chars: text.length,
    bytes: Buffer.byteLength(text, "utf8"),
    language: result.language,
    hedges: result.hedges,
    sentences: result.sentences,
    ready: engine.at,
    workerFetch,
    load,
    analysed: median(analysed),
    highlight: median(highlight),
    paint: paint.every((x) => x != null) ? median(paint) : null,
    min: Math.min(...highlight),
    max: Math.max(...highlight),
    external,
    errors,
  };
}

function table(rows) {
  const head = [
    "text",
    "chars",
    "lang",
    "hedges",
    "engine ready",
    "wasm fetch (worker)",
    "download",
    "compile",
    "instantiate",
    "load",
    "1st analyze",
    `paste→analysed (median of ${runs})`,
    `paste→highlight (median of ${runs})`,
    "highlight min–max",
    `paste→paint (median of ${runs})`,
  ];
  const body = rows.map((r) => [
    r.name,
    r.chars.toLocaleString("en"),
    r.language,
    String(r.hedges),
    ms(r.ready),
    ms(r.workerFetch?.fetch),
    ms(r.load.download),
    ms(r.load.compile),
    ms(r.load.instantiate),
    ms(r.load.download + r.load.compile + r.load.instantiate),
    ms(r.load.first),
    ms(r.analysed),
    ms(r.highlight),
    `${ms(r.min)}–${ms(r.max)}`,
    ms(r.paint),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ")} |`;
  return [line(head), `|${widths.map((w, i) => (i === 0 ? "-" : "") + "-".repeat(w + 1) + (i === 0 ? "" : ":")).join("|")}|`, ...body.map(line)].join("\n");
}

// ---------------------------------------------------------------------------------------------

const launch = config.use?.launchOptions ?? {};
const executablePath = process.env.HEDGEMARK_CHROMIUM || launch.executablePath || "/usr/bin/chromium";
if (!existsSync(join(ROOT, "pkg/hedgemark_bg.wasm"))) {
  console.error("measure-page: pkg/hedgemark_bg.wasm is missing: build it first with `bash scripts/build-wasm.sh`");
  process.exit(1);
}

const { child: server, origin } = await startServer();
let browser;
let status = 0;
try {
  browser = await chromium.launch({ ...launch, executablePath, headless: true });
  const version = browser.version();
  const rows = [];
  for (const input of inputs) rows.push(await measure(browser, origin, input));
  const wasmBytes = rows[0].load.bytes;
  console.log(
    `hedgemark page timings: chromium ${version}, ${origin}/www/, --lang ${language}, ` +
      `pkg/hedgemark_bg.wasm ${wasmBytes.toLocaleString("en")} bytes\n`,
  );
  console.log(table(rows));
  const loads = rows.map((r) => r.load);
  const mid = (k) => median(loads.map((l) => l[k]));
  console.log(
    `\nwasm cold load, median of ${loads.length} (one per row): download ${ms(mid("download"))}, ` +
      `compile ${ms(mid("compile"))}, instantiate ${ms(mid("instantiate"))}, ` +
      `load ${ms(median(loads.map((l) => l.download + l.compile + l.instantiate)))}, 1st analyze ${ms(mid("first"))}`,
  );
  console.log(
    "\nengine ready: navigation start → html[data-engine=ready] (worker: module, .wasm, instantiate, warm-up). " +
      "download/compile/instantiate: a cold load in a fresh browser context (plain page, uncached .wasm); " +
      "load = their sum; 1st analyze: the first call after it (Chromium compiles wasm functions lazily). " +
      "paste→analysed: the result is back from the worker; paste→highlight: the view is built and attached; " +
      "paste→paint: the frame after it (style, layout, paint) is done.",
  );
  for (const r of rows) {
    if (r.external.length) console.log(`${r.name}: requests that left 127.0.0.1 (aborted): ${r.external.join(", ")}`);
    if (r.errors.length) console.log(`${r.name}: page errors: ${r.errors.join("; ")}`);
  }
} catch (e) {
  console.error(`measure-page: ${e && e.stack ? e.stack : e}`);
  status = 1;
} finally {
  await browser?.close();
  server.kill("SIGTERM");
}
process.exit(status);
