/**
 * Caches keep only what the latest version needs. The analyzer's caches are keyed by pieces of the
 * document; a piece cut from a string keeps the whole string alive in V8, so without care every
 * edited version of the document stayed in memory (about 1 MB per edit at 50,000 words). The session
 * runs in its own process, where a full collection can be forced.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers";

describe("a long editing session", () => {
  // Lines holding Markdown read differently from their source, and some caches keep the source too.
  for (const lines of ["prose", "markdown"])
    it(`keeps no earlier version of the document alive (${lines} lines edited)`, () => {
      const edits = 60;
      const out = execFileSync(
        process.execPath,
        [
          "--expose-gc",
          "--import",
          "tsx",
          path.join(ROOT, "test/fixtures/edit-session.ts"),
          String(edits),
          lines,
        ],
        { cwd: ROOT, encoding: "utf8" },
      );
      const { before, after, textBytes } = JSON.parse(out) as {
        before: number;
        after: number;
        textBytes: number;
      };
      // Keeping each version would add at least `textBytes` per edit; a fifth of that in all is slack
      // for caches of the edited paragraphs.
      expect(after - before).toBeLessThan(textBytes * edits * 0.2);
    }, 120_000);
});
