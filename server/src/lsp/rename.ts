/**
 * Rename a defined term everywhere (textDocument/prepareRename and textDocument/rename): its
 * definitions and every use, each use keeping its plural or singular form and possessive ending. Only
 * defined terms can be renamed; anything else, and a new name the agreement cannot take (empty,
 * quoted, already defined), is refused with a `ResponseError` whose message the editor shows.
 */
import {
  LSPErrorCodes,
  ResponseError,
  type Position,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from "vscode-languageserver";
import { renameTermEdits, type TermTarget } from "../core/navigation";
import { targetAt } from "./definition";
import type { DocumentAnalysis } from "./documents";

export const NOT_A_TERM =
  "Only a defined term can be renamed: put the cursor on a term the agreement defines.";

function refuse(message: string): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestFailed, message);
}

function termTargetAt(analysis: DocumentAnalysis, position: Position): TermTarget {
  const target = targetAt(analysis, position);
  if (!target || target.kind !== "term") throw refuse(NOT_A_TERM);
  return target;
}

/** The range to rename and the term as defined (so "Licensed Products" offers "Licensed Product"). */
export function prepareRename(
  analysis: DocumentAnalysis,
  position: Position,
): { range: Range; placeholder: string } {
  const target = termTargetAt(analysis, position);
  return { range: target.range, placeholder: target.term };
}

/**
 * The workspace edit renaming the term at a position, versioned with the analysed document version
 * when the client takes `documentChanges` (so a client never applies it to a newer text).
 */
export function renameEdit(
  analysis: DocumentAnalysis,
  position: Position,
  newName: string,
  documentChanges: boolean,
): WorkspaceEdit {
  const target = termTargetAt(analysis, position);
  const result = renameTermEdits(target, newName);
  if ("error" in result) throw refuse(result.error);
  const edits: TextEdit[] = result.edits.map((e) => ({ range: e.range, newText: e.newText }));
  if (documentChanges)
    return { documentChanges: [{ textDocument: { uri: analysis.uri, version: analysis.version }, edits }] };
  return { changes: { [analysis.uri]: edits } };
}
