/**
 * VS Code client: starts the bundled language server over IPC for Markdown and plain-text documents,
 * tells it about workspace trust, and registers the commands. Everything that needs the analysis is
 * asked of the server (Word conversion and baseline comparison included: the client sends file bytes
 * and shows the answers); review.ts holds the client logic that does not need `vscode`.
 */
import * as path from "node:path";
import {
  commands,
  EventEmitter,
  languages,
  Position,
  ProgressLocation,
  SnippetString,
  Uri,
  ViewColumn,
  window,
  workspace,
  type ExtensionContext,
  type QuickPickItem,
  type TextDocumentContentProvider,
  type WebviewPanel,
} from "vscode";
import {
  LanguageClient,
  State,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from "vscode-languageclient/node";
import {
  CLEAR_BASELINE_REQUEST,
  COVERAGE_REQUEST,
  IMPORT_DOCX_REQUEST,
  LIBRARY_FILES_REQUEST,
  REVIEW_REPORT_REQUEST,
  SET_BASELINE_REQUEST,
  TEMPLATES_REQUEST,
  WORKSPACE_TRUST_NOTIFICATION,
  type ClearBaselineResult,
  type CoverageResult,
  type ImportDocxResult,
  type InitializationOptions,
  type LibraryFileItem,
  type ReviewReportResult,
  type SetBaselineResult,
  type TemplateItem,
  type TemplatesResult,
} from "../../server/src/shared/protocol";
import {
  BASELINE_FILTERS,
  baseName,
  baselineDocument,
  BaselineRegistry,
  compareMessage,
  HAS_BASELINE_CONTEXT,
  importMessage,
  isCheckedLanguage,
  REPORT_VIEW_TYPE,
  toBase64,
  webviewHtml,
  WORD_FILTERS,
} from "./review";

const REPORT_SCHEME = "clause-checker-report";

let client: LanguageClient | undefined;

/** Holds the coverage reports shown in read-only editors, by URI. */
class ReportProvider implements TextDocumentContentProvider {
  private readonly reports = new Map<string, string>();
  private readonly changed = new EventEmitter<Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: Uri): string {
    return this.reports.get(uri.toString()) ?? "";
  }

  /** Stores a report; an editor already showing that URI is told to reload it. */
  set(uri: Uri, markdown: string): void {
    this.reports.set(uri.toString(), markdown);
    this.changed.fire(uri);
  }
}

function createClient(context: ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath(path.join("dist", "server.js"));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ["--nolazy", "--inspect=6009"] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: ["file", "untitled"].flatMap((scheme) => [
      { scheme, language: "markdown" },
      { scheme, language: "plaintext" },
    ]),
    // Playbook files inside the workspace; the server registers watchers for folders outside it.
    synchronize: { fileEvents: workspace.createFileSystemWatcher("**/*.{yaml,yml}") },
    // A function, so a restarted server learns the trust of that moment.
    initializationOptions: (): InitializationOptions => ({ workspaceTrusted: workspace.isTrusted }),
  };
  return new LanguageClient("clauseChecker", "Clause Checker", serverOptions, clientOptions);
}

async function insertClause(): Promise<void> {
  const editor = window.activeTextEditor;
  if (!editor || !client) {
    void window.showInformationMessage("Clause Checker: open an agreement to insert a clause.");
    return;
  }
  const position = editor.selection.active;
  const result = await client.sendRequest<TemplatesResult>(TEMPLATES_REQUEST, {
    textDocument: { uri: editor.document.uri.toString() },
    position: { line: position.line, character: position.character },
  });
  if (!result.agreement || result.items.length === 0) {
    void window.showInformationMessage(
      result.agreement
        ? "Clause Checker: no clause template fits this deal model and side."
        : "Clause Checker: this document is not read as an agreement.",
    );
    return;
  }
  const picks: Array<QuickPickItem & { item: TemplateItem }> = result.items.map((item) => ({
    label: item.label,
    description: item.description,
    detail: item.preview,
    item,
  }));
  const pick = await window.showQuickPick(picks, {
    title: "Insert Clause",
    placeHolder: "Clause template",
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!pick) return;
  const at = new Position(pick.item.insertAt.line, pick.item.insertAt.character);
  await editor.insertSnippet(new SnippetString(pick.item.snippet), at);
}

async function showCoverage(reports: ReportProvider, uriArg?: unknown): Promise<void> {
  const uri = typeof uriArg === "string" ? uriArg : window.activeTextEditor?.document.uri.toString();
  if (!uri || !client) {
    void window.showInformationMessage("Clause Checker: open an agreement to see its clause coverage.");
    return;
  }
  const report = await client.sendRequest<CoverageResult>(COVERAGE_REQUEST, { textDocument: { uri } });
  const reportUri = Uri.from({ scheme: REPORT_SCHEME, path: `/${report.title.replace(/[\\/:]/g, "-")}.md` });
  reports.set(reportUri, report.markdown);
  const document = await workspace.openTextDocument(reportUri);
  await languages.setTextDocumentLanguage(document, "markdown");
  await window.showTextDocument(document, {
    viewColumn: ViewColumn.Beside,
    preview: true,
    preserveFocus: true,
  });
}

/** Runs a command, showing a failed request's message instead of an unexplained nothing. */
function withErrors<A extends unknown[]>(run: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await run(...args);
    } catch (error) {
      void window.showErrorMessage(`Clause Checker: ${(error as Error).message ?? String(error)}`);
    }
  };
}

/** The URI a command was invoked on (explorer context menu, code lens), if any. */
function uriArgument(arg: unknown): Uri | undefined {
  if (arg instanceof Uri) return arg;
  return typeof arg === "string" && arg !== "" ? Uri.parse(arg) : undefined;
}

/**
 * "Open Word Draft as Markdown": the server converts the .docx; the Markdown opens as a new untitled
 * document (nothing is written to disk until the user saves it), and is checked like any agreement.
 */
async function openWordDraft(uriArg?: unknown): Promise<void> {
  if (!client) return;
  let source = uriArgument(uriArg);
  if (!source) {
    const picked = await window.showOpenDialog({
      title: "Open Word Draft as Markdown",
      openLabel: "Open as Markdown",
      canSelectMany: false,
      filters: WORD_FILTERS,
    });
    source = picked?.[0];
  }
  if (!source) return;
  const name = baseName(source.path);
  const bytes = await workspace.fs.readFile(source);
  const running = client;
  const result = await window.withProgress(
    { location: ProgressLocation.Notification, title: `Clause Checker: converting ${name}…` },
    () => running.sendRequest<ImportDocxResult>(IMPORT_DOCX_REQUEST, { name, data: toBase64(bytes) }),
  );
  const document = await workspace.openTextDocument({ language: "markdown", content: result.markdown });
  await window.showTextDocument(document, { preview: false });
  const notes = result.warnings.length > 0 ? ["Show Notes"] : [];
  void window.showInformationMessage(importMessage(name, result), ...notes).then((choice) => {
    if (choice !== "Show Notes" || !client) return;
    client.outputChannel.appendLine(`Converter notes for ${name}:`);
    for (const w of result.warnings) client.outputChannel.appendLine(`  ${w}`);
    client.outputChannel.show(true);
  });
}

/** Keeps the `clauseChecker.hasBaseline` context key in step with the active editor. */
function updateBaselineContext(baselines: BaselineRegistry): void {
  const uri = window.activeTextEditor?.document.uri.toString();
  void commands.executeCommand("setContext", HAS_BASELINE_CONTEXT, baselines.has(uri));
}

/**
 * "Compare with Baseline…": the active document is the counterparty's draft; the user picks our
 * template or the previous round. The server compares them on every check of the draft from now on.
 */
async function compareWithBaseline(baselines: BaselineRegistry): Promise<void> {
  const draft = window.activeTextEditor?.document;
  if (!client || !draft || !isCheckedLanguage(draft.languageId)) {
    void window.showInformationMessage(
      "Clause Checker: open the counterparty's draft (Markdown or plain text) to compare it with a baseline.",
    );
    return;
  }
  const draftName = baseName(draft.uri.path);
  const picked = await window.showOpenDialog({
    title: `Baseline for ${draftName}: our template or the previous round`,
    openLabel: "Compare with This Baseline",
    canSelectMany: false,
    filters: BASELINE_FILTERS,
    ...(draft.uri.scheme === "file" ? { defaultUri: Uri.joinPath(draft.uri, "..") } : {}),
  });
  const base = picked?.[0];
  if (!base) return;
  if (base.toString() === draft.uri.toString()) {
    void window.showInformationMessage("Clause Checker: pick a baseline other than the draft itself.");
    return;
  }
  const open = workspace.textDocuments.find((d) => d.uri.toString() === base.toString());
  const baseline = await baselineDocument(
    baseName(base.path),
    open ? { text: open.getText(), languageId: open.languageId } : undefined,
    () => workspace.fs.readFile(base),
  );
  const uri = draft.uri.toString();
  const result = await client.sendRequest<SetBaselineResult>(SET_BASELINE_REQUEST, {
    textDocument: { uri },
    baseline,
  });
  baselines.set(uri, baseline);
  updateBaselineContext(baselines);
  void window.showInformationMessage(compareMessage(draftName, result));
}

/** "Clear Baseline": the draft goes back to its own findings. */
async function clearBaseline(baselines: BaselineRegistry): Promise<void> {
  const draft = window.activeTextEditor?.document;
  if (!client || !draft) return;
  const uri = draft.uri.toString();
  const name = baselines.name(uri);
  const result = await client.sendRequest<ClearBaselineResult>(CLEAR_BASELINE_REQUEST, {
    textDocument: { uri },
  });
  baselines.delete(uri);
  updateBaselineContext(baselines);
  void window.showInformationMessage(
    result.cleared
      ? `Clause Checker: ${baseName(draft.uri.path)} is no longer compared with ${name ?? "its baseline"}.`
      : `Clause Checker: ${baseName(draft.uri.path)} has no baseline.`,
  );
}

/** The webview showing the HTML review report, and the report it shows (for "Save Report…"). */
class ReportPanel {
  private panel: WebviewPanel | undefined;
  private shown: { report: ReviewReportResult; draft: Uri } | undefined;

  show(report: ReviewReportResult, draft: Uri): void {
    if (!this.panel) {
      this.panel = window.createWebviewPanel(
        REPORT_VIEW_TYPE,
        report.title,
        { viewColumn: ViewColumn.Beside, preserveFocus: true },
        { enableScripts: false, enableForms: false, enableCommandUris: false, localResourceRoots: [] },
      );
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.shown = undefined;
      });
    } else {
      this.panel.reveal(undefined, true);
    }
    this.panel.title = report.title;
    this.panel.webview.html = webviewHtml(report.content);
    this.shown = { report, draft };
  }

  /** Writes the page the server produced where the user says. */
  async save(): Promise<void> {
    const shown = this.shown;
    if (!shown) {
      void window.showInformationMessage(
        "Clause Checker: run Show Clause Coverage Report first, then save the report.",
      );
      return;
    }
    const target = await window.showSaveDialog({
      title: "Save Review Report",
      saveLabel: "Save Report",
      filters: { "HTML page": ["html"] },
      ...(shown.draft.scheme === "file"
        ? { defaultUri: Uri.joinPath(shown.draft, "..", shown.report.fileName) }
        : {}),
    });
    if (!target) return;
    await workspace.fs.writeFile(target, new TextEncoder().encode(shown.report.content));
    void window.showInformationMessage(
      `Clause Checker: saved the review report to ${baseName(target.path)}.`,
    );
  }
}

/** "Show Clause Coverage Report": the HTML review report (with the comparison, when there is a baseline) in a webview. */
async function showCoverageReport(panel: ReportPanel, uriArg?: unknown): Promise<void> {
  const uri = uriArgument(uriArg) ?? window.activeTextEditor?.document.uri;
  if (!uri || !client) {
    void window.showInformationMessage("Clause Checker: open an agreement to see its review report.");
    return;
  }
  const report = await client.sendRequest<ReviewReportResult>(REVIEW_REPORT_REQUEST, {
    textDocument: { uri: uri.toString() },
    format: "html",
  });
  panel.show(report, uri);
}

/** Sends the baselines again after the server (re)starts: it keeps them in memory only. */
function restoreBaselines(baselines: BaselineRegistry): void {
  const running = client;
  if (!running) return;
  const open = new Set(workspace.textDocuments.map((d) => d.uri.toString()));
  for (const request of baselines.requests()) {
    if (!open.has(request.textDocument.uri)) {
      baselines.delete(request.textDocument.uri);
      continue;
    }
    running.sendRequest(SET_BASELINE_REQUEST, request).then(undefined, (error: unknown) => {
      baselines.delete(request.textDocument.uri);
      updateBaselineContext(baselines);
      running.outputChannel.appendLine(`restoring the baseline failed: ${String(error)}`);
    });
  }
  updateBaselineContext(baselines);
}

async function openLibrary(): Promise<void> {
  if (!client) return;
  const uri = window.activeTextEditor?.document.uri.toString();
  const files = await client.sendRequest<LibraryFileItem[]>(
    LIBRARY_FILES_REQUEST,
    uri ? { textDocument: { uri } } : {},
  );
  const pick = await window.showQuickPick(
    files.map((f) => ({ label: f.label, description: f.description, file: f })),
    { title: "Open Clause Library", placeHolder: "Clause-library file" },
  );
  if (pick) await window.showTextDocument(Uri.parse(pick.file.uri));
}

/** Starts the client and registers the commands. */
export async function activate(context: ExtensionContext): Promise<void> {
  const reports = new ReportProvider();
  const reportPanel = new ReportPanel();
  const baselines = new BaselineRegistry();
  const compare = withErrors(() => compareWithBaseline(baselines));
  const clear = withErrors(() => clearBaseline(baselines));
  const showReport = withErrors((uri?: unknown) => showCoverageReport(reportPanel, uri));
  const saveReport = withErrors(() => reportPanel.save());
  client = createClient(context);
  let started = false;
  context.subscriptions.push(
    workspace.registerTextDocumentContentProvider(REPORT_SCHEME, reports),
    commands.registerCommand("clauseChecker.insertClause", insertClause),
    commands.registerCommand("clauseChecker.showCoverage", (uri?: unknown) => showCoverage(reports, uri)),
    commands.registerCommand("clauseChecker.openLibrary", openLibrary),
    commands.registerCommand("clauseChecker.restartServer", async () => {
      await client?.restart();
    }),
    commands.registerCommand("clauseChecker.openWordDraft", withErrors(openWordDraft)),
    commands.registerCommand("clauseChecker.compareWithBaseline", compare),
    commands.registerCommand("clauseChecker.clearBaseline", clear),
    commands.registerCommand("clauseChecker.showCoverageReport", showReport),
    commands.registerCommand("clauseChecker.saveReport", saveReport),
    window.onDidChangeActiveTextEditor(() => updateBaselineContext(baselines)),
    // The server forgets a closed draft's baseline; so does the client.
    workspace.onDidCloseTextDocument((document) => {
      if (baselines.delete(document.uri.toString())) updateBaselineContext(baselines);
    }),
    client.onDidChangeState((event) => {
      if (event.newState !== State.Running) return;
      if (started) restoreBaselines(baselines);
      started = true;
    }),
    workspace.onDidGrantWorkspaceTrust(() => {
      void client?.sendNotification(WORKSPACE_TRUST_NOTIFICATION, { trusted: true });
    }),
  );
  await client.start();
}

/** Stops the server with the extension. */
export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
