/**
 * VS Code client: starts the bundled language server over IPC for Markdown and plain-text documents,
 * tells it about workspace trust, and registers the commands. Everything that needs the analysis is
 * asked of the server; the client only shows the answers.
 */
import * as path from "node:path";
import {
  commands,
  EventEmitter,
  languages,
  Position,
  SnippetString,
  Uri,
  ViewColumn,
  window,
  workspace,
  type ExtensionContext,
  type QuickPickItem,
  type TextDocumentContentProvider,
} from "vscode";
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from "vscode-languageclient/node";
import {
  COVERAGE_REQUEST,
  LIBRARY_FILES_REQUEST,
  TEMPLATES_REQUEST,
  WORKSPACE_TRUST_NOTIFICATION,
  type CoverageResult,
  type InitializationOptions,
  type LibraryFileItem,
  type TemplateItem,
  type TemplatesResult,
} from "../../server/src/shared/protocol";

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
  client = createClient(context);
  context.subscriptions.push(
    workspace.registerTextDocumentContentProvider(REPORT_SCHEME, reports),
    commands.registerCommand("clauseChecker.insertClause", insertClause),
    commands.registerCommand("clauseChecker.showCoverage", (uri?: unknown) => showCoverage(reports, uri)),
    commands.registerCommand("clauseChecker.openLibrary", openLibrary),
    commands.registerCommand("clauseChecker.restartServer", async () => {
      await client?.restart();
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
