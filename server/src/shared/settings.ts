/**
 * Turns whatever a client answers for `clauseChecker` (an object, `null`, a string, a half-typed
 * value from settings.json) into complete settings. Junk falls back field by field to the default, so
 * one bad value never switches the checker off or crashes the server.
 */
import { DEAL_MODELS, PARTIES, type DealModel, type Party } from "../core/types";
import { SEVERITY_LEVELS, type ClauseCheckerSettings, type SeverityLevel } from "./protocol";

export const DEFAULT_SETTINGS: Readonly<ClauseCheckerSettings> = Object.freeze({
  dealModel: "out-licensing",
  party: "licensor",
  libraryPaths: [],
  severity: {},
  ignore: { rules: [], patterns: [] },
  codeLens: true,
  files: [],
  debounceMs: 150,
});

/** Longest debounce honoured: beyond this the checker would look broken, not calm. */
export const MAX_DEBOUNCE_MS = 10_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function stringList(value: unknown): string[] {
  // A single string is what people type when they mean a one-element list.
  const items = typeof value === "string" ? [value] : Array.isArray(value) ? value : [];
  return items
    .filter((v): v is string => typeof v === "string")
    .map((v) => v.trim())
    .filter((v) => v !== "");
}

function severityMap(value: unknown): Partial<Record<string, SeverityLevel>> {
  const out: Partial<Record<string, SeverityLevel>> = {};
  if (!isRecord(value)) return out;
  for (const [rule, level] of Object.entries(value)) {
    const normal = typeof level === "string" ? level.trim().toLowerCase() : level;
    // "info" and "warn" are what users of other linters type.
    const alias =
      normal === "info" ? "information" : normal === "warn" ? "warning" : normal === "none" ? "off" : normal;
    if (SEVERITY_LEVELS.includes(alias as SeverityLevel)) out[rule] = alias as SeverityLevel;
  }
  return out;
}

function debounce(value: unknown): number {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  if (typeof n !== "number" || !Number.isFinite(n)) return DEFAULT_SETTINGS.debounceMs;
  return Math.min(MAX_DEBOUNCE_MS, Math.max(0, Math.round(n)));
}

/** Normalises a raw `clauseChecker` configuration value into complete settings. */
export function normalizeSettings(raw: unknown): ClauseCheckerSettings {
  const r = isRecord(raw) ? raw : {};
  return {
    dealModel: DEAL_MODELS.includes(r.dealModel as DealModel)
      ? (r.dealModel as DealModel)
      : DEFAULT_SETTINGS.dealModel,
    party: PARTIES.includes(r.party as Party) ? (r.party as Party) : DEFAULT_SETTINGS.party,
    libraryPaths: stringList(r.libraryPaths),
    severity: severityMap(r.severity),
    ignore: {
      rules: stringList(isRecord(r.ignore) ? r.ignore.rules : undefined),
      patterns: stringList(isRecord(r.ignore) ? r.ignore.patterns : undefined),
    },
    codeLens: typeof r.codeLens === "boolean" ? r.codeLens : DEFAULT_SETTINGS.codeLens,
    files: stringList(r.files),
    debounceMs: debounce(r.debounceMs),
  };
}
