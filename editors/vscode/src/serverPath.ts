// Where the eca-ls binary is: the `ecaLs.server.path` setting, else the copy bundled in the
// extension, else `PATH`. Pure: the file system is reached only through the probe passed in, so
// the unit tests run under plain Node with a fake one. Must not know about VS Code.

import * as path from "node:path";

/// What the discovery may look at.
export interface DiscoveryInput {
  /// The `ecaLs.server.path` setting, as the user wrote it (may be empty).
  readonly configuredPath: string | undefined;
  /// The folder the extension is installed in.
  readonly extensionPath: string;
  /// The first workspace folder, against which a relative configured path is resolved.
  readonly workspaceFolder: string | undefined;
  readonly homeDirectory: string;
  readonly platform: NodeJS.Platform;
  readonly arch: string;
  /// The `PATH` environment variable.
  readonly pathVariable: string | undefined;
  /// The `PATHEXT` environment variable (Windows only).
  readonly pathExtVariable?: string | undefined;
  /// Whether a regular file exists at an absolute path.
  readonly isFile: (absolutePath: string) => boolean;
}

/// Which source a found binary came from, for the output channel and the status.
export type ServerSource = "setting" | "bundled" | "path";

export type Discovery =
  | { readonly found: true; readonly path: string; readonly source: ServerSource }
  | { readonly found: false; readonly message: string; readonly tried: readonly string[] };

/// The binary's file name on a platform.
export function binaryName(platform: NodeJS.Platform): string {
  return platform === "win32" ? "eca-ls.exe" : "eca-ls";
}

/// The bundled binary's path inside the extension: `server/<platform>-<arch>/eca-ls`.
/// `scripts/bundle-server.mjs` puts it there when packaging.
export function bundledServerPath(extensionPath: string, platform: NodeJS.Platform, arch: string): string {
  const pathApi = platform === "win32" ? path.win32 : path.posix;
  return pathApi.join(extensionPath, "server", `${platform}-${arch}`, binaryName(platform));
}

/// Find the server binary. A configured path wins outright: when it points nowhere, that is
/// reported rather than silently replaced by another binary, since the user asked for that one.
export function discoverServer(input: DiscoveryInput): Discovery {
  const configured = input.configuredPath?.trim() ?? "";
  if (configured !== "") {
    const resolved = resolveConfiguredPath(configured, input);
    if (input.isFile(resolved)) {
      return { found: true, path: resolved, source: "setting" };
    }
    return {
      found: false,
      tried: [resolved],
      message:
        `The eca-ls binary set in \`ecaLs.server.path\` does not exist: ${resolved}. ` +
        "Correct the setting, or clear it to use the bundled binary or the one on PATH.",
    };
  }
  const tried: string[] = [];
  const bundled = bundledServerPath(input.extensionPath, input.platform, input.arch);
  tried.push(bundled);
  if (input.isFile(bundled)) {
    return { found: true, path: bundled, source: "bundled" };
  }
  for (const candidate of pathCandidates(input)) {
    tried.push(candidate);
    if (input.isFile(candidate)) {
      return { found: true, path: candidate, source: "path" };
    }
  }
  return {
    found: false,
    tried,
    message:
      `No eca-ls binary found: this extension has none bundled for ${input.platform}-${input.arch} ` +
      "and there is none on PATH. Install it (`cargo install --path .` in a clone of eca-ls, or " +
      "`cargo build --release` and point to target/release/eca-ls) and set `ecaLs.server.path` to it, " +
      "or install a .vsix built for this platform.",
  };
}

/// `~` and `${workspaceFolder}` expanded; a relative path is taken from the workspace folder.
export function resolveConfiguredPath(configured: string, input: Pick<DiscoveryInput, "workspaceFolder" | "homeDirectory" | "platform">): string {
  const pathApi = input.platform === "win32" ? path.win32 : path.posix;
  let expanded = configured;
  if (expanded === "~" || expanded.startsWith("~/") || expanded.startsWith("~\\")) {
    expanded = pathApi.join(input.homeDirectory, expanded.slice(1));
  }
  if (input.workspaceFolder !== undefined) {
    expanded = expanded.split("${workspaceFolder}").join(input.workspaceFolder);
  }
  if (pathApi.isAbsolute(expanded)) {
    return pathApi.normalize(expanded);
  }
  if (input.workspaceFolder !== undefined) {
    return pathApi.join(input.workspaceFolder, expanded);
  }
  return pathApi.normalize(expanded);
}

/// Every place on `PATH` the binary could be, in order.
function pathCandidates(input: DiscoveryInput): string[] {
  const pathApi = input.platform === "win32" ? path.win32 : path.posix;
  const separator = input.platform === "win32" ? ";" : ":";
  const folders = (input.pathVariable ?? "").split(separator).filter((folder) => folder.trim() !== "");
  const names =
    input.platform === "win32"
      ? (input.pathExtVariable ?? ".EXE")
          .split(";")
          .filter((extension) => extension !== "")
          .map((extension) => `eca-ls${extension.toLowerCase()}`)
      : ["eca-ls"];
  const candidates: string[] = [];
  for (const folder of folders) {
    for (const name of names) {
      candidates.push(pathApi.join(folder, name));
    }
  }
  return candidates;
}
