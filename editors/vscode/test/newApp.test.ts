// Unit tests of the "New External Client App…" dialogue's pure part.

import * as assert from "node:assert/strict";
import { test } from "node:test";

import { flowItems, newAppArguments, parseAnswer, withInput, type NewAppRequest } from "../src/newApp";

test("flows become quick-pick items with their id and first sentence", () => {
  const items = flowItems([
    { id: "code-credentials", name: "Authorization Code and Credentials Flow", summary: "The foundation. More text." },
    { id: "web-server" },
    "not a flow",
    { name: "no id" },
  ]);
  assert.deepEqual(items, [
    {
      id: "code-credentials",
      label: "Authorization Code and Credentials Flow",
      description: "code-credentials",
      detail: "The foundation.",
    },
    { id: "web-server", label: "web-server", description: "web-server", detail: "" },
  ]);
  assert.deepEqual(flowItems(null), []);
});

test("answers accumulate: lists split at commas, text trimmed", () => {
  let request: NewAppRequest = { folder: "file:///p", name: "Portal", flows: ["web-server"], inputs: {} };
  request = withInput(request, "scopes", "list", " Api, OpenID ,, ");
  request = withInput(request, "runAs", "text", " integration@example.com ");
  assert.deepEqual(newAppArguments(request), [
    { folder: "file:///p", name: "Portal", flows: ["web-server"], scopes: ["Api", "OpenID"], runAs: "integration@example.com" },
  ]);
});

test("the server's answers are read defensively", () => {
  assert.deepEqual(parseAnswer({ status: "created", header: "file:///p/a.eca-meta.xml", files: ["x", 1], message: "done" }), {
    status: "created",
    header: "file:///p/a.eca-meta.xml",
    files: ["x"],
    message: "done",
  });
  assert.deepEqual(parseAnswer({ status: "needsInput", input: "callbackUrls", kind: "list", prompt: "Callback URLs", message: "m" }), {
    status: "needsInput",
    input: "callbackUrls",
    kind: "list",
    prompt: "Callback URLs",
    message: "m",
  });
  assert.equal(parseAnswer({ status: "needsInput", kind: "list" }).status, "error");
  assert.deepEqual(parseAnswer({ status: "invalidName", message: "bad" }), { status: "invalidName", message: "bad" });
  assert.equal(parseAnswer(42).status, "error");
  assert.equal(parseAnswer({ status: "weird" }).status, "error");
});
