// Builds the platform-specific .vsix for this machine: `vsce package --target <platform>-<arch>`
// (its `vscode:prepublish` script bundles the extension and copies the server binary in).
// Usage: node scripts/package.mjs [--out path/to/eca-ls.vsix]
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const extensionRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const targets = {
  "linux-x64": "linux-x64",
  "linux-arm64": "linux-arm64",
  "linux-arm": "linux-armhf",
  "darwin-x64": "darwin-x64",
  "darwin-arm64": "darwin-arm64",
  "win32-x64": "win32-x64",
  "win32-arm64": "win32-arm64",
};
const target = targets[`${process.platform}-${process.arch}`];
if (target === undefined) {
  console.error(`package: no VS Code target for ${process.platform}-${process.arch}`);
  process.exit(1);
}
const outIndex = process.argv.indexOf("--out");
const out = outIndex > 0 ? path.resolve(process.argv[outIndex + 1]) : path.join(extensionRoot, `eca-ls-${target}.vsix`);
const vsce = path.join(extensionRoot, "node_modules", "@vscode", "vsce", "vsce");
const result = spawnSync(
  process.execPath,
  [
    vsce,
    "package",
    "--target",
    target,
    "--no-dependencies",
    "--baseImagesUrl",
    "https://github.com/eca-ls/eca-ls/raw/HEAD/editors/vscode/",
    "--out",
    out,
  ],
  { cwd: extensionRoot, stdio: "inherit" },
);
process.exit(result.status ?? 1);
