/**
 * The client's side of counterparty review, kept free of `vscode` so it can be unit-tested: encoding
 * files for the server, the baselines the user chose (to send again after a server restart), the
 * messages shown after a conversion or comparison, and the page a webview shows. The server does the
 * work; these only package requests and present answers.
 */
import type { BaselineDocument, ImportDocxResult, SetBaselineResult } from "../../server/src/shared/protocol";

/** The file-dialog filter for Word drafts. */
export const WORD_FILTERS: Record<string, string[]> = { "Word documents": ["docx"] };

/** The file-dialog filter for baselines: our template or the previous round, in any format the server reads. */
export const BASELINE_FILTERS: Record<string, string[]> = {
  Agreements: ["md", "markdown", "txt", "docx"],
  "All files": ["*"],
};

/** The webview panel type of the review report (menus use it in `activeWebviewPanelId` when-clauses). */
export const REPORT_VIEW_TYPE = "clauseChecker.reviewReport";

/** The context key that says the active editor's document has a baseline. */
export const HAS_BASELINE_CONTEXT = "clauseChecker.hasBaseline";

/** Languages the server checks. */
export function isCheckedLanguage(languageId: string): boolean {
  return languageId === "markdown" || languageId === "plaintext";
}

/** The last segment of a URI path, decoded ("/work/Draft%20v2.docx" → "Draft v2.docx"). */
export function baseName(uriPath: string): string {
  const last = uriPath.replace(/\/+$/, "").split("/").pop() ?? "";
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** True for a Word file name. */
export function isDocxName(name: string): boolean {
  return /\.docx$/i.test(name);
}

/** Encodes file bytes for a request (JSON cannot carry binary). */
export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

/**
 * How a baseline file travels to the server: the editor's text when it is open in a text editor (so
 * unsaved changes count), else the file's bytes (a .docx is converted by the server).
 */
export async function baselineDocument(
  name: string,
  open: { text: string; languageId: string } | undefined,
  readBytes: () => PromiseLike<Uint8Array>,
): Promise<BaselineDocument> {
  if (open && !isDocxName(name)) {
    return {
      name,
      text: open.text,
      ...(isCheckedLanguage(open.languageId) ? { languageId: open.languageId } : {}),
    };
  }
  return { name, data: toBase64(await readBytes()) };
}

/**
 * The baselines the user set, by draft URI, as they were sent: the server forgets them when it
 * restarts, so the client sends them again. A draft's entry goes when it is cleared or closed.
 */
export class BaselineRegistry {
  private readonly entries = new Map<string, BaselineDocument>();

  set(draftUri: string, baseline: BaselineDocument): void {
    this.entries.set(draftUri, baseline);
  }

  /** Forgets a draft's baseline; false when it had none. */
  delete(draftUri: string): boolean {
    return this.entries.delete(draftUri);
  }

  has(draftUri: string | undefined): boolean {
    return draftUri !== undefined && this.entries.has(draftUri);
  }

  name(draftUri: string): string | undefined {
    return this.entries.get(draftUri)?.name;
  }

  /** The requests that restore every baseline on a fresh server. */
  requests(): Array<{ textDocument: { uri: string }; baseline: BaselineDocument }> {
    return [...this.entries].map(([uri, baseline]) => ({ textDocument: { uri }, baseline }));
  }

  get size(): number {
    return this.entries.size;
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** The message after a comparison: what changed, or that nothing did. */
export function compareMessage(draftName: string, result: SetBaselineResult): string {
  const head = `Clause Checker: ${draftName} compared with ${result.baseline}`;
  if (!result.compared) return `${head}. The findings appear when the draft is checked.`;
  const order = ["removed", "weakened", "strengthened", "added", "changed"];
  const parts = order.filter((k) => (result.changes[k] ?? 0) > 0).map((k) => `${result.changes[k]} ${k}`);
  if (parts.length === 0) return `${head}: no clause or element changes.`;
  const findings =
    result.findings > 0
      ? ` ${plural(result.findings, "finding")} in the Problems panel (removed-protection, weakened-term).`
      : " Nothing moved against your side.";
  return `${head}: ${parts.join(", ")}.${findings}`;
}

/** The message after converting a Word draft. */
export function importMessage(docxName: string, result: ImportDocxResult): string {
  const numbered = result.numbered > 0 ? `, ${plural(result.numbered, "automatic number")} written out` : "";
  const notes =
    result.warnings.length > 0 ? ` The converter left ${plural(result.warnings.length, "note")}.` : "";
  return `Clause Checker: ${docxName} opened as Markdown${numbered}. It is not saved yet: save it to keep it.${notes}`;
}

/** What a webview may load: nothing but the page's own inline styles. No scripts, no remote sources. */
export const WEBVIEW_CSP = "default-src 'none'; style-src 'unsafe-inline'";

/**
 * The server's report page made safe to show in a webview: a Content-Security-Policy that forbids
 * scripts and every remote source goes first in `<head>` (a page's own, stricter policy still
 * applies too: browsers enforce every policy given).
 */
export function webviewHtml(page: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${WEBVIEW_CSP}">`;
  const head = /<head(?:\s[^>]*)?>/i.exec(page);
  if (head)
    return page.slice(0, head.index + head[0].length) + "\n" + meta + page.slice(head.index + head[0].length);
  return `<!DOCTYPE html><html><head>${meta}</head><body>${page}</body></html>`;
}
