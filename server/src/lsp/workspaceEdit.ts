/**
 * Converts a core fix (edits in snippet syntax) into the workspace edit a client can apply: LSP 3.18
 * `SnippetTextEdit`s when it advertises `workspace.workspaceEdit.snippetEditSupport`, so the inserted
 * clause has tab stops to fill; otherwise plain `TextEdit`s with every placeholder at its default.
 */
import type { SnippetTextEdit, TextEdit, WorkspaceEdit } from "vscode-languageserver";
import { snippetToPlain } from "../core/snippet";
import type { Fix } from "../core/types";

export interface EditCapabilities {
  snippetEdits: boolean;
  documentChanges: boolean;
}

/**
 * Builds the workspace edit of a fix. `version` is the document version the fix was computed for:
 * a client rejects a versioned edit when the document has moved on, rather than misplacing the text.
 */
export function fixToWorkspaceEdit(
  fix: Fix,
  uri: string,
  version: number | null,
  caps: EditCapabilities,
): WorkspaceEdit {
  if (caps.snippetEdits) {
    const edits: SnippetTextEdit[] = fix.edits.map((e) => ({
      range: e.range,
      snippet: { kind: "snippet", value: e.snippet },
    }));
    return { documentChanges: [{ textDocument: { uri, version }, edits }] };
  }
  const edits: TextEdit[] = fix.edits.map((e) => ({ range: e.range, newText: snippetToPlain(e.snippet) }));
  if (caps.documentChanges) return { documentChanges: [{ textDocument: { uri, version }, edits }] };
  return { changes: { [uri]: edits } };
}
