// Copies a release binary without its symbols and debug information, for the packages that ship
// it (npm, the VS Code extension): Rust's release build here keeps line tables for backtraces
// and profiling, which is most of the file. Unix binaries go through `strip` (binutils on Linux,
// Xcode's on macOS); a Windows .exe keeps its debug information in a .pdb beside it, so it is
// copied as is.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

/** Copy `source` to `target` (folders made), stripped where this machine can strip it; executable. */
export function copyStripped(source, target) {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(source, target);
  fs.chmodSync(target, 0o755);
  if (target.endsWith(".exe")) return { stripped: false, reason: "a Windows binary keeps its debug information in a .pdb" };
  const strip = process.env.STRIP || "strip";
  const args = process.platform === "darwin" ? ["-S", "-x", target] : ["--strip-all", target];
  const result = spawnSync(strip, args, { encoding: "utf8" });
  if (result.error || result.status !== 0) {
    const why = result.error ? result.error.message : result.stderr.trim();
    throw new Error(`could not strip ${target} with \`${strip} ${args.slice(0, -1).join(" ")}\`: ${why}. Install binutils (or set STRIP to a strip that reads this binary)`);
  }
  return { stripped: true };
}
