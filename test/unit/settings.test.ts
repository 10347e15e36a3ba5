/** The settings normaliser: whatever a client answers for `clauseChecker`, the server gets complete settings. */
import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, MAX_DEBOUNCE_MS, normalizeSettings } from "../../server/src/shared/settings";

describe("normalizeSettings", () => {
  it.each([null, undefined, "junk", 42, true, [], [{ dealModel: "newco" }]])(
    "returns the defaults for %j",
    (raw) => {
      expect(normalizeSettings(raw)).toEqual(DEFAULT_SETTINGS);
    },
  );

  it("keeps valid values", () => {
    expect(
      normalizeSettings({
        dealModel: "newco",
        party: "licensee",
        libraryPaths: ["playbooks/oncology"],
        severity: { "vague-obligation": "off", "missing-clause": "warning" },
        ignore: { rules: ["placeholder"], patterns: ["/Exhibit [A-Z]/"] },
        codeLens: false,
        files: ["contracts/**/*.md"],
        debounceMs: 300,
      }),
    ).toEqual({
      dealModel: "newco",
      party: "licensee",
      libraryPaths: ["playbooks/oncology"],
      severity: { "vague-obligation": "off", "missing-clause": "warning" },
      ignore: { rules: ["placeholder"], patterns: ["/Exhibit [A-Z]/"] },
      codeLens: false,
      files: ["contracts/**/*.md"],
      debounceMs: 300,
    });
  });

  it("falls back field by field, so one bad value does not reset the others", () => {
    const s = normalizeSettings({
      dealModel: "joint-venture",
      party: "licensee",
      codeLens: "yes",
      debounceMs: "soon",
    });
    expect(s.dealModel).toBe(DEFAULT_SETTINGS.dealModel);
    expect(s.party).toBe("licensee");
    expect(s.codeLens).toBe(true);
    expect(s.debounceMs).toBe(150);
  });

  it("reads a single string as a one-element list and drops non-strings and blanks", () => {
    expect(normalizeSettings({ libraryPaths: "playbooks" }).libraryPaths).toEqual(["playbooks"]);
    expect(normalizeSettings({ files: ["*.md", 3, null, "  ", " deals/*.txt "] }).files).toEqual([
      "*.md",
      "deals/*.txt",
    ]);
    expect(normalizeSettings({ files: { "*.md": true } }).files).toEqual([]);
  });

  it("keeps only known severity levels, accepting the usual aliases", () => {
    expect(
      normalizeSettings({
        severity: {
          "weak-clause": "ERROR",
          "vague-obligation": "info",
          "front-matter": "warn",
          "missing-clause": "fatal",
          x: 2,
          y: "none",
        },
      }).severity,
    ).toEqual({
      "weak-clause": "error",
      "vague-obligation": "information",
      "front-matter": "warning",
      y: "off",
    });
    expect(normalizeSettings({ severity: ["error"] }).severity).toEqual({});
  });

  it("reads ignore's two lists, tolerating a missing or junk one", () => {
    expect(normalizeSettings({ ignore: { rules: "placeholder" } }).ignore).toEqual({
      rules: ["placeholder"],
      patterns: [],
    });
    expect(normalizeSettings({ ignore: ["placeholder"] }).ignore).toEqual({ rules: [], patterns: [] });
  });

  it("clamps the debounce to 0..10 s and rounds it", () => {
    expect(normalizeSettings({ debounceMs: -5 }).debounceMs).toBe(0);
    expect(normalizeSettings({ debounceMs: 0 }).debounceMs).toBe(0);
    expect(normalizeSettings({ debounceMs: 1e9 }).debounceMs).toBe(MAX_DEBOUNCE_MS);
    expect(normalizeSettings({ debounceMs: 99.6 }).debounceMs).toBe(100);
    expect(normalizeSettings({ debounceMs: "250" }).debounceMs).toBe(250);
    expect(normalizeSettings({ debounceMs: Number.NaN }).debounceMs).toBe(150);
  });

  it("never returns the shared default object itself", () => {
    const s = normalizeSettings(null);
    s.libraryPaths.push("x");
    expect(DEFAULT_SETTINGS.libraryPaths).toEqual([]);
  });
});
