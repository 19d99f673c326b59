// Unit tests of the flow readiness rendering.

import * as assert from "node:assert/strict";
import { test } from "node:test";

import { flowsParams, renderFlows, stateLabel } from "../src/flows";

const APP_FLOWS = {
  app: "Portal",
  flows: [
    { flowId: "code-credentials", name: "Authorization Code and Credentials Flow", state: "Ready", needs: [] },
    {
      flowId: "guest",
      name: "Guest user variation",
      state: "Incomplete",
      needs: [
        {
          typeName: "ExtlClntAppGlobalOauthSettings",
          field: "isNamedUserJwtEnabled",
          value: "true",
          uri: "file:///p/force-app/main/default/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml",
          range: { start: { line: 9, character: 4 }, end: { line: 9, character: 30 } },
          why: "guest users need JWT-based access tokens",
          required: true,
        },
        { type_name: "OauthOidcSettings", field: "oAuthCdCrdtFlowEnable", path: "settings/OauthOidc.settings-meta.xml", why: "org switch", required: false },
      ],
    },
  ],
};

test("the request names the document", () => {
  assert.deepEqual(flowsParams("file:///p/a.eca-meta.xml"), { textDocument: { uri: "file:///p/a.eca-meta.xml" } });
});

test("an app renders a summary table and each flow's needs with their place", () => {
  const markdown = renderFlows(APP_FLOWS, "Portal_oauthPlcy.ecaOauthPlcy-meta.xml");
  assert.equal(
    markdown,
    [
      "# Flow readiness of `Portal`",
      "",
      "| Flow | State |",
      "|---|---|",
      "| Authorization Code and Credentials Flow | ✔ ready |",
      "| Guest user variation | ⚠ incomplete |",
      "",
      "## Guest user variation — ⚠ incomplete",
      "",
      "- **`ExtlClntAppGlobalOauthSettings.isNamedUserJwtEnabled`** = `true` (required) — guest users need JWT-based access tokens ([Portal_glbloauth.ecaGlblOauth-meta.xml:10](file:///p/force-app/main/default/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml#L10))",
      "- **`OauthOidcSettings.oAuthCdCrdtFlowEnable`** (recommended) — org switch (`OauthOidc.settings-meta.xml`)",
      "",
    ].join("\n"),
  );
});

test("an app whose flows all have what they need says so once", () => {
  const ready = { app: "Portal", flows: [{ flowId: "web-server", name: "Web server flow", state: "ready", needs: [] }] };
  const markdown = renderFlows(ready, "x.eca-meta.xml");
  assert.match(markdown, /\| Web server flow \| ✔ ready \|/);
  assert.match(markdown, /Every flow has what it needs\./);
  assert.doesNotMatch(markdown, /^## /m);
});

test("a list of apps and an { apps } object render every app", () => {
  const second = { app: "Other", flows: [] };
  for (const result of [[APP_FLOWS, second], { apps: [APP_FLOWS, second] }]) {
    const markdown = renderFlows(result, "x.eca-meta.xml");
    assert.match(markdown, /# Flow readiness of `Portal`/);
    assert.match(markdown, /# Flow readiness of `Other`\n\nNo OAuth flow is configured for this app\./);
  }
});

test("no app says so, naming the file", () => {
  assert.match(renderFlows(null, "Stray.ecaOauth-meta.xml"), /`Stray\.ecaOauth-meta\.xml` belongs to no External Client App/);
  assert.match(renderFlows([], "Stray.ecaOauth-meta.xml"), /belongs to no External Client App/);
});

test("server-rendered Markdown is shown as it is; unknown shapes as JSON", () => {
  assert.equal(renderFlows({ markdown: "# Ready" }, "x"), "# Ready");
  assert.equal(renderFlows("# Ready", "x"), "# Ready");
  assert.match(renderFlows({ surprise: 1 }, "x"), /```json\n\{\n  "surprise": 1\n\}\n```/);
});

test("state labels", () => {
  assert.equal(stateLabel("Ready"), "✔ ready");
  assert.equal(stateLabel("incomplete"), "⚠ incomplete");
  assert.match(stateLabel("Unknown"), /unknown/);
  assert.equal(stateLabel("Partial"), "Partial");
  assert.equal(stateLabel(undefined), "?");
});
