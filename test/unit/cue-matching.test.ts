/**
 * The cue matcher (match.ts: an index of where hits can start, then cueMatcher at those places) must
 * find exactly what the reference finds: each cue's regular expression scanned over the text (findAll).
 * And cue-engine.ts, which runs the same patterns on text where the expression could backtrack for
 * too long, must agree with the expression everywhere, on both of its paths, in linear time.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { compilePattern, setStepBudget } from "../../server/src/core/cue-engine";
import { compileCue, cueTest, findAll } from "../../server/src/core/cues";
import type { CompiledLibrary } from "../../server/src/core/library";
import { matchUnit, type UnitMatch } from "../../server/src/core/match";
import { isObligation, splitSentences } from "../../server/src/core/sentences";
import { isDefinitionSentence } from "../../server/src/core/definitions";
import { analyzer, builtin, ROOT } from "../helpers";

const CORPUS = path.join(ROOT, "../shared/corpus/agreements");

/** The reference: every probe's regular expression over the whole unit, first hit per sentence. */
function referenceMatch(library: CompiledLibrary, text: string): UnitMatch {
  const sentences = splitSentences(text).map((s) => {
    const body = text.slice(s.start, s.end);
    return {
      start: s.start,
      end: s.end,
      definition: isDefinitionSentence(body),
      obligation: isObligation(body),
      hits: new Map<number, [number, number]>(),
    };
  });
  for (const probe of library.probes) {
    let si = 0;
    for (const hit of findAll(probe.cue, text)) {
      while (si < sentences.length && sentences[si]!.end <= hit.start) si++;
      const sentence = sentences[si];
      if (!sentence || hit.start < sentence.start) continue;
      if (!sentence.hits.has(probe.id))
        sentence.hits.set(probe.id, [hit.start, Math.min(hit.end, sentence.end)]);
    }
  }
  return { sentences };
}

const view = (u: UnitMatch) =>
  u.sentences.map((s) => ({
    start: s.start,
    end: s.end,
    definition: s.definition,
    obligation: s.obligation,
    hits: [...s.hits].sort((a, b) => a[0] - b[0]),
  }));

/** The units the analysis matches: each section's own text, for a sample of corpus agreements. */
function corpusUnits(limit: number): string[] {
  const units: string[] = [];
  for (const f of readdirSync(CORPUS).sort().slice(0, limit)) {
    const result = analyzer().analyze(readFileSync(path.join(CORPUS, f), "utf8"), {
      languageId: "plaintext",
      force: true,
    });
    for (const s of result.sections) units.push(result.masked.slice(s.start, s.ownEnd));
  }
  return units;
}

const ODD = [
  "exclusive ---- license; Exclusive   sub-license. non exclusive licence ſix (6) days, USD 5 million. [***] days; within [ * ] days; seventeen days \u212Aeep",
  "exclusive – license… “exclusive” ’license’ exclusive'license éexclusive license Blücherstr exclusive",
  "exclusive 𝐀𝐁 license [𝐀𝐀𝐀𝐀𝐀𝐀𝐀𝐀𝐀𝐀𝐀𝐀] days [𝐀𝐀𝐀𝐀𝐀𝐀] days \uD800 within 30 days",
  // Runs short enough for the reference (the regular expression) to finish, long enough to be risky.
  "within " +
    "-".repeat(14) +
    " 30 days; exclusive " +
    "a-".repeat(7) +
    "license and " +
    "’ ".repeat(8) +
    "exclusive license",
  "$5,000,000 €3 £4 USD 25,000,000 or 80%, _____ days, **** days, within thirty (30) days and within 1,2,3,4,5,6,7,8,9,0,1,2,3,4,5,6,7,8,9,0,1,2,3,4,5,6,7,8,9,0,1,2,3,4,5,6,7,8,9 days",
  // More distinct four-letter word starts than the matcher first makes room for (1,024), then cues.
  Array.from({ length: 1500 }, (_, i) =>
    [i % 26, (i / 26) % 26, i / 676, 7].map((d) => String.fromCharCode(97 + Math.floor(d))).join(""),
  ).join(" ") + ". Licensee shall have an exclusive license; supply failure within thirty (30) days.",
];

describe("cue matching", () => {
  afterEach(() => {
    setStepBudget(20_000);
  });

  it("finds exactly what each cue's regular expression finds, on corpus sections", () => {
    const library = builtin();
    const units = [...corpusUnits(6), ...ODD];
    for (const unit of units)
      expect(view(matchUnit(library, unit))).toEqual(view(referenceMatch(library, unit)));
  }, 120_000);

  it("runs every library pattern in the engine exactly as the regular expression, on both of its paths", () => {
    const library = builtin();
    const texts = [
      ...readdirSync(CORPUS)
        .sort()
        .slice(0, 3)
        .map((f) => readFileSync(path.join(CORPUS, f), "utf8").slice(5_000, 7_000)),
      ...ODD,
    ];
    for (const budget of [20_000, 0]) {
      setStepBudget(budget);
      for (const probe of library.probes) {
        const engine = compilePattern(probe.cue.regex.source);
        const sticky = new RegExp(probe.cue.regex.source, "iuy");
        for (const text of texts) {
          engine.start(text);
          for (let i = 0; i < text.length; i++) {
            if (i > 0 && /\w/.test(text[i - 1]!)) continue;
            sticky.lastIndex = i;
            const expected = sticky.test(text) ? sticky.lastIndex : -1;
            if (engine.match(i) !== expected)
              expect({ cue: probe.cue.source, at: text.slice(i, i + 40), got: engine.match(i) }).toEqual({
                cue: probe.cue.source,
                at: text.slice(i, i + 40),
                got: expected,
              });
          }
        }
      }
    }
  }, 120_000);

  it("answers where the regular expression backtracks exponentially (a hang fails by the test timeout)", () => {
    // The expression takes seconds on 30 dashes after "exclusive" and never finishes on 40.
    const cue = compileCue("exclusive ~10 license ~10 territory");
    const ends = (text: string) => {
      const engine = compilePattern(cue.regex.source);
      engine.start(text);
      return engine.match(0);
    };
    const dashes = "exclusive " + "-".repeat(5_000) + " license in the territory";
    expect(ends(dashes)).toBe(dashes.length);
    // "a-a-…-x" is one hyphenated word; "a- a- …" is three thousand, far past the gap of ten.
    const hyphenated = "exclusive " + "a-".repeat(3_000) + "x license in the territory";
    expect(ends(hyphenated)).toBe(hyphenated.length);
    expect(ends("exclusive " + "a- ".repeat(3_000) + "license in the territory")).toBe(-1);
    const spaced = "exclusive " + "- ".repeat(3_000) + "license of the territory";
    expect(ends(spaced)).toBe(spaced.length);
    const unit = "The Licensee has an exclusive " + "-".repeat(2_000) + " licence in the Territory.";
    expect(matchUnit(builtin(), unit).sentences).toHaveLength(1);
    expect(cueTest(cue, "Exclusive " + "-".repeat(1_000))).toBe(false);
    expect(cueTest(cue, "Exclusive " + "-".repeat(1_000) + " License for the Territory")).toBe(true);
  }, 60_000);
});
