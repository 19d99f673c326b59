// The hooks of .pre-commit-hooks.yaml through the pre-commit framework's own `try-repo`, in a git
// repository holding the example project: a file with an error fails the hook with the finding,
// the clean project passes, and files that are not ECA metadata never reach eca-ls. Run by
// scripts/test-npm.sh, which installs pre-commit from PyPI into .tools/pre-commit.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { EXAMPLE, breakPolicies, repo, run, scratch } from "../npm/project.mjs";

const preCommitDir = process.env.ECA_LS_PRE_COMMIT;
const binaryDir = path.dirname(process.env.ECA_LS_RELEASE_BINARY);
const gitIdentity = {
  GIT_AUTHOR_NAME: "Test",
  GIT_AUTHOR_EMAIL: "test@example.com",
  GIT_COMMITTER_NAME: "Test",
  GIT_COMMITTER_EMAIL: "test@example.com",
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_CONFIG_NOSYSTEM: "1",
};

/** A git repository with the example project committed, and a README that is not ECA metadata. */
function exampleRepository(name) {
  const root = path.join(scratch(name), "project");
  fs.cpSync(path.join(repo, "examples", "headless-identity"), root, { recursive: true });
  fs.writeFileSync(path.join(root, "README.md"), "# An sfdx project\n");
  fs.mkdirSync(path.join(root, "notes"));
  fs.writeFileSync(path.join(root, "notes", "draft.xml"), "<draft/>\n");
  for (const args of [["init", "--quiet"], ["add", "--all"], ["commit", "--quiet", "-m", "example"]]) {
    const result = run("git", args, { cwd: root, env: gitIdentity });
    assert.equal(result.status, 0, result.output);
  }
  return root;
}

/** `pre-commit try-repo <this repository> HOOK --all-files` in `root`. */
function tryRepo(root, hook, env = {}) {
  return run("python3", ["-m", "pre_commit", "try-repo", repo, hook, "--all-files", "--verbose", "--color=never"], {
    cwd: root,
    env: {
      ...gitIdentity,
      PYTHONPATH: preCommitDir,
      PRE_COMMIT_HOME: path.join(root, "..", "pre-commit-home"),
      ...env,
    },
  });
}

function checkHook(hook, env) {
  const root = exampleRepository(`pre-commit-${hook}`);
  const clean = tryRepo(root, hook, env);
  assert.equal(clean.status, 0, clean.output);
  assert.match(clean.stdout, /eca-ls check\.+Passed/, clean.output);
  // Only the ECA files were handed over: six files, and neither the README nor notes/draft.xml.
  assert.match(clean.stdout, /in 6 files checked/, clean.output);
  assert.doesNotMatch(clean.output, /nothing to check/, clean.output);

  breakPolicies(root);
  const broken = tryRepo(root, hook, env);
  assert.equal(broken.status, 1, broken.output);
  assert.match(broken.stdout, /eca-ls check\.+Failed/, broken.output);
  assert.match(broken.stdout, new RegExp(`${EXAMPLE.policies.replaceAll(".", "\\.")}:\\d+:\\d+: error\\[invalid-value\\]`), broken.output);
}

test("pre-commit try-repo: eca-ls-check-system runs the eca-ls on PATH on the ECA files only", () => {
  checkHook("eca-ls-check-system", { PATH: `${binaryDir}${path.delimiter}${process.env.PATH}` });
});

test("pre-commit try-repo: eca-ls-check builds eca-ls from this repository with cargo and runs it", () => {
  // Not on PATH: the hook must use the eca-ls it built. Cargo's build folder is kept in .tools/
  // between runs so that only eca-ls's own crates are compiled again, and without optimisation:
  // this is about the hook installing and running eca-ls, not about its speed (a release build
  // with link-time optimisation takes minutes on two cores).
  const quickBuild = {
    CARGO_PROFILE_RELEASE_OPT_LEVEL: "0",
    CARGO_PROFILE_RELEASE_LTO: "false",
    CARGO_PROFILE_RELEASE_CODEGEN_UNITS: "256",
    CARGO_PROFILE_RELEASE_DEBUG: "false",
  };
  const pathWithoutEcaLs = process.env.PATH.split(path.delimiter)
    .filter((folder) => !fs.existsSync(path.join(folder, "eca-ls")))
    .join(path.delimiter);
  checkHook("eca-ls-check", { PATH: pathWithoutEcaLs, CARGO_TARGET_DIR: process.env.ECA_LS_CARGO_TARGET, ...quickBuild });
});
