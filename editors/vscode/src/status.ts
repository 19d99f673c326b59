// The language status item of an ECA file, from the server's `eca-ls/status` answer: which type
// the file is checked as, against which API version and from where, and its app. Pure: the unit
// tests run under plain Node.

export const STATUS_REQUEST = "eca-ls/status";

export interface StatusView {
  /// One short line beside the `{ } XML` indicator.
  readonly text: string;
  /// The longer line under it.
  readonly detail: string | undefined;
}

/// `null` (a document the server does not know) and unexpected shapes give the plain name.
export function statusView(result: unknown, serverVersion: string): StatusView {
  if (typeof result !== "object" || result === null) {
    return { text: "eca-ls", detail: serverVersion };
  }
  const status = result as Record<string, unknown>;
  const typeName = typeof status.typeName === "string" ? status.typeName : undefined;
  const apiVersion = typeof status.apiVersion === "string" ? status.apiVersion : undefined;
  const source = typeof status.apiVersionSource === "string" ? status.apiVersionSource : undefined;
  const app = typeof status.app === "string" ? status.app : undefined;
  const ignoredBy = typeof status.ignoredBy === "string" ? status.ignoredBy : undefined;
  const text =
    ignoredBy !== undefined ? "eca-ls: not checked (.forceignore)" : typeName !== undefined ? `eca-ls: ${typeName}` : "eca-ls: not an ECA type";
  const details = [
    ignoredBy !== undefined ? `left out by ${ignoredBy.replace(/`/g, "")}` : undefined,
    apiVersion !== undefined ? `API ${apiVersion}${source !== undefined ? ` (${source})` : ""}` : undefined,
    app !== undefined ? `app ${app}` : undefined,
    serverVersion,
  ].filter((part): part is string => part !== undefined);
  return { text, detail: details.join(" · ") };
}
