import { describe, expect, it } from "vitest";
import { compileCue, CueError, findAll } from "../../server/src/core/cues";

const hits = (cue: string, text: string) =>
  findAll(compileCue(cue), text).map((h) => text.slice(h.start, h.end));

describe("compileCue", () => {
  it("matches words case-insensitively at word boundaries", () => {
    expect(hits("exclusive license", "an Exclusive License and a nonexclusive license")).toEqual([
      "Exclusive License",
    ]);
  });
  it("matches word prefixes and alternatives", () => {
    expect(hits("exclusiv* licen*|right*", "exclusivity rights; exclusive licence")).toEqual([
      "exclusivity rights",
      "exclusive licence",
    ]);
  });
  it("bridges up to N words with ~N but not more", () => {
    expect(hits("exclusive ~1 license", "exclusive, royalty-bearing, sublicensable license")).toEqual([]);
    expect(hits("exclusive ~2 license", "exclusive, royalty-bearing, sublicensable license")).toEqual([
      "exclusive, royalty-bearing, sublicensable license",
    ]);
  });
  it("reads numbers written in words, digits, currency and redactions as #", () => {
    expect(
      hits("within # days", "within sixty (60) days; within 30 days; within [***] days; within [ * ] days"),
    ).toEqual(["within sixty (60) days", "within 30 days", "within [***] days", "within [ * ] days"]);
    expect(hits("#", "USD 25,000,000 or 80%")).toEqual(["USD 25,000,000", "80%"]);
  });
  it("treats a hyphen as optional hyphen, space or nothing", () => {
    expect(hits("non-exclusive", "non-exclusive, non exclusive and nonexclusive")).toEqual([
      "non-exclusive",
      "non exclusive",
      "nonexclusive",
    ]);
  });
  it("never spans two sentences", () => {
    expect(hits("supply failure", "We supply. Failure to do so")).toEqual([]);
  });
  it("rejects malformed cues with a clear message", () => {
    expect(() => compileCue("(a+)+")).toThrow(CueError);
    expect(() => compileCue("word ~50 other")).toThrow(/gap ~50 must be ~1 to ~10/);
    expect(() => compileCue("~2 word")).toThrow(/cannot start with a gap/);
    expect(() => compileCue("maybe?")).toThrow(/no required word/);
  });
  it("lists the keys of every required word, optional words and numbers left out", () => {
    expect(compileCue("shall|will the? ~3 terminate|cease|end # non-exclusive").needs).toEqual([
      ["shal", "will"],
      ["term", "ceas", "end"],
      ["non"],
    ]);
    expect(compileCue("# days").needs).toEqual([["days"]]);
  });
  it("stays linear on adversarial input", () => {
    const cue = compileCue("exclusive ~10 license ~10 territory");
    const text = "exclusive ".repeat(20000) + "x";
    // A catastrophic pattern would not finish here: the test timeout is the bound, not a clock.
    expect(findAll(cue, text)).toEqual([]);
    expect(findAll(cue, `${text} license in the territory`)).toHaveLength(1);
  });
});
