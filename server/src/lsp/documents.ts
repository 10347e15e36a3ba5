/**
 * The latest analysis of each open document, so hovers, symbols, lenses and completions of one
 * version share one analysis. Each document keeps its own `Analyzer`: the analyzer's caches keep the
 * chunks and sections of the last text it saw, and sharing one between documents would make them
 * evict each other on every keystroke.
 */
import { fileURLToPath } from "node:url";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { Analyzer, type AnalysisResult, type AnalyzeOptions } from "../core/analyze";
import type { ClauseCheckerSettings } from "../shared/protocol";
import { matchesAnyGlob } from "../shared/glob";
import type { LoadedLibrary } from "./libraries";

export interface DocumentAnalysis {
  uri: string;
  version: number;
  languageId: string;
  result: AnalysisResult;
  library: LoadedLibrary;
  settings: ClauseCheckerSettings;
}

/** The file-system path of a `file:` URI, or undefined (untitled documents, other schemes). */
export function filePath(uri: string): string | undefined {
  if (!uri.startsWith("file:")) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** Decides whether `clauseChecker.files` forces a document to be read as an agreement. */
export function forcedAgreement(
  uri: string,
  globs: readonly string[],
  workspaceFolders: readonly string[],
): boolean {
  if (globs.length === 0) return false;
  const p = filePath(uri);
  if (p === undefined) return false;
  return matchesAnyGlob(globs, p, workspaceFolders, {
    nocase: process.platform === "win32" || process.platform === "darwin",
  });
}

/** Analyses open documents, one analyzer each, reusing the result while nothing it depends on changed. */
export class DocumentAnalyses {
  private readonly entries = new Map<string, { key: string; analysis: DocumentAnalysis }>();
  /** Each document's analyzer, and the options of its last analysis (for {@link analyzeInstead}). */
  private readonly analyzers = new Map<
    string,
    { libraryId: number; analyzer: Analyzer; options?: AnalyzeOptions }
  >();
  /** When the last analysis ended (`performance.now()`). */
  analysedAt = 0;

  /** The analysis of a document's current text with these settings and this library. */
  analyze(
    document: TextDocument,
    settings: ClauseCheckerSettings,
    library: LoadedLibrary,
    force: boolean,
  ): DocumentAnalysis {
    const ignore =
      settings.ignore.rules.length > 0 || settings.ignore.patterns.length > 0 ? settings.ignore : undefined;
    const key = [
      document.version,
      document.languageId,
      library.id,
      settings.dealModel,
      settings.party,
      force,
      JSON.stringify(ignore ?? null),
    ].join("|");
    const cached = this.entries.get(document.uri);
    if (cached && cached.key === key) return cached.analysis;
    let slot = this.analyzers.get(document.uri);
    if (!slot || slot.libraryId !== library.id) {
      slot = { libraryId: library.id, analyzer: new Analyzer(library.compiled) };
      this.analyzers.set(document.uri, slot);
    }
    const options: AnalyzeOptions = {
      languageId: document.languageId,
      // Settings are the fallback: the document's own front matter wins over them.
      deal: { model: settings.dealModel, party: settings.party },
      force,
      ...(ignore ? { ignore } : {}),
    };
    const result = slot.analyzer.analyze(document.getText(), options);
    this.analysedAt = performance.now();
    slot.options = options;
    const analysis: DocumentAnalysis = {
      uri: document.uri,
      version: document.version,
      languageId: document.languageId,
      result,
      library,
      settings,
    };
    this.entries.set(document.uri, { key, analysis });
    return analysis;
  }

  /** The last analysis made of a document, whatever its version. */
  last(uri: string): DocumentAnalysis | undefined {
    return this.entries.get(uri)?.analysis;
  }

  /**
   * Analyses another text as if it were the document's, with its analyzer and the options of its
   * last analysis, and keeps nothing of it but what the analyzer caches (undefined when the document
   * was never analysed). The document's own analysis stays its latest.
   */
  analyzeInstead(uri: string, text: string): AnalysisResult | undefined {
    const slot = this.analyzers.get(uri);
    return slot?.options ? slot.analyzer.analyze(text, slot.options) : undefined;
  }

  /** Forgets a closed document. */
  forget(uri: string): void {
    this.entries.delete(uri);
    this.analyzers.delete(uri);
  }
}
