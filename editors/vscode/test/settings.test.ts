// Unit tests of how the VS Code settings map to what the server is sent.

import * as assert from "node:assert/strict";
import { test } from "node:test";

import { didChangeConfigurationPayload, needsRestart, readSettings, serverSettings } from "../src/settings";

function getter(values: Record<string, unknown>): (key: string) => unknown {
  return (key) => values[key];
}

test("defaults send empty rules and no API version", () => {
  const read = readSettings(getter({ "server.path": "", apiVersion: "", rules: {}, "trace.server": "off" }));
  assert.deepEqual(read.problems, []);
  assert.deepEqual(serverSettings(read.settings), { rules: {}, includeIgnored: false });
  assert.equal(read.settings.serverPath, undefined);
  assert.equal(read.settings.trace, "off");
});

test("apiVersion and rules reach the server under the eca-ls.toml keys", () => {
  const read = readSettings(getter({ apiVersion: "65.0", rules: { "ECA-ACC-004": "error", "element-order": "off" } }));
  assert.deepEqual(read.problems, []);
  assert.deepEqual(serverSettings(read.settings), { apiVersion: "65.0", rules: { "ECA-ACC-004": "error", "element-order": "off" }, includeIgnored: false });
});

test("the profile reaches the server; blank leaves the project's own, anything else is a problem", () => {
  const strict = readSettings(getter({ profile: "Strict" }));
  assert.deepEqual(strict.problems, []);
  assert.deepEqual(serverSettings(strict.settings), { profile: "strict", rules: {}, includeIgnored: false });
  assert.deepEqual(serverSettings(readSettings(getter({ profile: "" })).settings), { rules: {}, includeIgnored: false });
  const wrong = readSettings(getter({ profile: "paranoid" }));
  assert.equal(wrong.settings.profile, undefined);
  assert.equal(wrong.problems.length, 1);
  assert.match(wrong.problems[0] ?? "", /profile/);
});

test("a whole-number API version gets its .0, as a number or a string", () => {
  assert.equal(readSettings(getter({ apiVersion: "64" })).settings.apiVersion, "64.0");
  assert.equal(readSettings(getter({ apiVersion: 63 })).settings.apiVersion, "63.0");
  assert.equal(readSettings(getter({ apiVersion: " 62.0 " })).settings.apiVersion, "62.0");
});

test("a malformed API version is dropped with a problem", () => {
  const read = readSettings(getter({ apiVersion: "latest" }));
  assert.equal(read.settings.apiVersion, undefined);
  assert.equal(read.problems.length, 1);
  assert.match(read.problems[0] ?? "", /latest/);
  assert.deepEqual(serverSettings(read.settings), { rules: {}, includeIgnored: false });
});

test("rule severities are trimmed and lower-cased; codes are left for the server to judge", () => {
  const read = readSettings(getter({ rules: { " ECA-JWT-001 ": " Error ", "ECA-NOT-A-CODE": "warning" } }));
  assert.deepEqual(read.problems, []);
  assert.deepEqual(read.settings.rules, { "ECA-JWT-001": "error", "ECA-NOT-A-CODE": "warning" });
});

test("non-string severities and non-object rules are dropped with a problem each", () => {
  const read = readSettings(getter({ rules: { "ECA-JWT-001": 2, "element-order": "hint" } }));
  assert.deepEqual(read.settings.rules, { "element-order": "hint" });
  assert.equal(read.problems.length, 1);
  assert.match(read.problems[0] ?? "", /ECA-JWT-001/);
  const list = readSettings(getter({ rules: ["ECA-JWT-001"] }));
  assert.deepEqual(list.settings.rules, {});
  assert.equal(list.problems.length, 1);
});

test("includeIgnored reaches the server; anything but a boolean is dropped with a problem", () => {
  const read = readSettings(getter({ includeIgnored: true }));
  assert.deepEqual(read.problems, []);
  assert.deepEqual(serverSettings(read.settings), { rules: {}, includeIgnored: true });
  const wrong = readSettings(getter({ includeIgnored: "yes" }));
  assert.equal(wrong.settings.includeIgnored, false);
  assert.equal(wrong.problems.length, 1);
});

test("trace levels", () => {
  assert.equal(readSettings(getter({ "trace.server": "verbose" })).settings.trace, "verbose");
  assert.equal(readSettings(getter({ "trace.server": "messages" })).settings.trace, "messages");
  const wrong = readSettings(getter({ "trace.server": "loud" }));
  assert.equal(wrong.settings.trace, "off");
  assert.equal(wrong.problems.length, 1);
});

test("a configuration change is sent nested under ecaLs, as VS Code nests a section", () => {
  const read = readSettings(getter({ apiVersion: "66.0", rules: { "ECA-JWT-001": "error" } }));
  assert.deepEqual(didChangeConfigurationPayload(read.settings), {
    settings: { ecaLs: { apiVersion: "66.0", rules: { "ECA-JWT-001": "error" }, includeIgnored: false } },
  });
});

test("the server is sent a copy: changing it does not change the settings", () => {
  const read = readSettings(getter({ rules: { "ECA-JWT-001": "error" } }));
  const sent = serverSettings(read.settings);
  sent.rules["element-order"] = "off";
  assert.deepEqual(read.settings.rules, { "ECA-JWT-001": "error" });
});

test("only a changed binary path needs a restart", () => {
  const base = readSettings(getter({ "server.path": "/opt/eca-ls", apiVersion: "65.0" })).settings;
  assert.ok(!needsRestart(base, readSettings(getter({ "server.path": "/opt/eca-ls", apiVersion: "66.0", rules: { x: "off" } })).settings));
  assert.ok(needsRestart(base, readSettings(getter({ "server.path": "/usr/bin/eca-ls" })).settings));
  assert.ok(needsRestart(base, readSettings(getter({})).settings));
});

test("the format style reaches the server as format.style, and blank leaves the project's own", () => {
  const set = readSettings(getter({ "format.style": "Prettier" }));
  assert.deepEqual(set.problems, []);
  assert.deepEqual(serverSettings(set.settings), { rules: {}, includeIgnored: false, format: { style: "prettier" } });
  assert.deepEqual(serverSettings(readSettings(getter({ "format.style": "" })).settings), { rules: {}, includeIgnored: false });
  const wrong = readSettings(getter({ "format.style": "pretty" }));
  assert.deepEqual(wrong.problems, ['ecaLs.format.style must be "auto", "salesforce" or "prettier"; ignoring it']);
  assert.deepEqual(serverSettings(wrong.settings), { rules: {}, includeIgnored: false });
});
