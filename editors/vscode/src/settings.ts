// The extension's settings and what the server is sent of them: `ecaLs.apiVersion`,
// `ecaLs.profile`, `ecaLs.rules`, `ecaLs.format.style` and `ecaLs.includeIgnored` become
// `{ apiVersion, profile, rules, format: { style }, includeIgnored }` (all but the last the same
// keys as `eca-ls.toml`), in
// `initializationOptions` and in `workspace/didChangeConfiguration`. Pure: values come in through a
// getter, so the unit tests run under plain Node. Must not validate rule codes: the server knows
// them and reports unknown ones with a "did you mean".

/// The configuration section of every setting.
export const SECTION = "ecaLs";

export type TraceLevel = "off" | "messages" | "verbose";

/// The security posture profiles: `strict` adds the posture checks (ECA-POSTURE-…).
export type Profile = "baseline" | "strict";

/// The settings as the extension uses them.
export interface ExtensionSettings {
  readonly serverPath: string | undefined;
  readonly apiVersion: string | undefined;
  readonly profile: Profile | undefined;
  readonly rules: Readonly<Record<string, string>>;
  readonly formatStyle: FormatStyle | undefined;
  readonly includeIgnored: boolean;
  readonly trace: TraceLevel;
}

/// Whose layout formatting follows (`[format] style` in `eca-ls.toml`).
export type FormatStyle = "auto" | "salesforce" | "prettier";
const FORMAT_STYLES: readonly FormatStyle[] = ["auto", "salesforce", "prettier"];

/// What the server reads (see docs/language-server.md, "Settings").
export interface ServerSettings {
  apiVersion?: string;
  profile?: Profile;
  rules: Record<string, string>;
  format?: { style: FormatStyle };
  includeIgnored: boolean;
}

/// Settings plus what was wrong with the values the user wrote, for the output channel.
export interface ReadSettings {
  readonly settings: ExtensionSettings;
  readonly problems: string[];
}

/// The severities a rule may be set to; the server also accepts a few spellings of these.
export const SEVERITIES: readonly string[] = ["error", "warning", "info", "hint", "off"];

/// Read the settings through `get`, which returns the value at a key under `ecaLs`
/// (`server.path`, `apiVersion`, `profile`, `rules`, `includeIgnored`, `trace.server`), as
/// `WorkspaceConfiguration.get` does.
export function readSettings(get: (key: string) => unknown): ReadSettings {
  const problems: string[] = [];
  const serverPath = optionalString(get("server.path"), "server.path", problems);
  const apiVersion = normaliseApiVersion(get("apiVersion"), problems);
  const profile = readProfile(get("profile"), problems);
  const rules = readRules(get("rules"), problems);
  const formatStyle = readFormatStyle(get("format.style"), problems);
  const includeIgnored = readFlag(get("includeIgnored"), "includeIgnored", problems);
  const trace = readTrace(get("trace.server"), problems);
  return { settings: { serverPath, apiVersion, profile, rules, formatStyle, includeIgnored, trace }, problems };
}

/// The object the server receives. An absent API version or profile is left out, so that the
/// project's own (`eca-ls.toml`, `sfdx-project.json`) applies.
export function serverSettings(settings: ExtensionSettings): ServerSettings {
  const result: ServerSettings = { rules: { ...settings.rules }, includeIgnored: settings.includeIgnored };
  if (settings.apiVersion !== undefined) {
    result.apiVersion = settings.apiVersion;
  }
  if (settings.profile !== undefined) {
    result.profile = settings.profile;
  }
  if (settings.formatStyle !== undefined) {
    result.format = { style: settings.formatStyle };
  }
  return result;
}

/// The `workspace/didChangeConfiguration` payload: the server settings under the section name, as
/// VS Code itself nests a section.
export function didChangeConfigurationPayload(settings: ExtensionSettings): { settings: { [SECTION]: ServerSettings } } {
  return { settings: { [SECTION]: serverSettings(settings) } };
}

/// Whether a configuration change needs the server restarted rather than told: the binary
/// changed. Everything else is sent with `workspace/didChangeConfiguration`.
export function needsRestart(before: ExtensionSettings, after: ExtensionSettings): boolean {
  return (before.serverPath ?? "") !== (after.serverPath ?? "");
}

/// `"65"` and `65` become `"65.0"`; blank means "not set".
function normaliseApiVersion(value: unknown, problems: string[]): string | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  let text: string;
  if (typeof value === "number" && Number.isFinite(value)) {
    text = Number.isInteger(value) ? `${value}.0` : `${value}`;
  } else if (typeof value === "string") {
    text = value.trim();
  } else {
    problems.push(`ecaLs.apiVersion must be a string such as "65.0"; ignoring it`);
    return undefined;
  }
  if (text === "") {
    return undefined;
  }
  if (/^\d+$/.test(text)) {
    return `${text}.0`;
  }
  if (!/^\d+\.\d+$/.test(text)) {
    problems.push(`ecaLs.apiVersion "${text}" is not an API version such as "65.0"; ignoring it`);
    return undefined;
  }
  return text;
}

/// Code → severity; values that are not strings are dropped with a problem, codes and severity
/// spellings are left for the server to judge.
function readRules(value: unknown, problems: string[]): Record<string, string> {
  const rules: Record<string, string> = {};
  if (value === undefined || value === null) {
    return rules;
  }
  if (typeof value !== "object" || Array.isArray(value)) {
    problems.push('ecaLs.rules must be an object such as {"ECA-ACC-004": "error"}; ignoring it');
    return rules;
  }
  for (const [code, severity] of Object.entries(value as Record<string, unknown>)) {
    const trimmedCode = code.trim();
    if (trimmedCode === "") {
      continue;
    }
    if (typeof severity !== "string") {
      problems.push(`ecaLs.rules["${trimmedCode}"] must be one of ${SEVERITIES.map((name) => `"${name}"`).join(", ")}; ignoring it`);
      continue;
    }
    rules[trimmedCode] = severity.trim().toLowerCase();
  }
  return rules;
}

/// `"baseline"` or `"strict"`, any letter case; blank means "not set".
function readProfile(value: unknown, problems: string[]): Profile | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  const text = typeof value === "string" ? value.trim().toLowerCase() : undefined;
  if (text === "") {
    return undefined;
  }
  if (text === "baseline" || text === "strict") {
    return text;
  }
  problems.push(`ecaLs.profile must be "baseline" or "strict"; ignoring it`);
  return undefined;
}

/// Blank means "not set": the project's own `[format] style` applies.
function readFormatStyle(value: unknown, problems: string[]): FormatStyle | undefined {
  if (value === undefined || value === null || value === "") {
    return undefined;
  }
  const style = typeof value === "string" ? value.trim().toLowerCase() : value;
  if (FORMAT_STYLES.includes(style as FormatStyle)) {
    return style as FormatStyle;
  }
  problems.push(`ecaLs.format.style must be "auto", "salesforce" or "prettier"; ignoring it`);
  return undefined;
}

function readTrace(value: unknown, problems: string[]): TraceLevel {
  if (value === undefined || value === null || value === "off") {
    return "off";
  }
  if (value === "messages" || value === "verbose") {
    return value;
  }
  problems.push(`ecaLs.trace.server must be "off", "messages" or "verbose"; using "off"`);
  return "off";
}

/// A boolean setting; absent means `false`.
function readFlag(value: unknown, key: string, problems: string[]): boolean {
  if (value === undefined || value === null) {
    return false;
  }
  if (typeof value !== "boolean") {
    problems.push(`ecaLs.${key} must be true or false; using false`);
    return false;
  }
  return value;
}

function optionalString(value: unknown, key: string, problems: string[]): string | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== "string") {
    problems.push(`ecaLs.${key} must be a string; ignoring it`);
    return undefined;
  }
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}
