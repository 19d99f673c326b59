// The npm packages in a project made from the Salesforce CLI's template: installed offline from
// the tarballs of scripts/package-npm.sh, `npx eca-ls check` works; the GitHub workflow of
// docs/ci.md runs there as written; the husky + lint-staged recipe of docs/ci.md refuses a commit
// with an error and lets a clean one through. Run by scripts/test-npm.sh.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import {
  EXAMPLE,
  breakPolicies,
  npmInstall,
  repo,
  run,
  shell,
  tarballs,
  templateProject,
  testedBlock,
} from "./project.mjs";

const platformPackage = `@eca-ls/${process.platform}-${process.arch}`;
const cargoVersion = /\[workspace\.package\][^[]*?version\s*=\s*"([^"]+)"/.exec(fs.readFileSync(path.join(repo, "Cargo.toml"), "utf8"))[1];

/** A template project with the eca-ls tarballs installed (offline) as devDependencies. */
async function projectWithEcaLs(name) {
  const root = await templateProject(name);
  npmInstall(root, ["--save-dev", tarballs().main]);
  return root;
}

test("the tarballs install offline into a template project, and npx eca-ls check works", async () => {
  const root = await projectWithEcaLs("npm-install");

  // The command is on node_modules/.bin, from the main package; the binary from this
  // platform's package only: npm skipped the other platforms' optional dependencies.
  assert.ok(fs.existsSync(path.join(root, "node_modules", ".bin", "eca-ls")));
  const scoped = fs.readdirSync(path.join(root, "node_modules", "@eca-ls"));
  assert.deepEqual(scoped, [platformPackage.split("/")[1]]);
  // The lockfile knows every platform, so that `npm ci` on another machine picks its own.
  const lock = JSON.parse(fs.readFileSync(path.join(root, "package-lock.json"), "utf8"));
  const platforms = Object.keys(JSON.parse(fs.readFileSync(path.join(repo, "npm", "platforms.json"), "utf8"))).filter((key) => key !== "//");
  for (const key of platforms) {
    const entry = lock.packages[`node_modules/@eca-ls/${key}`];
    assert.ok(entry?.optional, `the lockfile has no optional @eca-ls/${key}`);
  }
  // Nothing runs at install time: no package has an install script.
  for (const folder of ["eca-ls", platformPackage]) {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, "node_modules", folder, "package.json"), "utf8"));
    for (const script of ["preinstall", "install", "postinstall"]) {
      assert.equal(manifest.scripts?.[script], undefined, `${folder} has a ${script} script`);
    }
    assert.equal(manifest.version, cargoVersion, `${folder}'s version is Cargo.toml's`);
  }
  // The shipped binary is stripped: no symbol table, no debug sections.
  const binary = path.join(root, "node_modules", platformPackage, "bin", process.platform === "win32" ? "eca-ls.exe" : "eca-ls");
  if (process.platform === "linux") {
    const sections = run("readelf", ["--section-headers", "--wide", binary]);
    assert.equal(sections.status, 0, sections.output);
    // (.debug_gdb_scripts, a few bytes that are loaded with the program, stays.)
    assert.doesNotMatch(sections.stdout, /\.(debug_(info|line|str|abbrev|aranges|ranges|rnglists|loclists)|symtab|strtab)\b/, sections.stdout);
  }

  const version = run("npx", ["--no-install", "eca-ls", "--version"], { cwd: root });
  assert.equal(version.status, 0, version.output);
  assert.equal(version.stdout.trim(), `eca-ls ${cargoVersion}`);

  const clean = run("npx", ["--no-install", "eca-ls", "check"], { cwd: root });
  assert.equal(clean.status, 0, clean.output);
  assert.match(clean.stdout, /^0 errors, 0 warnings, \d+ notes? in 6 files checked/m, clean.output);

  breakPolicies(root);
  const broken = run("npx", ["--no-install", "eca-ls", "check"], { cwd: root });
  assert.equal(broken.status, 1, broken.output);
  assert.match(broken.stdout, new RegExp(`${EXAMPLE.policies.replaceAll(".", "\\.")}:\\d+:\\d+: error\\[invalid-value\\]: \`45\``), broken.output);
  // Bad usage is the binary's exit status 2, passed through the launcher.
  const usage = run("npx", ["--no-install", "eca-ls", "check", "--format", "nonsense"], { cwd: root });
  assert.equal(usage.status, 2, usage.output);
});

test("without the platform package, eca-ls says what is missing and exits 2", async () => {
  const root = await templateProject("npm-no-platform");
  npmInstall(root, ["--save-dev", "--omit=optional", tarballs().main]);
  assert.equal(fs.existsSync(path.join(root, "node_modules", platformPackage)), false);
  const result = run("npx", ["--no-install", "eca-ls", "check"], { cwd: root });
  assert.equal(result.status, 2, result.output);
  assert.match(result.stderr, new RegExp(`the package ${platformPackage}, which carries the binary`), result.output);
  assert.match(result.stderr, /ECA_LS_BINARY/, result.output);
});

/** The `run:` lines of the tested workflow in docs/ci.md, in order. */
function workflowSteps() {
  const { language, body } = testedBlock("ci.md", "github-workflow");
  assert.equal(language, "yaml");
  const steps = [...body.matchAll(/^\s*- run: (.+)$/gm)].map((match) => match[1].trim());
  assert.ok(steps.includes("npm ci") && steps.some((step) => step.includes("--format github")), body);
  // A step that is not a one-line `run:` would be skipped here without a word: there is none.
  assert.doesNotMatch(body, /run: [|>]/, "a multi-line run: step, which this test does not read");
  return steps;
}

test("the GitHub workflow of docs/ci.md: annotations and SARIF on an error, both pass when clean", async () => {
  const root = await projectWithEcaLs("npm-workflow");
  const steps = workflowSteps();
  // npm ci starts from the lockfile, from scratch, as on a runner.
  fs.rmSync(path.join(root, "node_modules"), { recursive: true });
  const env = {};

  breakPolicies(root);
  const statuses = steps.map((step) => [step, shell(step, { cwd: root, env })]);
  const byStep = (part) => statuses.find(([step]) => step.includes(part))[1];
  assert.equal(byStep("npm ci").status, 0, byStep("npm ci").output);
  const sarifStep = byStep("--format sarif");
  assert.equal(sarifStep.status, 1, `the SARIF step fails on the error (continue-on-error goes on)\n${sarifStep.output}`);
  const sarif = JSON.parse(fs.readFileSync(path.join(root, "eca-ls.sarif"), "utf8"));
  assert.equal(sarif.version, "2.1.0");
  const results = sarif.runs[0].results;
  const invalid = results.find((result) => result.ruleId === "invalid-value");
  assert.ok(invalid, JSON.stringify(results, null, 2));
  assert.equal(invalid.locations[0].physicalLocation.artifactLocation.uri, EXAMPLE.policies);
  assert.ok(invalid.partialFingerprints["ecaLsFinding/v1"]);
  const annotations = byStep("--format github");
  assert.equal(annotations.status, 1, annotations.output);
  assert.match(
    annotations.stdout,
    new RegExp(`^::error file=${EXAMPLE.policies.replaceAll(".", "\\.")},line=\\d+,col=\\d+,endLine=\\d+,endColumn=\\d+,title=invalid-value::\`45\``, "m"),
    annotations.output,
  );

  // Fixed: every step passes.
  fs.cpSync(path.join(repo, "examples", "headless-identity", EXAMPLE.policies), path.join(root, EXAMPLE.policies));
  for (const step of steps) {
    const result = shell(step, { cwd: root, env });
    assert.equal(result.status, 0, result.output);
    assert.doesNotMatch(result.stdout, /^::error /m, result.output);
  }
});

/** Whether the installed eca-ls has its formatter. */
function hasFormatter(root) {
  return run("npx", ["--no-install", "eca-ls", "fmt", "--help"], { cwd: root }).status === 0;
}

/** The docs/ci.md recipe applied to a template project: lint-staged entries and script (and .prettierignore with fmt). */
function applyLintStagedRecipe(root) {
  const manifestPath = path.join(root, "package.json");
  const manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8"));
  assert.equal(manifest.scripts.precommit, "lint-staged", "the template's precommit script changed: update docs/ci.md");
  assert.match(fs.readFileSync(path.join(root, ".husky", "pre-commit"), "utf8"), /npm run precommit/);
  const withFormatter = hasFormatter(root);
  const entries = JSON.parse(testedBlock("ci.md", withFormatter ? "lint-staged-fmt" : "lint-staged").body);
  Object.assign(manifest["lint-staged"], entries);
  Object.assign(manifest.scripts, JSON.parse(testedBlock("ci.md", "precommit-script").body));
  fs.writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  if (withFormatter) {
    fs.appendFileSync(path.join(root, ".prettierignore"), `\n${testedBlock("ci.md", "prettierignore-fmt").body}`);
  }
  return withFormatter;
}

function git(root, args) {
  return run("git", args, {
    cwd: root,
    env: {
      GIT_AUTHOR_NAME: "Test",
      GIT_AUTHOR_EMAIL: "test@example.com",
      GIT_COMMITTER_NAME: "Test",
      GIT_COMMITTER_EMAIL: "test@example.com",
      GIT_CONFIG_GLOBAL: "/dev/null",
      GIT_CONFIG_NOSYSTEM: "1",
    },
  });
}

test("husky + lint-staged as docs/ci.md sets them up: an error refuses the commit, a clean commit passes", async () => {
  const root = await templateProject("npm-husky");
  const withFormatter = applyLintStagedRecipe(root);
  assert.equal(git(root, ["init", "--quiet", "--initial-branch=main"]).status, 0);
  // The project's own `npm install` runs the template's `prepare` (husky), which points git at
  // .husky/; then eca-ls is added as docs/ci.md says.
  npmInstall(root);
  assert.equal(git(root, ["config", "core.hooksPath"]).stdout.trim(), ".husky/_", "husky did not install its hooks");
  npmInstall(root, ["--save-dev", tarballs().main]);
  const first = git(root, ["add", "--all"]);
  assert.equal(first.status, 0, first.output);
  const initial = git(root, ["commit", "--quiet", "-m", "the project, clean"]);
  assert.equal(initial.status, 0, `a clean project must commit\n${initial.output}`);

  // A staged ECA file with an error: refused, and the finding is on the terminal.
  breakPolicies(root);
  git(root, ["add", EXAMPLE.policies]);
  const refused = git(root, ["commit", "-m", "a broken timeout"]);
  assert.notEqual(refused.status, 0, `the commit went through\n${refused.output}`);
  assert.match(refused.output, /error\[invalid-value\]: `45` is not an accepted value of `guestJwtTimeout`/, refused.output);
  assert.equal(git(root, ["rev-list", "--count", "HEAD"]).stdout.trim(), "1", "a commit was made");
  // lint-staged put the staged change back where it was: still staged, nothing lost.
  assert.match(git(root, ["diff", "--cached", "--name-only"]).stdout, /Headless_Portal_oauthPlcy/);

  // Fixed and staged again: the commit passes, through the same hook.
  const fixedText = fs.readFileSync(path.join(root, EXAMPLE.policies), "utf8").replace(">45<", ">30<");
  fs.writeFileSync(path.join(root, EXAMPLE.policies), fixedText);
  git(root, ["add", EXAMPLE.policies]);
  const passed = git(root, ["commit", "-m", "a timeout Salesforce accepts"]);
  assert.equal(passed.status, 0, passed.output);
  assert.match(passed.output, /eca-ls (fmt|check)/, `lint-staged did not run eca-ls\n${passed.output}`);
  assert.equal(git(root, ["rev-list", "--count", "HEAD"]).stdout.trim(), "2");
  const committed = git(root, ["show", `HEAD:${EXAMPLE.policies}`]).stdout;
  assert.match(committed, /<guestJwtTimeout>30<\/guestJwtTimeout>/);
  if (!withFormatter) {
    console.log("# eca-ls has no `fmt` yet: the recipe without formatting was tested (docs/ci.md says how to add it)");
  }
});
