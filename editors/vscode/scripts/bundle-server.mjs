// Copies the eca-ls binary, stripped (scripts/strip-binary.mjs at the repository root), into the
// extension as server/<platform>-<arch>/eca-ls, where the extension looks for its bundled copy. Runs before `vsce package` (the `vscode:prepublish`
// script). The binary is `ECA_LS_BINARY` when set, else the repository's target/release/eca-ls.
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { copyStripped } from "../../../scripts/strip-binary.mjs";

const extensionRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const repositoryRoot = path.resolve(extensionRoot, "..", "..");
const binaryName = process.platform === "win32" ? "eca-ls.exe" : "eca-ls";
const source = process.env.ECA_LS_BINARY || path.join(repositoryRoot, "target", "release", binaryName);

if (!fs.existsSync(source)) {
  console.error(
    `bundle-server: no eca-ls binary at ${source}.\n` +
      "Build it first with `cargo build --release --locked` at the repository root, " +
      "or set ECA_LS_BINARY to the binary to bundle.",
  );
  process.exit(1);
}

// One platform per .vsix: drop copies for other platforms left from earlier builds.
const serverRoot = path.join(extensionRoot, "server");
fs.rmSync(serverRoot, { recursive: true, force: true });
const target = path.join(serverRoot, `${process.platform}-${process.arch}`, binaryName);
try {
  const { stripped, reason } = copyStripped(source, target);
  const note = stripped ? "stripped" : `not stripped: ${reason}`;
  console.log(`bundle-server: ${path.relative(repositoryRoot, source)} -> ${path.relative(extensionRoot, target)} (${note})`);
} catch (error) {
  console.error(`bundle-server: ${error.message}`);
  process.exit(1);
}
