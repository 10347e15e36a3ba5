/**
 * False-alarm measurement for `undefined-term`: `npx tsx scripts/undefined-terms.ts DIR [--uses]` runs the
 * full analysis on every .txt/.md agreement in DIR (plain text for .txt) and prints, per agreement, the
 * terms the rule flags with their number of uses, then the totals. Judge each flagged term by hand:
 * a false alarm is a term the agreement does define (in any form) or a proper name that needs no
 * definition. `--uses` also prints each use in context, for that judgement.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Analyzer } from "../server/src/core/analyze";
import { findUses, glossaryOf } from "../server/src/core/drafting/glossary";
import { explainTerm, findTermCandidates } from "../server/src/core/drafting/undefined-terms";
import { compileLibrary } from "../server/src/core/library";
import { navigationInput } from "../server/src/core/navigation";
import { builtinLibraryDir, loadBuiltinLibrary } from "../server/src/library/load";

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith("--"));
if (!dir) {
  console.error("usage: npx tsx scripts/undefined-terms.ts DIR [--uses]");
  process.exit(2);
}
const showUses = args.includes("--uses");
const library = compileLibrary(
  loadBuiltinLibrary(builtinLibraryDir(path.join(__dirname, "..", "server", "src"))),
);
const analyzer = new Analyzer(library);
const files = readdirSync(dir)
  .filter((f) => /\.(?:txt|md)$/i.test(f))
  .sort();
let total = 0;
let agreementsWithFindings = 0;
for (const file of files) {
  const source = readFileSync(path.join(dir, file), "utf8");
  const markdown = file.endsWith(".md");
  const started = performance.now();
  const result = analyzer.analyze(source, { languageId: markdown ? "markdown" : "plaintext", force: true });
  const ms = performance.now() - started;
  const findings = result.findings.filter((f) => f.rule === "undefined-term");
  const doc = navigationInput(result, markdown);
  const candidates = findTermCandidates(doc);
  total += findings.length;
  if (findings.length > 0) agreementsWithFindings++;
  console.log(
    `${file}: ${findings.length} flagged, ${result.terms.length} defined terms (${ms.toFixed(0)} ms)`,
  );
  for (const c of candidates) {
    if (!findings.some((f) => f.message.startsWith(`"${c.term}"`))) continue;
    const det = c.uses.filter((u) => u.determiner).length;
    console.log(
      `  ${c.term}  uses=${c.uses.length}${det > 0 ? ` after-determiner=${det}` : ""}  line ${result.lines.positionAt(c.uses[0]!.start).line + 1}`,
    );
    if (showUses) {
      for (const u of c.uses.slice(0, 3)) {
        const context = source
          .slice(Math.max(0, u.start - 70), Math.min(source.length, u.end + 50))
          .replace(/\s+/g, " ");
        console.log(`      … ${context} …`);
      }
    }
  }
}
console.log(
  `\n${files.length} agreements, ${total} undefined-term findings in ${agreementsWithFindings} of them.`,
);

if (args.includes("--recall")) {
  // Recall: delete up to five multi-word definitions per agreement (the quoted term becomes "Zzq Removed N")
  // and count how many of the now undefined terms the rule reports.
  let removed = 0;
  let caught = 0;
  const missed: Array<{ where: string; why: string }> = [];
  for (const file of files) {
    const source = readFileSync(path.join(dir, file), "utf8");
    const markdown = file.endsWith(".md");
    const result = analyzer.analyze(source, { languageId: markdown ? "markdown" : "plaintext", force: true });
    const doc = navigationInput(result, markdown);
    const chosen: string[] = [];
    for (const d of glossaryOf(doc).definitions) {
      if (
        chosen.length >= 5 ||
        d.kind !== "means" ||
        !/^[A-Z][a-z]+(?: [A-Z][a-z]+)+$/.test(d.term) ||
        chosen.includes(d.term)
      )
        continue;
      if (glossaryOf(doc).parties.some((p) => p.short.some((s) => s.term === d.term))) continue;
      const uses = findUses(doc, d.term).filter(
        (u) => !glossaryOf(doc).definitions.some((x) => u.start >= x.start && u.start < x.end),
      );
      if (uses.length >= 2) chosen.push(d.term);
    }
    if (chosen.length === 0) continue;
    let edited = source;
    chosen.forEach((term, k) => {
      const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      edited = edited.replace(
        new RegExp(`([“"])(\\**)${escaped}(\\**)([”"])`, "g"),
        `$1$2Zzq Removed ${"abcde"[k]}$3$4`,
      );
    });
    const after = analyzer.analyze(edited, { languageId: markdown ? "markdown" : "plaintext", force: true });
    const afterDoc = {
      source: edited,
      masked: after.masked,
      lines: after.lines,
      sections: after.sections,
      terms: after.terms,
      markdown,
    };
    for (const term of chosen) {
      removed++;
      const why = explainTerm(afterDoc, term);
      if (why === "reported") caught++;
      else missed.push({ where: `${file}: ${term}`, why });
    }
  }
  console.log(
    `recall: ${caught} of ${removed} deleted definitions reported (${((100 * caught) / Math.max(1, removed)).toFixed(0)}%)`,
  );
  const reasons = new Map<string, number>();
  for (const m of missed) reasons.set(m.why, (reasons.get(m.why) ?? 0) + 1);
  for (const [why, n] of [...reasons].sort((a, b) => b[1] - a[1])) console.log(`  ${n} missed: ${why}`);
  if (showUses) for (const m of missed) console.log(`    ${m.where} (${m.why})`);
}
