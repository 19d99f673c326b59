// The `sf eca` commands, as data: each is one eca-ls subcommand run with the bundled binary.
// A new subcommand of eca-ls becomes `sf eca <name>` with one entry here: either a command whose
// sf flags map onto eca-ls's options (`flags`, `args`, `json`), or a pass-through (`passThrough:
// true`) that hands every argument to `eca-ls <name>` unchanged. lib/commands.js builds the
// oclif command classes from this list; nothing else needs to change.

/**
 * The sf flags the commands may use, each with the eca-ls arguments it becomes. Names follow the
 * Salesforce CLI's: `--source-dir`/`-d` (as `sf project deploy start`), `--api-version`,
 * `--result-format` (as `sf apex run test`).
 */
export const FLAGS = {
  "source-dir": {
    kind: "string",
    char: "d",
    multiple: true,
    summary: "File or folder to check; repeat for more. Default: the current folder (the whole project).",
    toArgs: (values) => values,
  },
  "api-version": {
    kind: "string",
    summary: "Check against this API version (such as 65.0) instead of the project's sourceApiVersion.",
    toArgs: (value) => ["--api-version", value],
  },
  "deny-warnings": {
    kind: "boolean",
    summary: "Exit with status 1 on warnings too, not only on errors.",
    toArgs: (value) => (value ? ["--deny-warnings"] : []),
  },
  hints: {
    kind: "boolean",
    summary: "Also list hints (such as element-order).",
    toArgs: (value) => (value ? ["--hints"] : []),
  },
  "include-ignored": {
    kind: "boolean",
    summary: "Also read the files the project's .forceignore leaves out of deploys.",
    toArgs: (value) => (value ? ["--include-ignored"] : []),
  },
  "result-format": {
    kind: "option",
    options: ["human", "sarif", "github"],
    default: "human",
    summary: "Format of the findings: human, sarif (code scanning) or github (GitHub Actions annotations). --json prints the sf JSON envelope.",
    toArgs: (value) => ["--format", value],
  },
};

export const COMMANDS = [
  {
    name: "check",
    summary: "Check External Client App metadata files and report findings.",
    description:
      "Runs `eca-ls check` on the ECA files of the project (*.eca-meta.xml, *.ecaOauth-meta.xml, *.ecaOauthPlcy-meta.xml, ..., settings/OauthOidc.settings-meta.xml): structural checks against the Metadata API schema and rules across the files of each app. Exits with status 1 when there is an error (or a warning, with --deny-warnings).",
    examples: [
      "<%= config.bin %> <%= command.id %>",
      "<%= config.bin %> <%= command.id %> --source-dir force-app --deny-warnings",
      "<%= config.bin %> <%= command.id %> --result-format sarif > eca-ls.sarif",
      "<%= config.bin %> <%= command.id %> --json",
    ],
    flags: ["source-dir", "api-version", "deny-warnings", "hints", "include-ignored", "result-format"],
    // With --json: eca-ls's JSON output is the result; `--result-format` is ignored.
    json: ["--format", "json"],
  },
  {
    name: "flows",
    summary: "List the OAuth flows each app switches on and what each still needs.",
    description: "Runs `eca-ls flows`: for each app, every OAuth flow it enables and, for each, the settings still missing (file, field, value and why).",
    examples: ["<%= config.bin %> <%= command.id %>", "<%= config.bin %> <%= command.id %> --source-dir force-app --json"],
    flags: ["source-dir", "api-version", "include-ignored"],
    json: ["--format", "json"],
  },
  {
    name: "explain",
    summary: "Explain a diagnostic code: why it matters, an example, the fix, the sources.",
    description: "Runs `eca-ls explain CODE`. With --json, the result is the code's entry of `eca-ls rules --format json`.",
    examples: ["<%= config.bin %> <%= command.id %> ECA-REF-010", "<%= config.bin %> <%= command.id %> invalid-value --json"],
    args: [{ name: "code", required: true, description: "The code, such as ECA-REF-010 or invalid-value (`sf eca explain --help` lists none; `eca-ls rules` lists them all)." }],
    // `eca-ls explain` prints text only: the JSON comes from the rules list, filtered by code.
    jsonFrom: { argv: ["rules", "--format", "json"], select: (document, { code }) => document.find((entry) => entry.code.toLowerCase() === code.toLowerCase()) },
  },
  // Pass-throughs: `sf eca <name> ARGS` runs `eca-ls <name> ARGS` (`sf eca <name> -- --help` for its options).
  { name: "new", passThrough: true, summary: "Create the files of a new External Client App (eca-ls new)." },
  { name: "configure", passThrough: true, summary: "Configure an app for an OAuth flow (eca-ls configure)." },
  { name: "migrate", passThrough: true, summary: "Migrate a Connected App to an External Client App (eca-ls migrate)." },
  { name: "fmt", passThrough: true, summary: "Format External Client App metadata files (eca-ls fmt)." },
];
