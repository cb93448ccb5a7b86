// The packaging test in a page: `npm pack` (into a temporary directory), `npm install --offline`
// of the tarball into a fresh project (`"type": "module"`), and that project served by a tiny
// static server started here (node:http on 127.0.0.1, a free port, application/wasm for .wasm, a
// CSP with `script-src 'self' 'wasm-unsafe-eval'`). Its index.html loads main.js, which imports
// ./node_modules/hedgemark/js/index.js, awaits init(), analyses texts.json in auto, de and en and
// exposes the results. In Chromium those results must equal the command line's
// (`target/release/hedgemark analyze --compact --lang X FILE`) for the same texts, after JSON
// normalisation (keys sorted, compared as strings). The packed `hedgemark/widget` must work in
// that page too: highlight() and clear() of an article, and <hedge-mark> wrapping one.
//
//   cargo build --release --bin hedgemark && npx playwright test tests/browser/package.spec.mjs
//
// (the README's test command builds the command line before the browser tests). Temporary
// directories are removed at the end.

import { test, expect } from "@playwright/test";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

import { MIME } from "../../scripts/serve.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CLI = join(ROOT, "target/release/hedgemark");
const SHOTS = join(ROOT, "test-results/screenshots");
const LANGUAGES = ["auto", "de", "en"];

mkdirSync(SHOTS, { recursive: true });

// The sample articles of tests/articles, and a few texts written for this test (valid UTF-8: the
// command line reads files).
const TEXTS = {
  ...Object.fromEntries(
    readdirSync(join(ROOT, "tests/articles"))
      .filter((f) => f.endsWith(".txt"))
      .sort()
      .map((f) => [f, readFileSync(join(ROOT, "tests/articles", f), "utf8")]),
  ),
  "quotes-and-sharp-s":
    "„Die Straßenbahn soll schon im März ausgefallen sein“, heißt es bei den Verkehrsbetrieben. " +
    "Der Stadtrat habe davon ‚angeblich‘ nichts gewusst; die Reparatur könnte rund 12 Millionen Euro kosten.",
  "emoji":
    "👩‍🔬 Forscherinnen sollen 🧪 neue Daten erhalten haben. 🇩🇪 Die Gespräche könnten 🏳️‍🌈 scheitern. " +
    "The 👨‍👩‍👧‍👦 family reportedly left 🇺🇦 in May; officials may confirm it 🙏🏽 today.",
  "crlf-and-marks":
    "Der Bürgermeister soll zurückgetreten sein.\r\nAngeblich gab es Streit im Rat.\r\n\r\n" +
    "The ministe\u0300r reportedly met Zoe\u0308.\r\nHe may return on Friday.\r\n",
  "rtl-and-nul":
    "The envoy reportedly quoted \u05D4\u05D0\u05E8\u05E5 and may return.\u0000 " +
    "Der Sprecher von \u2067\u062D\u0631\u0643\u0629\u2069 soll die Gespräche verlassen haben.",
};

// The widget's articles: markup with links and nested elements, German and English.
const ARTICLE_DE =
  '<h2>Neubau am Hafen</h2><p>Der Investor soll <a href="#vertrag" id="link">den Vertrag</a> schon im Mai ' +
  "<em>unterschrieben</em> haben, heißt es im Rathaus.</p><p>Angeblich könnte der Bau rund 40 Millionen Euro kosten; " +
  "Kritiker vermuten, dass die Stadt <strong>davon</strong> wusste.</p>";
const ARTICLE_EN =
  "<h2>Harbour deal</h2><p>The investor reportedly signed <a href=\"#deal\">the contract</a> in May, " +
  "and officials may announce it <em>next week</em>.</p><p>Critics believe the city knew about it.</p>";

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'";

const INDEX_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>hedgemark from the packed tarball</title>
<link rel="icon" href="data:,">
<script type="module" src="./main.js"></script>
</head>
<body>
<article id="article-de" lang="de">${ARTICLE_DE}</article>
<article id="article-en" lang="en">${ARTICLE_EN}</article>
</body>
</html>
`;

const MAIN_JS = `// Loads the installed package's browser entry and analyses texts.json in every language.
import init, { analyze, version, SCHEMA } from "./node_modules/hedgemark/js/index.js";

const root = document.documentElement;
try {
  await init();
  const texts = await (await fetch("./texts.json")).json();
  const results = {};
  for (const [name, text] of Object.entries(texts)) {
    for (const language of ${JSON.stringify(LANGUAGES)}) results[name + "|" + language] = analyze(text, { language });
  }
  window.hedgemarkResults = JSON.stringify({ results, version: version(), schema: SCHEMA });
  root.dataset.state = "done";
} catch (e) {
  window.hedgemarkError = String((e && e.stack) || e);
  root.dataset.state = "failed";
}
`;

/** JSON with every object's keys sorted: the normal form both sides are compared in. */
function canonical(value) {
  const sort = (v) => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === "object") return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort(v[k])]));
    return v;
  };
  return JSON.stringify(sort(value));
}

function run(command, args, cwd) {
  const out = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    maxBuffer: 1 << 28,
    env: { ...process.env, npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false" },
  });
  if (out.error) throw out.error;
  if (out.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (${out.status}):\n${out.stdout}\n${out.stderr}`);
  return out.stdout;
}

/** A static server for `root`: 127.0.0.1, a free port, the CSP above. Records what it served. */
async function serve(root) {
  const served = [];
  const server = createServer(async (req, res) => {
    const headers = { "Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store" };
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, "http://127.0.0.1").pathname);
    } catch {
      res.writeHead(400, headers).end();
      return;
    }
    if (pathname.endsWith("/")) pathname += "index.html";
    const file = resolve(root, `.${pathname}`);
    if (!file.startsWith(root + sep) || pathname.includes("\0")) {
      res.writeHead(404, headers).end();
      return;
    }
    try {
      const body = await readFile(file);
      const type = MIME[extname(file)] || "application/octet-stream";
      served.push({ path: pathname, type });
      res.writeHead(200, { ...headers, "Content-Type": type, "Content-Length": body.length }).end(body);
    } catch {
      served.push({ path: pathname, status: 404 });
      res.writeHead(404, headers).end();
    }
  });
  await new Promise((ok, fail) => server.once("error", fail).listen(0, "127.0.0.1", ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, served, close: () => new Promise((ok) => server.close(ok)) };
}

/** `hedgemark analyze --compact --lang <language> <file>`, parsed. */
function cli(dir, name, text, language) {
  const file = join(dir, `${name.replace(/[^\w.-]/g, "_")}.txt`);
  writeFileSync(file, text, "utf8");
  return JSON.parse(run(CLI, ["analyze", "--compact", "--lang", language, file], dir));
}

// Opens the project's page with every request checked (nothing may leave 127.0.0.1:port).
async function open(page, url) {
  const seen = { external: [], errors: [], consoleErrors: [] };
  const origin = new URL(url).origin;
  await page.context().route("**/*", (route) => {
    if (new URL(route.request().url()).origin !== origin) {
      seen.external.push(route.request().url());
      return route.abort("blockedbyclient");
    }
    return route.continue();
  });
  page.on("pageerror", (e) => seen.errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && seen.consoleErrors.push(m.text()));
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(url);
  await page.waitForFunction(() => document.documentElement.dataset.state, null, { timeout: 30_000 });
  const failure = await page.evaluate(() => window.hedgemarkError ?? null);
  expect(failure, "the page could not use the installed package").toBeNull();
  return seen;
}

async function expectClean(page, seen) {
  expect(seen.external, "requests that left 127.0.0.1").toEqual([]);
  expect(seen.errors, "page errors").toEqual([]);
  expect(seen.consoleErrors, "console errors").toEqual([]);
  expect(await page.evaluate(() => window.__csp), "CSP violations").toEqual([]);
}

test.describe.configure({ mode: "serial" });
test.use({ trace: "off" });

let work; // the temporary directory: tarball, project, CLI inputs
let project;
let server;
let packed;

test.beforeAll(async () => {
  if (!existsSync(CLI)) {
    throw new Error(
      `the command-line tool ${CLI} is missing: build it first with \`cargo build --release --bin hedgemark\` ` +
        "(bash scripts/test.sh does it before the browser tests)",
    );
  }
  work = mkdtempSync(join(tmpdir(), "hedgemark-browser-pack-"));
  [packed] = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", work], ROOT));
  project = join(work, "project");
  mkdirSync(project);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "try-hedgemark-in-a-page", private: true, type: "module" }));
  run("npm", ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", join(work, packed.filename)], project);
  expect(existsSync(join(project, "node_modules/hedgemark/pkg/hedgemark_bg.wasm"))).toBe(true);
  writeFileSync(join(project, "index.html"), INDEX_HTML);
  writeFileSync(join(project, "main.js"), MAIN_JS);
  writeFileSync(join(project, "texts.json"), JSON.stringify(TEXTS));
  mkdirSync(join(work, "cli"));
  server = await serve(project);
});

test.afterAll(async () => {
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

test("the installed package in a page: analyze() equals the command line for every text and language", async ({ page }, info) => {
  const seen = await open(page, server.url);
  const out = JSON.parse(await page.evaluate(() => window.hedgemarkResults));
  expect(out.schema).toBe("hedgemark/1");
  const cargoVersion = readFileSync(join(ROOT, "Cargo.toml"), "utf8").match(/^version = "([^"]+)"/m)[1];
  expect(out.version).toBe(cargoVersion);

  let compared = 0;
  for (const [name, text] of Object.entries(TEXTS)) {
    for (const language of LANGUAGES) {
      const fromPage = out.results[`${name}|${language}`];
      expect(fromPage, `${name} (${language})`).toBeTruthy();
      const fromCli = cli(join(work, "cli"), name, text, language);
      expect(canonical(fromPage), `${name} (${language}): page ≠ CLI (is target/release/hedgemark stale? cargo build --release)`).toBe(
        canonical(fromCli),
      );
      compared++;
    }
  }
  expect(compared).toBe(Object.keys(TEXTS).length * LANGUAGES.length);
  const hedges = Object.values(out.results).reduce((n, r) => n + r.hedges.length, 0);
  expect(hedges).toBeGreaterThan(50);

  // Everything came from the installed package, the .wasm as application/wasm.
  const paths = server.served.map((s) => s.path);
  expect(server.served.filter((s) => s.status === 404), "not found").toEqual([]);
  expect(paths).toContain("/node_modules/hedgemark/js/index.js");
  expect(server.served).toContainEqual({ path: "/node_modules/hedgemark/pkg/hedgemark_bg.wasm", type: "application/wasm" });
  await expectClean(page, seen);
  info.annotations.push({
    type: "packed",
    description: `${packed.filename}: ${packed.size} bytes, ${packed.files.length} files; ${compared} results equal the CLI's (${hedges} hedges)`,
  });
  console.log(`packed ${packed.filename} (${packed.size} bytes, ${packed.files.length} files): ${compared} page results equal the CLI's, ${hedges} hedges`);
});

test("hedgemark/widget from the installed package: highlight() marks an article, clear() restores it", async ({ page }) => {
  const seen = await open(page, server.url);
  const out = await page.evaluate(async () => {
    const widget = await import("./node_modules/hedgemark/js/widget.js");
    const article = document.getElementById("article-de");
    const link = document.getElementById("link");
    const before = article.innerHTML;
    const text = widget.textOf(article);
    const result = await widget.highlight(article);
    const marks = [...article.querySelectorAll("mark[data-hedgemark]")].map((m) => ({
      kind: m.dataset.kind,
      category: m.dataset.category ?? null,
      text: m.textContent,
    }));
    const highlighted = article.innerHTML;
    const cleared = widget.clear(article);
    return {
      text,
      result: JSON.stringify(result),
      marks,
      changed: highlighted !== before,
      cleared,
      restored: article.innerHTML === before,
      sameLink: document.getElementById("link") === link && article.contains(link),
      marksLeft: article.querySelectorAll("mark").length,
      defined: customElements.get("hedge-mark") !== undefined,
    };
  });
  expect(out.defined, "importing the widget registers <hedge-mark>").toBe(true);
  const result = JSON.parse(out.result);
  expect(result.language).toBe("de");
  expect(out.changed).toBe(true);
  expect(out.marks.length).toBeGreaterThanOrEqual(result.hedges.length);
  expect(result.hedges.length).toBeGreaterThan(1);
  for (const m of out.marks) expect(["hedge", "source", "quote", "claim"]).toContain(m.kind);
  // Every hedge of the result is marked with its text and category.
  for (const h of result.hedges) {
    expect(out.marks.some((m) => m.kind === "hedge" && m.category === h.category && h.text.includes(m.text)), h.text).toBe(true);
  }
  // The same analysis as the command line's for the article's text (with lang="de").
  expect(canonical(result)).toBe(canonical(cli(join(work, "cli"), "widget-de", out.text, "de")));
  expect(out.cleared).toBe(true);
  expect(out.restored, "clear() restores innerHTML").toBe(true);
  expect(out.sameLink, "the host's link element is the same node").toBe(true);
  expect(out.marksLeft).toBe(0);
  await expectClean(page, seen);
});

test("<hedge-mark> from the installed package wraps an article and highlights it", async ({ page }) => {
  const seen = await open(page, server.url);
  const before = await page.evaluate(async () => {
    await import("./node_modules/hedgemark/js/widget.js");
    const article = document.getElementById("article-en");
    const html = article.innerHTML;
    const wrapper = document.createElement("hedge-mark");
    article.before(wrapper);
    wrapper.append(article);
    return html;
  });
  await page.waitForFunction(() => {
    const el = document.querySelector("hedge-mark");
    return el && el.result && el.querySelector("mark[data-hedgemark]");
  });
  await page.screenshot({ path: join(SHOTS, "package-page.png"), fullPage: true });
  const out = await page.evaluate(() => {
    const el = document.querySelector("hedge-mark");
    const hedges = [...el.querySelectorAll('mark[data-kind="hedge"]')].map((m) => m.textContent);
    const result = el.result;
    const cleared = el.clear();
    return {
      hedges,
      language: result.language,
      count: result.hedges.length,
      shadow: !!el.shadowRoot,
      cleared,
      html: document.getElementById("article-en").innerHTML,
    };
  });
  expect(out.language).toBe("en");
  expect(out.shadow).toBe(true);
  expect(out.count).toBeGreaterThan(1);
  expect(out.hedges).toEqual(expect.arrayContaining(["reportedly", "may"]));
  expect(out.cleared).toBe(true);
  expect(out.html).toBe(before);
  await expectClean(page, seen);
});
