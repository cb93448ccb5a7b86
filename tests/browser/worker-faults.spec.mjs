// The paste page when its analysis worker fails: a worker that crashes or hangs in the middle of
// an analysis is stopped, the reader is told, and the next paste works on a fresh worker. The
// faults are made by serving, in place of www/worker.js, a worker that loads the real one and
// crashes or hangs on a marked text (nothing in the page or the engine is changed for the test).

import { expect, test } from "@playwright/test";

import { openPage, paste, sample } from "./page-helpers.mjs";

// Loads the real worker (the query string keeps the route below from serving this again), then
// wraps its message handler.
const FAULTY_WORKER = `
await import("./worker.js?real");
const real = self.onmessage;
self.onmessage = (event) => {
  const text = (event.data && event.data.text) || "";
  if (text.includes("CRASH-THE-WORKER")) {
    setTimeout(() => { throw new Error("deliberate crash"); });
  } else if (text.includes("HANG-THE-WORKER")) {
    const until = Date.now() + 60_000;
    while (Date.now() < until) {}
  } else {
    real(event);
  }
};
`;

test.use({ trace: "off" });

let records;
test.beforeEach(async ({ page, baseURL }) => {
  await page.route(/\/www\/worker\.js$/, (route) =>
    route.fulfill({ status: 200, contentType: "text/javascript; charset=utf-8", body: FAULTY_WORKER }),
  );
  records = await openPage(page, baseURL);
});

test.afterEach(async ({ page }) => {
  expect(records.external, "requests that left the page's origin").toEqual([]);
  expect(records.dialogs, "dialogs").toEqual([]);
  expect(await page.evaluate(() => window.__csp), "CSP violations").toEqual([]);
});

/// Pastes without waiting for a rendering (a failing analysis renders nothing).
async function pasteOnly(page, text) {
  await page.evaluate((t) => {
    const box = document.querySelector("textarea");
    box.value = t;
    box.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertFromPaste" }));
  }, text);
}

for (const [fault, marker, said] of [
  ["crashes", "CRASH-THE-WORKER", /Analysis failed: the analysis worker crashed \(.*deliberate crash.*\); it was restarted/],
  ["hangs", "HANG-THE-WORKER", /Analysis failed: the analysis took longer than 2 s and was stopped/],
]) {
  test(`a worker that ${fault} mid-analysis is reported, and the page stays usable`, async ({ page }) => {
    await page.evaluate(() => (document.documentElement.dataset.analysisTimeout = "2000"));
    // A good text first: the page works with the wrapped worker.
    await paste(page, sample("en"));
    await expect(page.locator("mark").first()).toBeVisible();
    const started = Date.now();
    await pasteOnly(page, `The council may ${marker} approve the plan.`);
    await expect(page.locator("#view")).toHaveAttribute("data-state", "error", { timeout: 20_000 });
    await expect(page.getByText(said)).toBeVisible();
    expect(Date.now() - started).toBeLessThan(15_000);
    // The page answers at once (a hung worker does not block it) and the next paste works.
    expect(await page.evaluate(() => 1 + 1)).toBe(2);
    await paste(page, sample("de"));
    await expect(page.locator("#view")).toHaveAttribute("data-state", "done");
    expect(await page.evaluate(() => window.hedgemarkPage.text.length)).toBe(sample("de").length);
    await expect(page.getByText(said)).toBeHidden();
  });
}
