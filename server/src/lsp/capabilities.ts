/**
 * Reads what the client can do into flat flags, and states what the server offers. Every later
 * decision (push or pull diagnostics, snippet or plain edits, Markdown or plain hovers) reads these
 * flags, so no handler digs through `ClientCapabilities` on its own.
 */
import {
  CodeActionKind,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type ServerCapabilities,
} from "vscode-languageserver";

export interface ClientFeatures {
  /** `workspace/configuration` can be asked per document. */
  configuration: boolean;
  /** `workspace/didChangeConfiguration` can be registered dynamically (to get it sent at all). */
  configurationRegistration: boolean;
  /** `workspace/didChangeWatchedFiles` can be registered dynamically, and with relative patterns. */
  watchedFilesRegistration: boolean;
  relativePatterns: boolean;
  /** The client pulls diagnostics (`textDocument/diagnostic`): then the server never pushes them. */
  pullDiagnostics: boolean;
  diagnosticRefresh: boolean;
  codeLensRefresh: boolean;
  /** LSP 3.18 `SnippetTextEdit` inside `documentChanges`. */
  snippetEdits: boolean;
  documentChanges: boolean;
  completionSnippets: boolean;
  hierarchicalSymbols: boolean;
  markdownHover: boolean;
  workspaceFolders: boolean;
  /** textDocument/definition may answer `LocationLink`s (the whole term under the cursor is the link). */
  definitionLinks: boolean;
  /** textDocument/prepareRename is supported, so the server may advertise `prepareProvider`. */
  prepareRename: boolean;
}

/** Reads the client's capabilities into flags. */
export function clientFeatures(caps: ClientCapabilities): ClientFeatures {
  const workspace = caps.workspace;
  const text = caps.textDocument;
  return {
    configuration: workspace?.configuration === true,
    configurationRegistration: workspace?.didChangeConfiguration?.dynamicRegistration === true,
    watchedFilesRegistration: workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    relativePatterns: workspace?.didChangeWatchedFiles?.relativePatternSupport === true,
    pullDiagnostics: text?.diagnostic !== undefined && text.diagnostic !== null,
    diagnosticRefresh: workspace?.diagnostics?.refreshSupport === true,
    codeLensRefresh: workspace?.codeLens?.refreshSupport === true,
    snippetEdits:
      workspace?.workspaceEdit?.snippetEditSupport === true &&
      workspace.workspaceEdit.documentChanges === true,
    documentChanges: workspace?.workspaceEdit?.documentChanges === true,
    completionSnippets: text?.completion?.completionItem?.snippetSupport === true,
    hierarchicalSymbols: text?.documentSymbol?.hierarchicalDocumentSymbolSupport === true,
    markdownHover: text?.hover?.contentFormat?.includes("markdown") ?? false,
    workspaceFolders: workspace?.workspaceFolders === true,
    definitionLinks: text?.definition?.linkSupport === true,
    prepareRename: text?.rename?.prepareSupport === true,
  };
}

/** The server's capabilities for a client. */
export function serverCapabilities(features: ClientFeatures): ServerCapabilities {
  return {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    codeActionProvider: {
      codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.Refactor],
      resolveProvider: false,
    },
    // A space after "##" or after "7." is when a heading line starts; "#" alone is still ambiguous.
    completionProvider: { triggerCharacters: [" ", "."], resolveProvider: false },
    hoverProvider: true,
    // Defined terms and section references: go to definition, find references, rename a term.
    definitionProvider: true,
    referencesProvider: true,
    renameProvider: features.prepareRename ? { prepareProvider: true } : true,
    documentSymbolProvider: { label: "Clause Checker" },
    codeLensProvider: { resolveProvider: false },
    ...(features.pullDiagnostics
      ? {
          diagnosticProvider: {
            identifier: "clause-checker",
            interFileDependencies: false,
            workspaceDiagnostics: false,
          },
        }
      : {}),
    ...(features.workspaceFolders
      ? { workspace: { workspaceFolders: { supported: true, changeNotifications: true } } }
      : {}),
  };
}
