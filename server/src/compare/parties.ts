/**
 * Who is who in an agreement: the names it gives the licensor and the licensee ("Licensor",
 * "Lumina", "NewCo"), learned from the parties paragraph ("by and between X ("Lumina" or
 * "Licensor"), and Y ("NewCo")"), and the party a sentence binds ("Licensee shall cure ...").
 */
import type { Party } from "../core/types";

export interface PartyNames {
  licensor: string[];
  licensee: string[];
}

/** Whom a quantity binds or benefits, seen from the user's side. */
export type Actor = "us" | "them" | "mutual" | "unknown";

const MUTUAL = [
  "each Party",
  "either Party",
  "neither Party",
  "the Parties",
  "both Parties",
  "each of the Parties",
  "the other Party",
  "a Party",
  "the Party",
].flatMap((n) => [n, n[0]!.toUpperCase() + n.slice(1)]);
const LICENSOR_WORDS = /^(?:Licensor|Grantor|Originator)$/;
const LICENSEE_WORDS = /^(?:Licensee|Grantee|Partner|NewCo|Newco|Company|Distributor)$/;
const NOT_PARTY = /^(?:Agreement|Effective Date|Party|Parties|Investors?|Affiliates?|Territory)$/i;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Reads the parties' names from the agreement's opening (masked text: no Markdown markup). The
 * defaults "Licensor" and "Licensee" are always included.
 */
export function partyNames(masked: string): PartyNames {
  const names: PartyNames = { licensor: ["Licensor"], licensee: ["Licensee"] };
  const head = masked.slice(0, 8000);
  const between = /\bbetween\b/i.exec(head);
  if (!between) return names;
  const paragraphEnd = head.indexOf("\n\n", between.index);
  const para = head.slice(between.index, paragraphEnd < 0 ? head.length : paragraphEnd);
  const groups: string[][] = [];
  for (const m of para.matchAll(/\(([^()]*[“"][^()]*)\)/g)) {
    const terms = [...m[1]!.matchAll(/[“"]([^”"]{1,40})[”"]/g)]
      .map((t) => t[1]!.trim())
      .filter((t) => !NOT_PARTY.test(t));
    if (terms.length > 0) groups.push(terms);
    if (groups.length === 2) break;
  }
  if (groups.length < 2) return names;
  const role = (g: string[]): Party | null =>
    g.some((t) => LICENSOR_WORDS.test(t))
      ? "licensor"
      : g.some((t) => LICENSEE_WORDS.test(t))
        ? "licensee"
        : null;
  let first = role(groups[0]!);
  let second = role(groups[1]!);
  if (first === null && second !== null) first = second === "licensor" ? "licensee" : "licensor";
  if (second === null && first !== null) second = first === "licensor" ? "licensee" : "licensor";
  if (first === null || second === null || first === second) return names;
  for (const t of groups[0]!) if (!names[first].includes(t)) names[first].push(t);
  for (const t of groups[1]!) if (!names[second].includes(t)) names[second].push(t);
  return names;
}

const MODAL = String.raw`(?:shall|will|must|may|agrees?|undertakes?|bears?|pays?|fails?|is required|is obliged|has the (?:first |sole )?right|can|cannot|retains?|grants?|delivers?|provides?)`;

/** Finds the party a quantity at `[start, end)` of `sentence` binds: the subject nearest before it, else the first after it. */
export function actorOf(
  sentence: string,
  start: number,
  end: number,
  names: PartyNames,
  side: Party,
): { actor: Actor; name: string | null } {
  const all = [
    ...names.licensor.map((n) => [n, "licensor"] as const),
    ...names.licensee.map((n) => [n, "licensee"] as const),
    ...MUTUAL.map((n) => [n, "mutual"] as const),
  ];
  const alternation = all
    .map(([n]) => n)
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join("|");
  const roleOf = (name: string): Actor => {
    const hit = all.find(([n]) => n === name);
    if (!hit) return "unknown";
    if (hit[1] === "mutual") return "mutual";
    return hit[1] === side ? "us" : "them";
  };
  // Passive: "borne sixty-five percent (65%) by Licensee".
  const by = new RegExp(String.raw`^\s*(?:of [^,;.]{0,40}?\s)?by (${alternation})\b`).exec(
    sentence.slice(end, end + 80),
  );
  if (by) return { actor: roleOf(by[1]!), name: by[1]! };
  const subject = new RegExp(
    String.raw`\b(${alternation})(?:['’]s)?\b(?:\s+[\w,-]+){0,3}?\s+${MODAL}\b`,
    "g",
  );
  let last: RegExpExecArray | null = null;
  let after: RegExpExecArray | null = null;
  for (const m of sentence.matchAll(subject)) {
    if (m.index < start) last = m;
    else if (m.index >= end && !after) after = m;
  }
  const pick = last ?? after;
  if (!pick) return { actor: "unknown", name: null };
  return { actor: roleOf(pick[1]!), name: pick[1]! };
}
