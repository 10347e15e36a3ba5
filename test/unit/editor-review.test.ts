/**
 * The editor's counterparty-review logic outside the wire: the client's helpers (client/src/review.ts,
 * free of `vscode`) and the server's reading of what the client sends (server/src/lsp/review.ts).
 */
import { describe, expect, it } from "vitest";
import {
  baseName,
  baselineDocument,
  BaselineRegistry,
  compareMessage,
  importMessage,
  isCheckedLanguage,
  isDocxName,
  toBase64,
  WEBVIEW_CSP,
  webviewHtml,
} from "../../client/src/review";
import { changeCounts, documentName, MAX_UPLOAD_BYTES, readBaseline } from "../../server/src/lsp/review";
import { makeDocx, SAMPLE_MARKDOWN, sampleAgreement } from "../fixtures/make-docx";

describe("client: files for the server", () => {
  it("baseName decodes the last path segment", () => {
    expect(baseName("/work/Draft%20v2.docx")).toBe("Draft v2.docx");
    expect(baseName("/work/contracts/")).toBe("contracts");
    expect(baseName("/bad%E0name.md")).toBe("bad%E0name.md");
    expect(baseName("Untitled-1")).toBe("Untitled-1");
  });

  it("isDocxName, isCheckedLanguage", () => {
    expect(isDocxName("Draft.DOCX")).toBe(true);
    expect(isDocxName("draft.docx.md")).toBe(false);
    expect(isCheckedLanguage("markdown")).toBe(true);
    expect(isCheckedLanguage("plaintext")).toBe(true);
    expect(isCheckedLanguage("yaml")).toBe(false);
  });

  it("toBase64 encodes exactly the view's bytes", () => {
    const backing = new Uint8Array([0, 1, 2, 0x50, 0x4b, 0xff, 9]);
    expect(toBase64(backing.subarray(3, 6))).toBe(Buffer.from([0x50, 0x4b, 0xff]).toString("base64"));
    expect(toBase64(new Uint8Array())).toBe("");
  });

  it("baselineDocument: an open text baseline goes as its (unsaved) text, anything else as bytes", async () => {
    let reads = 0;
    const read = () => {
      reads++;
      return Promise.resolve(new Uint8Array([104, 105]));
    };
    expect(await baselineDocument("base.md", { text: "# Base", languageId: "markdown" }, read)).toEqual({
      name: "base.md",
      text: "# Base",
      languageId: "markdown",
    });
    expect(await baselineDocument("base.txt", { text: "Base", languageId: "log" }, read)).toEqual({
      name: "base.txt",
      text: "Base",
    });
    expect(reads).toBe(0);
    expect(await baselineDocument("base.md", undefined, read)).toEqual({ name: "base.md", data: "aGk=" });
    // A .docx open somewhere is still sent as the file: the editor's view of it is not the document.
    expect(await baselineDocument("base.docx", { text: "PK…", languageId: "plaintext" }, read)).toEqual({
      name: "base.docx",
      data: "aGk=",
    });
    expect(reads).toBe(2);
  });
});

describe("client: BaselineRegistry", () => {
  it("remembers each draft's baseline as sent, to send again after a restart", () => {
    const registry = new BaselineRegistry();
    expect(registry.has(undefined)).toBe(false);
    registry.set("file:///a.md", { name: "base.md", text: "x" });
    registry.set("file:///b.md", { name: "base.docx", data: "UEsD" });
    registry.set("file:///a.md", { name: "round-2.md", text: "y" });
    expect(registry.size).toBe(2);
    expect(registry.has("file:///a.md")).toBe(true);
    expect(registry.name("file:///a.md")).toBe("round-2.md");
    expect(registry.requests()).toEqual([
      { textDocument: { uri: "file:///a.md" }, baseline: { name: "round-2.md", text: "y" } },
      { textDocument: { uri: "file:///b.md" }, baseline: { name: "base.docx", data: "UEsD" } },
    ]);
    expect(registry.delete("file:///a.md")).toBe(true);
    expect(registry.delete("file:///a.md")).toBe(false);
    expect(registry.has("file:///a.md")).toBe(false);
    expect(registry.name("file:///a.md")).toBeUndefined();
  });
});

describe("client: messages", () => {
  const result = (changes: Record<string, number>, findings: number, compared = true) => ({
    baseline: "template.md",
    compared,
    changes: { removed: 0, weakened: 0, strengthened: 0, added: 0, changed: 0, ...changes },
    findings,
  });

  it("compareMessage counts the changes in a fixed order and points at the Problems panel", () => {
    expect(compareMessage("draft.md", result({ weakened: 1, removed: 2, added: 1 }, 3))).toBe(
      "Clause Checker: draft.md compared with template.md: 2 removed, 1 weakened, 1 added. 3 findings in the Problems panel (removed-protection, weakened-term).",
    );
    expect(compareMessage("draft.md", result({ weakened: 1 }, 1))).toContain("1 finding in the Problems");
    expect(compareMessage("draft.md", result({ strengthened: 2 }, 0))).toBe(
      "Clause Checker: draft.md compared with template.md: 2 strengthened. Nothing moved against your side.",
    );
    expect(compareMessage("draft.md", result({}, 0))).toBe(
      "Clause Checker: draft.md compared with template.md: no clause or element changes.",
    );
    expect(compareMessage("draft.md", result({}, 0, false))).toBe(
      "Clause Checker: draft.md compared with template.md. The findings appear when the draft is checked.",
    );
  });

  it("importMessage says the Markdown is not saved yet, and counts numbers and notes", () => {
    expect(importMessage("draft.docx", { markdown: "", warnings: [], numbered: 0 })).toBe(
      "Clause Checker: draft.docx opened as Markdown. It is not saved yet: save it to keep it.",
    );
    expect(importMessage("draft.docx", { markdown: "", warnings: ["a", "b"], numbered: 1 })).toBe(
      "Clause Checker: draft.docx opened as Markdown, 1 automatic number written out. It is not saved yet: save it to keep it. The converter left 2 notes.",
    );
  });
});

describe("client: webviewHtml", () => {
  const csp = `<meta http-equiv="Content-Security-Policy" content="${WEBVIEW_CSP}">`;

  it("puts a policy without scripts or remote sources first in <head>", () => {
    expect(WEBVIEW_CSP).toBe("default-src 'none'; style-src 'unsafe-inline'");
    const page =
      '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>R</title>\n</head><body>x</body></html>';
    const out = webviewHtml(page);
    expect(out).toBe(page.replace("<head>", `<head>\n${csp}`));
    expect(webviewHtml('<html><HEAD lang="en"><title>R</title></HEAD></html>')).toContain(
      `<HEAD lang="en">\n${csp}`,
    );
  });

  it("wraps a fragment in a page with the policy", () => {
    expect(webviewHtml("<p>hi</p>")).toBe(
      `<!DOCTYPE html><html><head>${csp}</head><body><p>hi</p></body></html>`,
    );
    // <header> is not <head>.
    expect(webviewHtml("<header>x</header>")).toContain(`<head>${csp}</head><body><header>`);
  });
});

describe("server: reading what the client sends", () => {
  it("readBaseline: Markdown bytes, plain text, text as sent (BOM dropped), .docx converted", async () => {
    expect(
      await readBaseline({ name: "base.md", data: Buffer.from("\uFEFF# Base").toString("base64") }),
    ).toEqual({
      name: "base.md",
      text: "# Base",
      languageId: "markdown",
    });
    expect(await readBaseline({ name: "base.txt", data: Buffer.from("BASE").toString("base64") })).toEqual({
      name: "base.txt",
      text: "BASE",
      languageId: "plaintext",
    });
    expect(await readBaseline({ name: "base.txt", text: "x", languageId: "markdown" })).toEqual({
      name: "base.txt",
      text: "x",
      languageId: "markdown",
    });
    const docx = await makeDocx(sampleAgreement());
    expect(await readBaseline({ name: "our-template.docx", data: docx.toString("base64") })).toEqual({
      name: "our-template.docx",
      text: SAMPLE_MARKDOWN,
      languageId: "markdown",
    });
  });

  it("readBaseline refuses nothing sent, oversized uploads and a .docx that is not one", async () => {
    await expect(readBaseline({ name: "base.md" })).rejects.toThrow("no contents were sent for base.md");
    await expect(
      readBaseline({ name: "big.md", data: "A".repeat(Math.ceil((MAX_UPLOAD_BYTES * 4) / 3) + 8) }),
    ).rejects.toThrow("big.md is larger than 64 MB");
    await expect(
      readBaseline({ name: "t.docx", data: Buffer.from("text").toString("base64") }),
    ).rejects.toThrow("t.docx is not a Word document (.docx)");
  });

  it("documentName: a file's base name, else the URI's last segment", () => {
    expect(documentName("file:///work/deals/Draft%20v2.md")).toBe("Draft v2.md");
    expect(documentName("untitled:Untitled-1")).toBe("Untitled-1");
    expect(documentName("vscode-vfs://github/acme/deals/draft.md?ref=main")).toBe("draft.md");
  });

  it("changeCounts: every kind, zero when absent", () => {
    expect(changeCounts(undefined)).toEqual({
      removed: 0,
      weakened: 0,
      strengthened: 0,
      added: 0,
      changed: 0,
    });
    expect(
      changeCounts({ changes: [{ change: "removed" }, { change: "removed" }, { change: "added" }] }),
    ).toEqual({
      removed: 2,
      weakened: 0,
      strengthened: 0,
      added: 1,
      changed: 0,
    });
  });
});
