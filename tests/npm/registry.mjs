// A registry for the @eca-ls scope on 127.0.0.1, standing in for the public one where the
// packages are published: for each platform of npm/platforms.json it serves the package
// document (name, version, os, cpu, libc) that npm reads to choose the platform packages, and
// the tarballs scripts/package-npm.sh wrote (this machine's). Another platform's tarball is a
// 404: npm must never fetch it. Prints its URL on the first line, serves until its stdin closes.
//
// Usage: node tests/npm/registry.mjs NPM_DIR
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as http from "node:http";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const npmDir = path.resolve(process.argv[2]);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const platforms = JSON.parse(fs.readFileSync(path.join(repo, "npm", "platforms.json"), "utf8"));
delete platforms["//"];
const version = JSON.parse(fs.readFileSync(path.join(repo, "npm", "eca-ls", "package.json"), "utf8")).version;

const server = http.createServer((request, response) => {
  const url = new URL(request.url, "http://registry");
  const name = decodeURIComponent(url.pathname.slice(1));
  const tarball = /^(@eca-ls\/[\w-]+)\/-\/([\w.-]+\.tgz)$/.exec(name);
  if (tarball) {
    const file = path.join(npmDir, tarball[2]);
    if (!fs.existsSync(file)) return notFound(response, name);
    response.writeHead(200, { "content-type": "application/octet-stream" });
    return fs.createReadStream(file).pipe(response);
  }
  const key = name.startsWith("@eca-ls/") ? name.slice("@eca-ls/".length) : undefined;
  if (key === undefined || !(key in platforms)) return notFound(response, name);
  response.writeHead(200, { "content-type": "application/json" });
  response.end(JSON.stringify(packument(key, `http://${request.headers.host}`)));
});

function notFound(response, name) {
  response.writeHead(404, { "content-type": "application/json" });
  response.end(JSON.stringify({ error: `not found: ${name}` }));
}

/** The document npm reads for @eca-ls/KEY: one version, its platform fields and its tarball. */
function packument(key, base) {
  const name = `@eca-ls/${key}`;
  const tarballName = `eca-ls-${key}-${version}.tgz`;
  const file = path.join(npmDir, tarballName);
  let manifest;
  let bytes;
  if (fs.existsSync(file)) {
    manifest = JSON.parse(execFileSync("tar", ["-xOzf", file, "package/package.json"], { encoding: "utf8" }));
    bytes = fs.readFileSync(file);
  } else {
    const { os, cpu, libc } = platforms[key];
    manifest = { name, version, os: [os], cpu: [cpu], ...(libc ? { libc: [libc] } : {}) };
    bytes = Buffer.from(`not built here: ${name}`);
  }
  const dist = {
    tarball: `${base}/${name}/-/${tarballName}`,
    shasum: createHash("sha1").update(bytes).digest("hex"),
    integrity: `sha512-${createHash("sha512").update(bytes).digest("base64")}`,
  };
  return { name, "dist-tags": { latest: version }, versions: { [version]: { ...manifest, dist } } };
}

// Stop when the test process that started it ends (its end of the stdin pipe closes).
process.stdin.on("end", () => process.exit(0));
process.stdin.on("close", () => process.exit(0));
process.stdin.resume();

server.listen(0, "127.0.0.1", () => {
  console.log(`http://127.0.0.1:${server.address().port}/`);
});
