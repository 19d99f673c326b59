// End-to-end test of the VS Code extension: the packaged .vsix installed into code-server (a real
// VS Code in the browser), driven by Debian's Chromium through playwright-core, asserting what a
// person sees: completion in the suggest widget, hover documentation, the seeded cross-file
// conflict in the Problems panel, the flow readiness preview, the new-app dialogue, Fix All and
// Configure this app for …, format on save, rename (F2) of an app with its files, and one clear
// message for a missing binary. Started by scripts/test-vscode.sh, which provides code-server and these
// variables; every step leaves a screenshot in SCREENSHOT_DIR.

import assert from "node:assert/strict";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { after, before, test } from "node:test";

const environment = (name) => {
  const value = process.env[name];
  if (value === undefined || value === "") {
    throw new Error(`${name} is not set: run this test through scripts/test-vscode.sh`);
  }
  return value;
};

const CODE_SERVER_URL = environment("CODE_SERVER_URL");
const PROJECT_DIR = environment("PROJECT_DIR");
const SCREENSHOT_DIR = environment("SCREENSHOT_DIR");
const HARNESS_DIR = environment("HARNESS_DIR");
const CHROMIUM = environment("CHROMIUM");
const SCHEMA_DIR = environment("SCHEMA_DIR");

const { chromium } = createRequire(path.join(HARNESS_DIR, "package.json"))("playwright-core");

const POLICIES_FILE = "Guest_Portal_oauthPlcy.ecaOauthPlcy-meta.xml";
const POLICIES_TYPE = "ExtlClntAppOauthConfigurablePolicies";
/// Rename_Me_plcy.ecaPlcy-meta.xml of the fixture project as eca-ls formats it.
const FORMATTED_POLICIES = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<ExtlClntAppConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">',
  "    <!-- the app these policies belong to -->",
  "    <externalClientApplication>Rename_Me</externalClientApplication>",
  "    <isEnabled>true</isEnabled>",
  "    <label>Rename Me policies</label>",
  "</ExtlClntAppConfigurablePolicies>",
  "",
].join("\n");
/// Generous: the first server start indexes the project, and CI runs on 2 cores.
const SERVER_TIMEOUT = 90_000;
const UI_TIMEOUT = 30_000;

let context;
let page;

before(async () => {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // A fresh profile for every run, as a person's first start would be.
  const profile = fs.mkdtempSync(path.join(path.dirname(PROJECT_DIR), "chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1440, height: 900 },
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  page = context.pages()[0] ?? (await context.newPage());
  await page.goto(CODE_SERVER_URL, { timeout: SERVER_TIMEOUT });
  await page.locator(".monaco-workbench").waitFor({ timeout: SERVER_TIMEOUT });
  // The explorer shows the project once the workbench has connected to the server.
  await page.locator(".explorer-folders-view").waitFor({ timeout: SERVER_TIMEOUT });
});

after(async () => {
  await context?.close();
});

test("opens a policies file as XML with the extension active", async () => {
  await step("01-opened", async () => {
    await openFile(POLICIES_FILE);
    const status = page.locator(".statusbar");
    await status.getByText("XML", { exact: true }).waitFor({ timeout: UI_TIMEOUT });
    // XML colouring: the tag names are tokens of their own.
    await editorToken("permittedUsersPolicyType").waitFor({ timeout: UI_TIMEOUT });
  });
});

test("the seeded cross-file conflict ECA-JWT-001 is in the Problems panel", async () => {
  await step("02-problems", async () => {
    await openFile(POLICIES_FILE);
    await showProblems();
    const panel = page.locator(".markers-panel");
    const conflict = panel.locator(".monaco-list-row").filter({ hasText: "ECA-JWT-001" });
    await conflict.first().waitFor({ timeout: SERVER_TIMEOUT });
    const text = await conflict.first().innerText();
    assert.match(text, /isNamedUserJwtEnabled/, `the problem should name the global setting: ${text}`);
  });
});

test("completion in a policies file offers guestJwtSessionTimeoutType, once", async () => {
  try {
    await step("03-completion", async () => {
      await openFile(POLICIES_FILE);
      await goToLine(lineOf(POLICIES_FILE, "<externalClientApplication>"));
      await page.keyboard.press("End");
      await page.keyboard.press("Enter");
      await page.keyboard.type("<guestJwtS", { delay: 60 });
      const widget = page.locator(".editor-widget.suggest-widget.visible");
      const rows = widget.locator(".monaco-list-row").filter({ has: page.locator(".label-name", { hasText: /^guestJwtSessionTimeoutType$/ }) });
      // An answer that came before the server had the project shows "No suggestions": ask again.
      await retry(6, async () => {
        if (!(await widget.isVisible())) {
          await page.keyboard.press("Control+Space");
        }
        try {
          await rows.first().waitFor({ timeout: SERVER_TIMEOUT / 6 });
        } catch (error) {
          await page.keyboard.press("Escape");
          throw error;
        }
      });
      assert.equal(await rows.count(), 1, "guestJwtSessionTimeoutType must be offered exactly once");
      // Show the item's documentation beside the list, as a person reading it would.
      const details = page.locator(".suggest-details-container .suggest-details");
      if (!(await details.isVisible())) {
        await page.keyboard.press("Control+Space");
      }
      await details.filter({ hasText: "guestJwtTimeout" }).first().waitFor({ timeout: UI_TIMEOUT });
    });
    await step("04-completion-accepted", async () => {
      await page.keyboard.press("Enter");
      const line = page.locator(".view-line").filter({ hasText: "<guestJwtSessionTimeoutType>" });
      await line.first().waitFor({ timeout: UI_TIMEOUT });
    });
  } finally {
    await revertFile();
  }
});

test("hovering a field shows its documentation", async () => {
  const expected = documentationStart(POLICIES_TYPE, "permittedUsersPolicyType");
  await step("05-hover", async () => {
    await openFile(POLICIES_FILE);
    await page.mouse.move(5, 5);
    const token = editorToken("permittedUsersPolicyType");
    await token.waitFor({ timeout: UI_TIMEOUT });
    const hover = page.locator(".monaco-hover").filter({ hasText: expected });
    // The first hover may come before the server has the project; moving again asks again.
    await retry(6, async () => {
      await token.hover();
      try {
        await hover.first().waitFor({ state: "visible", timeout: SERVER_TIMEOUT / 6 });
      } catch (error) {
        await page.mouse.move(5, 5);
        throw error;
      }
    });
    const text = await hover.first().innerText();
    assert.match(text, /permittedUsersPolicyType/, `the hover should name the field: ${text}`);
  });
  await page.mouse.move(5, 5);
});

test("beside another XML extension offering the same element, eca-ls's item still appears once", async () => {
  // The stand-in for Red Hat XML (tests/vscode/xml-stand-in) offers the element too once this
  // setting names it, as Red Hat XML would with an XML Schema bound to the file.
  const settingsFile = path.join(PROJECT_DIR, ".vscode", "settings.json");
  fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
  fs.writeFileSync(settingsFile, JSON.stringify({ "xmlStandIn.elements": ["guestJwtSessionTimeoutType"] }, null, 2));
  try {
    await step("05b-completion-beside-xml-extension", async () => {
      await openFile(POLICIES_FILE);
      await goToLine(lineOf(POLICIES_FILE, "<externalClientApplication>"));
      await page.keyboard.press("End");
      await page.keyboard.press("Enter");
      await page.keyboard.type("<guestJwtS", { delay: 60 });
      const widget = page.locator(".editor-widget.suggest-widget.visible");
      const rows = widget.locator(".monaco-list-row").filter({ has: page.locator(".label-name", { hasText: /^guestJwtSessionTimeoutType$/ }) });
      const standIn = rows.filter({ hasText: "XML stand-in" });
      await retry(6, async () => {
        if (!(await widget.isVisible())) {
          await page.keyboard.press("Control+Space");
        }
        try {
          await standIn.first().waitFor({ timeout: SERVER_TIMEOUT / 6 });
          await waitFor(SERVER_TIMEOUT / 6, async () => (await rows.count()) >= 2, "eca-ls's item did not appear beside the stand-in's");
        } catch (error) {
          await page.keyboard.press("Escape");
          throw error;
        }
      });
      assert.equal(await standIn.count(), 1, "the stand-in offers the element once");
      assert.equal(await rows.count(), 2, "one item from the stand-in and exactly one from eca-ls");
    });
  } finally {
    fs.rmSync(settingsFile, { force: true });
    await revertFile();
  }
});

test("the flow readiness command shows the app's flows", async () => {
  await step("06-flows", async () => {
    await openFile(POLICIES_FILE);
    await runCommand("eca-ls: Show Flow Readiness of This App");
    // The preview is a webview: its text is in a frame of its own, not in the workbench (whose
    // tab title also says "Flow readiness").
    const error = page.locator(".notification-toast").filter({ hasText: /eca-ls/ });
    let preview;
    await waitFor(SERVER_TIMEOUT, async () => {
      if (await error.first().isVisible()) {
        assert.fail(`the command showed an error: ${await error.first().innerText()}`);
      }
      preview = await webviewText("Flow readiness of");
      return preview !== undefined;
    }, "no preview with the heading 'Flow readiness of …' appeared");
    assert.match(preview, /Flow readiness of Guest_Portal/, `the preview should name the app: ${preview}`);
    assert.match(preview, /Authorization Code and Credentials Flow/, `the preview should list the flow the app switches on: ${preview}`);
    assert.match(preview, /isNamedUserJwtEnabled/, `the preview should say what the guest flow still needs: ${preview}`);
  });
  await runCommand("View: Close All Editors", "Close All Editors");
});

test("the output command shows the client's log, and restart restarts", async () => {
  await step("07-output", async () => {
    await openFile(POLICIES_FILE);
    await runCommand("eca-ls: Restart Server");
    await runCommand("eca-ls: Show Server Output");
    // Long lines wrap in the output view: compare the text with the wrapping taken out.
    const output = page.locator(".part.panel .view-lines").first();
    await waitFor(SERVER_TIMEOUT, async () => {
      // Monaco renders spaces as no-break spaces.
      const text = (await output.innerText()).replace(/\u00a0/g, " ").replace(/\s*\n\s*/g, "");
      return /\[client\] restarting the server \(the restart command\).*\[client\] starting eca-ls [0-9.]+ from .*\(bundled with the extension\)/.test(text);
    }, "the output should show the restart and the new start");
  });
  await step("08-problems-after-restart", async () => {
    await showProblems();
    const conflict = page.locator(".markers-panel .monaco-list-row").filter({ hasText: "ECA-JWT-001" });
    await conflict.first().waitFor({ timeout: SERVER_TIMEOUT });
  });
});

test("ecaLs.rules reaches the server without a restart: turning ECA-JWT-001 off removes it", async () => {
  const settingsFile = path.join(PROJECT_DIR, ".vscode", "settings.json");
  const conflict = page.locator(".markers-panel .monaco-list-row").filter({ hasText: "ECA-JWT-001" });
  try {
    await step("08b-rule-off", async () => {
      await openFile(POLICIES_FILE);
      await showProblems();
      await conflict.first().waitFor({ timeout: SERVER_TIMEOUT });
      fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
      fs.writeFileSync(settingsFile, JSON.stringify({ "ecaLs.rules": { "ECA-JWT-001": "off" } }, null, 2));
      await conflict.first().waitFor({ state: "detached", timeout: SERVER_TIMEOUT });
    });
  } finally {
    fs.rmSync(settingsFile, { force: true });
  }
  await step("08c-rule-back", async () => {
    await conflict.first().waitFor({ timeout: SERVER_TIMEOUT });
  });
});

test("New External Client App… asks for the flows, the name and each value, then opens the header", async () => {
  const base = path.join(PROJECT_DIR, "force-app", "main", "default");
  const created = [
    path.join(base, "externalClientApps", "Device_App.eca-meta.xml"),
    path.join(base, "extlClntAppGlobalOauthSets", "Device_App_glbloauth.ecaGlblOauth-meta.xml"),
    path.join(base, "extlClntAppOauthSettings", "Device_App_oauth.ecaOauth-meta.xml"),
    path.join(base, "extlClntAppOauthPolicies", "Device_App_oauthPlcy.ecaOauthPlcy-meta.xml"),
    path.join(base, "extlClntAppPolicies", "Device_App_plcy.ecaPlcy-meta.xml"),
  ];
  try {
    await step("13-new-app-flows", async () => {
      await openFile(POLICIES_FILE);
      await runCommand("eca-ls: New External Client App…");
      const input = page.locator(".quick-input-widget input");
      await input.waitFor({ state: "visible", timeout: SERVER_TIMEOUT });
      await input.fill("device-flow");
      const row = page.locator(".quick-input-widget .monaco-list-row").filter({ hasText: "Device flow" }).first();
      await row.waitFor({ timeout: UI_TIMEOUT });
      // The row's checkbox sits at its start, on the label's line.
      const box = await row.boundingBox();
      assert.ok(box, "the flow's row has no place on the screen");
      await page.mouse.click(box.x + 12, box.y + 11);
      await page.locator(".quick-input-widget").filter({ hasText: "1 Selected" }).first().waitFor({ timeout: UI_TIMEOUT });
      // Enter on a focused row would toggle it again: accept with the OK button.
      await page.locator(".quick-input-widget .quick-input-action a, .quick-input-widget .monaco-button").filter({ hasText: /^OK$/ }).first().click();
    });
    await step("14-new-app-name", async () => {
      await answerInputBox(/API name of the app/, "Device_App");
    });
    await step("15-new-app-scopes", async () => {
      await answerInputBox(/OAuth scopes/, "Api");
    });
    await step("16-new-app-header", async () => {
      const tab = page.locator(".tabs-container .tab.active").filter({ hasText: "Device_App.eca-meta.xml" });
      await tab.first().waitFor({ timeout: SERVER_TIMEOUT });
      await waitFor(UI_TIMEOUT, async () => created.every((file) => fs.existsSync(file) && fs.readFileSync(file, "utf8").length > 0), `the new files were not all saved: ${created.filter((file) => !fs.existsSync(file)).join(", ")}`);
      const global = fs.readFileSync(created[1], "utf8");
      assert.match(global, /<isDeviceFlowEnabled>true<\/isDeviceFlowEnabled>/, global);
      assert.match(fs.readFileSync(created[2], "utf8"), /<commaSeparatedOauthScopes>Api<\/commaSeparatedOauthScopes>/);
    });
  } finally {
    await runCommand("View: Close All Editors", "Close All Editors").catch(() => undefined);
    for (const file of created) {
      fs.rmSync(file, { force: true });
    }
  }
});

test("Fix All applies the safe fixes of the file, and only those", async () => {
  const file = path.join(PROJECT_DIR, "force-app", "main", "default", "extlClntAppOauthPolicies", "Fix_App_oauthPlcy.ecaOauthPlcy-meta.xml");
  fs.writeFileSync(
    file,
    [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">',
      "    <label>Fix App</label>",
      "    <externalClientApplication>Guest_Portal</externalClientApplication>",
      "    <ipRelaxationPolicyType>enforce</ipRelaxationPolicyType>",
      "</ExtlClntAppOauthConfigurablePolicies>",
      "",
    ].join("\n"),
  );
  try {
    await step("17-fix-all", async () => {
      await openFile(file);
      // The server has the file once its finding is in the Problems panel.
      await showProblems();
      const slip = page.locator(".markers-panel .monaco-list-row").filter({ hasText: "enforce" });
      await slip.first().waitFor({ timeout: SERVER_TIMEOUT });
      await openFile(file);
      await runCommand("Fix All");
      await editorToken("Enforce").waitFor({ timeout: SERVER_TIMEOUT });
      await page.keyboard.press("Control+S");
      await waitFor(UI_TIMEOUT, async () => fs.readFileSync(file, "utf8").includes("<ipRelaxationPolicyType>Enforce</ipRelaxationPolicyType>"), "the fixed file was not saved");
      const text = fs.readFileSync(file, "utf8");
      // Sorted into canonical order too; nothing else changed.
      assert.ok(text.indexOf("<externalClientApplication>") < text.indexOf("<label>"), text);
    });
  } finally {
    await runCommand("View: Close All Editors", "Close All Editors").catch(() => undefined);
    fs.rmSync(file, { force: true });
  }
});

test("Configure this app for the Device flow edits the app's files in one step", async () => {
  const global = findFile(PROJECT_DIR, "Guest_Portal_glbloauth.ecaGlblOauth-meta.xml");
  const before = fs.readFileSync(global, "utf8");
  try {
    await step("18-configure", async () => {
      await openFile("Guest_Portal.eca-meta.xml");
      await runCommand("Refactor...", "Refactor…");
      const action = page.locator(".action-widget .monaco-list-row, .context-view .monaco-list-row").filter({ hasText: "Configure this app for the Device flow" });
      await action.first().waitFor({ timeout: SERVER_TIMEOUT });
      await action.first().click();
      // The global OAuth settings are edited (opened, unsaved) with the flow's switch on.
      await waitFor(SERVER_TIMEOUT, async () => (await page.locator(".tabs-container .tab").filter({ hasText: "Guest_Portal_glbloauth" }).count()) > 0, "the global OAuth settings were not edited");
      await openFile("Guest_Portal_glbloauth.ecaGlblOauth-meta.xml");
      await page.keyboard.press("Control+S");
      await waitFor(UI_TIMEOUT, async () => fs.readFileSync(global, "utf8").includes("<isDeviceFlowEnabled>true</isDeviceFlowEnabled>"), "the edit did not turn the device flow on");
    });
  } finally {
    await runCommand("View: Close All Editors", "Close All Editors").catch(() => undefined);
    fs.writeFileSync(global, before);
  }
});

test("format on save lays an ECA file out with eca-ls: canonical order, 4 spaces, the comment kept", async () => {
  // Rename_Me_plcy is unformatted in the fixture project (label first, one field indented by 8);
  // format on save is a workspace setting, as a person would write it, and eca-ls is the only
  // formatter of ECA files.
  const file = findFile(PROJECT_DIR, "Rename_Me_plcy.ecaPlcy-meta.xml");
  const settingsFile = path.join(PROJECT_DIR, ".vscode", "settings.json");
  try {
    await step("19-format-on-save", async () => {
      fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
      fs.writeFileSync(settingsFile, JSON.stringify({ "editor.formatOnSave": true }, null, 2));
      await openFile("Rename_Me_plcy.ecaPlcy-meta.xml");
      // A trailing space after a tag makes the editor dirty without touching a value; saving
      // formats once the setting is read and the server is up (until then a save writes the file
      // as it is, and the next round adds another space).
      await retry(6, async () => {
        await goToLine(3);
        await page.keyboard.press("End");
        await page.keyboard.type(" ");
        await page.keyboard.press("Control+S");
        await waitFor(15_000, async () => fs.readFileSync(file, "utf8") === FORMATTED_POLICIES, "the saved file is not the formatted one");
      });
    });
  } finally {
    await runCommand("View: Close All Editors", "Close All Editors").catch(() => undefined);
    fs.rmSync(settingsFile, { force: true });
  }
});

test("rename (F2) on an app name renames it in every file and renames the app's files", async () => {
  const folder = path.dirname(findFile(PROJECT_DIR, "Rename_Me_plcy.ecaPlcy-meta.xml"));
  const headerFolder = path.dirname(findFile(PROJECT_DIR, "Rename_Me.eca-meta.xml"));
  try {
    await step("20-rename", async () => {
      await openFile("Rename_Me_plcy.ecaPlcy-meta.xml");
      const line = lineOf("Rename_Me_plcy.ecaPlcy-meta.xml", "<externalClientApplication>");
      await goToLine(line);
      await page.keyboard.press("End");
      // Into the name: before `</externalClientApplication>` and one more character.
      for (let i = 0; i < "</externalClientApplication>".length + 1; i += 1) {
        await page.keyboard.press("ArrowLeft");
      }
      await retry(3, async () => {
        await page.keyboard.press("F2");
        const box = page.locator(".rename-box input, .rename-box textarea, .rename-input");
        await box.first().waitFor({ state: "visible", timeout: UI_TIMEOUT });
        await box.first().fill("Renamed_App");
      });
      await page.keyboard.press("Enter");
      const renamedPolicies = path.join(folder, "Renamed_App_plcy.ecaPlcy-meta.xml");
      const renamedHeader = path.join(headerFolder, "Renamed_App.eca-meta.xml");
      await waitFor(SERVER_TIMEOUT, async () => fs.existsSync(renamedPolicies) && fs.existsSync(renamedHeader), "the app's files were not renamed");
      assert.ok(!fs.existsSync(path.join(folder, "Rename_Me_plcy.ecaPlcy-meta.xml")), "the old policies file is gone");
      assert.ok(!fs.existsSync(path.join(headerFolder, "Rename_Me.eca-meta.xml")), "the old header is gone");
      await runCommand("File: Save All", "Save All");
      await waitFor(UI_TIMEOUT, async () => fs.readFileSync(renamedPolicies, "utf8").includes("<externalClientApplication>Renamed_App</externalClientApplication>"), "the reference was not renamed");
      // The header's label is what Setup shows, not the API name: it stays.
      assert.match(fs.readFileSync(renamedHeader, "utf8"), /<label>Rename Me<\/label>/);
    });
  } finally {
    await runCommand("View: Close All Editors", "Close All Editors").catch(() => undefined);
  }
});

test("a missing binary shows one clear error, not a restart loop", async () => {
  // A workspace setting, as a person would write it into .vscode/settings.json.
  const settingsFile = path.join(PROJECT_DIR, ".vscode", "settings.json");
  const missing = path.join(PROJECT_DIR, "no-such-folder", "eca-ls");
  try {
    await step("09-missing-binary", async () => {
      await openFile(POLICIES_FILE);
      fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
      fs.writeFileSync(settingsFile, JSON.stringify({ "ecaLs.server.path": missing }, null, 2));
      const toast = page.locator(".notification-toast").filter({ hasText: "does not exist" });
      await toast.first().waitFor({ timeout: SERVER_TIMEOUT });
      const text = await toast.first().innerText();
      assert.match(text, /ecaLs\.server\.path/, `the message should name the setting: ${text}`);
      assert.ok(text.includes(missing), `the message should name the path: ${text}`);
      // Opening another ECA file makes the extension try again: it must not say it again.
      await openProbeAndWaitForAttempt(/does not exist/);
      assert.equal(await toast.count(), 1, "the missing binary must be reported once");
    });
  } finally {
    fs.rmSync(settingsFile, { force: true });
  }
});

test("a binary that does not run shows one clear error, not a restart loop", async () => {
  const settingsFile = path.join(PROJECT_DIR, ".vscode", "settings.json");
  // A file that exists and is executable but is no program (a truncated download, another
  // platform's build): found, then refused by the version probe.
  const broken = path.join(PROJECT_DIR, "broken-eca-ls");
  try {
    await step("10-broken-binary", async () => {
      await openFile(POLICIES_FILE);
      fs.writeFileSync(broken, "not a program\n", { mode: 0o755 });
      fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
      fs.writeFileSync(settingsFile, JSON.stringify({ "ecaLs.server.path": broken }, null, 2));
      const toast = page.locator(".notification-toast").filter({ hasText: "does not run" });
      await toast.first().waitFor({ timeout: SERVER_TIMEOUT });
      const text = await toast.first().innerText();
      assert.ok(text.includes(broken), `the message should name the binary: ${text}`);
      assert.match(text, /ecaLs\.server\.path/, `the message should say what to do: ${text}`);
      await openProbeAndWaitForAttempt(/does not run/);
      assert.equal(await toast.count(), 1, "the broken binary must be reported once");
    });
  } finally {
    fs.rmSync(settingsFile, { force: true });
    fs.rmSync(broken, { force: true });
  }
});

// --- helpers -------------------------------------------------------------------------------------

/// Show the Problems panel: a command that shows it whatever state the panel is in (the
/// Ctrl+Shift+M key toggles it, so it hid the panel another test had left open), and wait until
/// it is there.
async function showProblems() {
  await runCommand("View: Focus Problems (Errors, Warnings, Infos)", "Problems: Focus on Problems View");
  await page.locator(".markers-panel").waitFor({ state: "visible", timeout: UI_TIMEOUT });
}

/// Open a new ECA file nobody has opened before (so the extension sees it opened and tries to
/// start the server again), and wait until its log shows that attempt ending in `failure`: the
/// state after which a second message would already be on screen.
async function openProbeAndWaitForAttempt(failure) {
  const name = `Probe_${process.pid}_${Date.now()}_oauth.ecaOauth-meta.xml`;
  const probe = path.join(PROJECT_DIR, name);
  fs.writeFileSync(probe, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExtlClntAppOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\"/>\n");
  try {
    await openFile(probe);
    await runCommand("eca-ls: Show Server Output");
    const output = page.locator(".part.panel .view-lines").first();
    await waitFor(SERVER_TIMEOUT, async () => {
      const text = (await output.innerText()).replace(/\u00a0/g, " ").replace(/\s*\n\s*/g, "");
      const opened = text.lastIndexOf(`${name} opened`);
      return opened >= 0 && failure.test(text.slice(opened));
    }, `the output should show the start attempt for ${name} and its failure`);
  } finally {
    await runCommand("View: Close All Editors", "Close All Editors");
    fs.rmSync(probe, { force: true });
  }
}

/// Run `body` until it succeeds, at most `attempts` times; the last failure is thrown.
async function retry(attempts, body) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await body();
    } catch (error) {
      if (attempt >= attempts) {
        throw error;
      }
    }
  }
}

/// Poll `check` until it returns true; fail with `message` after `timeout` milliseconds.
async function waitFor(timeout, check, message) {
  const deadline = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > deadline) {
      assert.fail(message);
    }
    await page.waitForTimeout(250);
  }
}

/// Run `body`, then save a screenshot named `name` (also when it fails, as `name-FAILED`).
async function step(name, body) {
  try {
    await body();
  } catch (error) {
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-FAILED.png`) }).catch(() => undefined);
    throw error;
  }
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
}

/// Open a file of the project by its absolute path through Quick Open, which shows a path that
/// exists on disk from the file system itself, without its search index (which may not list a
/// file created a moment ago); `fileName` is such a path or the name of a file in the project.
async function openFile(fileName) {
  const file = path.isAbsolute(fileName) ? fileName : findFile(PROJECT_DIR, fileName);
  assert.ok(file && fs.existsSync(file), `${fileName} is not in the project`);
  const name = path.basename(file);
  const tab = page.locator(".tabs-container .tab.active").filter({ hasText: name });
  if (await tab.count()) {
    await page.locator(".editor-group-container.active .monaco-editor").first().click({ position: { x: 400, y: 10 } }).catch(() => undefined);
    return;
  }
  await page.keyboard.press("Control+P");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor({ state: "visible", timeout: UI_TIMEOUT });
  await input.fill(file);
  const row = page.locator(".quick-input-widget .monaco-list-row").filter({ hasText: name }).first();
  await row.waitFor({ timeout: UI_TIMEOUT });
  await row.click();
  await tab.first().waitFor({ timeout: UI_TIMEOUT });
  await page.locator(".editor-group-container.active .monaco-editor .view-lines").first().waitFor({ timeout: UI_TIMEOUT });
}

/// Run a command from the palette by its title; `alternative` for titles that differ between
/// VS Code versions.
async function runCommand(title, alternative) {
  await page.keyboard.press("F1");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor({ state: "visible", timeout: UI_TIMEOUT });
  const rows = page.locator(".quick-input-widget .monaco-list-row");
  const none = rows.filter({ hasText: "No matching commands" });
  for (const candidate of [title, alternative].filter(Boolean)) {
    await input.fill(`>${candidate}`);
    const row = rows.filter({ hasText: candidate });
    // The palette answers every query with the commands that match it or with a row saying
    // there are none: wait for either, not for some time.
    await row.or(none).first().waitFor({ timeout: UI_TIMEOUT });
    if (await row.count()) {
      await row.first().click();
      return;
    }
  }
  await page.keyboard.press("Escape");
  throw new Error(`no command "${[title, alternative].filter(Boolean).join('" or "')}" in the command palette`);
}

/// Answer the input box whose prompt matches `prompt` with `answer`.
async function answerInputBox(prompt, answer) {
  const widget = page.locator(".quick-input-widget").filter({ hasText: prompt });
  await widget.first().waitFor({ state: "visible", timeout: SERVER_TIMEOUT });
  const input = widget.first().locator("input");
  await input.fill(answer);
  await page.keyboard.press("Enter");
  await widget.first().waitFor({ state: "hidden", timeout: UI_TIMEOUT }).catch(() => undefined);
}

async function goToLine(line) {
  await page.keyboard.press("Control+G");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor({ state: "visible", timeout: UI_TIMEOUT });
  await input.fill(`:${line}`);
  await page.keyboard.press("Enter");
  await input.waitFor({ state: "hidden", timeout: UI_TIMEOUT });
}

async function revertFile() {
  await page.keyboard.press("Escape");
  await runCommand("File: Revert File");
}

/// A token of the active editor with exactly this text (the XML grammar makes a tag name one).
function editorToken(text) {
  return page
    .locator(".editor-group-container.active .monaco-editor .view-lines span span")
    .filter({ hasText: new RegExp(`^${escapeRegExp(text)}$`) })
    .first();
}

/// 1-based line of the first line of a fixture file containing `needle`.
function lineOf(fileName, needle) {
  const file = findFile(PROJECT_DIR, fileName);
  const lines = fs.readFileSync(file, "utf8").split("\n");
  const index = lines.findIndex((line) => line.includes(needle));
  assert.ok(index >= 0, `${needle} is not in ${file}`);
  return index + 1;
}

function findFile(folder, fileName) {
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      const found = findFile(full, fileName);
      if (found) {
        return found;
      }
    } else if (entry.name === fileName) {
      return full;
    }
  }
  return undefined;
}

/// The opening words of a field's description in the schema data (up to the first punctuation
/// that Markdown may render differently), so the hover is checked against the real docs.
function documentationStart(typeName, fieldName) {
  const type = JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, "types", `${typeName}.json`), "utf8"));
  const field = type.fields.find((candidate) => candidate.name === fieldName);
  assert.ok(field?.description, `${typeName}.${fieldName} has no description in the schema data`);
  const words = field.description.split(/[`*_:(,;.]/)[0].trim();
  assert.ok(words.length >= 10, `description of ${fieldName} starts too shortly: ${field.description}`);
  return words;
}

/// The text of the first webview frame (webviews are nested iframes, never the main frame) that
/// contains `needle`.
async function webviewText(needle) {
  for (const frame of page.frames()) {
    if (frame === page.mainFrame()) {
      continue;
    }
    try {
      const text = await frame.locator("body").innerText({ timeout: 1000 });
      if (text.includes(needle)) {
        return text;
      }
    } catch {
      // A frame that went away or has no body yet.
    }
  }
  return undefined;
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
