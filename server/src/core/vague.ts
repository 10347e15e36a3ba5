/**
 * Flags vague drafting inside the obligations of matched clauses: "promptly" with no number of days,
 * reports "from time to time", an efforts standard the agreement never defines, "to be agreed" with
 * no fallback. The patterns are data (clause-library/drafting.yaml); this module only scopes them.
 */
import type { ClauseResult } from "./clauses";
import type { DefinedTerm } from "./definitions";
import type { CompiledLibrary } from "./library";
import type { UnitMatch } from "./match";
import type { Section } from "./structure";
import type { LineIndex } from "./text";
import type { Finding } from "./types";

const EFFORTS = /efforts|endeavou?rs/i;

/** Finds vague-obligation findings in the sections that contribute to a clause. */
export function findVagueObligations(
  library: CompiledLibrary,
  sections: Section[],
  units: UnitMatch[],
  clauses: ClauseResult[],
  terms: DefinedTerm[],
  lines: LineIndex,
): Finding[] {
  // A section belongs to the first clause that claims it (or one of its ancestors).
  const owner = new Map<number, string>();
  for (const c of clauses) for (const s of c.sections) if (!owner.has(s)) owner.set(s, c.clause);
  const definesEfforts = terms.some((t) => EFFORTS.test(t.term));
  const findings: Finding[] = [];
  for (const section of sections) {
    let clause: string | undefined;
    for (let p = section.index; p >= 0 && clause === undefined; p = p === 0 ? -1 : sections[p]!.parent)
      clause = owner.get(p);
    if (clause === undefined) continue;
    for (const sentence of units[section.index]!.sentences) {
      if (sentence.definition) continue;
      for (const v of library.vague) {
        const hit = sentence.hits.get(v.phrase);
        if (!hit) continue;
        if (v.def.obligationOnly !== false && !sentence.obligation) continue;
        if (v.unless.some((u) => sentence.hits.has(u))) continue;
        if (definesEfforts && /efforts|endeavou?r/i.test(v.def.phrase)) continue;
        const start = section.start + hit[0];
        const end = section.start + hit[1];
        findings.push({
          rule: "vague-obligation",
          severity: 3,
          range: lines.range(start, end),
          message: v.def.message,
          clause,
          fixes: v.def.replacement
            ? [
                {
                  title: `Replace with "${v.def.replacement.replace(/\$\{\d+:([^}]*)\}/g, "$1")}"`,
                  edits: [{ range: lines.range(start, end), snippet: v.def.replacement }],
                },
              ]
            : [],
        });
      }
    }
  }
  return findings;
}
