/**
 * Code actions: each diagnostic's fixes as quick fixes, read from `diagnostic.data` (no second
 * analysis per lightbulb) and followed by "Ignore <rule> here", made from the diagnostic's rule and
 * line; and "Insert clause…" refactorings that insert a template at the cursor line. The refactorings
 * are offered only when the user asks (Ctrl+. or the Refactor menu): offered automatically they
 * would put a lightbulb on every line of every agreement.
 */
import {
  CodeActionKind,
  CodeActionTriggerKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
} from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { suppressionFixer } from "../core/suppress";
import { LineIndex } from "../core/text";
import type { Fix } from "../core/types";
import { SOURCE, type DiagnosticData } from "./diagnostics";
import type { DocumentAnalysis } from "./documents";
import { templateInsertions } from "./templates";
import { fixToWorkspaceEdit, type EditCapabilities } from "./workspaceEdit";

/** Decides whether a code action kind was asked for (`only` lists kinds and their parents). */
export function kindWanted(kind: string, only: readonly string[] | undefined): boolean {
  return !only || only.length === 0 || only.some((k) => kind === k || kind.startsWith(`${k}.`));
}

function isPosition(p: unknown): boolean {
  const q = p as { line?: unknown; character?: unknown } | null;
  return typeof q === "object" && q !== null && Number.isInteger(q.line) && Number.isInteger(q.character);
}

/** Decides whether `data.fixes` from a client is a list of fixes: it round-trips through the editor, so trust nothing. */
function fixesOf(diagnostic: Diagnostic): Fix[] {
  const data = diagnostic.data as DiagnosticData | undefined;
  const fixes = data && Array.isArray(data.fixes) ? data.fixes : [];
  return fixes.filter(
    (f) =>
      typeof f === "object" &&
      f !== null &&
      typeof f.title === "string" &&
      Array.isArray(f.edits) &&
      f.edits.every(
        (e) => typeof e?.snippet === "string" && isPosition(e.range?.start) && isPosition(e.range?.end),
      ),
  );
}

/**
 * The quick fixes of the request's diagnostics: those carried in their data, then the Ignore fix
 * that `ignoreFix` makes from a diagnostic's rule and first line. `reportedVersion` is the document
 * version those diagnostics were computed for; when the document has moved on the fixes' ranges are
 * stale, so none are offered until the next check.
 */
export function quickFixes(
  params: CodeActionParams,
  reportedVersion: number | undefined,
  currentVersion: number,
  caps: EditCapabilities,
  ignoreFix: (rule: string, line: number) => Fix | null,
): CodeAction[] {
  if (!kindWanted(CodeActionKind.QuickFix, params.context.only)) return [];
  if (reportedVersion !== currentVersion) return [];
  const uri = params.textDocument.uri;
  const actions: CodeAction[] = [];
  for (const diagnostic of params.context.diagnostics) {
    if (diagnostic.source !== SOURCE) continue;
    const fixes = fixesOf(diagnostic);
    const start = diagnostic.range?.start;
    const ignore =
      typeof diagnostic.code === "string" && isPosition(start)
        ? ignoreFix(diagnostic.code, start.line)
        : null;
    if (ignore) fixes.push(ignore);
    fixes.forEach((fix, i) => {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        ...(i === 0 ? { isPreferred: true } : {}),
        edit: fixToWorkspaceEdit(fix, uri, reportedVersion, caps),
      });
    });
  }
  return actions;
}

/**
 * Makes the Ignore fix for a document's current text, from the latest analysis's line index when
 * that analysis is of this version. The document is read only when a fix is asked for: most
 * code-action requests come from the cursor moving, with no diagnostic under it.
 */
export function ignoreFixer(
  document: TextDocument,
  latest: DocumentAnalysis | undefined,
): (rule: string, line: number) => Fix | null {
  let fixer: ((rule: string, line: number) => Fix | null) | undefined;
  return (rule, line) => {
    if (!fixer) {
      const lines =
        latest?.version === document.version ? latest.result.lines : new LineIndex(document.getText());
      fixer = suppressionFixer(lines, lines.text, document.languageId !== "plaintext");
    }
    return fixer(rule, line);
  };
}

/** Decides whether the user asked for refactorings (Ctrl+., the Refactor menu), not just a lightbulb check. */
export function wantsInsertClause(params: CodeActionParams): boolean {
  const only = params.context.only;
  const asked = (only?.length ?? 0) > 0 || params.context.triggerKind !== CodeActionTriggerKind.Automatic;
  return asked && kindWanted(CodeActionKind.Refactor, only);
}

/** "Insert clause: …" refactorings, one per template fitting the deal, inserting at the cursor line's start. */
export function insertClauseActions(
  params: CodeActionParams,
  analysis: DocumentAnalysis,
  caps: EditCapabilities,
): CodeAction[] {
  if (!wantsInsertClause(params) || !analysis.result.agreement) return [];
  const line = params.range.start.line;
  const at = { line, character: 0 };
  return templateInsertions(analysis.result, analysis.library.compiled, analysis.languageId, line).map(
    (t) => ({
      title: `Insert clause: ${t.label}`,
      kind: CodeActionKind.Refactor,
      edit: fixToWorkspaceEdit(
        { title: t.label, edits: [{ range: { start: at, end: at }, snippet: t.snippet }] },
        params.textDocument.uri,
        analysis.version,
        caps,
      ),
    }),
  );
}
