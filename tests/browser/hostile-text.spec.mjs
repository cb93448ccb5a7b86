// Pasted text is never markup: the classic XSS vectors (tests/browser/xss-vectors.mjs), mixed with
// sentences that get hedge and source marks, in the paste page, in the HTML report it exports and
// in the widget. Each test asserts that the text shows exactly as pasted, that no element a vector
// would make exists, and that no vector ran (window.__xss stays undefined).

import { expect, test } from "@playwright/test";

import { engine, expectClean, openPage, paste, viewCounts } from "./page-helpers.mjs";
import { hostileText, XSS_VECTORS } from "./xss-vectors.mjs";

test.use({ trace: "off" });

// Elements and attributes only a vector would make (the page's own markup has none of them).
const DANGEROUS =
  "script:not([src]), iframe, img, svg, object, embed, video, source, math, details, " +
  "form, marquee, template, noscript, base, meta[http-equiv=refresh], a[href^='javascript'], [onerror], " +
  "[onload], [onfocus], [ontoggle], [onstart], [formaction], [srcdoc]";

/// How many elements a vector could have made are in the document now (the page's own count).
const dangerous = (page, root = "document") =>
  page.evaluate(
    ({ sel, root }) => (root === "document" ? document : document.querySelector(root)).querySelectorAll(sel).length,
    { sel: DANGEROUS, root },
  );

test("parsed as markup, the vectors do run and make elements (so the checks below can fail)", async ({ page }) => {
  expect(XSS_VECTORS.length).toBeGreaterThanOrEqual(25);
  // Parsed as markup on purpose in a blank page without a CSP: several do run, and make elements.
  await page.setContent("<!doctype html><title>x</title><body></body>");
  await page.evaluate((vs) => {
    document.body.innerHTML = vs.join("\n");
  }, XSS_VECTORS);
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => window.__xss)).not.toBeUndefined();
  expect(await dangerous(page, "body")).toBeGreaterThan(10);
});

test("paste page: every vector shows as text, none runs, no element is made", async ({ page, baseURL }) => {
  const records = await openPage(page, baseURL);
  const before = await dangerous(page);
  expect(before).toBe(0);
  const text = hostileText();
  await paste(page, text);
  const counts = await viewCounts(page);
  expect(counts.text).toBe(text);
  expect(counts.byKind.hedge).toBeGreaterThan(5);
  expect(counts.byKind.source ?? 0).toBeGreaterThan(0);
  // The view holds only the page's own blocks and marks.
  const tags = await page.evaluate(() => [...new Set([...document.querySelectorAll("#view *")].map((e) => e.tagName))]);
  expect(tags.sort()).toEqual(["DIV", "MARK"]);
  expect(await dangerous(page)).toBe(before);
  // Explanations and the sources panel are built from the text too.
  for (const mark of await page.locator("#view mark").all().then((m) => m.slice(0, 5))) await mark.hover();
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => window.__xss)).toBeUndefined();
  expect(await dangerous(page)).toBe(before);
  await expectClean(page, records);
});

test("HTML report: every vector is escaped; opened as a page, it shows the text and runs nothing", async ({ page, baseURL }) => {
  await openPage(page, baseURL);
  const text = hostileText();
  const { html } = await engine(page, text);
  // A fresh page with scripts allowed: only the escaping keeps the vectors from running.
  const report = await page.context().newPage();
  await report.setContent(html);
  await report.waitForTimeout(300);
  expect(await report.evaluate(() => window.__xss)).toBeUndefined();
  expect(await report.evaluate(() => document.querySelector(".text").textContent)).toBe(text);
  expect(await report.evaluate((sel) => document.querySelectorAll(sel).length, DANGEROUS)).toBe(0);
  expect(await report.evaluate(() => document.querySelectorAll("style").length)).toBe(1); // the report's own
  const tags = await report.evaluate(() => [...new Set([...document.querySelectorAll(".text *")].map((e) => e.tagName))]);
  expect(tags).toEqual(["MARK"]);
  await report.close();
});

test("widget: an article holding the vectors as text is highlighted and cleared, nothing runs", async ({ page, baseURL }) => {
  const external = [];
  await page.context().route("**/*", (route) => {
    if (new URL(route.request().url()).origin !== new URL(baseURL).origin) {
      external.push(route.request().url());
      return route.abort("blockedbyclient");
    }
    return route.continue();
  });
  await page.goto("/www/widget.html");
  const text = hostileText();
  const before = await dangerous(page);
  expect(before).toBe(0);
  const out = await page.evaluate(async (t) => {
    const { highlight, clear } = await import("/js/widget.js");
    const article = document.createElement("article");
    article.lang = "de";
    for (const line of t.split("\n")) {
      const p = document.createElement("p");
      p.textContent = line;
      article.append(p);
    }
    document.body.append(article);
    const html = article.innerHTML;
    await highlight(article);
    await new Promise((r) => setTimeout(r, 300));
    const marks = article.querySelectorAll("mark").length;
    const tags = [...new Set([...article.querySelectorAll("*")].map((e) => e.tagName))].sort();
    const shown = [...article.querySelectorAll("p")].map((p) => p.textContent).join("\n");
    clear(article);
    return { marks, tags, shown, restored: article.innerHTML === html };
  }, text);
  expect(out.marks).toBeGreaterThan(5);
  expect(out.tags).toEqual(["MARK", "P"]);
  expect(out.shown).toBe(text);
  expect(out.restored).toBe(true);
  expect(await page.evaluate(() => window.__xss)).toBeUndefined();
  expect(await dangerous(page)).toBe(before);
  expect(external).toEqual([]);
});
