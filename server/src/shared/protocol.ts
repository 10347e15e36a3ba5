/**
 * The contract between the VS Code client and the language server: the settings shape, the
 * initialization options and the custom requests and notifications. Both bundles import this file,
 * so it imports nothing from `vscode` or `vscode-languageserver` (method names are plain strings and
 * each side wraps them in its own library's call).
 */
import type { DealModel, Party, Position } from "../core/types";

/** The configuration section every setting lives under. */
export const SETTINGS_SECTION = "clauseChecker";

/** The rule the server itself reports, inside an invalid clause-library file (the analysis rules are in core/rules.ts). */
export const LIBRARY_ERROR_RULE = "library-error";

export const SEVERITY_LEVELS = ["error", "warning", "information", "hint", "off"] as const;
export type SeverityLevel = (typeof SEVERITY_LEVELS)[number];

/** `clauseChecker.*` after normalisation (see settings.ts): every field present and well-typed. */
export interface ClauseCheckerSettings {
  /** Deal model when the document's front matter does not name one. */
  dealModel: DealModel;
  /** Our side of the deal when the front matter does not name it. */
  party: Party;
  /** Folders of clause-library files that add or override clauses by id (ignored in untrusted workspaces). */
  libraryPaths: string[];
  /** Severity per rule id; rules not listed keep the severity the analysis gives them. */
  severity: Partial<Record<string, SeverityLevel>>;
  /**
   * Findings never to report: rule ids, and patterns (substrings or `/regex/flags`) matched against
   * the text a finding points at. For agreements that cannot carry suppression comments (filed .txt copies).
   */
  ignore: { rules: string[]; patterns: string[] };
  /** Show `Exclusivity · weak · 3/6 elements` lenses over matched clauses. */
  codeLens: boolean;
  /** Globs of files that are always treated as agreements. */
  files: string[];
  /** Delay after the last keystroke before a document is re-checked; 0 re-checks on every change. */
  debounceMs: number;
}

/** What the client passes in `initialize`. Other editors send nothing: the workspace counts as trusted. */
export interface InitializationOptions {
  workspaceTrusted?: boolean;
}

export interface DocumentParams {
  textDocument: { uri: string };
}

/** Notification client → server: the workspace trust changed (VS Code only ever grants it). */
export const WORKSPACE_TRUST_NOTIFICATION = "clauseChecker/didChangeWorkspaceTrust";
export interface WorkspaceTrustParams {
  trusted: boolean;
}

/** Request client → server: the clause templates that fit the document's deal, ready to insert at a position. */
export const TEMPLATES_REQUEST = "clauseChecker/templates";
export interface TemplatesParams extends DocumentParams {
  position: Position;
}
export interface TemplateItem {
  clause: string;
  clauseTitle: string;
  template: string;
  /** "Exclusivity: Exclusive licence (out-licensing, licensor)" */
  label: string;
  /** The deal models and sides the template is written for. */
  description: string;
  /** The first words of the clause as plain text, for the picker. */
  preview: string;
  /** Where the snippet goes: the start of the position's line. */
  insertAt: Position;
  /** Heading and body in snippet syntax, numbered to fit the document. */
  snippet: string;
}
export interface TemplatesResult {
  /** False when the document is not an agreement: nothing is offered. */
  agreement: boolean;
  items: TemplateItem[];
}

/** Request client → server: the coverage report of a document as Markdown. */
export const COVERAGE_REQUEST = "clauseChecker/coverage";
export interface CoverageResult {
  title: string;
  markdown: string;
}

/** Request client → server: the clause-library files in use for a document (built-in first). */
export const LIBRARY_FILES_REQUEST = "clauseChecker/libraryFiles";
export interface LibraryFileItem {
  uri: string;
  label: string;
  description: string;
}
