#!/usr/bin/env node
// A static file server for the paste page: no dependencies, 127.0.0.1 only, strict CSP.
//
//   node scripts/serve.mjs [--port N]     default 8080; --port 0 picks a free port
//
// The first line printed is always `hedgemark: serving http://127.0.0.1:PORT/www/`, so scripts
// (and Playwright's webServer) can read the address. Files come from the repository root (the
// page imports ../js/index.js and ../pkg/*.wasm); `/` redirects to `/www/`.

import { createServer } from "node:http";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { dirname, extname, join, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const HOST = "127.0.0.1";

export const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/plain; charset=utf-8",
  ".ts": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".webmanifest": "application/manifest+json",
};

// 'wasm-unsafe-eval' lets WebAssembly.instantiate compile the engine; nothing else is evaluated.
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

const SECURITY_HEADERS = {
  "Content-Security-Policy": CSP,
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cache-Control": "no-cache",
};

function parsePort(argv) {
  const i = argv.indexOf("--port");
  const raw = i >= 0 ? argv[i + 1] : (argv.find((a) => a.startsWith("--port=")) || "").slice(7) || "8080";
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`hedgemark: bad --port ${JSON.stringify(raw)}`);
    process.exit(2);
  }
  return port;
}

function send(res, status, body, headers = {}) {
  res.writeHead(status, { ...SECURITY_HEADERS, "Content-Type": "text/plain; charset=utf-8", ...headers });
  res.end(body);
}

async function handle(req, res) {
  if (req.method !== "GET" && req.method !== "HEAD") {
    return send(res, 405, "method not allowed\n", { Allow: "GET, HEAD" });
  }
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(req.url, `http://${HOST}`).pathname);
  } catch {
    return send(res, 400, "bad request\n");
  }
  if (pathname.includes("\0")) return send(res, 400, "bad request\n");
  if (pathname === "/" || pathname === "/www") {
    return send(res, 302, "", { Location: "/www/" });
  }
  const file = resolve(ROOT, "." + pathname);
  // No directory traversal: the resolved path must stay inside the root. No dot files either
  // (.git, .tools).
  if ((file !== ROOT && !file.startsWith(ROOT + sep)) || file.slice(ROOT.length).split(sep).some((p) => p.startsWith("."))) {
    return send(res, 404, "not found\n");
  }
  let path = file;
  let info;
  try {
    info = await stat(path);
    if (info.isDirectory()) {
      if (!pathname.endsWith("/")) return send(res, 301, "", { Location: pathname + "/" });
      path = join(path, "index.html");
      info = await stat(path);
    }
    if (!info.isFile()) return send(res, 404, "not found\n");
  } catch {
    return send(res, 404, "not found\n");
  }
  const type = MIME[extname(path).toLowerCase()] || "application/octet-stream";
  res.writeHead(200, { ...SECURITY_HEADERS, "Content-Type": type, "Content-Length": info.size });
  if (req.method === "HEAD") return res.end();
  createReadStream(path)
    .on("error", () => res.destroy())
    .pipe(res);
}

// Listen only when run as a program (tests import MIME and CSP from this module).
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, "internal error\n");
      else res.destroy();
    });
  });

  server.on("error", (e) => {
    console.error(`hedgemark: cannot listen: ${e.message}`);
    process.exit(1);
  });

  server.listen(parsePort(process.argv.slice(2)), HOST, () => {
    const { port } = server.address();
    console.log(`hedgemark: serving http://${HOST}:${port}/www/`);
  });

  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close(() => process.exit(0)));
}
