// Unit tests of the language status item's text.

import * as assert from "node:assert/strict";
import { test } from "node:test";

import { statusView } from "../src/status";

test("a known file shows its type, API version with its source, and app", () => {
  const view = statusView(
    {
      uri: "file:///p/x.ecaOauthPlcy-meta.xml",
      typeName: "ExtlClntAppOauthConfigurablePolicies",
      detection: "source-format file suffix `.ecaOauthPlcy-meta.xml`",
      apiVersion: "66.0",
      apiVersionSource: "sourceApiVersion in sfdx-project.json",
      projectRoot: "/p",
      app: "Guest_Portal",
      appFiles: [],
    },
    "eca-ls 0.1.0",
  );
  assert.deepEqual(view, {
    text: "eca-ls: ExtlClntAppOauthConfigurablePolicies",
    detail: "API 66.0 (sourceApiVersion in sfdx-project.json) · app Guest_Portal · eca-ls 0.1.0",
  });
});

test("a file of no type and without an app says so", () => {
  const view = statusView({ typeName: null, apiVersion: "66.0", apiVersionSource: "the newest eca-ls knows", app: null }, "eca-ls 0.1.0");
  assert.deepEqual(view, { text: "eca-ls: not an ECA type", detail: "API 66.0 (the newest eca-ls knows) · eca-ls 0.1.0" });
});

test("a file the .forceignore leaves out says so, and which line", () => {
  const view = statusView(
    {
      typeName: "ExternalClientApplication",
      apiVersion: "66.0",
      apiVersionSource: "sourceApiVersion in sfdx-project.json",
      app: "Portal",
      ignoredBy: "`.forceignore` line 3: `templates/`",
    },
    "eca-ls 0.1.0",
  );
  assert.deepEqual(view, {
    text: "eca-ls: not checked (.forceignore)",
    detail: "left out by .forceignore line 3: templates/ · API 66.0 (sourceApiVersion in sfdx-project.json) · app Portal · eca-ls 0.1.0",
  });
});

test("no answer shows the plain name", () => {
  assert.deepEqual(statusView(null, "eca-ls 0.1.0"), { text: "eca-ls", detail: "eca-ls 0.1.0" });
  assert.deepEqual(statusView("odd", "eca-ls 0.1.0"), { text: "eca-ls", detail: "eca-ls 0.1.0" });
});
