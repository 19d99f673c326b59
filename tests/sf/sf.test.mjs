// The sf CLI plugin (npm/sf-plugin) in the real Salesforce CLI: linked with `sf plugins link`,
// `sf eca check|flows|explain` run in a project made by `sf project generate`, with sf's
// conventions (the --json envelope, exit statuses, --source-dir), and the pass-through commands
// hand their arguments to eca-ls unchanged. Run by scripts/test-sf.sh.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { before, test } from "node:test";
import { COMMANDS } from "../../npm/sf-plugin/lib/declarations.js";
import { EXAMPLE, breakPolicies, repo, run, scopeRegistry, scratch, tarballs, testedBlock } from "../npm/project.mjs";

const sfBinary = process.env.ECA_LS_SF;
const home = scratch("sf-home");
// A home of its own: the link, sf's config and logs stay out of the user's.
const sfEnv = {
  HOME: home,
  XDG_DATA_HOME: path.join(home, ".local", "share"),
  XDG_CONFIG_HOME: path.join(home, ".config"),
  XDG_CACHE_HOME: path.join(home, ".cache"),
  SF_DISABLE_TELEMETRY: "true",
  SF_AUTOUPDATE_DISABLE: "true",
  SF_HIDE_RELEASE_NOTES: "true",
  SF_SKIP_NEW_VERSION_CHECK: "true",
  SF_USE_PROGRESS_BAR: "false",
  NO_COLOR: "1",
};

function sf(args, cwd) {
  return run(sfBinary, args, { cwd, env: sfEnv });
}

function json(result) {
  try {
    return JSON.parse(result.stdout);
  } catch {
    assert.fail(`not JSON\n${result.output}`);
  }
}

let project;

before(async () => {
  // The plugin as a user links it from a clone, by the commands of docs/install.md: in a copy of
  // npm/sf-plugin laid out as in the repository, next to the tarballs (the scope registry stands
  // in for the public one; scripts/test-sf.sh has packed the tarballs already).
  const clone = scratch("sf-plugin");
  const plugin = path.join(clone, "npm", "sf-plugin");
  fs.cpSync(path.join(repo, "npm", "sf-plugin"), plugin, { recursive: true });
  fs.mkdirSync(path.join(clone, "target"));
  fs.symlinkSync(path.dirname(tarballs().main), path.join(clone, "target", "npm"));
  fs.writeFileSync(path.join(plugin, ".npmrc"), `@eca-ls:registry=${await scopeRegistry()}\n`);
  const lines = testedBlock("install.md", "sf-plugin-from-clone")
    .body.split("\n")
    .map((line) => line.replace(/\s+#.*$/, "").trim())
    .filter((line) => line !== "");
  assert.equal(lines[0], "scripts/package-npm.sh", lines.join("\n"));
  const linked = run("bash", ["-euo", "pipefail", "-c", lines.slice(1).join("\n")], {
    cwd: clone,
    env: { ...sfEnv, PATH: `${path.dirname(sfBinary)}${path.delimiter}${process.env.PATH}` },
  });
  assert.equal(linked.status, 0, linked.output);
  const manifest = (folder) => fs.readFileSync(path.join(folder, "package.json"), "utf8");
  assert.equal(manifest(plugin), manifest(path.join(repo, "npm", "sf-plugin")), "the plugin's package.json is left as it is");

  const parent = scratch("sf-project");
  const generated = sf(["project", "generate", "--name", "demo", "--output-dir", parent, "--api-version", "65.0"], parent);
  assert.equal(generated.status, 0, generated.output);
  project = path.join(parent, "demo");
  fs.cpSync(path.join(repo, "examples", "headless-identity", "force-app"), path.join(project, "force-app"), { recursive: true });
});

test("sf plugins lists the linked plugin, and sf eca --help its commands", () => {
  const plugins = sf(["plugins"], home);
  assert.equal(plugins.status, 0, plugins.output);
  assert.match(plugins.stdout, /@eca-ls\/sf-plugin .*\(link\)/, plugins.output);
  const topic = sf(["eca", "--help"], home);
  assert.equal(topic.status, 0, topic.output);
  for (const declaration of COMMANDS) {
    assert.match(topic.stdout, new RegExp(`eca ${declaration.name}\\s+${declaration.summary.slice(0, 20).replace(/[().]/g, "\\$&")}`), topic.output);
  }
  const check = sf(["eca", "check", "--help"], home);
  for (const flag of ["--source-dir", "--api-version", "--deny-warnings", "--include-ignored", "--result-format", "--json"]) {
    assert.match(check.stdout, new RegExp(`${flag}\\b`), check.output);
  }
});

test("sf eca check: clean passes, an error exits 1 with the finding, --json is sf's envelope", () => {
  const clean = sf(["eca", "check"], project);
  assert.equal(clean.status, 0, clean.output);
  assert.match(clean.stdout, /^0 errors, 0 warnings, \d+ notes? in 6 files checked/m, clean.output);
  const cleanJson = json(sf(["eca", "check", "--json"], project));
  assert.equal(cleanJson.status, 0);
  assert.equal(cleanJson.result.files, 6);
  assert.deepEqual(cleanJson.warnings, []);

  breakPolicies(project);
  try {
    const broken = sf(["eca", "check"], project);
    assert.equal(broken.status, 1, broken.output);
    assert.match(broken.stdout, /error\[invalid-value\]: `45`/, broken.output);

    const brokenRun = sf(["eca", "check", "--json"], project);
    assert.equal(brokenRun.status, 1, brokenRun.output);
    const envelope = json(brokenRun);
    assert.equal(envelope.status, 1);
    const finding = envelope.result.diagnostics.find((diagnostic) => diagnostic.code === "invalid-value");
    assert.ok(finding, brokenRun.output);
    assert.equal(finding.path, `./${EXAMPLE.policies}`);
    assert.equal(finding.severity, "error");

    // --source-dir narrows the check to the folder (the other files are read for context);
    // --result-format picks eca-ls's output format.
    const narrowed = sf(["eca", "check", "--source-dir", "force-app/main/default/extlClntAppOauthSettings", "--result-format", "sarif"], project);
    assert.equal(narrowed.status, 0, narrowed.output);
    assert.equal(json(narrowed).runs[0].results.filter((result) => result.level === "error").length, 0);
    const github = sf(["eca", "check", "-d", "force-app", "--result-format", "github"], project);
    assert.equal(github.status, 1, github.output);
    assert.match(github.stdout, /^::error file=force-app\/.*title=invalid-value::/m, github.output);
  } finally {
    fs.cpSync(path.join(repo, "examples", "headless-identity", EXAMPLE.policies), path.join(project, EXAMPLE.policies));
  }
});

test("sf eca check: bad usage exits 2, in sf's error envelope with --json", () => {
  const missing = sf(["eca", "check", "--source-dir", "no-such-folder", "--json"], project);
  assert.equal(missing.status, 2, missing.output);
  const envelope = json(missing);
  assert.equal(envelope.status, 2);
  assert.match(envelope.message, /no-such-folder/, missing.output);
  const badVersion = sf(["eca", "check", "--api-version", "sixty"], project);
  assert.equal(badVersion.status, 2, badVersion.output);
});

test("sf eca flows and sf eca explain", () => {
  const flows = sf(["eca", "flows"], project);
  assert.equal(flows.status, 0, flows.output);
  assert.match(flows.stdout, /Headless_Portal/, flows.output);
  const flowsJson = json(sf(["eca", "flows", "--json"], project));
  assert.equal(flowsJson.status, 0);
  assert.match(JSON.stringify(flowsJson.result), /Headless_Portal/);

  const explain = sf(["eca", "explain", "invalid-value"], project);
  assert.equal(explain.status, 0, explain.output);
  const direct = run(process.env.ECA_LS_RELEASE_BINARY, ["explain", "invalid-value"]);
  assert.equal(explain.stdout, direct.stdout, "sf eca explain prints what eca-ls explain prints");
  const explainJson = json(sf(["eca", "explain", "INVALID-VALUE", "--json"], project));
  assert.equal(explainJson.status, 0);
  assert.equal(explainJson.result.code, "invalid-value");
  assert.match(explainJson.result.explanation, /enum/);
  const unknown = sf(["eca", "explain", "NO-SUCH-CODE", "--json"], project);
  assert.equal(unknown.status, 2, unknown.output);
  assert.match(json(unknown).message, /unknown code `NO-SUCH-CODE`/);
});

test("pass-through commands hand every argument to eca-ls and end as it ends", () => {
  for (const declaration of COMMANDS.filter((declaration) => declaration.passThrough)) {
    const direct = run(process.env.ECA_LS_RELEASE_BINARY, [declaration.name, "--help"]);
    const through = sf(["eca", declaration.name, "--", "--help"], project);
    assert.equal(through.status, direct.status, `${declaration.name}\n${through.output}\n${direct.output}`);
    assert.equal(through.stdout, direct.stdout, declaration.name);
  }
});
