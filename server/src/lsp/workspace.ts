/**
 * Resolves everything one document's analysis depends on: its settings, the workspace folders, the
 * workspace trust and from those the clause library; then analyses it. Handlers ask this module for
 * "the analysis of this URI now" and never assemble the pieces themselves.
 */
import type { TextDocuments } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { ClauseCheckerSettings } from "../shared/protocol";
import { Baselines } from "./baselines";
import { DocumentAnalyses, filePath, forcedAgreement, type DocumentAnalysis } from "./documents";
import { Libraries, resolveLibraryPaths, type LoadedLibrary } from "./libraries";
import type { SettingsCache } from "./settings";

export interface WorkspaceOptions {
  documents: TextDocuments<TextDocument>;
  settings: SettingsCache;
  libraries: Libraries;
  /** Told once that `libraryPaths` are ignored because the workspace is not trusted. */
  notifyUntrusted: () => void;
}

/** The open documents with their settings, libraries and analyses. */
export class Workspace {
  readonly analyses = new DocumentAnalyses();
  /** The baselines drafts are compared with ("Compare with Baseline…"). */
  readonly baselines = new Baselines();
  /** File-system paths of the workspace folders. */
  folders: string[] = [];
  /** Untrusted workspaces may not point the server at library files (they are code-like input). */
  trusted = true;

  constructor(private readonly options: WorkspaceOptions) {}

  get documents(): TextDocuments<TextDocument> {
    return this.options.documents;
  }

  get settings(): SettingsCache {
    return this.options.settings;
  }

  get libraries(): Libraries {
    return this.options.libraries;
  }

  /** The playbook folders a document's settings ask for, or none in an untrusted workspace. */
  libraryDirs(uri: string | undefined, settings: ClauseCheckerSettings): string[] {
    if (settings.libraryPaths.length === 0) return [];
    if (!this.trusted) {
      this.options.notifyUntrusted();
      return [];
    }
    return resolveLibraryPaths(settings.libraryPaths, {
      ...(uri !== undefined ? { documentPath: filePath(uri) } : {}),
      workspaceFolders: this.folders,
    });
  }

  /** The library for a document (or for the workspace when `uri` is undefined). */
  libraryFor(uri: string | undefined, settings: ClauseCheckerSettings): LoadedLibrary {
    return this.options.libraries.get(this.libraryDirs(uri, settings));
  }

  /** Analyses a document's current text with the given settings (synchronously: no version can slip in). */
  analyzeNow(document: TextDocument, settings: ClauseCheckerSettings): DocumentAnalysis {
    const library = this.libraryFor(document.uri, settings);
    // A draft compared with a baseline is an agreement (the user said so), and the deal the baseline
    // names stands in for the settings: the draft's own front matter still wins over both.
    const baselineDeal = this.baselines.deal(document.uri);
    const force = baselineDeal !== undefined || forcedAgreement(document.uri, settings.files, this.folders);
    const effective: ClauseCheckerSettings = baselineDeal
      ? {
          ...settings,
          dealModel: baselineDeal.model ?? settings.dealModel,
          party: baselineDeal.party ?? settings.party,
        }
      : settings;
    return this.analyses.analyze(document, effective, library, force);
  }

  /** The analysis of an open document's current version, or null when it is not open. */
  async analysisFor(uri: string): Promise<DocumentAnalysis | null> {
    const settings = await this.options.settings.get(uri);
    const document = this.options.documents.get(uri);
    if (!document) return null;
    return this.analyzeNow(document, settings);
  }
}
