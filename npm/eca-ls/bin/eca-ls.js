#!/usr/bin/env node
// Runs the eca-ls binary of this platform with this process's arguments and standard streams
// (so `npx eca-ls` with no arguments serves LSP over stdio too), and ends as it ends: its exit
// status, or the signal that stopped it. Signals sent to this process are passed on.
"use strict";

const { spawn } = require("node:child_process");
const { binaryPath } = require("../lib/index.js");

let binary;
try {
  binary = binaryPath();
} catch (error) {
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
}

const child = spawn(binary, process.argv.slice(2), { stdio: "inherit", windowsHide: true });
const forwarded = ["SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT"].filter((signal) => process.platform !== "win32" || signal !== "SIGQUIT");
for (const signal of forwarded) {
  process.on(signal, () => {
    if (child.exitCode === null) child.kill(signal);
  });
}
child.on("error", (error) => {
  process.stderr.write(`eca-ls: could not run ${binary}: ${error.message}\n`);
  process.exit(2);
});
child.on("exit", (code, signal) => {
  if (signal) {
    for (const forwardedSignal of forwarded) process.removeAllListeners(forwardedSignal);
    process.kill(process.pid, signal);
    return;
  }
  process.exit(code ?? 1);
});
