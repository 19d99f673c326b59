// The answer of the server's `eca-ls/flows` request rendered as Markdown for a preview: one
// section per OAuth flow of the app, with what it still needs and where. Pure: the unit tests run
// under plain Node. Tolerant of field spellings (camelCase or snake_case) and of a server that
// already renders Markdown itself; anything else is shown as JSON rather than lost.

/// The request: which file's app to explain.
export const FLOWS_REQUEST = "eca-ls/flows";

export interface FlowsParams {
  textDocument: { uri: string };
}

export function flowsParams(uri: string): FlowsParams {
  return { textDocument: { uri } };
}

/// Markdown for the preview. `fileName` names the file the command ran on, for the heading when
/// the file belongs to no app.
export function renderFlows(result: unknown, fileName: string): string {
  if (result === null || result === undefined) {
    return `# Flow readiness\n\n\`${fileName}\` belongs to no External Client App that eca-ls knows of.\n`;
  }
  if (typeof result === "string") {
    return result;
  }
  if (typeof result !== "object") {
    return fallback(result);
  }
  const record = result as Record<string, unknown>;
  if (typeof record.markdown === "string") {
    return record.markdown;
  }
  const apps = appsOf(result);
  if (apps === undefined) {
    return fallback(result);
  }
  if (apps.length === 0) {
    return `# Flow readiness\n\n\`${fileName}\` belongs to no External Client App that eca-ls knows of.\n`;
  }
  return apps.map(renderApp).join("\n");
}

/// A flow's state as shown: a mark and a word (marks that common fonts have, not emoji).
export function stateLabel(state: unknown): string {
  const text = typeof state === "string" ? state.toLowerCase() : "";
  if (text === "ready") {
    return "✔ ready";
  }
  if (text === "incomplete") {
    return "⚠ incomplete";
  }
  if (text === "unknown") {
    return "? unknown (depends on a file the project lacks)";
  }
  return typeof state === "string" ? state : "?";
}

function appsOf(result: unknown): Record<string, unknown>[] | undefined {
  if (Array.isArray(result)) {
    return result.filter(isRecord);
  }
  if (!isRecord(result)) {
    return undefined;
  }
  if (Array.isArray(result.apps)) {
    return result.apps.filter(isRecord);
  }
  if (Array.isArray(result.flows)) {
    return [result];
  }
  return undefined;
}

function renderApp(app: Record<string, unknown>): string {
  const name = stringField(app, "app", "name") ?? "(unnamed app)";
  const flows = Array.isArray(app.flows) ? app.flows.filter(isRecord) : [];
  const lines = [`# Flow readiness of \`${name}\``, ""];
  if (flows.length === 0) {
    lines.push("No OAuth flow is configured for this app.", "");
    return lines.join("\n");
  }
  lines.push("| Flow | State |", "|---|---|");
  for (const flow of flows) {
    lines.push(`| ${escapeCell(flowName(flow))} | ${stateLabel(flow.state)} |`);
  }
  lines.push("");
  // Only flows with something to do get a section: the table already says the rest are ready.
  const flowsWithNeeds = flows.filter((flow) => needsOf(flow).length > 0);
  if (flowsWithNeeds.length === 0) {
    lines.push("Every flow has what it needs.", "");
  }
  for (const flow of flowsWithNeeds) {
    lines.push(`## ${flowName(flow)} — ${stateLabel(flow.state)}`, "");
    for (const need of needsOf(flow)) {
      lines.push(`- ${renderNeed(need)}`);
    }
    lines.push("");
  }
  return lines.join("\n");
}

function needsOf(flow: Record<string, unknown>): Record<string, unknown>[] {
  return Array.isArray(flow.needs) ? flow.needs.filter(isRecord) : [];
}

function flowName(flow: Record<string, unknown>): string {
  return stringField(flow, "name") ?? stringField(flow, "flowId", "flow_id", "id") ?? "(unnamed flow)";
}

function renderNeed(need: Record<string, unknown>): string {
  const typeName = stringField(need, "typeName", "type_name", "type");
  const field = stringField(need, "field") ?? "";
  const value = stringField(need, "value");
  const target = typeName !== undefined ? `${typeName}.${field}` : field;
  const parts = [`**\`${target}\`**${value !== undefined ? ` = \`${value}\`` : ""}`];
  const required = need.required;
  parts.push(required === false ? "(recommended)" : "(required)");
  const why = stringField(need, "why");
  if (why !== undefined) {
    parts.push(`— ${why}`);
  }
  const where = location(need);
  if (where !== undefined) {
    parts.push(`(${where})`);
  }
  return parts.join(" ");
}

/// `file:line` of a need, from an LSP-like location (`uri` + `range.start.line`, 0-based) or a
/// plain `path`.
function location(need: Record<string, unknown>): string | undefined {
  const uri = stringField(need, "uri");
  const path = stringField(need, "path");
  const range = isRecord(need.range) ? need.range : undefined;
  const start = range !== undefined && isRecord(range.start) ? range.start : undefined;
  const line = start !== undefined && typeof start.line === "number" ? start.line + 1 : undefined;
  const shown = path ?? uri;
  if (shown === undefined) {
    return undefined;
  }
  const label = `${baseName(shown)}${line !== undefined ? `:${line}` : ""}`;
  if (uri !== undefined) {
    return `[${label}](${uri}${line !== undefined ? `#L${line}` : ""})`;
  }
  return `\`${label}\``;
}

function baseName(pathOrUri: string): string {
  const parts = pathOrUri.split(/[\\/]/);
  return parts[parts.length - 1] ?? pathOrUri;
}

function stringField(record: Record<string, unknown>, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = record[key];
    if (typeof value === "string") {
      return value;
    }
  }
  return undefined;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, "\\|");
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function fallback(result: unknown): string {
  return `# Flow readiness\n\n\`\`\`json\n${JSON.stringify(result, null, 2)}\n\`\`\`\n`;
}
