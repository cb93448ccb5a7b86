// The example page's own script: it registers the widget (importing hedgemark/widget does
// that) and behaves like a news site's script would: a click listener on a link inside the
// article, and two buttons that use the widget's API.

import { define } from "../js/widget.js";

define(); // idempotent: the import already registered <hedge-mark>

const log = document.getElementById("click-log");
let clicks = 0;

// A host listener on a link inside the highlighted article body: it must keep working after
// the widget has wrapped the link's text in marks.
document.getElementById("link-en").addEventListener("click", (event) => {
  event.preventDefault();
  clicks += 1;
  log.textContent = `Link clicked ${clicks} ${clicks === 1 ? "time" : "times"}.`;
  log.dataset.clicks = String(clicks);
});

const widgets = () => [...document.querySelectorAll("hedge-mark")];

document.getElementById("clear-all").addEventListener("click", () => {
  for (const w of widgets()) w.clear();
});

document.getElementById("refresh-all").addEventListener("click", () => {
  for (const w of widgets()) w.refresh().catch(() => {});
});
