/**
 * Settings over the wire: `workspace/configuration` answers (good, null, junk) and
 * `workspace/didChangeConfiguration`, which re-checks open documents with the new settings.
 */
import { describe, expect, it } from "vitest";
import type { CodeLens, Diagnostic } from "vscode-languageserver";
import type { DiagnosticData } from "../../server/src/lsp/diagnostics";
import { byCode, LspTestClient, sampleText, sampleUri, textAt, withoutFrontMatter } from "./lspClient";

const DRAFT = "out-licensing-draft.md";
const uri = sampleUri(DRAFT);

function severityOf(diagnostics: Diagnostic[], clause: string): number | undefined {
  return byCode(diagnostics, "missing-clause").find((d) => (d.data as DiagnosticData).clause === clause)
    ?.severity;
}

describe("workspace/configuration", () => {
  it.each([
    ["null", null],
    ["a string", "junk"],
    ["an array", [1, 2]],
    ["wrong types", { dealModel: 7, severity: "loud", libraryPaths: {}, debounceMs: "never", files: 3 }],
  ])(
    "workspace/configuration answered with %s: the defaults apply and the server keeps working",
    async (_, answer) => {
      const { client } = await LspTestClient.start({ configuration: () => answer });
      try {
        await client.open(uri, sampleText(DRAFT));
        const { diagnostics } = await client.waitForDiagnostics(uri);
        expect(severityOf(diagnostics, "reversion")).toBe(1);
        expect(
          await client.request("textDocument/hover", {
            textDocument: { uri },
            position: { line: 0, character: 0 },
          }),
        ).toBeNull();
      } finally {
        await client.stop();
      }
    },
  );

  it("workspace/configuration is asked per document, with the document as scopeUri", async () => {
    const scopes: Array<string | undefined> = [];
    const { client } = await LspTestClient.start({
      configuration: (item) => {
        scopes.push(item.scopeUri);
        return {};
      },
    });
    try {
      await client.open(uri, sampleText(DRAFT));
      await client.waitForDiagnostics(uri);
      expect(scopes).toContain(uri);
      expect(scopes.every((s) => s === uri || s === undefined)).toBe(true);
    } finally {
      await client.stop();
    }
  });
});

describe("workspace/didChangeConfiguration", () => {
  it("didChangeConfiguration: switching dealModel to co-development makes the missing governance clause an error", async () => {
    let settings: Record<string, unknown> = { dealModel: "out-licensing" };
    const { client } = await LspTestClient.start({ configuration: () => settings });
    try {
      // Without front matter, the settings decide the deal.
      await client.open(uri, withoutFrontMatter(sampleText(DRAFT)));
      const before = (await client.waitForDiagnostics(uri)).diagnostics;
      expect(severityOf(before, "governance")).toBe(2);
      expect(severityOf(before, "minimum-commercial-investment")).toBe(1);
      const count = client.published(uri).length;
      settings = { dealModel: "co-development" };
      await client.notify("workspace/didChangeConfiguration", { settings: null });
      const after = (await client.waitForDiagnostics(uri, { after: count })).diagnostics;
      expect(severityOf(after, "governance")).toBe(1);
      expect(severityOf(after, "minimum-commercial-investment")).toBe(2);
      expect(
        byCode(after, "missing-clause").every((d) => (d.message as string).includes("co-development")),
      ).toBe(true);
    } finally {
      await client.stop();
    }
  });

  it("front matter wins: the draft's 'model: out-licensing' holds against a co-development setting", async () => {
    const { client } = await LspTestClient.start({ configuration: () => ({ dealModel: "co-development" }) });
    try {
      await client.open(uri, sampleText(DRAFT));
      const { diagnostics } = await client.waitForDiagnostics(uri);
      expect(severityOf(diagnostics, "governance")).toBe(2);
    } finally {
      await client.stop();
    }
  });

  it("severity: 'off' drops a rule and a level overrides the default", async () => {
    const { client } = await LspTestClient.start({
      configuration: () => ({
        severity: { "vague-obligation": "off", "weak-clause": "error", "missing-clause": "hint" },
      }),
    });
    try {
      await client.open(uri, sampleText(DRAFT));
      const { diagnostics } = await client.waitForDiagnostics(uri);
      expect(byCode(diagnostics, "vague-obligation")).toEqual([]);
      expect(byCode(diagnostics, "weak-clause").length).toBeGreaterThan(0);
      expect(byCode(diagnostics, "weak-clause").every((d) => d.severity === 1)).toBe(true);
      expect(byCode(diagnostics, "missing-clause").every((d) => d.severity === 4)).toBe(true);
    } finally {
      await client.stop();
    }
  });

  it("ignore: listed rules, and findings whose text matches a pattern, are not reported", async () => {
    const { client } = await LspTestClient.start({
      configuration: () => ({ ignore: { rules: ["weak-clause"], patterns: ["/^promptly$/i"] } }),
    });
    try {
      const text = sampleText(DRAFT);
      await client.open(uri, text);
      const { diagnostics } = await client.waitForDiagnostics(uri);
      expect(byCode(diagnostics, "weak-clause")).toEqual([]);
      const vague = byCode(diagnostics, "vague-obligation");
      expect(vague.length).toBeGreaterThan(0);
      expect(vague.map((d) => textAt(text, d.range).toLowerCase())).not.toContain("promptly");
      expect(severityOf(diagnostics, "reversion")).toBe(1);
    } finally {
      await client.stop();
    }
  });

  it("files: a glob forces ordinary Markdown to be checked as an agreement", async () => {
    const notes = sampleUri("not-an-agreement.md");
    let settings: Record<string, unknown> = {};
    const { client } = await LspTestClient.start({ configuration: () => settings });
    try {
      await client.open(notes, sampleText("not-an-agreement.md"));
      expect((await client.waitForDiagnostics(notes)).diagnostics).toEqual([]);
      const count = client.published(notes).length;
      settings = { files: ["samples/not-an-*.md"] };
      await client.notify("workspace/didChangeConfiguration", { settings: null });
      const forced = (await client.waitForDiagnostics(notes, { after: count })).diagnostics;
      expect(byCode(forced, "missing-clause").map((d) => (d.data as DiagnosticData).clause)).toContain(
        "reversion",
      );
    } finally {
      await client.stop();
    }
  });

  it("codeLens: false turns the lenses off", async () => {
    const { client } = await LspTestClient.start({ configuration: () => ({ codeLens: false }) });
    try {
      await client.open(uri, sampleText(DRAFT));
      await client.waitForDiagnostics(uri);
      expect(await client.request<CodeLens[]>("textDocument/codeLens", { textDocument: { uri } })).toEqual(
        [],
      );
    } finally {
      await client.stop();
    }
  });

  it("didChangeConfiguration from a client without workspace/configuration: the pushed settings are used", async () => {
    const { client } = await LspTestClient.start({ capabilities: { workspace: { configuration: false } } });
    try {
      await client.open(uri, withoutFrontMatter(sampleText(DRAFT)));
      expect(severityOf((await client.waitForDiagnostics(uri)).diagnostics, "governance")).toBe(2);
      const count = client.published(uri).length;
      await client.notify("workspace/didChangeConfiguration", {
        settings: { clauseChecker: { dealModel: "newco" } },
      });
      const after = (await client.waitForDiagnostics(uri, { after: count })).diagnostics;
      expect(severityOf(after, "governance")).toBe(1);
      expect(byCode(after, "missing-clause").every((d) => (d.message as string).includes("newco"))).toBe(
        true,
      );
    } finally {
      await client.stop();
    }
  });
});
