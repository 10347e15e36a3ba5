import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { typedVariant } from "../../server/src/core/warmup";
import { Warmup } from "../../server/src/lsp/warmup";

const PROSE =
  "The Licensee shall use Commercially Reasonable Efforts to develop and commercialise the Product in the Territory.";

describe("typedVariant", () => {
  it("types an s at the end of the word that runs past the 40th character of a long prose line", () => {
    const source = `# 3. Diligence\n\n${PROSE}\n`;
    expect(typedVariant(source, 0)).toBe(
      "# 3. Diligence\n\nThe Licensee shall use Commercially Reasonables Efforts to develop and commercialise the Product in the Territory.\n",
    );
  });

  it("spreads its edits over the document's long prose lines, one letter each", () => {
    const lines = Array.from({ length: 20 }, (_, i) => `Clause ${i}: ${PROSE}`);
    const source = lines.join("\n\n");
    const edited = new Set<number>();
    for (let k = 0; k < 16; k++) {
      const variant = typedVariant(source, k)!;
      expect(variant.length).toBe(source.length + 1);
      const at = [...source].findIndex((c, i) => variant[i] !== c);
      expect(variant[at]).toBe("s");
      expect(variant.slice(0, at) + variant.slice(at + 1)).toBe(source);
      edited.add(source.slice(0, at).split("\n").length);
    }
    expect(edited.size).toBeGreaterThanOrEqual(10);
  });

  it("has nothing to type into a text without a long prose line (headings, tables, short lines)", () => {
    const table = `| Term | Meaning |\n|---|---|\n| ${"x".repeat(90)} | y |`;
    expect(typedVariant(`# ${"Heading ".repeat(12)}\n\nShort line.\n\n${table}\n`, 0)).toBeNull();
  });
});

describe("Warmup", () => {
  const LONG = 100_000;
  let steps: string[];
  let finished: Array<[string, number]>;
  let analysedAt: number;
  let text: string | undefined;
  let warmup: Warmup;

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setImmediate", "performance"] });
    steps = [];
    finished = [];
    analysedAt = 0;
    text = `# Licence\n\n${PROSE}\n`;
    warmup = new Warmup({
      text: () => text,
      analysedAt: () => analysedAt,
      step: (_uri, variant) => (steps.push(variant), true),
      finished: (uri, n) => finished.push([uri, n]),
    });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("after a second's pause on a long document, analyses 32 typed variants of its text, each in its own turn, once per process", () => {
    warmup.touched("file:///a.md", LONG, false);
    vi.advanceTimersByTime(999);
    expect(steps).toHaveLength(0);
    vi.advanceTimersByTime(1);
    // One step per turn of the event loop: requests that arrive in between are answered first.
    expect(steps).toHaveLength(1);
    vi.runAllTimers();
    expect(steps).toHaveLength(32);
    expect(steps[0]).toBe(typedVariant(text!, 0));
    expect(steps[31]).toBe(typedVariant(text!, 31));
    expect(finished).toEqual([["file:///a.md", 32]]);
    warmup.touched("file:///b.md", LONG, false);
    vi.runAllTimers();
    expect(steps).toHaveLength(32);
  });

  /** A warm-up whose every step takes `ms`. */
  const timed = (ms: number) =>
    new Warmup({
      text: () => text,
      analysedAt: () => 0,
      step: (_uri, variant) => (steps.push(variant), vi.advanceTimersByTime(ms), true),
      finished: (uri, n) => finished.push([uri, n]),
    });

  it("ends a round once it has taken 2.5 s: on a longer document steps are slower", () => {
    timed(300).touched("file:///longer.md", LONG, false);
    vi.runAllTimers();
    // 8 steps take 2.4 s; the ninth brings the round to 2.7 s.
    expect(steps).toHaveLength(9);
    expect(finished).toEqual([["file:///longer.md", 9]]);
  });

  it("stops a round at the next change and starts over after the next pause", () => {
    warmup.touched("file:///a.md", LONG, false);
    vi.advanceTimersByTime(1_000);
    expect(steps).toHaveLength(1);
    warmup.touched("file:///a.md", LONG, true);
    vi.advanceTimersByTime(999);
    expect(steps).toHaveLength(1);
    vi.runAllTimers();
    expect(steps).toHaveLength(33);
    expect(finished).toHaveLength(1);
  });

  it("counts the pause from the end of the last analysis: opening a long agreement takes a while", () => {
    warmup.touched("file:///a.md", LONG, false);
    analysedAt = 600;
    vi.advanceTimersByTime(1_000);
    expect(steps).toHaveLength(0);
    vi.advanceTimersByTime(599);
    expect(steps).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(steps).toHaveLength(1);
  });

  it("ends after a step slower than 400 ms: a keystroke would wait that long, for little gain", () => {
    timed(401).touched("file:///slow.md", LONG, false);
    vi.runAllTimers();
    expect(steps).toHaveLength(1);
    expect(finished).toEqual([["file:///slow.md", 1]]);
  });

  it("leaves short documents (quick anyway) and very long ones (too costly) alone", () => {
    warmup.touched("file:///short.md", 20_000, false);
    warmup.touched("file:///huge.md", 3_000_000, false);
    vi.runAllTimers();
    expect(steps).toHaveLength(0);
  });

  it("needs no warm-up once the user has typed 32 keystrokes into long documents", () => {
    for (let k = 0; k < 32; k++) warmup.touched("file:///a.md", LONG, true);
    vi.runAllTimers();
    expect(steps).toHaveLength(0);
  });

  it("ends the round when the document was closed or has no analysis to follow yet", () => {
    text = undefined;
    warmup.touched("file:///closed.md", LONG, false);
    vi.runAllTimers();
    expect(steps).toHaveLength(0);
    text = `# Licence\n\n${PROSE}\n`;
    let tries = 0;
    const notYet = new Warmup({ text: () => text, analysedAt: () => 0, step: () => (tries++, false) });
    notYet.touched("file:///a.md", LONG, false);
    vi.runAllTimers();
    expect(tries).toBe(1);
  });
});
