/**
 * Reports invalid clause-library files: one error notification per broken file (not one per re-check)
 * and a `library-error` diagnostic inside the file, cleared once the file is fixed. The diagnostics
 * are pushed whether or not the file is open, so the Problems panel lists a broken playbook even when
 * nobody has it open.
 */
import { readFileSync, statSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { DiagnosticSeverity, type Diagnostic, type PublishDiagnosticsParams } from "vscode-languageserver";
import type { LibraryError } from "../core/library";
import { SOURCE } from "./diagnostics";

export interface LibraryErrorSink {
  showError(message: string): void;
  publish(params: PublishDiagnosticsParams): void;
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** The diagnostic for one library error: the whole offending line (1-based in the error). */
export function libraryErrorDiagnostic(
  error: LibraryError,
  text: string | null,
  severity: DiagnosticSeverity | null,
): Diagnostic {
  const line = Math.max(0, error.line - 1);
  const lineText = text?.split(/\r?\n/)[line] ?? "";
  const lead = lineText.length - lineText.trimStart().length;
  return {
    range: {
      start: { line, character: lead },
      end: { line, character: Math.max(lead, lineText.trimEnd().length) },
    },
    severity: severity ?? DiagnosticSeverity.Error,
    code: "library-error",
    source: SOURCE,
    message: `${error.field ? `${error.field}: ` : ""}${error.detail}. This file is left out; the other clause-library files, built-in ones included, are still used.`,
  };
}

/** Tracks which library errors the user has been told about. */
export class LibraryErrorReporter {
  private readonly shown = new Set<string>();
  /** Diagnostics last published per library file URI, as JSON: unchanged ones are not sent again. */
  private published = new Map<string, string>();

  constructor(private readonly sink: LibraryErrorSink) {}

  /**
   * Reports library errors: a notification for each error not reported before, diagnostics for each
   * file with errors. With `complete`, `errors` is every error there is: files that had errors and no
   * longer do get empty diagnostics, and a fixed error is forgotten (so breaking it again notifies
   * again). A partial update (one more library loaded) only adds. `severity` null keeps errors as
   * errors; undefined ("off") publishes none.
   */
  update(errors: LibraryError[], severity: DiagnosticSeverity | null | undefined, complete = true): void {
    for (const e of errors) {
      if (this.shown.has(e.message)) continue;
      this.shown.add(e.message);
      this.sink.showError(
        `Clause Checker: invalid clause-library file ${e.message}. The built-in clause library is still in use.`,
      );
    }
    if (complete) {
      const current = new Set(errors.map((e) => e.message));
      for (const m of this.shown) if (!current.has(m)) this.shown.delete(m);
    }
    const byFile = new Map<string, LibraryError[]>();
    for (const e of errors) {
      if (!isFile(e.file)) continue;
      const list = byFile.get(e.file) ?? [];
      list.push(e);
      byFile.set(e.file, list);
    }
    const now = new Map<string, string>();
    for (const [file, list] of byFile) {
      const uri = pathToFileURL(file).toString();
      let text: string | null = null;
      try {
        text = readFileSync(file, "utf8");
      } catch {
        text = null;
      }
      const diagnostics =
        severity === undefined ? [] : list.map((e) => libraryErrorDiagnostic(e, text, severity));
      const json = JSON.stringify(diagnostics);
      if (this.published.get(uri) !== json) this.sink.publish({ uri, diagnostics });
      now.set(uri, json);
    }
    if (!complete) {
      for (const [uri, json] of now) this.published.set(uri, json);
      return;
    }
    for (const uri of this.published.keys()) if (!now.has(uri)) this.sink.publish({ uri, diagnostics: [] });
    this.published = now;
  }
}
