// What the npm, hook and sf CLI tests share: a project made from the Salesforce CLI's own
// template (`@salesforce/templates`, as `sf project generate` makes it), the eca-ls tarballs
// installed into it with npm offline, commands run in it, and the tested blocks of docs/*.md.
//
// Environment (set by scripts/test-npm.sh and scripts/test-sf.sh):
//   ECA_LS_REPO        the repository
//   ECA_LS_NPM_DIR     where scripts/package-npm.sh wrote the tarballs
//   ECA_LS_TEMPLATES   a node_modules folder holding @salesforce/templates
//   npm_config_cache   the npm cache the set-up warmed; no install here reaches the internet
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";

export const repo = process.env.ECA_LS_REPO;
export const npmDir = process.env.ECA_LS_NPM_DIR;
if (!repo || !npmDir || !process.env.ECA_LS_TEMPLATES) {
  throw new Error("run through scripts/test-npm.sh or scripts/test-sf.sh, which set ECA_LS_REPO, ECA_LS_NPM_DIR and ECA_LS_TEMPLATES");
}

/**
 * No internet for npm: every request but those to 127.0.0.1 goes to a proxy that is not there,
 * so whatever is not in the npm cache the set-up warmed fails at once. The @eca-ls scope comes
 * from a registry on 127.0.0.1 (tests/npm/registry.mjs) serving this machine's platform package
 * and the other platforms' package documents, as the public registry will once they are
 * published; `eca-ls` itself is installed from its tarball.
 */
const NO_INTERNET = {
  npm_config_prefer_offline: "true",
  npm_config_proxy: "http://127.0.0.1:9/",
  npm_config_https_proxy: "http://127.0.0.1:9/",
  npm_config_noproxy: "127.0.0.1",
  npm_config_audit: "false",
  npm_config_fund: "false",
  npm_config_update_notifier: "false",
  // Fail at once instead of retrying a request that cannot succeed.
  npm_config_fetch_retries: "0",
  // Lockfiles as npm writes them by default, with each package's tarball URL (some machines'
  // global npmrc leaves them out, and then `npm ci` asks the registry again).
  npm_config_omit_lockfile_registry_resolved: "false",
};
Object.assign(process.env, NO_INTERNET);

/** The scope registry's URL, once started. */
let registryUrl;

/** Start tests/npm/registry.mjs (once per test file); stopped when the process ends. */
export async function scopeRegistry() {
  if (registryUrl) return registryUrl;
  const child = spawn(process.execPath, [path.join(repo, "tests", "npm", "registry.mjs"), npmDir], {
    // Its stdin is a pipe from this process: when this process ends, however it ends, the
    // pipe closes and the registry stops (tests/npm/registry.mjs).
    stdio: ["pipe", "pipe", "inherit"],
  });
  process.on("exit", () => child.kill());
  registryUrl = await new Promise((resolve, reject) => {
    let text = "";
    child.stdout.on("data", (chunk) => {
      text += chunk;
      if (text.includes("\n")) resolve(text.split("\n")[0].trim());
    });
    child.on("exit", (code) => reject(new Error(`tests/npm/registry.mjs exited with ${code} before it served`)));
  });
  // The registry must not keep this process alive once the tests are done: the exit handler
  // above ends it then.
  child.stdout.destroy();
  child.stdin.unref();
  child.unref();
  return registryUrl;
}

/** The packages of the template's devDependencies that its pre-commit hook runs on XML files. */
export const HOOK_PACKAGES = ["husky", "lint-staged", "prettier", "@prettier/plugin-xml", "prettier-plugin-apex"];

/** The tarballs scripts/package-npm.sh wrote: the main package and this platform's. */
export function tarballs() {
  const names = fs.readdirSync(npmDir).filter((name) => name.endsWith(".tgz"));
  const platform = `${process.platform}-${process.arch}`;
  const main = names.find((name) => /^eca-ls-\d/.test(name));
  const binary = names.find((name) => name.startsWith(`eca-ls-${platform}-`));
  if (!main || !binary) throw new Error(`no eca-ls and eca-ls-${platform} tarballs in ${npmDir}: ${names.join(", ")}`);
  return { main: path.join(npmDir, main), binary: path.join(npmDir, binary) };
}

/** Run a command; returns { status, stdout, stderr, output } (output: both, for messages). */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    ...options,
    env: { ...process.env, ...(options.env ?? {}) },
  });
  if (result.error) throw result.error;
  return {
    status: result.status,
    signal: result.signal,
    stdout: result.stdout,
    stderr: result.stderr,
    output: `$ ${command} ${args.join(" ")}\n--- status ${result.status}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`,
  };
}

/** Run a shell command line, as a CI step or a hook would. */
export function shell(line, options = {}) {
  return run("bash", ["-c", line], options);
}

/** A fresh temporary folder, removed when the process ends unless ECA_LS_KEEP=1. */
export function scratch(name) {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), `eca-ls-${name}-`));
  if (process.env.ECA_LS_KEEP !== "1") {
    process.on("exit", () => fs.rmSync(folder, { recursive: true, force: true }));
  } else {
    console.log(`kept ${folder}`);
  }
  return folder;
}

/**
 * A project as `sf project generate --name demo` makes it (the standard template, API version
 * 65.0), with the bundled example's ECA files in force-app/. Of the template's devDependencies
 * it keeps those its pre-commit hook runs on XML files (HOOK_PACKAGES): ESLint, Jest and the LWC
 * tooling check JavaScript, take hundreds of megabytes, and no ECA file reaches them.
 */
export async function templateProject(name) {
  const parent = scratch(name);
  const require = createRequire(path.join(process.env.ECA_LS_TEMPLATES, "noop.js"));
  const { TemplateService, TemplateType } = require("@salesforce/templates");
  await TemplateService.getInstance(parent).create(TemplateType.Project, {
    projectname: "demo",
    defaultpackagedir: "force-app",
    ns: "",
    template: "standard",
    manifest: false,
    loginurl: "https://login.salesforce.com",
    outputdir: parent,
    apiversion: "65.0",
  });
  const root = path.join(parent, "demo");
  const manifestPath = path.join(root, "package.json");
  const manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8"));
  for (const dependency of Object.keys(manifest.devDependencies)) {
    if (!HOOK_PACKAGES.includes(dependency)) delete manifest.devDependencies[dependency];
  }
  fs.writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  fs.cpSync(path.join(repo, "examples", "headless-identity", "force-app"), path.join(root, "force-app"), { recursive: true });
  fs.writeFileSync(path.join(root, ".npmrc"), `@eca-ls:registry=${await scopeRegistry()}\n`);
  return root;
}

/** `npm install` in `root` with these extra specs, without the internet (see NO_INTERNET). */
export function npmInstall(root, specs = []) {
  const result = run("npm", ["install", "--loglevel=error", ...specs], { cwd: root });
  if (result.status !== 0) throw new Error(`npm install failed in ${root}\n${result.output}`);
  return result;
}

/** The fenced block after `<!-- tested: NAME -->` in docs/PAGE: its text and language. */
export function testedBlock(page, name) {
  const text = fs.readFileSync(path.join(repo, "docs", page), "utf8");
  const marker = `<!-- tested: ${name} -->`;
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`docs/${page} has no block marked ${marker}`);
  const match = /^[ \t]*```(\w*)\n([\s\S]*?)^[ \t]*```/m.exec(text.slice(at + marker.length));
  if (!match) throw new Error(`docs/${page}: no fenced block after ${marker}`);
  const indent = /^[ \t]*/.exec(match[2])[0];
  const body = match[2]
    .split("\n")
    .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line))
    .join("\n");
  return { language: match[1], body };
}

/** Paths of a project's ECA example files, relative to its root. */
export const EXAMPLE = {
  policies: "force-app/main/default/extlClntAppOauthPolicies/Headless_Portal_oauthPlcy.ecaOauthPlcy-meta.xml",
  settings: "force-app/main/default/extlClntAppOauthSettings/Headless_Portal_oauth.ecaOauth-meta.xml",
};

/** The example's OAuth policies with a value Salesforce does not accept (`invalid-value`). */
export function breakPolicies(root) {
  const file = path.join(root, EXAMPLE.policies);
  const text = fs.readFileSync(file, "utf8");
  const broken = text.replace(/<([A-Za-z]*Timeout)>\d+</, "<$1>45<");
  if (broken === text) throw new Error(`${EXAMPLE.policies} has no timeout to break any more: update breakPolicies`);
  fs.writeFileSync(file, broken);
}
