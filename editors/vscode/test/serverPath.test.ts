// Unit tests of where the extension looks for the eca-ls binary, and in which order.

import * as assert from "node:assert/strict";
import { test } from "node:test";

import { bundledServerPath, discoverServer, resolveConfiguredPath, type DiscoveryInput } from "../src/serverPath";

function input(files: string[], overrides: Partial<DiscoveryInput> = {}): DiscoveryInput {
  const existing = new Set(files);
  return {
    configuredPath: undefined,
    extensionPath: "/ext",
    workspaceFolder: "/work/project",
    homeDirectory: "/home/me",
    platform: "linux",
    arch: "x64",
    pathVariable: "/usr/local/bin:/usr/bin",
    isFile: (candidate) => existing.has(candidate),
    ...overrides,
  };
}

test("the setting wins over the bundled copy and PATH", () => {
  const result = discoverServer(input(["/opt/eca-ls", "/ext/server/linux-x64/eca-ls", "/usr/bin/eca-ls"], { configuredPath: "/opt/eca-ls" }));
  assert.deepEqual(result, { found: true, path: "/opt/eca-ls", source: "setting" });
});

test("a setting that points nowhere is an error, not a silent fallback", () => {
  const result = discoverServer(input(["/ext/server/linux-x64/eca-ls"], { configuredPath: "/opt/missing/eca-ls" }));
  assert.equal(result.found, false);
  if (!result.found) {
    assert.match(result.message, /ecaLs\.server\.path/);
    assert.match(result.message, /\/opt\/missing\/eca-ls/);
    assert.deepEqual(result.tried, ["/opt/missing/eca-ls"]);
  }
});

test("a blank setting is no setting", () => {
  const result = discoverServer(input(["/ext/server/linux-x64/eca-ls"], { configuredPath: "   " }));
  assert.deepEqual(result, { found: true, path: "/ext/server/linux-x64/eca-ls", source: "bundled" });
});

test("the bundled copy wins over PATH", () => {
  const result = discoverServer(input(["/ext/server/linux-x64/eca-ls", "/usr/bin/eca-ls"]));
  assert.deepEqual(result, { found: true, path: "/ext/server/linux-x64/eca-ls", source: "bundled" });
});

test("only the bundled copy for this platform and architecture counts", () => {
  const result = discoverServer(input(["/ext/server/linux-arm64/eca-ls", "/ext/server/darwin-x64/eca-ls", "/usr/bin/eca-ls"]));
  assert.deepEqual(result, { found: true, path: "/usr/bin/eca-ls", source: "path" });
});

test("PATH is searched in order", () => {
  const result = discoverServer(input(["/usr/bin/eca-ls", "/usr/local/bin/eca-ls"]));
  assert.deepEqual(result, { found: true, path: "/usr/local/bin/eca-ls", source: "path" });
});

test("nothing found lists every place looked at and says what to do", () => {
  const result = discoverServer(input([]));
  assert.equal(result.found, false);
  if (!result.found) {
    assert.deepEqual(result.tried, ["/ext/server/linux-x64/eca-ls", "/usr/local/bin/eca-ls", "/usr/bin/eca-ls"]);
    assert.match(result.message, /linux-x64/);
    assert.match(result.message, /ecaLs\.server\.path/);
    assert.match(result.message, /cargo/);
  }
});

test("an empty PATH is searched without error", () => {
  const result = discoverServer(input([], { pathVariable: undefined }));
  assert.equal(result.found, false);
  if (!result.found) {
    assert.deepEqual(result.tried, ["/ext/server/linux-x64/eca-ls"]);
  }
});

test("on Windows the binary is eca-ls.exe and PATHEXT is honoured", () => {
  const windows: Partial<DiscoveryInput> = {
    platform: "win32",
    extensionPath: "C:\\ext",
    pathVariable: "C:\\tools;C:\\bin",
    pathExtVariable: ".COM;.EXE",
  };
  assert.equal(bundledServerPath("C:\\ext", "win32", "x64"), "C:\\ext\\server\\win32-x64\\eca-ls.exe");
  const result = discoverServer(input(["C:\\bin\\eca-ls.exe"], windows));
  assert.deepEqual(result, { found: true, path: "C:\\bin\\eca-ls.exe", source: "path" });
});

test("configured paths expand ~ and ${workspaceFolder} and resolve relative paths", () => {
  const context = { workspaceFolder: "/work/project", homeDirectory: "/home/me", platform: "linux" as const };
  assert.equal(resolveConfiguredPath("~/bin/eca-ls", context), "/home/me/bin/eca-ls");
  assert.equal(resolveConfiguredPath("${workspaceFolder}/target/release/eca-ls", context), "/work/project/target/release/eca-ls");
  assert.equal(resolveConfiguredPath("target/release/eca-ls", context), "/work/project/target/release/eca-ls");
  assert.equal(resolveConfiguredPath("/opt/../opt/eca-ls", context), "/opt/eca-ls");
});
