import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Serials, TextCache } from "../../server/src/core/text-cache";

describe("TextCache", () => {
  it("computes a value once per kind and text, from a detached copy of the text", () => {
    const cache = new TextCache();
    const calls: string[] = [];
    const length = (t: string) => (calls.push(t), t.length);
    const document = "alpha beta gamma";
    expect(cache.get("length", document.slice(0, 5), length)).toBe(5);
    expect(cache.get("length", "alpha", length)).toBe(5);
    expect(cache.get("upper", "alpha", (t) => t.toUpperCase())).toBe("ALPHA");
    expect(calls).toEqual(["alpha"]);
    expect(cache.canonical(document.slice(0, 5))).toBe(cache.canonical("alpha"));
  });

  it("keeps falsy values as answers rather than recomputing them", () => {
    const cache = new TextCache();
    let calls = 0;
    for (let i = 0; i < 3; i++) cache.get("quick", "x", () => (calls++, false));
    expect(calls).toBe(1);
  });

  it("forgets what the latest analysis did not use once enough new entries came in", () => {
    const cache = new TextCache();
    const analyse = (texts: string[]) => {
      for (const t of texts) cache.get("kind", t, (own) => own.length);
      cache.sweep();
    };
    const blocks = Array.from({ length: 100 }, (_, i) => `block ${i}`);
    analyse(blocks);
    // One text and one value per block.
    expect(cache.size).toBe(200);
    // Typing in one block: each version adds an entry; the stale ones stay until a sweep is due.
    for (let k = 0; k < 10; k++) analyse([...blocks.slice(1), `block 0, edit ${k}`]);
    expect(cache.size).toBe(220);
    // 2,000 edits would keep 4,200 entries; sweeps bound the stale ones to the slack (1,024) and a
    // quarter of what is in use.
    for (let k = 10; k < 2_000; k++) analyse([...blocks.slice(1), `block 0, edit ${k}`]);
    expect(cache.size).toBeLessThanOrEqual(200 + 1_024 + 200 / 4 + 2);
    analyse(blocks.slice(50));
    analyse(Array.from({ length: 1_200 }, (_, i) => `new ${i}`));
    // The sweep after that analysis keeps exactly what it used.
    expect(cache.size).toBe(2 * 1_200);
  });

  it("forgets a kind of value no analysis asks for any more", () => {
    const cache = new TextCache();
    // A kind per version of what the values depend on, as undefined-term names its events.
    for (let version = 0; version < 40; version++) {
      for (let i = 0; i < 100; i++) cache.get(`events:${version}`, `block ${i}`, (own) => own.length);
      cache.sweep();
    }
    expect((cache as unknown as { kinds: Map<string, unknown> }).kinds.size).toBeLessThanOrEqual(12);
  });

  it("keeps values that hold no text from one analysis to the next only", () => {
    const cache = new TextCache();
    let calls = 0;
    const count = (t: string) => (calls++, t.length);
    cache.get("offsets", "a line", count, false);
    cache.sweep();
    cache.get("offsets", "a line", count, false);
    cache.sweep();
    expect(calls).toBe(1);
    // An analysis without the line: its key, a slice of an older document, is let go.
    cache.sweep();
    cache.get("offsets", "a line", count, false);
    expect(calls).toBe(2);
  });

  it("keeps nothing when told not to", () => {
    const cache = new TextCache(false);
    let calls = 0;
    cache.get("kind", "a", () => calls++);
    cache.get("kind", "a", () => calls++);
    expect(calls).toBe(2);
    expect(cache.size).toBe(0);
  });
});

describe("TextCache.getAll", () => {
  /** Detached copies, as the slicer hands out: equal to the originals but other string objects. */
  const copies = (texts: string[]) => texts.map((t) => [...t].join(""));

  it("answers each text as get does, computing only texts not asked about before", () => {
    const cache = new TextCache();
    const computed: string[] = [];
    const upper = (t: string) => (computed.push(t), t.toUpperCase());
    const blocks = ["alpha", "beta", "gamma", "delta"];
    expect(cache.getAll("upper", blocks, upper)).toEqual(["ALPHA", "BETA", "GAMMA", "DELTA"]);
    cache.sweep();
    // An edit in "beta", then a block inserted after it: the blocks around take the earlier answers.
    const edited = [blocks[0]!, "betas", blocks[2]!, blocks[3]!];
    expect(cache.getAll("upper", edited, upper)).toEqual(["ALPHA", "BETAS", "GAMMA", "DELTA"]);
    cache.sweep();
    const inserted = [edited[0]!, edited[1]!, "new", edited[2]!, edited[3]!];
    expect(cache.getAll("upper", inserted, upper)).toEqual(["ALPHA", "BETAS", "NEW", "GAMMA", "DELTA"]);
    // Equal texts that are other strings are found by lookup; so is a text met under get.
    expect(cache.getAll("upper", copies(blocks), upper)).toEqual(["ALPHA", "BETA", "GAMMA", "DELTA"]);
    expect(cache.get("upper", "gamma", upper)).toBe("GAMMA");
    expect(computed).toEqual(["alpha", "beta", "gamma", "delta", "betas", "new"]);
  });

  it("keeps the answers it took without a lookup through a sweep, like those it looked up", () => {
    const cache = new TextCache();
    let computed = 0;
    const length = (t: string) => (computed++, t.length);
    const blocks = Array.from({ length: 2_000 }, (_, i) => `block ${i}`);
    cache.getAll("length", blocks, length);
    cache.sweep();
    // Enough new texts in the middle for a sweep to be due: the 2,000 around them must survive it.
    const fresh = Array.from({ length: 1_500 }, (_, i) => `inserted ${i}`);
    cache.getAll("length", [...blocks.slice(0, 1_000), ...fresh, ...blocks.slice(1_000)], length);
    cache.sweep();
    expect(computed).toBe(3_500);
    cache.getAll("length", copies(blocks), length);
    expect(computed).toBe(3_500);
  });

  it("computes every answer in a cache that keeps nothing", () => {
    const cache = new TextCache(false);
    let computed = 0;
    const blocks = ["a", "b"];
    for (let k = 0; k < 2; k++) cache.getAll("n", blocks, () => ++computed);
    expect(computed).toBe(4);
  });
});

describe("TextCache.slicer", () => {
  /** Cuts `text` into its lines, as one analysis would, and ends the analysis. */
  const cutLines = (cache: TextCache, text: string): string[] => {
    const slice = cache.slicer("doc", text, "lines");
    const pieces: string[] = [];
    let start = 0;
    for (const line of text.split("\n")) {
      pieces.push(slice(start, start + line.length));
      start += line.length + 1;
    }
    cache.sweep();
    return pieces;
  };

  it("gives pieces before and after an edit the copies the previous analysis cut, and the edited one anew", () => {
    const cache = new TextCache();
    const before = cutLines(cache, "first line\nsecond line\nthird line");
    const after = cutLines(cache, "first line\nsecond, edited line\nthird line");
    expect(after).toEqual(["first line", "second, edited line", "third line"]);
    // The same string objects: a cache look-up with them compares identities, not characters.
    expect(after[0]).toBe(before[0]);
    expect(after[2]).toBe(before[2]);
    expect(cache.canonical("third line")).toBe(before[2]);
  });

  it("cuts exactly the new text's pieces, whatever the edit and wherever the pieces fall", () => {
    const text = fc.string({
      unit: fc.constantFrom("a", "b", "c", "d", "\n", "“"),
      minLength: 1,
      maxLength: 60,
    });
    const piece = fc.tuple(fc.nat(), fc.nat());
    fc.assert(
      fc.property(
        text,
        fc.tuple(fc.nat(), fc.nat(5), fc.string({ unit: fc.constantFrom("a", "e", "\n"), maxLength: 6 })),
        fc.array(piece, { minLength: 1, maxLength: 12 }),
        fc.array(piece, { maxLength: 6 }),
        (old, [at, remove, inserted], oldPieces, newPieces) => {
          const cache = new TextCache();
          const from = at % (old.length + 1);
          const to = Math.min(old.length, from + remove);
          const edited = old.slice(0, from) + inserted + old.slice(to);
          // Pieces as offsets within the first text: the same offsets, and those moved either way by
          // the edit's change of length, are then asked of the second, wherever the old pieces went.
          const within = ([a, b]: [number, number]): [number, number] => {
            const [x, y] = [a % (old.length + 1), b % (old.length + 1)];
            return [Math.min(x, y), Math.max(x, y)];
          };
          const first = oldPieces.map(within);
          const shift = edited.length - old.length;
          const moved = (d: number) => first.map(([x, y]) => [x + d, y + d] as [number, number]);
          // Two consumers taking turns, in no particular order: each walks its own pieces.
          const cut = (text: string, pieces: Array<[number, number]>) => {
            const slicers = [cache.slicer("doc", text, "a"), cache.slicer("doc", text, "b")];
            for (const [k, [x, y]] of pieces.entries()) {
              const slice = slicers[k % 2]!;
              if (x < 0 || y > text.length) continue;
              // What it can give without reading the text, when anything, is the same piece.
              const reused = slice.reuse(x, y);
              if (reused !== undefined) expect(reused).toBe(text.slice(x, y));
              expect(slice(x, y)).toBe(text.slice(x, y));
            }
            cache.sweep();
          };
          cut(old, first);
          cut(edited, [...first, ...moved(shift), ...moved(-shift), ...newPieces.map(within)]);
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it("reuses only pieces cut or kept before, where the edit left the text alone", () => {
    const cache = new TextCache();
    const before = cache.slicer("doc", "alpha beta gamma", "words");
    const alpha = cache.canonical("alpha");
    before.keep(0, 5, alpha);
    const beta = before(6, 10);
    cache.sweep();
    const after = cache.slicer("doc", "alpha beta gamma delta", "words");
    expect(after.reuse(0, 5)).toBe(alpha);
    expect(after.reuse(6, 10)).toBe(beta);
    // (0, 10) was never cut; (11, 22) reaches into the edit. Once cut, a piece is reused in its analysis.
    expect(after.reuse(0, 10)).toBeUndefined();
    expect(after.reuse(11, 22)).toBeUndefined();
    expect(after(11, 22)).toBe("gamma delta");
    expect(after.reuse(11, 22)).toBe("gamma delta");
  });

  it("gives each consumer the copies it cut before the edit, and one consumer's new pieces to the other", () => {
    const cache = new TextCache();
    const text = "alpha beta gamma";
    const blocks = cache.slicer("doc", text, "blocks");
    const words = cache.slicer("doc", text, "words");
    const [alpha, beta] = [blocks(0, 5), words(6, 10)];
    cache.sweep();
    const edited = "alpha beta gamma delta";
    const blocksAfter = cache.slicer("doc", edited, "blocks");
    const wordsAfter = cache.slicer("doc", edited, "words");
    expect(blocksAfter.reuse(0, 5)).toBe(alpha);
    // Before the edit, "beta" was cut by the other consumer only: nothing to take without reading it.
    expect(blocksAfter.reuse(6, 10)).toBeUndefined();
    expect(wordsAfter.reuse(6, 10)).toBe(beta);
    // Once taken in this analysis, it is there for every consumer.
    expect(blocksAfter.reuse(6, 10)).toBe(beta);
    const gamma = blocksAfter(11, 22);
    expect(gamma).toBe("gamma delta");
    expect(wordsAfter.reuse(11, 22)).toBe(gamma);
  });

  it("cuts plain slices in a cache that keeps nothing", () => {
    const slice = new TextCache(false).slicer("doc", "alpha beta", "words");
    expect(slice(6, 10)).toBe("beta");
    expect(slice.reuse(6, 10)).toBeUndefined();
  });
});

describe("TextCache.serial", () => {
  it("names equal texts alike and different texts apart, and never names another text as a forgotten one", () => {
    const cache = new TextCache();
    const alpha = cache.serial("alpha");
    expect(cache.serial("alp" + "ha")).toBe(alpha);
    const beta = cache.serial("beta");
    expect(beta).not.toBe(alpha);
    // Enough new texts for a sweep that forgets both: their numbers are not given out again.
    for (let i = 0; i < 3_000; i++) cache.canonical(`text ${i}`);
    cache.sweep();
    for (let i = 0; i < 3_000; i++) cache.canonical(`other ${i}`);
    cache.sweep();
    const again = cache.serial("alpha");
    expect([alpha, beta]).not.toContain(again);
    expect(cache.serial("gamma")).not.toBe(again);
  });

  it("names every text anew in a cache that keeps nothing (a name it kept would keep its text)", () => {
    const cache = new TextCache(false);
    expect(cache.serial("alpha")).not.toBe(cache.serial("alpha"));
  });
});

describe("Serials", () => {
  it("numbers a fingerprint once, and forgets all but the latest eight", () => {
    const serials = new Serials();
    const first = serials.of("a");
    expect(serials.of("a")).toBe(first);
    const others = Array.from({ length: 8 }, (_, i) => serials.of(`other ${i}`));
    expect(new Set([first, ...others]).size).toBe(9);
    // "a" was the oldest of nine: it gets a new number, the latest keep theirs.
    expect(serials.of("a")).not.toBe(first);
    expect(serials.of("other 7")).toBe(others[7]);
  });
});
