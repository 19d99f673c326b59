// Unit tests of which files the extension claims: patterns, predicate, and agreement with the
// server's schema data and with package.json.

import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { minimatch } from "minimatch";

import {
  activationEvents,
  documentSelector,
  ECA_SUFFIXES,
  ecaGlobPatterns,
  isEcaPath,
  SETTINGS_NAMES,
  xmlLanguageExtensions,
  xmlLanguageFilenames,
} from "../src/files";

const EXTENSION_ROOT = path.resolve(__dirname, "..", "..");
const REPOSITORY_ROOT = path.resolve(EXTENSION_ROOT, "..", "..");

const ECA_PATHS = [
  "/p/force-app/main/default/externalClientApps/Portal.eca-meta.xml",
  "/p/force-app/main/default/extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml",
  "/p/force-app/main/default/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml",
  "/p/force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml",
  "/p/force-app/main/default/extlClntAppPolicies/Portal_plcy.ecaPlcy-meta.xml",
  "/p/force-app/main/default/extlClntAppSamlPolicies/Portal_saml.ecaSamlPlcy-meta.xml",
  "/p/src/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy",
  "/p/src/externalClientApps/Portal.eca",
  "/p/force-app/main/default/settings/OauthOidc.settings-meta.xml",
  "/p/force-app/main/default/settings/ExternalClientApp.settings-meta.xml",
  "/p/src/settings/OauthOidc.settings",
  "/p/src/settings/ExternalClientApp.settings",
  "/p/force-app/main/default/connectedApps/Portal.connectedApp-meta.xml",
  "/p/src/connectedApps/Portal.connectedApp",
];

const OTHER_PATHS = [
  "/p/pom.xml",
  "/p/force-app/main/default/classes/Portal.cls-meta.xml",
  "/p/force-app/main/default/settings/Security.settings-meta.xml",
  "/p/force-app/main/default/OauthOidc.settings-meta.xml",
  "/p/force-app/main/default/externalClientApps/Portal.ecaOauthPlcyX-meta.xml",
  "/p/force-app/main/default/externalClientApps/Portal.eca-meta.xml.bak",
  "/p/force-app/main/default/connectedApps/Portal.connectedAppX-meta.xml",
];

test("every ECA path matches exactly one pattern, other paths none", () => {
  const patterns = ecaGlobPatterns();
  for (const file of ECA_PATHS) {
    const matching = patterns.filter((pattern) => minimatch(file, pattern, { dot: true }));
    assert.equal(matching.length, 1, `${file} matches ${JSON.stringify(matching)}`);
    assert.ok(isEcaPath(file), `isEcaPath(${file})`);
  }
  for (const file of OTHER_PATHS) {
    const matching = patterns.filter((pattern) => minimatch(file, pattern, { dot: true }));
    assert.deepEqual(matching, [], `${file} should match nothing`);
    assert.ok(!isEcaPath(file), `!isEcaPath(${file})`);
  }
});

test("isEcaPath accepts Windows separators", () => {
  assert.ok(isEcaPath("C:\\p\\force-app\\main\\default\\settings\\OauthOidc.settings-meta.xml"));
  assert.ok(isEcaPath("C:\\p\\x\\Portal_oauthPlcy.ecaOauthPlcy-meta.xml"));
  assert.ok(!isEcaPath("C:\\p\\x\\OauthOidc.settings-meta.xml"));
});

test("the document selector is one XML file filter per pattern, with no pattern twice", () => {
  const selector = documentSelector();
  assert.equal(selector.length, ecaGlobPatterns().length);
  assert.equal(new Set(selector.map((filter) => filter.pattern)).size, selector.length);
  for (const filter of selector) {
    assert.equal(filter.language, "xml");
    assert.equal(filter.scheme, "file");
  }
});

test("the suffixes and settings names are those of the server's schema data", () => {
  const typesFolder = path.join(REPOSITORY_ROOT, "server", "schema", "data", "types");
  const suffixes = new Set<string>();
  const settingsNames = new Set<string>();
  for (const file of fs.readdirSync(typesFolder).filter((name) => name.endsWith(".json"))) {
    const type = JSON.parse(fs.readFileSync(path.join(typesFolder, file), "utf8")) as { suffix?: string; settingsName?: string };
    if (typeof type.suffix === "string") {
      suffixes.add(type.suffix);
    }
    if (typeof type.settingsName === "string") {
      settingsNames.add(type.settingsName);
    }
  }
  assert.ok(suffixes.size > 0, `no suffix found under ${typesFolder}`);
  assert.deepEqual([...ECA_SUFFIXES].sort(), [...suffixes].sort());
  assert.deepEqual([...SETTINGS_NAMES].sort(), [...settingsNames].sort());
});

test("package.json activates on, and adds to the xml language, exactly these files", () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(EXTENSION_ROOT, "package.json"), "utf8"));
  assert.deepEqual(manifest.activationEvents, activationEvents());
  const languages = manifest.contributes.languages as { id: string; extensions?: string[]; filenames?: string[] }[];
  assert.equal(languages.length, 1);
  assert.equal(languages[0]?.id, "xml", "ECA files must stay XML documents so that XML colouring keeps working");
  assert.deepEqual(languages[0]?.extensions, xmlLanguageExtensions());
  assert.deepEqual(languages[0]?.filenames, xmlLanguageFilenames());
});

test("package.json contributes the four commands and the seven settings", () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(EXTENSION_ROOT, "package.json"), "utf8"));
  const commands = (manifest.contributes.commands as { command: string }[]).map((entry) => entry.command).sort();
  assert.deepEqual(commands, ["ecaLs.newApp", "ecaLs.restartServer", "ecaLs.showFlows", "ecaLs.showOutput"]);
  const settings = Object.keys(manifest.contributes.configuration.properties).sort();
  assert.deepEqual(settings, ["ecaLs.apiVersion", "ecaLs.format.style", "ecaLs.includeIgnored", "ecaLs.profile", "ecaLs.rules", "ecaLs.server.path", "ecaLs.trace.server"]);
  assert.equal(manifest.dependencies, undefined, "everything is bundled by esbuild: no runtime dependencies in the .vsix");
});
