/**
 * A minimal LSP client over stdio for the keystroke benchmark: start a server, open a document, send
 * single-character edits one at a time and time each until the server publishes diagnostics for it,
 * or, for a client that pulls as VS Code does, until it answers the pull that follows the edit.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { pathToFileURL } from "node:url";

interface Message {
  id?: number | string;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: unknown;
}

export interface Edit {
  line: number;
  character: number;
  text: string;
}

export interface KeystrokeResult {
  /** Time from starting the server's process to its first diagnostics, ms. */
  startMs: number;
  /** Time from didOpen to the first diagnostics, ms. */
  openMs: number;
  /** How many diagnostics the first publication held. */
  openDiagnostics: number;
  /** Keystroke-to-diagnostics latency per edit, ms, in edit order (null: timed out). */
  perEdit: Array<number | null>;
  /** For a pulling client: how many edits' pulls were answered "unchanged". */
  unchanged: number;
}

export interface ServerSpec {
  command: string;
  args: string[];
  cwd: string;
  /** Answer to each `workspace/configuration` item, by section. */
  configuration: (section: string | undefined) => unknown;
  /** The server tags diagnostics with the document version (else: the next publication after the edit counts). */
  versioned: boolean;
  /** The client pulls (`textDocument/diagnostic` with the previous result id after each change), as VS Code does. */
  pull?: boolean;
}

class Connection {
  private buffer = Buffer.alloc(0);
  /** Chunks received since `buffer`, and their bytes: a message of hundreds of KB arrives in many. */
  private chunks: Buffer[] = [];
  private chunkBytes = 0;
  /** Bytes `buffer` must hold before the message at its head is complete (0: header not read yet). */
  private needed = 0;
  private nextId = 1;
  private readonly pending = new Map<number, (m: Message) => void>();
  private readonly listeners: Array<(m: Message) => void> = [];

  constructor(
    readonly child: ChildProcessWithoutNullStreams,
    private readonly onRequest: (m: Message) => unknown,
  ) {
    child.stdout.on("data", (chunk: Buffer) => {
      // Joined only once the message is complete: joining per chunk copied a large message over and
      // over, and that time would have counted as the server's.
      this.chunks.push(chunk);
      this.chunkBytes += chunk.length;
      if (this.buffer.length + this.chunkBytes < this.needed) return;
      this.buffer = Buffer.concat([this.buffer, ...this.chunks]);
      this.chunks = [];
      this.chunkBytes = 0;
      this.drain();
    });
  }

  private drain(): void {
    for (;;) {
      const headerEnd = this.buffer.indexOf("\r\n\r\n");
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString("ascii");
      const length = Number(/Content-Length: (\d+)/i.exec(header)?.[1] ?? NaN);
      this.needed = headerEnd + 4 + length;
      if (this.buffer.length < this.needed) return;
      this.needed = 0;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString("utf8");
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(JSON.parse(body) as Message);
    }
  }

  private dispatch(m: Message): void {
    if (m.method !== undefined && m.id !== undefined) {
      this.send({ id: m.id, result: this.onRequest(m) ?? null });
      return;
    }
    if (m.method === undefined && typeof m.id === "number") {
      this.pending.get(m.id)?.(m);
      this.pending.delete(m.id);
      return;
    }
    for (const l of [...this.listeners]) l(m);
  }

  send(m: Message): void {
    const body = JSON.stringify({ jsonrpc: "2.0", ...m });
    this.child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }

  request(method: string, params: unknown): Promise<Message> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.send({ id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ method, params });
  }

  /** Resolves with the first notification that `accept` takes, or null after `timeoutMs`. */
  waitFor(accept: (m: Message) => boolean, timeoutMs: number): Promise<Message | null> {
    return new Promise((resolve) => {
      const listener = (m: Message) => {
        if (!accept(m)) return;
        clearTimeout(timer);
        this.listeners.splice(this.listeners.indexOf(listener), 1);
        resolve(m);
      };
      const timer = setTimeout(() => {
        this.listeners.splice(this.listeners.indexOf(listener), 1);
        resolve(null);
      }, timeoutMs);
      this.listeners.push(listener);
    });
  }
}

/** Opens `text` in a fresh server and times each edit until diagnostics for it arrive. */
export async function measureKeystrokes(
  server: ServerSpec,
  file: string,
  text: string,
  edits: Edit[],
  options: {
    openTimeoutMs: number;
    editTimeoutMs: number;
    budgetMs: number;
    /** A pause between the first diagnostics and the first edit, as a user reads before typing. */
    readMs?: number;
  },
): Promise<KeystrokeResult | { error: string }> {
  const spawned = performance.now();
  const child = spawn(server.command, server.args, { cwd: server.cwd, stdio: ["pipe", "pipe", "pipe"] });
  child.stderr.resume();
  const connection = new Connection(child, (m) => {
    if (m.method === "workspace/configuration") {
      const items = (m.params as { items: Array<{ section?: string }> }).items;
      return items.map((i) => server.configuration(i.section));
    }
    return null;
  });
  const uri = pathToFileURL(file).toString();
  const rootUri = pathToFileURL(server.cwd).toString();
  try {
    await connection.request("initialize", {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: "bench" }],
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true },
        textDocument: {
          synchronization: { dynamicRegistration: false },
          publishDiagnostics: { versionSupport: true },
          ...(server.pull ? { diagnostic: { dynamicRegistration: false } } : {}),
        },
      },
      initializationOptions: { workspaceTrusted: true },
    });
    connection.notify("initialized", {});
    const diagnosticsFor = (version: number) => (m: Message) => {
      if (m.method !== "textDocument/publishDiagnostics") return false;
      const p = m.params as { uri: string; version?: number };
      return p.uri === uri && (!server.versioned || p.version === version);
    };
    let resultId: string | undefined;
    let unchanged = 0;
    /** Sends a notification; resolves with the diagnostics it brings (their count), or null after `timeoutMs`. */
    const diagnosed = async (
      method: string,
      params: unknown,
      version: number,
      timeoutMs: number,
    ): Promise<number | null> => {
      if (!server.pull) {
        const published = connection.waitFor(diagnosticsFor(version), timeoutMs);
        connection.notify(method, params);
        const m = await published;
        return m ? (m.params as { diagnostics: unknown[] }).diagnostics.length : null;
      }
      connection.notify(method, params);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const m = await Promise.race([
        connection.request("textDocument/diagnostic", {
          textDocument: { uri },
          ...(resultId !== undefined ? { previousResultId: resultId } : {}),
        }),
        new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs))),
      ]);
      clearTimeout(timer);
      const report = m?.result as { kind: string; resultId?: string; items?: unknown[] } | undefined;
      if (!report) return null;
      resultId = report.resultId;
      if (report.kind === "unchanged") unchanged++;
      return report.items?.length ?? 0;
    };
    const opened = performance.now();
    const openDiagnostics = await diagnosed(
      "textDocument/didOpen",
      { textDocument: { uri, languageId: "markdown", version: 1, text } },
      1,
      options.openTimeoutMs,
    );
    if (openDiagnostics === null)
      return { error: `no diagnostics within ${options.openTimeoutMs / 1000} s of opening` };
    const openMs = performance.now() - opened;
    const startMs = performance.now() - spawned;
    if (options.readMs) await new Promise((resolve) => setTimeout(resolve, options.readMs));
    const perEdit: Array<number | null> = [];
    const started = performance.now();
    for (let k = 0; k < edits.length; k++) {
      if (performance.now() - started > options.budgetMs) break;
      const version = k + 2;
      const e = edits[k]!;
      const t = performance.now();
      const answer = diagnosed(
        "textDocument/didChange",
        {
          textDocument: { uri, version },
          contentChanges: [
            {
              range: {
                start: { line: e.line, character: e.character },
                end: { line: e.line, character: e.character },
              },
              text: e.text,
            },
          ],
        },
        version,
        options.editTimeoutMs,
      );
      perEdit.push((await answer) !== null ? performance.now() - t : null);
    }
    return { startMs, openMs, openDiagnostics, perEdit, unchanged };
  } finally {
    child.kill();
  }
}
