// Where the eca-ls binary of this machine is: the platform package npm installed beside this
// one (an optionalDependency selected by os/cpu), or ECA_LS_BINARY when set. No download, ever.
"use strict";

const fs = require("node:fs");
const path = require("node:path");

/** The npm package that carries the binary for this platform, such as `@eca-ls/linux-x64`. */
function platformPackage(platform = process.platform, arch = process.arch) {
  return `@eca-ls/${platform}-${arch}`;
}

/** The absolute path of the eca-ls binary; throws an Error that says what to do when there is none. */
function binaryPath() {
  const override = process.env.ECA_LS_BINARY;
  if (override) {
    if (!fs.existsSync(override)) {
      throw new Error(`ECA_LS_BINARY is ${override}, which does not exist`);
    }
    return path.resolve(override);
  }
  const name = platformPackage();
  const binary = process.platform === "win32" ? "eca-ls.exe" : "eca-ls";
  let manifest;
  try {
    manifest = require.resolve(`${name}/package.json`);
  } catch {
    throw new Error(
      `eca-ls: the package ${name}, which carries the binary for ${process.platform}-${process.arch}, is not installed.\n` +
        "npm installs it with eca-ls unless optional dependencies were left out (--omit=optional, --no-optional)\n" +
        "or this platform has no build. Reinstall with optional dependencies, or set ECA_LS_BINARY to an eca-ls binary\n" +
        "(cargo install --locked --git https://github.com/eca-ls/eca-ls eca-ls builds one).",
    );
  }
  const found = path.join(path.dirname(manifest), "bin", binary);
  if (!fs.existsSync(found)) {
    throw new Error(`eca-ls: ${name} is installed but has no bin/${binary}; reinstall it`);
  }
  return found;
}

module.exports = { binaryPath, platformPackage };
