/**
 * Per-document settings: asked once with `workspace/configuration`, normalised, and kept as a promise
 * until the configuration changes (the vscode-eslint recipe). A client that cannot answer, or answers
 * `null` or junk, gets the defaults instead of a crash.
 */
import type { ClauseCheckerSettings } from "../shared/protocol";
import { normalizeSettings } from "../shared/settings";

/** Fetches the raw `clauseChecker` section for a document (undefined: the workspace as a whole). */
export type SettingsFetcher = (uri: string | undefined) => Promise<unknown>;

/** Caches settings per document until the configuration changes. */
export class SettingsCache {
  private readonly cache = new Map<string, Promise<ClauseCheckerSettings>>();
  private fallback: unknown = undefined;

  constructor(
    private readonly fetch: SettingsFetcher | null,
    private readonly log: (message: string) => void,
  ) {}

  /** Settings for a document, or for the workspace when `uri` is undefined. */
  get(uri: string | undefined): Promise<ClauseCheckerSettings> {
    const key = uri ?? "";
    let entry = this.cache.get(key);
    if (!entry) {
      entry = this.load(uri);
      this.cache.set(key, entry);
    }
    return entry;
  }

  private async load(uri: string | undefined): Promise<ClauseCheckerSettings> {
    if (!this.fetch) return normalizeSettings(this.fallback);
    try {
      return normalizeSettings(await this.fetch(uri));
    } catch (error) {
      this.log(`workspace/configuration failed, using defaults: ${(error as Error).message}`);
      return normalizeSettings(undefined);
    }
  }

  /**
   * Forgets every cached answer. `pushed` is the `settings` of a didChangeConfiguration: clients
   * without `workspace/configuration` send their settings that way.
   */
  clear(pushed?: unknown): void {
    this.cache.clear();
    if (pushed !== undefined && pushed !== null && typeof pushed === "object" && "clauseChecker" in pushed) {
      this.fallback = pushed.clauseChecker;
    }
  }

  /** Forgets one document's settings (it was closed). */
  delete(uri: string): void {
    this.cache.delete(uri);
  }
}
