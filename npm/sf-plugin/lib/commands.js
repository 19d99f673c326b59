// The oclif commands of `sf eca`, built from lib/declarations.js: each runs the eca-ls binary of
// the `eca-ls` npm package (or ECA_LS_BINARY) with the arguments its flags map to. Human output
// streams straight from eca-ls; with --json the result is eca-ls's JSON inside the Salesforce
// CLI's envelope (`{ status, result, warnings }`). The exit status is eca-ls's: 0 clean, 1
// findings, 2 bad usage.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { Args } from "@oclif/core";
import { Flags, SfCommand } from "@salesforce/sf-plugins-core";
import { COMMANDS, FLAGS } from "./declarations.js";

const require = createRequire(import.meta.url);

/** The eca-ls binary: where the `eca-ls` package found it, or a failure that says what to do. */
function binary(command) {
  try {
    return require("eca-ls").binaryPath();
  } catch (error) {
    command.error(error.message, { exit: 2 });
  }
}

/** Run eca-ls; `capture` keeps stdout (for JSON), else output goes straight to the terminal. */
function runEcaLs(command, argv, { capture }) {
  return new Promise((resolve, reject) => {
    const child = spawn(binary(command), argv, { stdio: ["inherit", capture ? "pipe" : "inherit", capture ? "pipe" : "inherit"], windowsHide: true });
    let stdout = "";
    let stderr = "";
    if (capture) {
      child.stdout.setEncoding("utf8").on("data", (chunk) => (stdout += chunk));
      child.stderr.setEncoding("utf8").on("data", (chunk) => (stderr += chunk));
    }
    child.on("error", reject);
    child.on("close", (status, signal) => resolve({ status: status ?? (signal ? 128 : 1), stdout, stderr }));
  });
}

function oclifFlag(name) {
  const declaration = FLAGS[name];
  const common = { summary: declaration.summary, ...(declaration.char ? { char: declaration.char } : {}) };
  switch (declaration.kind) {
    case "boolean":
      return Flags.boolean(common);
    case "option":
      return Flags.option({ ...common, options: declaration.options, default: declaration.default })();
    default:
      return Flags.string({ ...common, multiple: declaration.multiple ?? false });
  }
}

/** An oclif command class for one declaration. */
function commandClass(declaration) {
  const jsonArgv = declaration.json ?? declaration.jsonFrom?.argv;
  class EcaCommand extends SfCommand {
    static summary = declaration.summary;
    static description = declaration.description ?? `Runs \`eca-ls ${declaration.name}\` with every argument given: \`sf eca ${declaration.name} -- --help\` lists its options.`;
    static examples = declaration.examples ?? [`<%= config.bin %> <%= command.id %> -- --help`];
    static enableJsonFlag = jsonArgv !== undefined;
    static strict = !declaration.passThrough;
    static flags = Object.fromEntries((declaration.flags ?? []).map((name) => [name, oclifFlag(name)]));
    static args = Object.fromEntries(
      (declaration.args ?? []).map((arg) => [arg.name, Args.string({ required: arg.required, description: arg.description })]),
    );

    async run() {
      if (declaration.passThrough) {
        // Every argument as given (`--` only separates them from sf's own options).
        const argv = this.argv.filter((arg, index) => !(arg === "--" && index === this.argv.indexOf("--")));
        const { status } = await runEcaLs(this, [declaration.name, ...argv], { capture: false });
        process.exitCode = status;
        return undefined;
      }
      const { flags, args } = await this.parse(EcaCommand);
      const positional = (declaration.args ?? []).map((arg) => args[arg.name]).filter((value) => value !== undefined);
      const options = [];
      for (const name of declaration.flags ?? []) {
        const value = flags[name];
        if (value === undefined || (name === "result-format" && this.jsonEnabled())) continue;
        const mapped = FLAGS[name].toArgs(value);
        // Paths go last, after the options, as eca-ls's positional arguments.
        if (name === "source-dir") positional.push(...mapped);
        else options.push(...mapped);
      }
      if (!this.jsonEnabled()) {
        const { status } = await runEcaLs(this, [declaration.name, ...options, ...positional], { capture: false });
        process.exitCode = status;
        return undefined;
      }
      const argv = declaration.jsonFrom ? declaration.jsonFrom.argv : [declaration.name, ...declaration.json, ...options, ...positional];
      const { status, stdout, stderr } = await runEcaLs(this, argv, { capture: true });
      if (status !== 0 && status !== 1) this.error(stderr.trim() || `eca-ls exited with status ${status}`, { exit: status });
      let document;
      try {
        document = JSON.parse(stdout);
      } catch {
        this.error(`eca-ls printed no JSON: ${stdout.slice(0, 200)}${stderr}`, { exit: 2 });
      }
      for (const line of stderr.split("\n").filter(Boolean)) this.warn(line.replace(/^eca-ls: /, ""));
      if (declaration.jsonFrom) {
        const selected = declaration.jsonFrom.select(document, args);
        if (selected === undefined) this.error(`unknown code \`${args.code}\`: \`eca-ls rules\` lists the codes`, { exit: 2 });
        return selected;
      }
      process.exitCode = status;
      return document;
    }
  }
  Object.defineProperty(EcaCommand, "name", { value: `Eca${declaration.name[0].toUpperCase()}${declaration.name.slice(1)}` });
  return EcaCommand;
}

/** The commands, by oclif id (`eca:check` is `sf eca check`). */
export const commands = Object.fromEntries(COMMANDS.map((declaration) => [`eca:${declaration.name}`, commandClass(declaration)]));
