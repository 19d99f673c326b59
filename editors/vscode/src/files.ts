// Which files are ECA files: the suffixes and settings names the extension registers for, as
// document selector patterns, activation globs and a plain predicate. Pure: no `vscode` import,
// so the unit tests run under plain Node. Must not know how the server classifies a file beyond
// its name (the server also recognises other `.xml` files by their root element; the client
// deliberately does not claim every XML file for that).

/// Every metadata suffix the server knows: `<name>.<suffix>-meta.xml` in source format and
/// `<name>.<suffix>` in Metadata API format — the ECA types, and `connectedApp` (the server
/// offers to migrate a Connected App to an External Client App), and `oauthtokenexchangehandler`
/// (a token exchange handler: the flow readiness of the apps it names reads it). Kept equal to the `suffix`
/// fields of `server/schema/data/types/*.json` by a unit test.
export const ECA_SUFFIXES: readonly string[] = [
  "connectedApp",
  "eca",
  "ecaCanvas",
  "ecaGlblOauth",
  "ecaMobile",
  "ecaMobilePlcy",
  "ecaNotifications",
  "ecaOauth",
  "ecaOauthPlcy",
  "ecaOauthSecurity",
  "ecaPlcy",
  "ecaPush",
  "ecaPushPlcy",
  "ecaSamlPlcy",
  "ecaSmpl",
  "ecaSmplPlcy",
  "oauthtokenexchangehandler",
];

/// Org settings files that hold ECA configuration: `settings/<Name>.settings-meta.xml` and
/// `settings/<Name>.settings`. Kept equal to the `settingsName` fields of the schema data.
export const SETTINGS_NAMES: readonly string[] = ["ExternalClientApp", "OauthOidc"];

/// The VS Code language every ECA file has: XML, so that XML colouring, bracket matching and any
/// XML extension the user has keep working.
export const LANGUAGE_ID = "xml";

/// A document filter in the shape of `vscode.DocumentFilter`, kept structural so that this module
/// needs no `vscode` import.
export interface EcaDocumentFilter {
  readonly scheme: string;
  readonly language: string;
  readonly pattern: string;
}

/// Glob patterns (VS Code glob syntax) matching every ECA file, one per file form. Each file
/// matches exactly one of them: the patterns are disjoint, which the unit tests check.
export function ecaGlobPatterns(): string[] {
  const suffixes = ECA_SUFFIXES.join(",");
  const settings = SETTINGS_NAMES.join(",");
  return [
    `**/*.{${suffixes}}-meta.xml`,
    `**/*.{${suffixes}}`,
    `**/settings/{${settings}}.settings-meta.xml`,
    `**/settings/{${settings}}.settings`,
  ];
}

/// The document selector of the language client: on-disk XML documents matching our patterns.
/// One filter per pattern, registered once for the one client: VS Code asks each registered
/// provider once per request however many of its filters match, so our completion items appear
/// once.
export function documentSelector(): EcaDocumentFilter[] {
  return ecaGlobPatterns().map((pattern) => ({ scheme: "file", language: LANGUAGE_ID, pattern }));
}

/// `activationEvents` for package.json: start when a workspace holds ECA files (one
/// `workspaceContains` per pattern) or an XML document is opened (the client then starts the
/// server only once an ECA file is among the open documents).
export function activationEvents(): string[] {
  return [...ecaGlobPatterns().map((pattern) => `workspaceContains:${pattern}`), `onLanguage:${LANGUAGE_ID}`];
}

/// File extensions to add to the `xml` language so that Metadata API format files
/// (`Portal.ecaOauth`) open as XML like their source format twins.
export function xmlLanguageExtensions(): string[] {
  return ECA_SUFFIXES.map((suffix) => `.${suffix}`);
}

/// File names to add to the `xml` language: the Metadata API format settings files.
export function xmlLanguageFilenames(): string[] {
  return SETTINGS_NAMES.map((name) => `${name}.settings`);
}

/// Whether a path (either separator) names an ECA file, by the same rules as the patterns.
export function isEcaPath(path: string): boolean {
  const parts = path.split(/[\\/]/);
  const fileName = parts[parts.length - 1] ?? "";
  const folder = parts.length >= 2 ? parts[parts.length - 2] : undefined;
  const stem = fileName.endsWith("-meta.xml") ? fileName.slice(0, -"-meta.xml".length) : fileName;
  const dot = stem.lastIndexOf(".");
  if (dot <= 0) {
    return false;
  }
  const name = stem.slice(0, dot);
  const suffix = stem.slice(dot + 1);
  if (ECA_SUFFIXES.includes(suffix)) {
    return true;
  }
  return suffix === "settings" && folder === "settings" && SETTINGS_NAMES.includes(name);
}
