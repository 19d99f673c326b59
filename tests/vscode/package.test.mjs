// The VS Code extension's package, as the Marketplace and Open VSX would take it: what `vsce ls`
// lists, what the .vsix holds, the bundled server stripped, the manifest's listing fields and
// walkthrough. Run by scripts/test-vscode-package.sh after it packaged the .vsix.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";

const extension = process.env.ECA_LS_EXTENSION;
const vsix = process.env.ECA_LS_VSIX;
const manifest = JSON.parse(fs.readFileSync(path.join(extension, "package.json"), "utf8"));
const binary = `server/${process.platform}-${process.arch}/eca-ls${process.platform === "win32" ? ".exe" : ""}`;
/** Every file that ships, and nothing else: no sources, maps, tests, icon source or build scripts. */
const SHIPPED = [
  "CHANGELOG.md",
  "LICENSE",
  "README.md",
  "dist/extension.js",
  "media/icon.png",
  "media/screenshot.png",
  "media/walkthrough/commands.md",
  "media/walkthrough/flow-readiness.md",
  "media/walkthrough/open-a-file.md",
  "package.json",
  binary,
].sort();

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, ...options });
  if (result.error) throw result.error;
  assert.equal(result.status, 0, `${command} ${args.join(" ")}\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

test("vsce ls lists exactly the files that should ship", () => {
  const vsce = path.join(extension, "node_modules", "@vscode", "vsce", "vsce");
  const listed = run(process.execPath, [vsce, "ls", "--no-dependencies"], { cwd: extension })
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .sort();
  assert.deepEqual(listed, SHIPPED);
});

test("the .vsix holds those files and its manifest, no more", () => {
  const entries = run("unzip", ["-Z1", vsix])
    .split("\n")
    .filter((entry) => entry && !entry.endsWith("/"))
    .sort();
  // vsce stores these three under the names the Marketplace looks for.
  const renamed = { "LICENSE.txt": "LICENSE", "readme.md": "README.md", "changelog.md": "CHANGELOG.md" };
  const files = entries
    .filter((entry) => entry.startsWith("extension/"))
    .map((entry) => entry.slice("extension/".length))
    .map((file) => renamed[file] ?? file);
  assert.deepEqual(files.sort(), SHIPPED);
  assert.deepEqual(entries.filter((entry) => !entry.startsWith("extension/")).sort(), ["[Content_Types].xml", "extension.vsixmanifest"]);
  const megabytes = fs.statSync(vsix).size / 1e6;
  console.log(`# ${path.basename(vsix)}: ${megabytes.toFixed(1)} MB`);
});

test("the bundled server is stripped", { skip: process.platform !== "linux" && "readelf reads Linux binaries" }, () => {
  const out = path.join(process.env.ECA_LS_SCRATCH, "unpacked");
  run("unzip", ["-q", "-o", vsix, `extension/${binary}`, "-d", out]);
  const sections = run("readelf", ["--section-headers", "--wide", path.join(out, "extension", binary)]);
  assert.doesNotMatch(sections, /\.(debug_(info|line|str|abbrev|aranges|ranges|rnglists|loclists)|symtab|strtab)\b/, sections);
});

test("the manifest has what a Marketplace or Open VSX listing needs", () => {
  for (const field of ["name", "displayName", "description", "version", "publisher", "license", "icon", "homepage"]) {
    assert.ok(manifest[field], `package.json has no ${field}`);
  }
  assert.match(manifest.repository.url, /^https:\/\/github\.com\//);
  assert.ok(manifest.bugs?.url);
  assert.ok(manifest.keywords.length >= 5 && manifest.keywords.length <= 30, "Marketplace takes up to 30 keywords");
  // The Marketplace's categories (vsce rejects others).
  const categories = ["Programming Languages", "Snippets", "Linters", "Themes", "Debuggers", "Formatters", "Keymaps", "SCM Providers", "Other", "Extension Packs", "Language Packs", "Data Science", "Machine Learning", "Visualization", "Notebooks", "Education", "Testing", "AI", "Chat"];
  for (const category of manifest.categories) assert.ok(categories.includes(category), category);
  // A PNG icon of at least 128×128 pixels (Marketplace's minimum).
  const icon = fs.readFileSync(path.join(extension, manifest.icon));
  assert.equal(icon.subarray(1, 4).toString("latin1"), "PNG");
  assert.ok(icon.readUInt32BE(16) >= 128 && icon.readUInt32BE(20) >= 128, "the icon is smaller than 128×128");
});

test("the walkthrough opens the flow readiness view and explains every command", () => {
  const [walkthrough] = manifest.contributes.walkthroughs;
  const contributed = manifest.contributes.commands.map((command) => command.command);
  assert.ok(contributed.length > 0, "the extension contributes no command");
  const linked = new Set();
  for (const step of walkthrough.steps) {
    const markdown = fs.readFileSync(path.join(extension, step.media.markdown), "utf8");
    for (const [, command] of step.description.matchAll(/\(command:([\w.]+)/g)) linked.add(command);
    for (const event of step.completionEvents ?? []) {
      const command = /^onCommand:(.+)$/.exec(event)?.[1];
      if (command) assert.ok(contributed.includes(command), `${step.id} waits for ${command}, which the extension does not contribute`);
    }
    assert.ok(markdown.startsWith("# "), step.media.markdown);
  }
  assert.ok(linked.has("ecaLs.showFlows"), "no step runs the flow readiness view");
  const commandsStep = walkthrough.steps.find((step) => step.id === "commands");
  const text = fs.readFileSync(path.join(extension, commandsStep.media.markdown), "utf8");
  for (const command of manifest.contributes.commands) {
    assert.ok(text.includes(`eca-ls: ${command.title}`), `the commands step does not explain "${command.title}"`);
  }
});
