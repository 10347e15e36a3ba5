/**
 * Delivers diagnostics: pushed (`textDocument/publishDiagnostics` with the document version) after a
 * debounce while the user types, or pulled (`textDocument/diagnostic`) when the client supports it.
 * A pulled report carries a result id naming its content; when the client already holds that
 * content, the answer is "unchanged" and the diagnostics are not sent again. Every check is tagged
 * with a per-document generation: a check that a newer change, close or configuration change
 * overtook is dropped, and no version is ever published after a newer one.
 */
import { createHash } from "node:crypto";
import {
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type PublishDiagnosticsParams,
} from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { ClauseCheckerSettings } from "../shared/protocol";
import { analysisDiagnostics, findingDiagnostics } from "./diagnostics";
import type { Workspace } from "./workspace";

export interface PublisherOptions {
  workspace: Workspace;
  /** Push diagnostics (false: the client pulls them). */
  push: boolean;
  ruleDocs: (rule: string) => string | undefined;
  publish: (params: PublishDiagnosticsParams) => void;
  /** Asks a pulling client to pull again (`workspace/diagnostic/refresh`). */
  refresh: () => void;
  log: (message: string) => void;
}

function sleep(ms: number, token?: CancellationToken): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      disposable?.dispose();
      resolve();
    }, ms);
    const disposable = token?.onCancellationRequested(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * Names a report's content: equal diagnostics (their fixes included) get equal ids. Typing inside a
 * paragraph usually leaves every diagnostic as it was, and a heavy agreement's are hundreds of KB.
 */
function resultIdOf(diagnostics: Diagnostic[]): string {
  const hash = createHash("sha1");
  // One diagnostic at a time (JSON has no raw line break to confuse with the separator): the whole
  // report as one string is hundreds of KB of fresh memory, several milliseconds to get on a keystroke.
  for (const d of diagnostics) hash.update(JSON.stringify(d)).update("\n");
  return hash.digest("base64url");
}

/** Checks open documents and delivers their diagnostics. */
export class DiagnosticsPublisher {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly generations = new Map<string, number>();
  private readonly published = new Map<string, number>();
  private readonly lastChange = new Map<string, number>();
  /** The document version whose diagnostics (and so whose fixes) the client holds. */
  private readonly reported = new Map<string, number>();

  constructor(private readonly options: PublisherOptions) {}

  /** The version the client's diagnostics of a document were computed for. */
  reportedVersion(uri: string): number | undefined {
    return this.reported.get(uri);
  }

  private bump(uri: string): number {
    const generation = (this.generations.get(uri) ?? 0) + 1;
    this.generations.set(uri, generation);
    return generation;
  }

  /** A document was opened: check it at once. */
  opened(uri: string): void {
    if (this.options.push) void this.validate(uri, this.bump(uri));
  }

  /** A document changed: check it once the user pauses for `debounceMs`. */
  changed(uri: string): void {
    this.lastChange.set(uri, Date.now());
    if (!this.options.push) return;
    const generation = this.bump(uri);
    void this.options.workspace.settings.get(uri).then((settings) => {
      if (this.generations.get(uri) !== generation) return;
      clearTimeout(this.timers.get(uri));
      this.timers.delete(uri);
      if (settings.debounceMs === 0) {
        void this.validate(uri, generation);
        return;
      }
      this.timers.set(
        uri,
        setTimeout(() => {
          this.timers.delete(uri);
          void this.validate(uri, generation);
        }, settings.debounceMs),
      );
    });
  }

  /** A document was closed: drop pending checks and clear its diagnostics. */
  closed(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.bump(uri);
    this.published.delete(uri);
    this.reported.delete(uri);
    this.lastChange.delete(uri);
    if (this.options.push) this.options.publish({ uri, diagnostics: [] });
  }

  /** Settings or a library changed: check every open document again. */
  revalidateAll(): void {
    if (!this.options.push) {
      this.options.refresh();
      return;
    }
    for (const document of this.options.workspace.documents.all()) {
      clearTimeout(this.timers.get(document.uri));
      this.timers.delete(document.uri);
      void this.validate(document.uri, this.bump(document.uri));
    }
  }

  /** One document's inputs changed (its baseline was set or cleared): check it again now. */
  revalidate(uri: string): void {
    if (!this.options.push) {
      this.options.refresh();
      return;
    }
    if (!this.options.workspace.documents.get(uri)) return;
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    void this.validate(uri, this.bump(uri));
  }

  /**
   * The diagnostics of a document's current text: its analysis, then its comparison with a baseline
   * when it has one. A failing comparison is logged and leaves the analysis's diagnostics standing.
   */
  private diagnosticsOf(document: TextDocument, settings: ClauseCheckerSettings): Diagnostic[] {
    const { workspace, ruleDocs, log } = this.options;
    const uri = document.uri;
    let diagnostics: Diagnostic[] = [];
    try {
      const analysis = workspace.analyzeNow(document, settings);
      diagnostics = analysisDiagnostics(analysis.result, uri, settings.severity, ruleDocs);
      if (workspace.baselines.has(uri)) {
        try {
          const findings = workspace.baselines.findings(analysis);
          for (const d of findingDiagnostics(findings, uri, settings.severity, ruleDocs)) diagnostics.push(d);
        } catch (error) {
          log(`comparing ${uri} with its baseline failed: ${(error as Error).stack ?? String(error)}`);
        }
      }
    } catch (error) {
      log(`checking ${uri} failed: ${(error as Error).stack ?? String(error)}`);
      return [];
    }
    return diagnostics;
  }

  private async validate(uri: string, generation: number): Promise<void> {
    const { workspace } = this.options;
    const settings = await workspace.settings.get(uri);
    if (this.generations.get(uri) !== generation) return;
    const document = workspace.documents.get(uri);
    if (!document) return;
    // On error, publish nothing rather than keep the previous version's findings: a wrong squiggle is worse than none.
    const diagnostics = this.diagnosticsOf(document, settings);
    const last = this.published.get(uri);
    if (last !== undefined && document.version < last) return;
    this.published.set(uri, document.version);
    this.reported.set(uri, document.version);
    this.options.publish({ uri, version: document.version, diagnostics });
  }

  /**
   * Answers `textDocument/diagnostic`, waiting out the debounce after a recent change: "unchanged"
   * when `previousResultId` (the client's report) names the same diagnostics.
   */
  async pull(
    uri: string,
    token: CancellationToken,
    previousResultId?: string,
  ): Promise<DocumentDiagnosticReport> {
    const { workspace } = this.options;
    const settings = await workspace.settings.get(uri);
    const since = Date.now() - (this.lastChange.get(uri) ?? 0);
    if (settings.debounceMs > 0 && since < settings.debounceMs)
      await sleep(settings.debounceMs - since, token);
    if (token.isCancellationRequested) {
      throw new ResponseError(LSPErrorCodes.ServerCancelled, "the document changed", {
        retriggerRequest: true,
      });
    }
    const document = workspace.documents.get(uri);
    if (!document) return { kind: "full", items: [] };
    const items = this.diagnosticsOf(document, settings);
    // The client's diagnostics, fixes included, are this version's too: its quick fixes stay offered.
    this.reported.set(uri, document.version);
    const resultId = resultIdOf(items);
    if (resultId === previousResultId) return { kind: "unchanged", resultId };
    return { kind: "full", resultId, items };
  }
}
