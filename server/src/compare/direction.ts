/**
 * Which way a changed number cuts. A quantity is classified by the words around it (its kind), the
 * party it binds is read from the sentence (its actor, seen from the user's side), and the table
 * below says whether a higher value is better or worse for the user. docs/review.md prints the same
 * table for users.
 *
 * | kind            | read from                                              | actor is            | higher value is, for us |
 * |-----------------|--------------------------------------------------------|---------------------|-------------------------|
 * | cure-period     | "cure" before it ("fails to cure ... within 90 days")  | the party curing    | us: better · them: worse · both/unknown: licensor worse, licensee better |
 * | notice-period   | "N days' notice", "prior written notice"               | the party acting    | us: worse · them: better · both/unknown: licensor worse, licensee better |
 * | deadline        | "within", "by", "no later than" + a duration           | the party bound     | us: better · them: worse · both: worse (the safeguard comes later) · unknown: licensor worse, licensee better |
 * | audit-threshold | a percentage or amount in an audit sentence that must be exceeded before costs shift | the auditing party | us: worse · them: better · both/unknown: licensor worse, licensee better |
 * | commitment      | what a party must give: minimum spend, sales force, purchases, payments, royalties, support hours, lead times, obligation periods ("at least", "up to", "for N months") | the party giving | us: worse · them: better · both: no direction · unknown: licensor better, licensee worse |
 * | threshold/other | "less than", "more than", "vary", exclusivity terms, anniversaries, anything else | — | no direction: reported as `changed` |
 *
 * The "unknown" defaults follow the taxonomy: in a licence the licensee carries most minimums and
 * deadlines, and the licensor relies on termination and reversion, so a cure or notice period that
 * lengthens weakens the licensor.
 */
import type { Party } from "../core/types";
import type { Quantity } from "./numbers";
import type { Actor } from "./parties";

export type QuantityKind =
  "cure-period" | "notice-period" | "deadline" | "audit-threshold" | "commitment" | "other";

export const KIND_LABELS: Record<QuantityKind, string> = {
  "cure-period": "cure period",
  "notice-period": "notice period",
  deadline: "deadline",
  "audit-threshold": "audit cost-shift threshold",
  commitment: "commitment",
  other: "number",
};

/** Classifies a quantity by the words of its sentence around it (`start`/`end` relative to `sentence`). */
export function kindOf(
  q: Pick<Quantity, "unitClass">,
  sentence: string,
  start: number,
  end: number,
): QuantityKind {
  const before = sentence.slice(Math.max(0, start - 80), start);
  const near = sentence.slice(Math.max(0, start - 30), start);
  const after = sentence.slice(end, end + 40);
  if (q.unitClass === "duration") {
    if (
      /^\s*['’]?s?\s*(?:prior\s+)?(?:written\s+)?notice\b/i.test(after) ||
      /\bnotice period of\s*$/i.test(near)
    )
      return "notice-period";
    if (
      /\b(?:to cure|cures?\s+(?:the|such|its|any|that|a|all)\b|cured|remed(?:y|ied)\s+(?:the|such|its|any|that))/i.test(
        before,
      ) ||
      /\bcure period\b/i.test(after)
    )
      return "cure-period";
    if (/\b(?:within|by|no later than|not later than|at the latest)\s+(?:the\s+)?(?:first\s+)?$/i.test(near))
      return "deadline";
  }
  if (
    (q.unitClass === "percent" || q.unitClass === "money") &&
    /\baudit/i.test(sentence) &&
    /\b(?:discrepanc|underpay|exceed|more than|greater than)/i.test(before)
  ) {
    return "audit-threshold";
  }
  if (/\b(?:vary|variance|varies|tolerance)\b/i.test(before.slice(-40))) return "other";
  if (
    /\b(?:not|no)\s+(?:less|fewer)\s+than\s*$|\b(?:at least|minimum(?: of)?|up to|not to exceed|shall not exceed|no more than|not more than|maximum of)\s*$/i.test(
      near,
    )
  ) {
    return "commitment";
  }
  if (/\b(?:less|fewer|more|greater)\s+than\s*$|\b(?:exceeding|exceeds?|below|above|over)\s*$/i.test(near))
    return "other";
  if (/\banniversary\b/i.test(sentence.slice(start, end))) return "other";
  if (q.unitClass === "duration") {
    if (
      /\b(?:for|during|period of)\s+(?:up to\s+|at least\s+|the first\s+|a period of\s+)?$/i.test(near) ||
      /\bin advance\b|\bbefore\b/i.test(after.slice(0, 20))
    ) {
      return "commitment";
    }
    return "other";
  }
  return "commitment";
}

/**
 * +1 when a higher value is better for the user's side, -1 when worse, 0 when the table gives no
 * direction.
 */
export function direction(kind: QuantityKind, actor: Actor, side: Party): -1 | 0 | 1 {
  const licensor = side === "licensor";
  switch (kind) {
    case "cure-period":
      return actor === "us" ? 1 : actor === "them" ? -1 : licensor ? -1 : 1;
    case "notice-period":
      return actor === "us" ? -1 : actor === "them" ? 1 : licensor ? -1 : 1;
    case "deadline":
      return actor === "us" ? 1 : actor === "them" ? -1 : actor === "mutual" ? -1 : licensor ? -1 : 1;
    case "audit-threshold":
      return actor === "us" ? -1 : actor === "them" ? 1 : licensor ? -1 : 1;
    case "commitment":
      return actor === "us" ? -1 : actor === "them" ? 1 : actor === "mutual" ? 0 : licensor ? 1 : -1;
    case "other":
      return 0;
  }
}
