import { describe, expect, it } from "vitest";
import { TextCache } from "../../server/src/core/text-cache";

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
