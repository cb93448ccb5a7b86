// The packaging test: `npm pack`, install the tarball into a fresh project (offline: the package
// has no runtime dependencies), import "hedgemark" there and resolve "hedgemark/widget"; the
// analysis equals the one in the repository.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";

import { analyze, htmlReport, version } from "hedgemark";

import { articles, ROOT, TRICKY } from "./helpers.mjs";

const work = mkdtempSync(join(tmpdir(), "hedgemark-pack-"));
after(() => rmSync(work, { recursive: true, force: true }));

function npm(args, cwd) {
  const run = spawnSync("npm", args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false" },
  });
  assert.equal(run.status, 0, `npm ${args.join(" ")} failed:\n${run.stdout}\n${run.stderr}`);
  return run.stdout;
}

test("npm pack → npm install (offline) → import from Node", (t) => {
  // Pack.
  const [packed] = JSON.parse(npm(["pack", "--json", "--pack-destination", work], ROOT));
  const tarball = join(work, packed.filename);
  const files = packed.files.map((f) => f.path).sort();
  t.diagnostic(`${packed.filename}: ${statSync(tarball).size} bytes packed, ${packed.unpackedSize} unpacked, ${files.length} files`);
  for (const f of packed.files) t.diagnostic(`  ${String(f.size).padStart(8)}  ${f.path}`);
  for (const needed of [
    "package.json",
    "README.md",
    "LICENSE-MIT",
    "LICENSE-APACHE",
    "js/README.md",
    "js/index.js",
    "js/node.js",
    "js/core.js",
    "js/index.d.ts",
    "js/widget.js",
    "js/widget.d.ts",
    "pkg/hedgemark.js",
    "pkg/hedgemark_bg.wasm",
  ]) {
    assert.ok(files.includes(needed), `the package lacks ${needed}`);
  }
  const stray = files.filter((f) => !/^(package\.json|README\.md|LICENSE-(MIT|APACHE)|js\/[\w.-]+|pkg\/hedgemark(\.js|_bg\.wasm))$/.test(f));
  assert.deepEqual(stray, [], "nothing else is packed");

  // Install into a fresh project, with no registry.
  const project = join(work, "project");
  mkdirSync(project);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "try-hedgemark", private: true, type: "module" }));
  npm(["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", tarball], project);
  assert.ok(existsSync(join(project, "node_modules/hedgemark/pkg/hedgemark_bg.wasm")));

  // Use it there.
  const texts = { ...Object.fromEntries(articles()), ...TRICKY };
  writeFileSync(join(project, "texts.json"), JSON.stringify(texts));
  writeFileSync(
    join(project, "try.mjs"),
    `import { readFileSync } from "node:fs";
import init, { analyze, htmlReport, version, SCHEMA } from "hedgemark";
await init();
const texts = JSON.parse(readFileSync("texts.json", "utf8"));
const results = Object.fromEntries(Object.entries(texts).map(([name, text]) => [name, analyze(text)]));
const report = htmlReport(texts["crlf"], { language: "en" });
const resolved = {
  main: import.meta.resolve("hedgemark"),
  widget: import.meta.resolve("hedgemark/widget"),
};
const pkg = JSON.parse(readFileSync("node_modules/hedgemark/package.json", "utf8"));
process.stdout.write(JSON.stringify({ results, report, resolved, version: version(), SCHEMA, exports: pkg.exports }));
`,
  );
  const run = spawnSync(process.execPath, ["try.mjs"], { cwd: project, encoding: "utf8", maxBuffer: 1 << 26 });
  assert.equal(run.status, 0, run.stderr);
  const out = JSON.parse(run.stdout);

  for (const [name, text] of Object.entries(texts)) {
    assert.equal(JSON.stringify(out.results[name]), JSON.stringify(analyze(text)), `${name}: installed ≠ in-repo`);
  }
  assert.equal(out.report, htmlReport(TRICKY.crlf, { language: "en" }));
  assert.equal(out.version, version());
  assert.equal(out.SCHEMA, "hedgemark/1");
  // "hedgemark" resolves to the Node entry; "hedgemark/widget" to the widget (it needs a DOM, so
  // it is only resolved here; the browser tests load it).
  assert.ok(out.resolved.main.endsWith("/node_modules/hedgemark/js/node.js"), out.resolved.main);
  assert.ok(out.resolved.widget.endsWith("/node_modules/hedgemark/js/widget.js"), out.resolved.widget);
  assert.deepEqual(out.exports["./widget"], { types: "./js/widget.d.ts", default: "./js/widget.js" });
  assert.deepEqual(out.exports["."], { types: "./js/index.d.ts", node: "./js/node.js", default: "./js/index.js" });
  for (const types of ["js/index.d.ts", "js/widget.d.ts"]) {
    assert.ok(readFileSync(join(project, "node_modules/hedgemark", types), "utf8").length > 0);
  }
  t.diagnostic(`installed and used from ${project}: ${Object.keys(texts).length} texts equal, "hedgemark/widget" → ${out.resolved.widget.replace(/^.*node_modules\//, "")}`);
});
