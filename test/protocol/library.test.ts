/**
 * Team playbooks (`clauseChecker.libraryPaths`): a folder that overrides a built-in clause, file
 * watching (`workspace/didChangeWatchedFiles` re-checks open agreements), an invalid file (one error
 * notification, a `library-error` diagnostic inside it, the built-in library still working), and
 * workspace trust.
 */
import { afterAll, describe, expect, it } from "vitest";
import type {
  Diagnostic,
  DidChangeWatchedFilesRegistrationOptions,
  FileSystemWatcher,
} from "vscode-languageserver";
import type { DiagnosticData } from "../../server/src/lsp/diagnostics";
import { byCode, LspTestClient, pause, sampleText, sampleUri } from "./lspClient";
import { builtinClauseFile, governanceRequired, Playbook } from "./playbook";

const DRAFT = "out-licensing-draft.md";
const uri = sampleUri(DRAFT);

function governance(diagnostics: Diagnostic[]): Diagnostic | undefined {
  return byCode(diagnostics, "missing-clause").find(
    (d) => (d.data as DiagnosticData).clause === "governance",
  );
}

function changed(file: string, type = 2) {
  return { changes: [{ uri: file, type }] };
}

describe("clauseChecker.libraryPaths", () => {
  const playbooks: Playbook[] = [];
  afterAll(() => playbooks.forEach((p) => p.remove()));
  function playbook(): Playbook {
    const p = new Playbook();
    playbooks.push(p);
    return p;
  }

  it("a playbook folder overrides a built-in clause by id: governance becomes required for out-licensing", async () => {
    const p = playbook();
    p.write("governance.yaml", governanceRequired());
    const { client } = await LspTestClient.start({ configuration: () => ({ libraryPaths: [p.dir] }) });
    try {
      await client.open(uri, sampleText(DRAFT));
      const { diagnostics } = await client.waitForDiagnostics(uri);
      expect(governance(diagnostics)!.severity).toBe(1);
      expect(governance(diagnostics)!.message).toMatch(/required for out-licensing/);
      // The other clauses still come from the built-in library.
      expect(
        byCode(diagnostics, "missing-clause")
          .map((d) => (d.data as DiagnosticData).clause)
          .sort(),
      ).toEqual(["governance", "minimum-commercial-investment", "reversion"]);
      expect(client.messages()).toEqual([]);
    } finally {
      await client.stop();
    }
  });

  it("client/registerCapability: the server watches the playbook folder's YAML files", async () => {
    const p = playbook();
    p.write("governance.yaml", governanceRequired());
    const { client } = await LspTestClient.start({ configuration: () => ({ libraryPaths: [p.dir] }) });
    try {
      const registration = await client.waitFor(
        () => client.registrations.find((r) => r.method === "workspace/didChangeWatchedFiles"),
        "a watcher registration",
      );
      const watchers = (registration.registerOptions as DidChangeWatchedFilesRegistrationOptions).watchers;
      expect(watchers).toEqual<FileSystemWatcher[]>([
        { globPattern: { baseUri: p.uri("").replace(/\/$/, ""), pattern: "*.{yaml,yml}" } },
      ]);
    } finally {
      await client.stop();
    }
  });

  it("workspace/didChangeWatchedFiles: editing a playbook file re-checks the open agreement", async () => {
    const p = playbook();
    p.write("governance.yaml", governanceRequired());
    const { client } = await LspTestClient.start({ configuration: () => ({ libraryPaths: [p.dir] }) });
    try {
      await client.open(uri, sampleText(DRAFT));
      expect(governance((await client.waitForDiagnostics(uri)).diagnostics)!.severity).toBe(1);
      const count = client.published(uri).length;
      p.write("governance.yaml", builtinClauseFile("governance"));
      await client.notify("workspace/didChangeWatchedFiles", changed(p.uri("governance.yaml")));
      const after = await client.waitForDiagnostics(uri, { after: count });
      expect(after.version).toBe(1);
      expect(governance(after.diagnostics)!.severity).toBe(2);
    } finally {
      await client.stop();
    }
  });

  it("workspace/didChangeWatchedFiles for a file outside every playbook folder: nothing is re-checked", async () => {
    const p = playbook();
    const { client } = await LspTestClient.start({ configuration: () => ({ libraryPaths: [p.dir] }) });
    try {
      await client.open(uri, sampleText(DRAFT));
      await client.waitForDiagnostics(uri);
      const count = client.published(uri).length;
      await client.notify("workspace/didChangeWatchedFiles", changed(sampleUri("notes.yaml")));
      await pause(300);
      expect(client.published(uri).length).toBe(count);
    } finally {
      await client.stop();
    }
  });

  it("an invalid playbook file: one window/showMessage error naming file:line, a library-error diagnostic in the file, the built-in library still works", async () => {
    const p = playbook();
    // A field the schema does not allow, right after the title.
    const broken = builtinClauseFile("governance").split("\n");
    const line = broken.findIndex((l) => l.startsWith("title:")) + 1;
    broken.splice(line, 0, "colour: blue");
    p.write("governance.yaml", broken.join("\n"));
    const { client } = await LspTestClient.start({ configuration: () => ({ libraryPaths: [p.dir] }) });
    try {
      await client.open(uri, sampleText(DRAFT));
      const { diagnostics } = await client.waitForDiagnostics(uri);
      // The broken override is left out: governance is checked by the built-in definition.
      expect(governance(diagnostics)!.severity).toBe(2);
      expect(byCode(diagnostics, "missing-clause").length).toBe(3);

      const message = await client.waitFor(() => client.messages()[0], "an error message");
      expect(message.type).toBe(1);
      expect(message.message).toContain(
        `${p.dir}/governance.yaml:${line + 1}: colour: unknown field "colour"`,
      );
      expect(message.message).toMatch(/colour/);

      const fileDiagnostics = await client.waitForDiagnostics(p.uri("governance.yaml"));
      expect(fileDiagnostics.diagnostics).toHaveLength(1);
      const [d] = fileDiagnostics.diagnostics;
      expect(d!.code).toBe("library-error");
      expect(d!.source).toBe("clause-checker");
      expect(d!.severity).toBe(1);
      expect(d!.range).toEqual({
        start: { line, character: 0 },
        end: { line, character: "colour: blue".length },
      });

      // Re-checks (a configuration change) do not repeat the notification.
      const beforeChange = client.published(uri).length;
      await client.notify("workspace/didChangeConfiguration", { settings: null });
      await client.waitForDiagnostics(uri, { after: beforeChange });
      await pause(500);
      expect(client.messages()).toHaveLength(1);

      // Fixing the file clears its diagnostic and brings the override back.
      const count = client.published(uri).length;
      const fileCount = client.published(p.uri("governance.yaml")).length;
      p.write("governance.yaml", governanceRequired());
      await client.notify("workspace/didChangeWatchedFiles", changed(p.uri("governance.yaml")));
      await client.waitFor(
        () =>
          client
            .published(p.uri("governance.yaml"))
            .slice(fileCount)
            .find((x) => x.diagnostics.length === 0),
        "cleared diagnostics",
      );
      expect(governance((await client.waitForDiagnostics(uri, { after: count })).diagnostics)!.severity).toBe(
        1,
      );
    } finally {
      await client.stop();
    }
  });

  it("an invalid file is reported even when no agreement is open", async () => {
    const p = playbook();
    p.write("supply.yaml", "id: supply\ntitle: [unclosed\n");
    const { client } = await LspTestClient.start({ configuration: () => ({ libraryPaths: [p.dir] }) });
    try {
      const message = await client.waitFor(() => client.messages()[0], "an error message");
      expect(message.message).toMatch(/supply\.yaml:\d+: invalid YAML/);
      const { diagnostics } = await client.waitForDiagnostics(p.uri("supply.yaml"));
      expect(diagnostics.map((d) => d.code)).toEqual(["library-error"]);
    } finally {
      await client.stop();
    }
  });

  it("untrusted workspace: libraryPaths are ignored with one message; clauseChecker/didChangeWorkspaceTrust brings them in", async () => {
    const p = playbook();
    p.write("governance.yaml", governanceRequired());
    const { client } = await LspTestClient.start({
      configuration: () => ({ libraryPaths: [p.dir] }),
      initializationOptions: { workspaceTrusted: false },
    });
    try {
      await client.open(uri, sampleText(DRAFT));
      const { diagnostics } = await client.waitForDiagnostics(uri);
      expect(governance(diagnostics)!.severity).toBe(2);
      await client.open(sampleUri("co-development-agreement.md"), sampleText("co-development-agreement.md"));
      await client.waitForDiagnostics(sampleUri("co-development-agreement.md"));
      await pause(200);
      const messages = client.messages();
      expect(messages).toHaveLength(1);
      expect(messages[0]!.type).toBe(3);
      expect(messages[0]!.message).toMatch(/not trusted.*libraryPaths/);

      const count = client.published(uri).length;
      await client.notify("clauseChecker/didChangeWorkspaceTrust", { trusted: true });
      const trusted = await client.waitForDiagnostics(uri, { after: count });
      expect(governance(trusted.diagnostics)!.severity).toBe(1);
    } finally {
      await client.stop();
    }
  });

  it("clauseChecker/libraryFiles: the built-in files, then the playbook's", async () => {
    const p = playbook();
    p.write("governance.yaml", governanceRequired());
    const { client } = await LspTestClient.start({ configuration: () => ({ libraryPaths: [p.dir] }) });
    try {
      await client.open(uri, sampleText(DRAFT));
      const files = await client.request<Array<{ uri: string; description: string }>>(
        "clauseChecker/libraryFiles",
        { textDocument: { uri } },
      );
      expect(files.at(-1)).toEqual({
        uri: p.uri("governance.yaml"),
        label: "governance.yaml",
        description: p.dir,
      });
      expect(files.filter((f) => f.description === "built-in").length).toBeGreaterThanOrEqual(9);
    } finally {
      await client.stop();
    }
  });
});
