// The dialogue of "New External Client App…": the server's `eca-ls.newApp` command is asked
// again and again, each time with what the user answered, until it creates the app or says why
// not. The server decides which flows exist, which values each needs and whether a name is
// valid; this module only carries the answers. Pure: the unit tests run under plain Node.

/// The server's commands (`workspace/executeCommand`).
export const LIST_FLOWS_COMMAND = "eca-ls.listFlows";
export const NEW_APP_COMMAND = "eca-ls.newApp";

/// A flow the quick pick offers.
export interface FlowChoice {
  id: string;
  name: string;
  summary: string;
}

/// What the user gave so far.
export interface NewAppRequest {
  /// The folder of the project the app goes into (a `file:` URI).
  folder?: string;
  name: string;
  flows: string[];
  /// The other values, by the server's names (`callbackUrls`, `scopes`, `runAs`, …).
  inputs: Record<string, string | string[]>;
}

/// The server's answer to one `eca-ls.newApp`.
export type NewAppAnswer =
  | { status: "created"; header?: string; files: string[]; message: string }
  | { status: "needsInput"; input: string; kind: InputKind; prompt: string; message: string }
  | { status: "invalidName"; message: string }
  | { status: "error"; message: string };

/// How a value is asked for: one line, a comma-separated list, or a PEM certificate file.
export type InputKind = "text" | "list" | "certificate";

/// The flows the server listed, as quick-pick items: the name, the id beside it, the summary
/// below. Anything that is not a flow is left out.
export function flowItems(result: unknown): { label: string; description: string; detail: string; id: string }[] {
  if (!Array.isArray(result)) {
    return [];
  }
  return result
    .filter(isRecord)
    .filter((flow) => typeof flow.id === "string")
    .map((flow) => ({
      id: String(flow.id),
      label: typeof flow.name === "string" ? flow.name : String(flow.id),
      description: String(flow.id),
      detail: typeof flow.summary === "string" ? firstSentence(flow.summary) : "",
    }));
}

/// The arguments of `eca-ls.newApp` for a request.
export function newAppArguments(request: NewAppRequest): unknown[] {
  return [{ folder: request.folder, name: request.name, flows: request.flows, ...request.inputs }];
}

/// The request with one more answer: a list answer split at commas, blanks dropped.
export function withInput(request: NewAppRequest, input: string, kind: InputKind, answer: string): NewAppRequest {
  const value =
    kind === "list"
      ? answer
          .split(",")
          .map((item) => item.trim())
          .filter((item) => item !== "")
      : answer.trim();
  return { ...request, inputs: { ...request.inputs, [input]: value } };
}

/// The server's answer read defensively: anything unexpected is an error that says so.
export function parseAnswer(result: unknown): NewAppAnswer {
  if (!isRecord(result) || typeof result.status !== "string") {
    return { status: "error", message: `eca-ls answered eca-ls.newApp with ${JSON.stringify(result)}` };
  }
  const message = typeof result.message === "string" ? result.message : "";
  switch (result.status) {
    case "created":
      return {
        status: "created",
        header: typeof result.header === "string" ? result.header : undefined,
        files: Array.isArray(result.files) ? result.files.filter((file): file is string => typeof file === "string") : [],
        message,
      };
    case "needsInput": {
      const kind: InputKind = result.kind === "list" || result.kind === "certificate" ? result.kind : "text";
      if (typeof result.input !== "string") {
        return { status: "error", message: message || "eca-ls asked for a value without naming it" };
      }
      return {
        status: "needsInput",
        input: result.input,
        kind,
        prompt: typeof result.prompt === "string" ? result.prompt : message,
        message,
      };
    }
    case "invalidName":
      return { status: "invalidName", message };
    default:
      return { status: "error", message: message || `eca-ls could not create the app (${String(result.status)})` };
  }
}

function firstSentence(text: string): string {
  const end = text.search(/\.(\s|$)/);
  return end === -1 ? text : text.slice(0, end + 1);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
