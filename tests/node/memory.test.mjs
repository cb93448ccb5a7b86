// The package's WebAssembly memory stops growing: after 200 analyses of different texts it has
// reached its size, and 800 more analyses of other texts leave it there. A leak of even a few
// hundred bytes a call would add pages (64 KiB each) in 800 calls: the second test shows the
// check catching one, made on purpose.
//
// The memory is that of the package's own instance: the glue module (pkg/hedgemark.js) is the
// one js/node.js initialised, and its initSync() returns the instance's exports once it has one.

import assert from "node:assert/strict";
import { test } from "node:test";

import { analyze } from "hedgemark";

import * as glue from "../../pkg/hedgemark.js";
import { articles } from "./helpers.mjs";

const PAGE = 64 * 1024;
/** Growth from the 200th to the 1,000th analysis that passes: two pages, for allocator slack. */
const SLACK = 2 * PAGE;

const exportsOf = () => glue.initSync();
const memoryBytes = () => exportsOf().memory.buffer.byteLength;

/** A xorshift generator: the same texts on every run. */
function rng(seed) {
  let s = seed >>> 0 || 1;
  return (n) => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s % n;
  };
}

/**
 * `count` different texts: 1 to 24 paragraphs of the sample articles, of both languages, picked
 * and ordered at random, some with their numbers changed (about 100 bytes to 13 KB each).
 */
function texts(count, seed) {
  const paragraphs = articles().flatMap(([, text]) => text.split(/\n\n+/).filter((p) => p.trim()));
  const below = rng(seed);
  const out = [];
  for (let i = 0; i < count; i++) {
    const n = 1 + below(24);
    const picked = Array.from({ length: n }, () => paragraphs[below(paragraphs.length)]);
    let text = picked.join("\n\n");
    if (below(2)) text = text.replace(/\d/g, () => String(below(10)));
    out.push(`${i}. ${text}`);
  }
  return out;
}

/** The memory size after 1, 200 and 1,000 analyses; `afterEach` runs after every analysis. */
function measure(afterEach = () => {}) {
  const sizes = {};
  texts(1000, 20261203).forEach((text, i) => {
    const result = analyze(text);
    assert.ok(result.sentences.length > 0);
    afterEach();
    if (i + 1 === 1 || i + 1 === 200 || i + 1 === 1000) sizes[i + 1] = memoryBytes();
  });
  return sizes;
}

test("the wasm memory stops growing: 1,000 analyses of different texts", (t) => {
  const sizes = measure();
  t.diagnostic(
    `wasm memory after 1 analysis ${sizes[1]} bytes, after 200 ${sizes[200]}, after 1,000 ${sizes[1000]} ` +
      `(growth from 200 to 1,000: ${sizes[1000] - sizes[200]} bytes; allowed ${SLACK})`,
  );
  assert.ok(
    sizes[1000] - sizes[200] <= SLACK,
    `the wasm memory grew by ${sizes[1000] - sizes[200]} bytes from the 200th to the 1,000th analysis ` +
      `(${sizes[200]} → ${sizes[1000]}): something is kept from call to call`,
  );
});

test("the check catches a leak: 512 bytes kept on purpose per analysis", (t) => {
  try {
    // wasm-bindgen's allocator export, called without the matching free: a leak inside the module.
    const sizes = measure(() => exportsOf().__wbindgen_malloc(512, 1));
    t.diagnostic(`with the leak: after 200 analyses ${sizes[200]} bytes, after 1,000 ${sizes[1000]}`);
    assert.ok(sizes[1000] - sizes[200] > SLACK, "a leak of 512 bytes a call goes unnoticed");
  } finally {
    glue.__wbg_reset_state(); // a fresh instance, with fresh memory, for whatever runs next
  }
  assert.equal(analyze("Er soll es gewusst haben.", { language: "de" }).hedges.length, 1);
});
