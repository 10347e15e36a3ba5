/** `initialize` and the transports: what the server announces, and that it runs over stdio and Node IPC alike. */
import { spawn } from "node:child_process";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { createMessageConnection, IPCMessageReader, IPCMessageWriter } from "vscode-jsonrpc/node";
import type { InitializeResult } from "vscode-languageserver";
import { LspTestClient, ROOT, SERVER } from "./lspClient";

describe("initialize", () => {
  const clients: LspTestClient[] = [];
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.stop()));
  });

  it("initialize: announces incremental sync, quick fixes and refactorings, completion, hover, symbols and code lens", async () => {
    const { client, result } = await LspTestClient.start();
    clients.push(client);
    const caps = result.capabilities;
    expect(caps.textDocumentSync).toEqual({ openClose: true, change: 2 });
    expect(caps.codeActionProvider).toEqual({
      codeActionKinds: ["quickfix", "refactor"],
      resolveProvider: false,
    });
    expect(caps.completionProvider?.triggerCharacters).toEqual([" ", "."]);
    expect(caps.hoverProvider).toBe(true);
    expect(caps.documentSymbolProvider).toBeTruthy();
    expect(caps.codeLensProvider).toBeTruthy();
    // This client does not pull diagnostics, so they are pushed and no provider is announced.
    expect(caps.diagnosticProvider).toBeUndefined();
    expect(result.serverInfo?.name).toBe("clause-checker");
  });

  it("initialize: announces a diagnostic provider to a client that pulls diagnostics", async () => {
    const { client, result } = await LspTestClient.start({
      capabilities: { textDocument: { diagnostic: { dynamicRegistration: false } } },
    });
    clients.push(client);
    expect(result.capabilities.diagnosticProvider).toEqual({
      identifier: "clause-checker",
      interFileDependencies: false,
      workspaceDiagnostics: false,
    });
  });

  it("initialized: registers for workspace/didChangeConfiguration of the clauseChecker section", async () => {
    const { client } = await LspTestClient.start();
    clients.push(client);
    const registration = await client.waitFor(
      () => client.registrations.find((r) => r.method === "workspace/didChangeConfiguration"),
      "the configuration registration",
    );
    expect(registration.registerOptions).toEqual({ section: "clauseChecker" });
  });

  it("initialize: a client with no capabilities and no options at all is served", async () => {
    const { client, result } = await LspTestClient.start({
      capabilities: { workspace: {}, textDocument: {} },
      initializationOptions: null,
    });
    clients.push(client);
    expect(result.capabilities.hoverProvider).toBe(true);
  });

  it("--node-ipc: the server speaks LSP over Node IPC, as the VS Code client starts it", async () => {
    const child = spawn(process.execPath, [SERVER, "--node-ipc"], {
      cwd: ROOT,
      stdio: ["pipe", "pipe", "pipe", "ipc"],
    });
    const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    connection.listen();
    try {
      const result = await connection.sendRequest<InitializeResult>("initialize", {
        processId: process.pid,
        rootUri: pathToFileURL(ROOT).toString(),
        capabilities: {},
      });
      expect(result.capabilities.textDocumentSync).toEqual({ openClose: true, change: 2 });
      await connection.sendRequest("shutdown");
      await connection.sendNotification("exit");
    } finally {
      connection.dispose();
      if (child.exitCode === null) child.kill();
    }
  });
});
