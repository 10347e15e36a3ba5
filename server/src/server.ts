/**
 * Language server entry point: wires the connection to the lsp/ modules and nothing more. Run with
 * `--stdio` (any LSP editor) or `--node-ipc` (the VS Code client); the transport is read from argv.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  CodeLensRefreshRequest,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  LSPErrorCodes,
  MessageType,
  ProposedFeatures,
  ResponseError,
  ShowMessageNotification,
  TextDocuments,
  type CancellationToken,
  type Disposable,
  type FileSystemWatcher,
  type InitializeParams,
  type WorkspaceFolder,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { builtinLibraryDir } from "./library/load";
import { clientFeatures, serverCapabilities, type ClientFeatures } from "./lsp/capabilities";
import { clauseLenses } from "./lsp/codeLens";
import { ignoreFixer, insertClauseActions, quickFixes, wantsInsertClause } from "./lsp/codeActions";
import { headingCompletions, headingStart } from "./lsp/completion";
import { coverageReport } from "./lsp/coverage";
import { analysisDiagnostics, ruleDocsLinks, severityFor } from "./lsp/diagnostics";
import { definitionAt } from "./lsp/definition";
import { clauseHover, termHover } from "./lsp/hover";
import { Libraries } from "./lsp/libraries";
import { LibraryErrorReporter } from "./lsp/libraryErrors";
import { DiagnosticsPublisher } from "./lsp/publisher";
import { referencesAt } from "./lsp/references";
import { prepareRename, renameEdit } from "./lsp/rename";
import {
  changeCounts,
  documentName,
  importDocx,
  readBaseline,
  reviewReport,
  ReviewInputError,
} from "./lsp/review";
import { SettingsCache } from "./lsp/settings";
import { documentSymbols, flatSymbols } from "./lsp/symbols";
import { templateInsertions } from "./lsp/templates";
import { Warmup } from "./lsp/warmup";
import { Workspace } from "./lsp/workspace";
import {
  CLEAR_BASELINE_REQUEST,
  COVERAGE_REQUEST,
  IMPORT_DOCX_REQUEST,
  LIBRARY_FILES_REQUEST,
  REVIEW_REPORT_REQUEST,
  SET_BASELINE_REQUEST,
  SETTINGS_SECTION,
  TEMPLATES_REQUEST,
  WORKSPACE_TRUST_NOTIFICATION,
  type ClearBaselineResult,
  type CoverageResult,
  type DocumentParams,
  type ImportDocxParams,
  type ImportDocxResult,
  type InitializationOptions,
  type LibraryFileItem,
  type ReviewReportParams,
  type ReviewReportResult,
  type SetBaselineParams,
  type SetBaselineResult,
  type TemplatesParams,
  type TemplatesResult,
  type WorkspaceTrustParams,
} from "./shared/protocol";

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const log = (message: string) => connection.console.error(message);
const showMessage = (type: MessageType, message: string) =>
  void connection.sendNotification(ShowMessageNotification.type, { type, message });

function findBuiltin(): string | null {
  try {
    return builtinLibraryDir(__dirname);
  } catch {
    return null;
  }
}

const rulesFile = path.resolve(__dirname, "../docs/rules.md");
const ruleDocs = ruleDocsLinks(existsSync(rulesFile) ? rulesFile : null);

let features: ClientFeatures;
let settings: SettingsCache;
let workspace: Workspace;
let publisher: DiagnosticsPublisher;
let untrustedNoticeShown = false;
/** Severity of `library-error` from the workspace settings: null keeps "error", undefined hides them. */
let librarySeverity: ReturnType<typeof severityFor> = null;
let watcherRegistration: Promise<Disposable> | null = null;
let watchedFolders = "";

const reporter = new LibraryErrorReporter({
  showError: (message) => showMessage(MessageType.Error, message),
  publish: (params) => void connection.sendDiagnostics(params),
});
// A library loaded on demand (a document with its own libraryPaths) adds its errors; complete reports follow refreshes.
const libraries = new Libraries(findBuiltin(), () =>
  reporter.update(libraries.errors(), librarySeverity, false),
);

function folderPaths(
  folders: WorkspaceFolder[] | null | undefined,
  rootUri: string | null | undefined,
): string[] {
  const uris = folders?.map((f) => f.uri) ?? (rootUri ? [rootUri] : []);
  return uris.filter((u) => u.startsWith("file:")).map((u) => fileURLToPath(u));
}

/** Wraps a request handler: a failure is logged and answered with `fallback`, never left to crash the server. */
function guarded<P, R>(
  name: string,
  fallback: R,
  handler: (params: P, token: CancellationToken) => Promise<R> | R,
) {
  return async (params: P, token: CancellationToken): Promise<R> => {
    try {
      return await handler(params, token);
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      log(`${name} failed: ${(error as Error).stack ?? String(error)}`);
      return fallback;
    }
  };
}

connection.onInitialize((params: InitializeParams) => {
  features = clientFeatures(params.capabilities);
  const options = (params.initializationOptions ?? {}) as InitializationOptions;
  settings = new SettingsCache(
    features.configuration
      ? (uri) =>
          connection.workspace.getConfiguration(
            uri !== undefined ? { scopeUri: uri, section: SETTINGS_SECTION } : { section: SETTINGS_SECTION },
          )
      : null,
    log,
  );
  workspace = new Workspace({
    documents,
    settings,
    libraries,
    notifyUntrusted: () => {
      if (untrustedNoticeShown) return;
      untrustedNoticeShown = true;
      showMessage(
        MessageType.Info,
        "Clause Checker: this workspace is not trusted, so clauseChecker.libraryPaths is ignored and only the built-in clause library is used. Trust the workspace to use team playbooks.",
      );
    },
  });
  workspace.trusted = options.workspaceTrusted !== false;
  workspace.folders = folderPaths(params.workspaceFolders, params.rootUri);
  publisher = new DiagnosticsPublisher({
    workspace,
    push: !features.pullDiagnostics,
    ruleDocs,
    publish: (p) => void connection.sendDiagnostics(p),
    refresh: () => {
      if (features.diagnosticRefresh) void connection.languages.diagnostics.refresh();
    },
    log,
  });
  return { capabilities: serverCapabilities(features), serverInfo: { name: "clause-checker" } };
});

/** Registers file watchers for the playbook folders in use, when the client lets the server do so. */
async function updateWatchers(): Promise<void> {
  if (!features.watchedFilesRegistration) return;
  const folders = libraries.folders();
  const key = folders.join("\0");
  if (key === watchedFolders) return;
  watchedFolders = key;
  const previous = watcherRegistration;
  watcherRegistration = null;
  if (previous) (await previous).dispose();
  if (folders.length === 0) return;
  const watchers: FileSystemWatcher[] = folders.map((dir) =>
    features.relativePatterns
      ? { globPattern: { baseUri: pathToFileURL(dir).toString(), pattern: "*.{yaml,yml}" } }
      : { globPattern: `${dir.replace(/\\/g, "/")}/*.{yaml,yml}` },
  );
  watcherRegistration = connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
}

/** Loads the workspace's library (reporting broken playbook files even with no agreement open) and watches it. */
async function refreshLibraries(): Promise<void> {
  try {
    const workspaceSettings = await settings.get(undefined);
    librarySeverity = severityFor("library-error", workspaceSettings.severity);
    workspace.libraryFor(undefined, workspaceSettings);
    for (const document of documents.all())
      workspace.libraryFor(document.uri, await settings.get(document.uri));
    reporter.update(libraries.errors(), librarySeverity);
    await updateWatchers();
  } catch (error) {
    log(`loading clause libraries failed: ${(error as Error).stack ?? String(error)}`);
  }
}

function refreshViews(): void {
  publisher.revalidateAll();
  if (features.codeLensRefresh) void connection.sendRequest(CodeLensRefreshRequest.type);
}

connection.onInitialized(() => {
  if (features.configurationRegistration) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
  }
  if (features.workspaceFolders) {
    connection.workspace.onDidChangeWorkspaceFolders(() => {
      void connection.workspace.getWorkspaceFolders().then((folders) => {
        workspace.folders = folderPaths(folders, null);
        libraries.clear();
        refreshViews();
        void refreshLibraries();
      });
    });
  }
  void refreshLibraries().then(() => {
    const error = libraries.builtinError;
    if (error)
      showMessage(
        MessageType.Error,
        `Clause Checker: the built-in clause library could not be loaded: ${error.message}`,
      );
  });
});

connection.onDidChangeConfiguration((change) => {
  settings.clear(change.settings);
  libraries.clear();
  refreshViews();
  void refreshLibraries();
});

connection.onDidChangeWatchedFiles((change) => {
  const touched = change.changes.some(
    (c) => c.uri.startsWith("file:") && libraries.affects(fileURLToPath(c.uri)),
  );
  if (!touched) return;
  libraries.reload();
  reporter.update(libraries.errors(), librarySeverity);
  refreshViews();
});

connection.onNotification(WORKSPACE_TRUST_NOTIFICATION, (params: WorkspaceTrustParams) => {
  const trusted = params?.trusted === true;
  if (trusted === workspace.trusted) return;
  workspace.trusted = trusted;
  untrustedNoticeShown = false;
  libraries.clear();
  refreshViews();
  void refreshLibraries();
});

// The open event is followed by a content event for the same text: only later ones are edits.
const justOpened = new Set<string>();
const warmup = new Warmup({
  text: (uri) => documents.get(uri)?.getText(),
  analysedAt: () => workspace.analyses.analysedAt,
  step: (uri, text) => {
    try {
      // A long Markdown file that is not an agreement runs little of the code a keystroke into one runs.
      const last = workspace.analyses.last(uri);
      if (!last?.result.agreement) return false;
      const result = workspace.analyses.analyzeInstead(uri, text);
      if (!result) return false;
      // Converted too: a keystroke's diagnostics are built by this code as well.
      analysisDiagnostics(result, uri, last.settings.severity, ruleDocs);
      return true;
    } catch (error) {
      log(`warming up on ${uri} failed: ${(error as Error).stack ?? String(error)}`);
      return false;
    }
  },
  finished: (uri, steps, ms) =>
    connection.console.info(`Clause Checker: warmed up on ${uri} (${steps} analyses, ${Math.round(ms)} ms)`),
});

documents.onDidOpen((e) => {
  // The document finds its line starts on the first position it converts, which would otherwise be the
  // first keystroke's (3 ms at 50k words); later edits keep them up to date.
  void e.document.lineCount;
  justOpened.add(e.document.uri);
  publisher.opened(e.document.uri);
  warmup.touched(e.document.uri, e.document.getText().length, false);
});
documents.onDidChangeContent((e) => {
  if (justOpened.delete(e.document.uri)) return;
  publisher.changed(e.document.uri);
  warmup.touched(e.document.uri, e.document.getText().length, true);
});
documents.onDidClose((e) => {
  justOpened.delete(e.document.uri);
  // A closed draft's comparison ends with it; opening it again starts without a baseline.
  workspace.baselines.clear(e.document.uri);
  publisher.closed(e.document.uri);
  settings.delete(e.document.uri);
  workspace.analyses.forget(e.document.uri);
});

connection.languages.diagnostics.on(async (params, token) => {
  try {
    return await publisher.pull(params.textDocument.uri, token, params.previousResultId);
  } catch (error) {
    if (error instanceof ResponseError) throw error;
    log(`textDocument/diagnostic failed: ${(error as Error).stack ?? String(error)}`);
    return { kind: "full", items: [] };
  }
});

connection.onCodeAction(
  guarded("textDocument/codeAction", [], async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    const actions = quickFixes(
      params,
      publisher.reportedVersion(document.uri),
      document.version,
      features,
      ignoreFixer(document, workspace.analyses.last(document.uri)),
    );
    if (wantsInsertClause(params)) {
      const analysis = await workspace.analysisFor(document.uri);
      if (analysis) actions.push(...insertClauseActions(params, analysis, features));
    }
    return actions;
  }),
);

connection.onCompletion(
  guarded("textDocument/completion", [], async (params) => {
    const document = documents.get(params.textDocument.uri);
    const { line, character } = params.position;
    const lineText = document
      ?.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } })
      .replace(/\r?\n$/, "");
    // Most completion requests come from a space typed mid-sentence: answer those without analysing.
    if (lineText === undefined || !headingStart(lineText, character)) return [];
    const analysis = await workspace.analysisFor(params.textDocument.uri);
    return analysis ? headingCompletions(analysis, params.position, features.completionSnippets) : [];
  }),
);

connection.onHover(
  guarded("textDocument/hover", null, async (params) => {
    const analysis = await workspace.analysisFor(params.textDocument.uri);
    if (!analysis) return null;
    // A term or reference under the cursor wins over the hover of the clause whose line it is on.
    return (
      termHover(analysis, params.position, features.markdownHover) ??
      clauseHover(analysis, params.position, features.markdownHover)
    );
  }),
);

connection.onDefinition(
  guarded("textDocument/definition", null, async (params) => {
    const analysis = await workspace.analysisFor(params.textDocument.uri);
    return analysis ? definitionAt(analysis, params.position, features.definitionLinks) : null;
  }),
);

connection.onReferences(
  guarded("textDocument/references", null, async (params) => {
    const analysis = await workspace.analysisFor(params.textDocument.uri);
    return analysis ? referencesAt(analysis, params.position, params.context.includeDeclaration) : null;
  }),
);

connection.onPrepareRename(
  guarded("textDocument/prepareRename", null, async (params) => {
    const analysis = await workspace.analysisFor(params.textDocument.uri);
    return analysis ? prepareRename(analysis, params.position) : null;
  }),
);

connection.onRenameRequest(
  guarded("textDocument/rename", null, async (params) => {
    const analysis = await workspace.analysisFor(params.textDocument.uri);
    return analysis ? renameEdit(analysis, params.position, params.newName, features.documentChanges) : null;
  }),
);

connection.onDocumentSymbol(
  guarded("textDocument/documentSymbol", [], async (params) => {
    const analysis = await workspace.analysisFor(params.textDocument.uri);
    if (!analysis) return [];
    return features.hierarchicalSymbols ? documentSymbols(analysis) : flatSymbols(analysis);
  }),
);

connection.onCodeLens(
  guarded("textDocument/codeLens", [], async (params) => {
    const analysis = await workspace.analysisFor(params.textDocument.uri);
    return analysis ? clauseLenses(analysis) : [];
  }),
);

connection.onRequest(
  TEMPLATES_REQUEST,
  guarded(
    "clauseChecker/templates",
    { agreement: false, items: [] },
    async (params: TemplatesParams): Promise<TemplatesResult> => {
      const analysis = await workspace.analysisFor(params.textDocument.uri);
      if (!analysis?.result.agreement) return { agreement: false, items: [] };
      const line = params.position.line;
      const items = templateInsertions(
        analysis.result,
        analysis.library.compiled,
        analysis.languageId,
        line,
      ).map((t) => ({
        clause: t.clause.def.id,
        clauseTitle: t.clause.def.title,
        template: t.template.id,
        label: t.label,
        description: t.description,
        preview: t.preview,
        insertAt: { line, character: 0 },
        snippet: t.snippet,
      }));
      return { agreement: true, items };
    },
  ),
);

connection.onRequest(COVERAGE_REQUEST, async (params: DocumentParams): Promise<CoverageResult> => {
  try {
    const analysis = await workspace.analysisFor(params.textDocument.uri);
    if (!analysis) throw new ResponseError(LSPErrorCodes.RequestFailed, "the document is not open");
    return coverageReport(analysis);
  } catch (error) {
    if (error instanceof ResponseError) throw error;
    log(`clauseChecker/coverage failed: ${(error as Error).stack ?? String(error)}`);
    throw new ResponseError(
      LSPErrorCodes.RequestFailed,
      `the coverage report failed: ${(error as Error).message}`,
    );
  }
});

connection.onRequest(
  LIBRARY_FILES_REQUEST,
  guarded(
    "clauseChecker/libraryFiles",
    [] as LibraryFileItem[],
    async (params: Partial<DocumentParams> | null): Promise<LibraryFileItem[]> => {
      const uri = params?.textDocument?.uri;
      const dirs = workspace.libraryDirs(uri, await settings.get(uri));
      return libraries.files(dirs).map(({ file, builtin }) => ({
        uri: pathToFileURL(file).toString(),
        label: path.basename(file),
        description: builtin ? "built-in" : path.dirname(file),
      }));
    },
  ),
);

/**
 * Wraps a review request handler: input the user can fix (not a Word file, a document that is not
 * open) is answered with its message; anything else is logged and answered with a short one.
 */
function reviewRequest<P, R>(name: string, handler: (params: P) => Promise<R>) {
  return async (params: P): Promise<R> => {
    try {
      return await handler(params);
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      if (error instanceof ReviewInputError)
        throw new ResponseError(LSPErrorCodes.RequestFailed, error.message);
      log(`${name} failed: ${(error as Error).stack ?? String(error)}`);
      throw new ResponseError(LSPErrorCodes.RequestFailed, `${name} failed: ${(error as Error).message}`);
    }
  };
}

function draftUri(params: Partial<DocumentParams> | null | undefined): string {
  const uri = params?.textDocument?.uri;
  if (typeof uri !== "string" || uri === "") throw new ReviewInputError("no document was named");
  return uri;
}

connection.onRequest(
  IMPORT_DOCX_REQUEST,
  reviewRequest("clauseChecker/importDocx", (params: ImportDocxParams): Promise<ImportDocxResult> =>
    importDocx(params),
  ),
);

connection.onRequest(
  SET_BASELINE_REQUEST,
  reviewRequest(
    "clauseChecker/setBaseline",
    async (params: SetBaselineParams): Promise<SetBaselineResult> => {
      const uri = draftUri(params);
      const source = await readBaseline(params.baseline);
      workspace.baselines.set(uri, source);
      publisher.revalidate(uri);
      const analysis = await workspace.analysisFor(uri);
      if (!analysis || !workspace.baselines.has(uri))
        return { baseline: source.name, compared: false, changes: changeCounts(undefined), findings: 0 };
      return {
        baseline: source.name,
        compared: true,
        changes: changeCounts(workspace.baselines.report(analysis, documentName(uri))),
        findings: workspace.baselines.findings(analysis).length,
      };
    },
  ),
);

connection.onRequest(
  CLEAR_BASELINE_REQUEST,
  reviewRequest("clauseChecker/clearBaseline", (params: DocumentParams): Promise<ClearBaselineResult> => {
    const uri = draftUri(params);
    const cleared = workspace.baselines.clear(uri);
    if (cleared) publisher.revalidate(uri);
    return Promise.resolve({ cleared });
  }),
);

connection.onRequest(
  REVIEW_REPORT_REQUEST,
  reviewRequest(
    "clauseChecker/reviewReport",
    async (params: ReviewReportParams): Promise<ReviewReportResult> => {
      const analysis = await workspace.analysisFor(draftUri(params));
      if (!analysis) throw new ReviewInputError("the document is not open");
      return reviewReport(analysis, workspace.baselines, params.format === "markdown" ? "markdown" : "html");
    },
  ),
);

documents.listen(connection);
connection.listen();
