// The VS Code side of eca-ls: finds the binary, starts it as a language server for ECA files,
// passes the settings, and offers four commands (new app, restart, show output, flow readiness). Thin on
// purpose: every feature (completion, hover, diagnostics, fixes) comes from the server; this
// file must not know anything about the ECA schema.

import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as vscode from "vscode";
import {
  CloseAction,
  DidChangeConfigurationNotification,
  ErrorAction,
  ExecuteCommandRequest,
  LanguageClient,
  RevealOutputChannelOn,
  State,
  type CloseHandlerResult,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from "vscode-languageclient/node";

import { documentSelector, ecaGlobPatterns, isEcaPath } from "./files";
import { FLOWS_REQUEST, flowsParams, renderFlows } from "./flows";
import { LIST_FLOWS_COMMAND, NEW_APP_COMMAND, flowItems, newAppArguments, parseAnswer, withInput, type NewAppRequest } from "./newApp";
import { RestartPolicy } from "./restartPolicy";
import { discoverServer, type Discovery } from "./serverPath";
import { STATUS_REQUEST, statusView } from "./status";
import { didChangeConfigurationPayload, readSettings, SECTION, serverSettings, needsRestart, type ExtensionSettings } from "./settings";

/// Command ids, as contributed in package.json.
export const COMMANDS = {
  restartServer: "ecaLs.restartServer",
  showOutput: "ecaLs.showOutput",
  showFlows: "ecaLs.showFlows",
  newApp: "ecaLs.newApp",
} as const;

const FLOWS_SCHEME = "eca-ls-flows";
const CLIENT_ID = SECTION; // so that vscode-languageclient reads `ecaLs.trace.server` itself
const CLIENT_NAME = "eca-ls";

let controller: ServerController | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  // VS Code activates an extension once per window; the guard keeps a reload of this module
  // from ever registering a second client (and with it every completion item twice).
  if (controller !== undefined) {
    return;
  }
  const flowsDocuments = new FlowsDocuments();
  controller = new ServerController(context, flowsDocuments);
  context.subscriptions.push(
    controller,
    vscode.workspace.registerTextDocumentContentProvider(FLOWS_SCHEME, flowsDocuments),
    vscode.commands.registerCommand(COMMANDS.restartServer, () => controller?.restart("the restart command")),
    vscode.commands.registerCommand(COMMANDS.showOutput, () => controller?.showOutput()),
    vscode.commands.registerCommand(COMMANDS.showFlows, (target?: unknown) => controller?.showFlows(target)),
    vscode.commands.registerCommand(COMMANDS.newApp, () => controller?.newApp()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(SECTION)) {
        void controller?.settingsChanged();
      }
    }),
  );
  // Not awaited: activation is done once the commands exist; the server follows.
  void controller.startWhenNeeded();
}

export async function deactivate(): Promise<void> {
  const stopping = controller?.stop();
  controller = undefined;
  await stopping;
}

/// The language client that `stop`/`restart` can replace, and the one error message a user sees
/// when the server cannot run.
class ServerController implements vscode.Disposable {
  private readonly output: vscode.LogOutputChannel;
  private readonly status: vscode.LanguageStatusItem;
  private readonly policy = new RestartPolicy();
  private readonly disposables: vscode.Disposable[] = [];
  private client: LanguageClient | undefined;
  private settings: ExtensionSettings;
  /// The last failure shown to the user: the same one is not shown again until the settings
  /// change or the user restarts.
  private shownFailure: string | undefined;
  private starting: Promise<void> | undefined;
  /// `eca-ls 0.1.0`, from the version probe of the running binary.
  private serverVersion = "eca-ls";

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly flowsDocuments: FlowsDocuments,
  ) {
    this.output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
    this.status = vscode.languages.createLanguageStatusItem("ecaLs.status", documentSelector());
    this.status.name = "eca-ls";
    this.status.text = "eca-ls";
    this.status.command = { title: "Show Output", command: COMMANDS.showOutput };
    this.settings = this.readSettings();
    this.disposables.push(vscode.window.onDidChangeActiveTextEditor(() => void this.refreshStatus()));
  }

  /// Start now when an ECA file is open or the workspace holds one; else when the first one is
  /// opened (the extension also activates on any XML file, which alone is no reason for a server).
  async startWhenNeeded(): Promise<void> {
    // Listen before searching: the workspace search can take a while on a large tree (or fail),
    // and an ECA file opened meanwhile must start the server all the same.
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((document) => {
        if (this.client === undefined && isEcaDocument(document)) {
          this.log(`${path.basename(document.fileName)} opened; starting the server`);
          void this.start();
        }
      }),
    );
    if (vscode.workspace.textDocuments.some(isEcaDocument)) {
      await this.start();
      return;
    }
    let workspaceHasEca = false;
    try {
      workspaceHasEca = await workspaceHasEcaFiles();
    } catch (error) {
      this.log(`could not search the workspace for ECA files (${describe(error)}); starting when one is opened`);
    }
    if (workspaceHasEca) {
      await this.start();
    }
  }

  async start(): Promise<void> {
    if (this.starting !== undefined) {
      return this.starting;
    }
    this.starting = this.startOnce().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client === undefined) {
      return;
    }
    try {
      if (client.state !== State.Stopped) {
        await client.stop(5000);
      }
    } catch (error) {
      this.log(`stopping the server failed: ${describe(error)}`);
    }
    await client.dispose().catch(() => undefined);
  }

  async restart(reason: string): Promise<void> {
    this.log(`restarting the server (${reason})`);
    this.policy.reset();
    this.shownFailure = undefined;
    await this.stop();
    this.settings = this.readSettings();
    await this.start();
  }

  showOutput(): void {
    this.output.show(true);
  }

  async settingsChanged(): Promise<void> {
    const before = this.settings;
    const after = this.readSettings();
    this.settings = after;
    if (needsRestart(before, after)) {
      await this.restart("ecaLs.server.path changed");
      return;
    }
    const client = this.client;
    if (client === undefined || client.state !== State.Running) {
      // A failure shown for the old settings may no longer hold: let the next start say so.
      this.shownFailure = undefined;
      return;
    }
    await client.sendNotification(DidChangeConfigurationNotification.type, didChangeConfigurationPayload(after));
  }

  /// The flow readiness of the active editor's app, or of the file whose URI the code lens on an
  /// app's header passes.
  async showFlows(target?: unknown): Promise<void> {
    let document = vscode.window.activeTextEditor?.document;
    if (typeof target === "string") {
      try {
        document = await vscode.workspace.openTextDocument(vscode.Uri.parse(target));
      } catch (error) {
        this.log(`the code lens's file ${target} could not be opened: ${describe(error)}`);
      }
    }
    if (document === undefined || !isEcaDocument(document)) {
      void vscode.window.showInformationMessage("Open a file of an External Client App (such as *.ecaOauthPlcy-meta.xml) to see its flow readiness.");
      return;
    }
    const client = this.client;
    if (client === undefined || client.state !== State.Running) {
      void vscode.window.showWarningMessage("The eca-ls server is not running: run \"eca-ls: Restart Server\" and see \"eca-ls: Show Server Output\".");
      return;
    }
    let result: unknown;
    try {
      result = await client.sendRequest(FLOWS_REQUEST, flowsParams(client.code2ProtocolConverter.asUri(document.uri)));
    } catch (error) {
      const message = isMethodNotFound(error)
        ? "This eca-ls server does not answer `eca-ls/flows`: it is older than the extension. Update the binary."
        : `eca-ls could not compute the flow readiness: ${describe(error)}`;
      this.log(message);
      void vscode.window.showErrorMessage(message);
      return;
    }
    const fileName = path.basename(document.uri.fsPath);
    const uri = this.flowsDocuments.put(fileName, renderFlows(result, fileName));
    try {
      await vscode.commands.executeCommand("markdown.showPreviewToSide", uri);
    } catch (error) {
      // Without the built-in Markdown extension, the Markdown source is still readable.
      this.log(`no Markdown preview (${describe(error)}); showing the text`);
      await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    }
  }

  /// "New External Client App…": a quick pick of flows, the name, then each value the server
  /// asks for, until the server creates the app (through `workspace/applyEdit`); then the new
  /// files are saved and the header opened.
  async newApp(): Promise<void> {
    if (this.client === undefined) {
      await this.start();
    }
    const client = this.client;
    if (client === undefined || client.state !== State.Running) {
      void vscode.window.showWarningMessage("The eca-ls server is not running: run \"eca-ls: Restart Server\" and see \"eca-ls: Show Server Output\".");
      return;
    }
    const execute = (command: string, args: unknown[]) => client.sendRequest(ExecuteCommandRequest.type, { command, arguments: args });
    let flows: unknown;
    try {
      flows = await execute(LIST_FLOWS_COMMAND, []);
    } catch (error) {
      void vscode.window.showErrorMessage(`eca-ls could not list the OAuth flows: ${describe(error)}`);
      return;
    }
    const title = "New External Client App";
    const picked = await vscode.window.showQuickPick(flowItems(flows), {
      title,
      canPickMany: true,
      placeHolder: "The OAuth flows the app is for (pick one or more)",
      matchOnDescription: true,
      matchOnDetail: true,
    });
    if (picked === undefined || picked.length === 0) {
      return;
    }
    let name = await vscode.window.showInputBox({ title, prompt: "API name of the app (letters, digits and single underscores, starting with a letter)", placeHolder: "Customer_Portal" });
    if (name === undefined || name.trim() === "") {
      return;
    }
    const folder = vscode.window.activeTextEditor
      ? vscode.workspace.getWorkspaceFolder(vscode.window.activeTextEditor.document.uri)
      : vscode.workspace.workspaceFolders?.[0];
    let request: NewAppRequest = {
      folder: folder ? client.code2ProtocolConverter.asUri(folder.uri) : undefined,
      name: name.trim(),
      flows: picked.map((item) => item.id),
      inputs: {},
    };
    // Each round answers one question; the server never asks more than it has values to ask.
    for (let round = 0; round < 32; round += 1) {
      let answer;
      try {
        answer = parseAnswer(await execute(NEW_APP_COMMAND, newAppArguments(request)));
      } catch (error) {
        void vscode.window.showErrorMessage(`eca-ls could not create the app: ${describe(error)}`);
        return;
      }
      switch (answer.status) {
        case "created": {
          for (const file of answer.files) {
            const document = await vscode.workspace.openTextDocument(client.protocol2CodeConverter.asUri(file));
            if (document.isDirty) {
              await document.save();
            }
          }
          if (answer.header !== undefined) {
            await vscode.window.showTextDocument(client.protocol2CodeConverter.asUri(answer.header));
          }
          void vscode.window.showInformationMessage(answer.message);
          return;
        }
        case "needsInput": {
          const value = answer.kind === "certificate" ? await this.readCertificate(answer.prompt) : await vscode.window.showInputBox({ title, prompt: answer.prompt, ignoreFocusOut: true });
          if (value === undefined) {
            return;
          }
          request = withInput(request, answer.input, answer.kind, value);
          break;
        }
        case "invalidName":
          name = await vscode.window.showInputBox({ title, prompt: answer.message, value: request.name, ignoreFocusOut: true });
          if (name === undefined || name.trim() === "") {
            return;
          }
          request = { ...request, name: name.trim() };
          break;
        case "error":
          void vscode.window.showErrorMessage(answer.message);
          return;
      }
    }
  }

  /// A PEM certificate the user picks as a file, read as text.
  private async readCertificate(prompt: string): Promise<string | undefined> {
    const picked = await vscode.window.showOpenDialog({ title: prompt, canSelectMany: false, filters: { Certificates: ["pem", "crt", "cer"], "All files": ["*"] } });
    if (picked === undefined || picked.length === 0) {
      return undefined;
    }
    const bytes = await vscode.workspace.fs.readFile(picked[0]);
    return Buffer.from(bytes).toString("utf8");
  }

  dispose(): void {
    void this.stop();
    for (const disposable of this.disposables) {
      disposable.dispose();
    }
    this.status.dispose();
    this.output.dispose();
  }

  private async startOnce(): Promise<void> {
    if (this.client !== undefined) {
      return;
    }
    const discovery = this.discover();
    if (!discovery.found) {
      this.log(`${discovery.message}\n  looked at: ${discovery.tried.join(", ") || "(nothing)"}`);
      this.setStatus("eca-ls: no binary", vscode.LanguageStatusSeverity.Error);
      this.showFailureOnce(discovery.message);
      return;
    }
    const binary = discovery.path;
    if (discovery.source === "bundled") {
      ensureExecutable(binary);
    }
    // A binary that cannot run at all (wrong platform, not executable, truncated) is found out
    // before the language client is involved, so that it yields one message, not a restart loop.
    const version = await probeVersion(binary);
    if (!version.ok) {
      const message = `The eca-ls binary at ${binary} (${describeSource(discovery.source)}) does not run: ${version.error}. Rebuild or reinstall it, or set \`ecaLs.server.path\` to a working eca-ls.`;
      this.log(message);
      this.setStatus("eca-ls: broken binary", vscode.LanguageStatusSeverity.Error);
      this.showFailureOnce(message);
      return;
    }
    this.log(`starting ${version.text} from ${binary} (${describeSource(discovery.source)})`);
    const serverOptions: ServerOptions = { command: binary, args: ["lsp"], options: { env: process.env } };
    const client = new QuietLanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, this.clientOptions());
    this.client = client;
    try {
      await client.start();
    } catch (error) {
      this.client = undefined;
      await client.dispose().catch(() => undefined);
      const message = `eca-ls (${binary}) could not start: ${describe(error)}. See "eca-ls: Show Server Output" for its log.`;
      this.log(message);
      this.setStatus("eca-ls: failed", vscode.LanguageStatusSeverity.Error);
      this.showFailureOnce(message);
      return;
    }
    this.shownFailure = undefined;
    this.serverVersion = version.text;
    this.setStatus(version.text, vscode.LanguageStatusSeverity.Information, binary);
    await this.refreshStatus();
  }

  /// Show what the server knows of the active ECA file (`eca-ls/status`) in the status item.
  private async refreshStatus(): Promise<void> {
    const client = this.client;
    const editor = vscode.window.activeTextEditor;
    if (client === undefined || client.state !== State.Running || editor === undefined || !isEcaDocument(editor.document)) {
      return;
    }
    try {
      const result = await client.sendRequest(STATUS_REQUEST, { textDocument: { uri: client.code2ProtocolConverter.asUri(editor.document.uri) } });
      const view = statusView(result, this.serverVersion);
      this.setStatus(view.text, vscode.LanguageStatusSeverity.Information, view.detail);
    } catch (error) {
      // An older server without the request: the item keeps showing the version.
      this.log(`eca-ls/status failed: ${describe(error)}`);
    }
  }

  private clientOptions(): LanguageClientOptions {
    return {
      // Registered once, for this one client: the same completion provider is never present
      // twice, whatever other XML extension (Red Hat XML) also serves these files.
      documentSelector: documentSelector(),
      initializationOptions: serverSettings(this.settings),
      outputChannel: this.output,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      initializationFailedHandler: (error) => {
        this.log(`initialize failed: ${describe(error)}`);
        return false;
      },
      errorHandler: {
        error: (_error, _message, count): ErrorHandlerResult => ({
          action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown,
          handled: true,
        }),
        closed: (): CloseHandlerResult => this.serverClosed(),
      },
      middleware: {
        workspace: {
          // The server may ask for its settings (`workspace/configuration`): answer with the same
          // mapped object it gets at start, not the raw VS Code section.
          configuration: (params, token, next) => {
            const mapped = serverSettings(this.readSettings());
            const answers = params.items.map((item) => (item.section === SECTION ? mapped : undefined));
            if (answers.every((answer) => answer !== undefined)) {
              return answers;
            }
            return Promise.resolve(next(params, token)).then((values) =>
              Array.isArray(values) ? values.map((value, index) => answers[index] ?? value) : values,
            );
          },
        },
      },
    };
  }

  /// The server's connection closed without `stop()`: restart a few times, then give up with one
  /// message. A server that never finished starting is reported by `startOnce` instead.
  private serverClosed(): CloseHandlerResult {
    const client = this.client;
    const wasRunning = client !== undefined && client.state === State.Running;
    if (!wasRunning) {
      return { action: CloseAction.DoNotRestart, handled: true };
    }
    if (this.policy.onCrash(Date.now()) === "restart") {
      this.log("the server stopped unexpectedly; restarting it");
      return { action: CloseAction.Restart, handled: true };
    }
    const message = 'eca-ls stopped unexpectedly several times in a few minutes and was not restarted. See "eca-ls: Show Server Output", then run "eca-ls: Restart Server".';
    this.log(message);
    this.setStatus("eca-ls: stopped", vscode.LanguageStatusSeverity.Error);
    this.showFailureOnce(message);
    return { action: CloseAction.DoNotRestart, handled: true };
  }

  private discover(): Discovery {
    return discoverServer({
      configuredPath: this.settings.serverPath,
      extensionPath: this.context.extensionPath,
      workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
      homeDirectory: os.homedir(),
      platform: process.platform,
      arch: process.arch,
      pathVariable: process.env.PATH,
      pathExtVariable: process.env.PATHEXT,
      isFile: (candidate) => {
        try {
          return fs.statSync(candidate).isFile();
        } catch {
          return false;
        }
      },
    });
  }

  private readSettings(): ExtensionSettings {
    const configuration = vscode.workspace.getConfiguration(SECTION);
    const read = readSettings((key) => configuration.get(key));
    for (const problem of read.problems) {
      this.log(`settings: ${problem}`);
    }
    return read.settings;
  }

  private showFailureOnce(message: string): void {
    if (this.shownFailure === message) {
      return;
    }
    this.shownFailure = message;
    const openSettings = "Open Settings";
    const showOutput = "Show Output";
    void vscode.window.showErrorMessage(message, openSettings, showOutput).then((choice) => {
      if (choice === openSettings) {
        void vscode.commands.executeCommand("workbench.action.openSettings", "ecaLs.server.path");
      } else if (choice === showOutput) {
        this.showOutput();
      }
    });
  }

  private setStatus(text: string, severity: vscode.LanguageStatusSeverity, detail?: string): void {
    this.status.text = text;
    this.status.severity = severity;
    this.status.detail = detail;
  }

  private log(line: string): void {
    this.output.info(`[client] ${line}`);
  }
}

/// A language client whose own error notifications go to the output channel only: the controller
/// shows one message of its own that says what to do, instead of the client's generic ones.
class QuietLanguageClient extends LanguageClient {
  override error(message: string, data?: unknown, _showNotification: boolean | "force" = true): void {
    super.error(message, data, false);
  }
}

/// Markdown documents of the flow readiness command, served under `eca-ls-flows:` so that the
/// Markdown preview can show them without a file on disk.
class FlowsDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changes = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changes.event;

  put(fileName: string, markdown: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: FLOWS_SCHEME, path: `/Flow readiness — ${fileName}.md` });
    this.texts.set(uri.toString(), markdown);
    this.changes.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? "";
  }
}

function isEcaDocument(document: vscode.TextDocument): boolean {
  return document.uri.scheme === "file" && vscode.languages.match(documentSelector(), document) > 0 && isEcaPath(document.uri.fsPath);
}

async function workspaceHasEcaFiles(): Promise<boolean> {
  if ((vscode.workspace.workspaceFolders ?? []).length === 0) {
    return false;
  }
  const found = await vscode.workspace.findFiles(`{${ecaGlobPatterns().join(",")}}`, "**/{node_modules,.git,.sfdx,.sf}/**", 1);
  return found.length > 0;
}

/// `eca-ls --version`, to find out that the binary runs at all.
function probeVersion(binary: string): Promise<{ ok: true; text: string } | { ok: false; error: string }> {
  return new Promise((resolve) => {
    execFile(binary, ["--version"], { timeout: 15000, windowsHide: true }, (error, stdout, stderr) => {
      if (error !== null) {
        const details = String(stderr).trim();
        resolve({ ok: false, error: `${error.message}${details !== "" ? ` (${details})` : ""}` });
        return;
      }
      resolve({ ok: true, text: String(stdout).trim() || "eca-ls" });
    });
  });
}

/// The zip format of a .vsix may lose the executable bit; put it back on the bundled copy.
function ensureExecutable(binary: string): void {
  if (process.platform === "win32") {
    return;
  }
  try {
    fs.accessSync(binary, fs.constants.X_OK);
  } catch {
    try {
      fs.chmodSync(binary, 0o755);
    } catch {
      // The version probe reports the binary as not runnable, with the reason.
    }
  }
}

function describeSource(source: "setting" | "bundled" | "path"): string {
  switch (source) {
    case "setting":
      return "from ecaLs.server.path";
    case "bundled":
      return "bundled with the extension";
    case "path":
      return "found on PATH";
  }
}

function isMethodNotFound(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === -32601;
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    return error.message;
  }
  return String(error);
}
