// Classic cross-site-scripting vectors, written for hedgemark's tests: each one, if it were ever
// parsed as markup (or run as a template), would set window.__xss to its number. Pasted text must
// appear exactly as typed and none of them may run, in the page, the widget and the HTML report.

export const XSS_VECTORS = [
  `<script>window.__xss=1</script>`,
  `<img src=x onerror="window.__xss=2">`,
  `<svg onload="window.__xss=3"><circle r=1></svg>`,
  `<iframe srcdoc="<script>parent.__xss=4</script>"></iframe>`,
  `<a href="javascript:window.__xss=5" id=xss-link>klick</a>`,
  `<body onload="window.__xss=6">`,
  `<details open ontoggle="window.__xss=7"><summary>x</summary></details>`,
  `<input autofocus onfocus="window.__xss=8">`,
  `<video><source onerror="window.__xss=9"></video>`,
  `<math><mtext><table><mglyph><style><img src=x onerror="window.__xss=10">`,
  `<noscript><p title="</noscript><img src=x onerror=window.__xss=11>">`,
  `"><script>window.__xss=12</script>`,
  `'><img src=x onerror=window.__xss=13>`,
  `<style>@import 'javascript:window.__xss=14';</style>`,
  `<object data="javascript:window.__xss=15"></object>`,
  `<embed src="javascript:window.__xss=16">`,
  `<form><button formaction="javascript:window.__xss=17">x</button></form>`,
  `<meta http-equiv="refresh" content="0;url=javascript:window.__xss=18">`,
  `<template><img src=x onerror=window.__xss=19></template>`,
  `<!--<img src="--><img src=x onerror=window.__xss=20//">`,
  `<![CDATA[<script>window.__xss=21</script>]]>`,
  `&lt;script&gt;window.__xss=22&lt;/script&gt; &amp; &#60;img src=x onerror=window.__xss=22&#62;`,
  "${window.__xss=23} {{constructor.constructor('window.__xss=24')()}}",
  `<scr<script>ipt>window.__xss=25</scr</script>ipt>`,
  `\\u003cscript\\u003ewindow.__xss=26\\u003c/script\\u003e`,
  `<marquee onstart="window.__xss=27">`,
  `<base href="javascript:window.__xss=28//">`,
  `<link rel=stylesheet href="data:text/css,*{}" onload="window.__xss=29">`,
];

/// A text mixing every vector with sentences that hold hedges and sources (so marks are made
/// next to and around them), in German and English, with line breaks.
export function hostileText() {
  const sentences = [
    "Der Minister soll davon gewusst haben.",
    "Critics say the plan may fail.",
    "„Das ist ein Angriff“, sagte die Sprecherin.",
    'The mayor reportedly resigned, officials said.',
  ];
  return XSS_VECTORS.map((v, i) => `${i === 0 ? "" : i % 3 ? " " : "\n"}${sentences[i % sentences.length]} ${v}`).join("");
}
