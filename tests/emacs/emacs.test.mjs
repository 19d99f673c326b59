// eca-ls in a real Emacs (emacs -nw under tmux) with eglot and editors/emacs/eca-ls.el, set up
// with the init file docs/editors.md shows: eglot attaches to an ECA file, the conflict with
// another file of the app shows in flymake's diagnostics, completion offers the fields the file
// can still take. Run by scripts/test-emacs.sh.
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, test } from "node:test";

const repo = process.env.ECA_LS_REPO;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "eca-ls-emacs-"));
const socket = `eca-ls-emacs-${process.pid}`;
const POLICIES = "force-app/main/default/extlClntAppOauthPolicies/Headless_Portal_oauthPlcy.ecaOauthPlcy-meta.xml";
const GLOBAL = "force-app/main/default/extlClntAppGlobalOauthSets/Headless_Portal_glbloauth.ecaGlblOauth-meta.xml";

after(() => {
  spawnSync("tmux", ["-L", socket, "kill-server"]);
  if (process.env.ECA_LS_KEEP !== "1") fs.rmSync(scratch, { recursive: true, force: true });
  else console.log(`# kept ${scratch}`);
});

function tmux(...args) {
  return execFileSync("tmux", ["-L", socket, ...args], { encoding: "utf8" });
}

function screen() {
  return tmux("capture-pane", "-p", "-J", "-t", "emacs");
}

/** Wait until the screen shows `pattern`: state, not time (the guard only stops a hung editor). */
async function waitForScreen(pattern, what) {
  const guard = Date.now() + 90_000;
  for (;;) {
    const text = screen();
    if (pattern.test(text)) return text;
    if (Date.now() > guard) assert.fail(`the screen never showed ${what} (${pattern}):\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Type keys as a person would: tmux key names, or literal text with { text }. */
function keys(...sequence) {
  for (const key of sequence) {
    if (typeof key === "string") tmux("send-keys", "-t", "emacs", key);
    else tmux("send-keys", "-t", "emacs", "-l", key.text);
  }
}

/** M-x COMMAND RET, waiting for the minibuffer to show the command first. */
async function extendedCommand(command) {
  keys("Escape", "x");
  await waitForScreen(/^M-x\s*$/m, "the M-x prompt");
  keys({ text: command });
  await waitForScreen(new RegExp(`^M-x ${command}`, "m"), `M-x ${command} typed`);
  keys("Enter");
}

/** The init file of docs/editors.md's tested block, pointed at this repository. */
function initFile() {
  const text = fs.readFileSync(path.join(repo, "docs", "editors.md"), "utf8");
  const marker = "<!-- tested: emacs-init -->";
  const at = text.indexOf(marker);
  assert.ok(at >= 0, `docs/editors.md has no ${marker}`);
  const block = /```elisp\n([\s\S]*?)```/.exec(text.slice(at))[1];
  assert.match(block, /\/path\/to\/eca-ls/);
  return block.replaceAll("/path/to/eca-ls", repo);
}

test("eglot attaches to an ECA file, shows the cross-file conflict and completes fields", async () => {
  const home = path.join(scratch, "home");
  fs.mkdirSync(path.join(home, ".emacs.d"), { recursive: true });
  // Debian's Emacs compiles its ELPA packages natively on first use and shows the compiler's
  // warnings in a window; they are about those packages, not eca-ls, and would cover the screen.
  const quiet = "(setq native-comp-async-report-warnings-errors 'silent)\n";
  fs.writeFileSync(path.join(home, ".emacs.d", "init.el"), quiet + initFile());
  const bin = path.join(scratch, "bin");
  fs.mkdirSync(bin);
  fs.symlinkSync(process.env.ECA_LS_BIN, path.join(bin, "eca-ls"));

  // The example project with a conflict across files: the guest flow on in the policies, JWT
  // access tokens off in the global OAuth settings (ECA-JWT-001, reported on the policies).
  const project = path.join(scratch, "project");
  fs.cpSync(path.join(repo, "examples", "headless-identity"), project, { recursive: true });
  const global = path.join(project, GLOBAL);
  const text = fs.readFileSync(global, "utf8");
  fs.writeFileSync(global, text.replace("<isNamedUserJwtEnabled>true<", "<isNamedUserJwtEnabled>false<"));
  assert.notEqual(fs.readFileSync(global, "utf8"), text, "the example no longer has isNamedUserJwtEnabled true");
  execFileSync("git", ["init", "--quiet"], { cwd: project });

  const environment = [`HOME=${home}`, `PATH=${bin}${path.delimiter}${process.env.PATH}`, "TERM=xterm-256color"];
  tmux("new-session", "-d", "-s", "emacs", "-x", "120", "-y", "40", "-c", project, "env", ...environment, "emacs", "-nw", POLICIES);

  // The mode line: eca-ls's mode, and eglot managing the buffer.
  await waitForScreen(/\(ECA\b.*\[eglot:/, "the ECA mode and eglot in the mode line");

  // The conflict, in flymake's list of this buffer's diagnostics.
  await extendedCommand("flymake-show-buffer-diagnostics");
  await waitForScreen(/^\s*\d+\s+\d+\s+warning\s+.*eca-ls \[ECA-JWT-001\]: the guest flow is on but the app issues opaque tokens/m, "the ECA-JWT-001 warning in the diagnostics list");

  // Completion on a new line after the fifth: `<c` then C-M-i lists the fields starting with c
  // that the file does not have yet, and not commaSeparatedPermissionSet, which it has.
  keys("C-x", "1", "Escape", "g", "g");
  await waitForScreen(/Goto line/, "the Goto line prompt");
  keys({ text: "5" }, "Enter", "C-e", "Enter", { text: "<c" });
  await waitForScreen(/^\s*<c\s*$/m, "the typed <c");
  keys("Escape", "Tab");
  const completions = await waitForScreen(/Possible completions are:[\s\S]*customAttributes/, "the completion list");
  assert.match(completions, /commaSeparatedProfile\s+list/);
  assert.doesNotMatch(completions.slice(completions.indexOf("Possible completions")), /commaSeparatedPermissionSet/);
});
