/**
 * A minimal LSP client for protocol tests: spawns `node dist/server.js --stdio`, speaks JSON-RPC over
 * its pipes, answers the server's requests (configuration, registrations, refreshes) and records
 * every notification, so a test reads like the specification: send this, expect that.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from "vscode-jsonrpc/node";
import type {
  ClientCapabilities,
  ConfigurationItem,
  Diagnostic,
  InitializeResult,
  PublishDiagnosticsParams,
  Range,
  Registration,
  ShowMessageParams,
  TextDocumentContentChangeEvent,
  TextEdit,
} from "vscode-languageserver";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url)).replace(/[\\/]$/, "");
export const SERVER = path.join(ROOT, "dist", "server.js");

export function sampleUri(name: string): string {
  return pathToFileURL(path.join(ROOT, "samples", name)).toString();
}

export function sampleText(name: string): string {
  return readFileSync(path.join(ROOT, "samples", name), "utf8");
}

export interface ClientOptions {
  /** Extra capabilities merged over the VS Code-like defaults. */
  capabilities?: ClientCapabilities;
  /** Answers `workspace/configuration`; the default answers `null`, as some clients do. */
  configuration?: (item: ConfigurationItem) => unknown;
  initializationOptions?: unknown;
  workspaceFolders?: string[];
  /** Node options for the server process, before the script (e.g. `--require` a preload). */
  nodeArgs?: string[];
}

interface Recorded {
  method: string;
  params: unknown;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function merge<T>(base: T, extra: unknown): T {
  if (!isObject(base) || !isObject(extra)) return (extra === undefined ? base : extra) as T;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(extra)) out[k] = merge(out[k], v);
  return out as T;
}

/** Capabilities like VS Code's, minus pull diagnostics and snippet edits (tests opt into those). */
export const DEFAULT_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
    workspaceEdit: { documentChanges: true },
    workspaceFolders: true,
    codeLens: { refreshSupport: true },
  },
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: false },
    publishDiagnostics: {
      versionSupport: true,
      relatedInformation: true,
      codeDescriptionSupport: true,
      dataSupport: true,
    },
    completion: { completionItem: { snippetSupport: true } },
    hover: { contentFormat: ["markdown", "plaintext"] },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    codeAction: {
      codeActionLiteralSupport: { codeActionKind: { valueSet: ["quickfix", "refactor"] } },
      isPreferredSupport: true,
      dataSupport: true,
    },
  },
  window: { showMessage: {} },
};

export class LspTestClient {
  readonly notifications: Recorded[] = [];
  readonly registrations: Registration[] = [];
  readonly stderr: string[] = [];
  configuration: (item: ConfigurationItem) => unknown;
  private waiters: Array<() => void> = [];

  private constructor(
    private readonly process: ChildProcessWithoutNullStreams,
    private readonly connection: MessageConnection,
    options: ClientOptions,
  ) {
    this.configuration = options.configuration ?? (() => null);
  }

  /** Spawns the server and runs `initialize` / `initialized`. */
  static async start(
    options: ClientOptions = {},
  ): Promise<{ client: LspTestClient; result: InitializeResult }> {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), SERVER, "--stdio"], {
      cwd: ROOT,
      stdio: "pipe",
    });
    const connection = createMessageConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    const client = new LspTestClient(child, connection, options);
    child.stderr.on("data", (d: Buffer) => client.stderr.push(d.toString()));
    connection.onNotification((method: string, params: unknown) => {
      client.notifications.push({ method, params });
      client.wake();
    });
    connection.onRequest("workspace/configuration", (params: { items: ConfigurationItem[] }) =>
      params.items.map((item) => client.configuration(item)),
    );
    connection.onRequest("client/registerCapability", (params: { registrations: Registration[] }) => {
      client.registrations.push(...params.registrations);
      setImmediate(() => client.wake());
      return null;
    });
    connection.onRequest("client/unregisterCapability", () => null);
    connection.onRequest("window/workDoneProgress/create", () => null);
    connection.onRequest("workspace/codeLens/refresh", () => null);
    connection.onRequest("workspace/diagnostic/refresh", () => null);
    connection.onRequest("window/showMessageRequest", () => null);
    connection.listen();
    const folders = options.workspaceFolders ?? [ROOT];
    const result = await connection.sendRequest<InitializeResult>("initialize", {
      processId: process.pid,
      rootUri: pathToFileURL(folders[0] ?? ROOT).toString(),
      workspaceFolders: folders.map((f) => ({ uri: pathToFileURL(f).toString(), name: path.basename(f) })),
      capabilities: merge(DEFAULT_CAPABILITIES, options.capabilities),
      initializationOptions: options.initializationOptions,
    });
    await connection.sendNotification("initialized", {});
    return { client, result };
  }

  /** The server's process id (to read its memory from /proc, or to kill it). */
  get pid(): number {
    return this.process.pid!;
  }

  /** Whether the server process is still running. */
  get alive(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  /** Kills the server outright (SIGKILL, as a crash would end it) and resolves once it is gone. */
  async kill(): Promise<void> {
    if (!this.alive) return;
    const exited = new Promise<void>((resolve) => this.process.once("exit", () => resolve()));
    this.process.kill("SIGKILL");
    await exited;
    this.connection.dispose();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest<R>(method, params);
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  open(uri: string, text: string, languageId = "markdown", version = 1): Promise<void> {
    return this.notify("textDocument/didOpen", { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.notify("textDocument/didChange", { textDocument: { uri, version }, contentChanges });
  }

  close(uri: string): Promise<void> {
    return this.notify("textDocument/didClose", { textDocument: { uri } });
  }

  /** Every `textDocument/publishDiagnostics` so far, in order. */
  published(uri?: string): PublishDiagnosticsParams[] {
    return this.notifications
      .filter((n) => n.method === "textDocument/publishDiagnostics")
      .map((n) => n.params as PublishDiagnosticsParams)
      .filter((p) => uri === undefined || p.uri === uri);
  }

  /** Every `window/showMessage` so far. */
  messages(): ShowMessageParams[] {
    return this.notifications
      .filter((n) => n.method === "window/showMessage")
      .map((n) => n.params as ShowMessageParams);
  }

  /** Resolves once `check` returns a value (checked now and after every notification). */
  async waitFor<T>(check: () => T | undefined, what: string, timeoutMs = 10000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value !== undefined) return value;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`timed out waiting for ${what}; stderr: ${this.stderr.join("").slice(-2000)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits for diagnostics of a document published after `after` earlier publishes, optionally for a version. */
  waitForDiagnostics(
    uri: string,
    options: { version?: number; after?: number } = {},
  ): Promise<PublishDiagnosticsParams> {
    return this.waitFor(
      () => {
        const list = this.published(uri).slice(options.after ?? 0);
        return list.find((p) => options.version === undefined || p.version === options.version);
      },
      `diagnostics for ${uri}${options.version !== undefined ? ` v${options.version}` : ""}`,
    );
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest("shutdown"), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification("exit");
    } catch {
      // The server may already be gone.
    }
    this.connection.dispose();
    if (this.process.exitCode === null) this.process.kill();
  }
}

/** Applies text edits to a text (edits must not overlap; applied from the end). */
export function applyEdits(text: string, edits: Array<{ range: Range; newText: string }>): string {
  const lines = text.split("\n");
  const offset = (p: Range["start"]) => {
    let o = 0;
    for (let i = 0; i < p.line; i++) o += lines[i]!.length + 1;
    return o + p.character;
  };
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted)
    out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

export function byCode(diagnostics: Diagnostic[], code: string): Diagnostic[] {
  return diagnostics.filter((d) => d.code === code);
}

export type { TextEdit };

/** The 0-based line of the first line starting with `prefix`. */
export function lineOf(text: string, prefix: string): number {
  const line = text.split("\n").findIndex((l) => l.startsWith(prefix));
  if (line < 0) throw new Error(`no line starts with ${prefix}`);
  return line;
}

/** The text a range covers. */
export function textAt(text: string, range: Range): string {
  const line = text.split("\n")[range.start.line] ?? "";
  return line.slice(
    range.start.character,
    range.start.line === range.end.line ? range.end.character : undefined,
  );
}

/** The document without its YAML front matter, so settings decide the deal. */
export function withoutFrontMatter(text: string): string {
  return text.replace(/^---\n[\s\S]*?\n---\n/, "");
}

/** Waits a little: for asserting that nothing (more) arrives. */
export function pause(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
