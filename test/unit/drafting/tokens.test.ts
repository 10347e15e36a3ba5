import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tokenEnd } from "../../../server/src/core/drafting/undefined-terms";

/** The regular expression tokenEnd reads by hand: a token is what it matches, leftmost first. */
const L = "A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F";
const TOKEN_PATTERN = new RegExp(`[${L}\\d][${L}\\d]*(?:(?:[-\u00ad] ?|['’])[${L}\\d]+)*['’]?|&|\\/`, "g");

function byHand(text: string): string[] {
  const out: string[] = [];
  for (let at = 0; at < text.length; at++) {
    const end = tokenEnd(text, at);
    if (end < 0) continue;
    out.push(`${at}:${text.slice(at, end)}`);
    at = end - 1;
  }
  return out;
}

const byPattern = (text: string) => [...text.matchAll(TOKEN_PATTERN)].map((m) => `${m.index}:${m[0]}`);

describe("tokenEnd", () => {
  it("reads the tokens of drafting text", () => {
    expect(byHand("Licensee’s Know- How & the Product-by-Product sales/royalties of Alfa-n3's")).toEqual([
      "0:Licensee’s",
      "11:Know- How",
      "21:&",
      "23:the",
      "27:Product-by-Product",
      "46:sales",
      "51:/",
      "52:royalties",
      "62:of",
      "65:Alfa-n3's",
    ]);
  });

  it("finds exactly the tokens the regular expression finds", () => {
    const piece = fc.constantFrom(
      ..."aZ09éÀ×÷ßÿĀɏɐ- '’\u00ad&/.,\n\tΩ😀".split(""),
      "- ",
      "-  ",
      "' ",
      "Know",
      "’s",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
        const text = parts.join("");
        expect(byHand(text)).toEqual(byPattern(text));
      }),
      { numRuns: 5000 },
    );
  });
});
