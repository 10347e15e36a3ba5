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

/**
 * Request client → server: converts a Word document (.docx) to Markdown (server/src/import/docx.ts).
 * The client sends the file's bytes, so files on virtual file systems work too.
 */
export const IMPORT_DOCX_REQUEST = "clauseChecker/importDocx";
export interface ImportDocxParams {
  /** The file name, for messages ("draft.docx"). */
  name: string;
  /** The file's bytes, base64-encoded. */
  data: string;
}
export interface ImportDocxResult {
  markdown: string;
  /** The converter's notes: unrecognised styles, images left out. */
  warnings: string[];
  /** Paragraphs whose automatic Word numbers were written into the text. */
  numbered: number;
}

/**
 * A baseline document as the client sends it: its bytes (base64; a .docx is converted to Markdown)
 * or its text. `languageId` defaults from the name: .md, .markdown, .mdx and .docx read as Markdown,
 * anything else as plain text.
 */
export interface BaselineDocument {
  name: string;
  data?: string;
  text?: string;
  languageId?: string;
}

/**
 * Request client → server: compare a draft (an open document) with a baseline from now on. Every
 * check of the draft then adds `removed-protection` and `weakened-term` diagnostics, until the
 * baseline is cleared or the draft closes. Setting a baseline again replaces it.
 */
export const SET_BASELINE_REQUEST = "clauseChecker/setBaseline";
export interface SetBaselineParams extends DocumentParams {
  baseline: BaselineDocument;
}
export interface SetBaselineResult {
  baseline: string;
  /** False when the draft is not open in the server yet: the counts then come with its first check. */
  compared: boolean;
  /** Changes by kind: removed, weakened, strengthened, added, changed. */
  changes: Record<string, number>;
  /** The diagnostics the comparison adds to the draft (before severity settings). */
  findings: number;
}

/** Request client → server: stop comparing a draft with its baseline. */
export const CLEAR_BASELINE_REQUEST = "clauseChecker/clearBaseline";
export interface ClearBaselineResult {
  /** False when the draft had no baseline. */
  cleared: boolean;
}

/**
 * Request client → server: the review report of a document (server/src/report/coverage.ts), with the
 * comparison when the document has a baseline. HTML is a self-contained page: no scripts, nothing
 * loaded from elsewhere, a strict Content-Security-Policy of its own.
 */
export const REVIEW_REPORT_REQUEST = "clauseChecker/reviewReport";
export interface ReviewReportParams extends DocumentParams {
  format?: "html" | "markdown";
}
export interface ReviewReportResult {
  title: string;
  /** A file name to offer when saving: "draft.review.html". */
  fileName: string;
  content: string;
  /** The baseline's name when the report includes the comparison. */
  baseline?: string;
}
