/**
 * `unused-definition` and `duplicate-definition`: the glossary's own hygiene. A term defined but never
 * used outside its definition is dead text (a hint, since a standard definitions article often carries
 * one or two); a term defined twice may be defined two different ways, which is a real risk.
 */
import type { Finding } from "../types";
import { glossaryOf, hasUse, termKey, type Definition } from "./glossary";
import type { DraftingInput } from "./input";
import { SpanFlags } from "./regions";

/** Kinds that actually define a term (pointers, references and extensions lean on a definition made elsewhere). */
function defines(d: Definition): boolean {
  return d.kind === "means" || d.kind === "inline";
}

/** `unused-definition` and `duplicate-definition` findings. */
export function findDefinitionProblems(doc: DraftingInput): Finding[] {
  const g = glossaryOf(doc);
  const findings: Finding[] = [];
  const first = new Map<string, Definition>();
  for (const d of g.definitions) {
    if (!defines(d)) continue;
    // Case matters: "control" defined inside "Affiliate" is not the defined term "Control".
    const key = termKey(d.term) + (d.term === d.term.toLowerCase() ? "\u0000lower" : "");
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, d);
      continue;
    }
    // `("Lumina" or "Licensor")` twice in one parenthesis is one definition.
    if (earlier.bodyEnd === d.bodyEnd) continue;
    const earlierLine = doc.lines.positionAt(earlier.start).line + 1;
    findings.push({
      rule: "duplicate-definition",
      severity: 2,
      range: doc.lines.range(d.start, d.end),
      message: `"${d.term}" is defined twice: it is already defined on line ${earlierLine}.`,
      fixes: [],
      related: [
        {
          range: doc.lines.range(earlier.start, earlier.end),
          message: `First definition of "${earlier.term}".`,
        },
      ],
    });
  }
  // Every place that defines or points at a term: a use there is not a use.
  // Asked once per use of every term: flags, not a list of spans scanned per use.
  const defining = new SpanFlags(doc.masked.length);
  for (const d of g.definitions) defining.add(d.start, d.end);
  for (const d of first.values()) {
    // A definition with a redaction in it ("[***] License Agreement") cannot be looked for.
    if (/\*|\[|\]/.test(d.term)) continue;
    const bodies = g.byKey.get(termKey(d.term)) ?? [d];
    const used = hasUse(
      doc,
      d.term,
      (u) =>
        !defining.overlaps(u.start, u.end) &&
        // A "means" definition that mentions its own term ("each Licensed Product") does not use it.
        !bodies.some((b) => b.kind === "means" && u.start >= b.start && u.start < b.bodyEnd),
    );
    if (used) continue;
    findings.push({
      rule: "unused-definition",
      severity: 4,
      range: doc.lines.range(d.start, d.end),
      message: `"${d.term}" is defined but never used.`,
      fixes: [],
    });
  }
  return findings.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}
