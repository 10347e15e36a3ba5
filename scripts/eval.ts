/**
 * Detection quality on labelled real agreements: `npm run eval -- DIR` where DIR holds agreements/
 * and labels.tsv (see ../shared/corpus/README.md). Prints per-clause accuracy, balanced accuracy, the
 * false-missing rate, element precision/recall/F1, every miss on one line, and a plain keyword
 * baseline scored on the same texts in the same run, so each number has a reference.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Analyzer } from "../server/src/core/analyze";
import { compileLibrary, TAXONOMY_CLAUSES } from "../server/src/core/library";
import { builtinLibraryDir, loadBuiltinLibrary } from "../server/src/library/load";

interface Label {
  agreement: string;
  clause: string;
  present: boolean;
  sections: string;
  elements: Set<string>;
}

interface Prediction {
  present: boolean;
  elements: Set<string>;
  sections: string[];
}

/** A plain keyword baseline: a clause is present when one of its words appears anywhere. */
const BASELINE: Record<string, RegExp> = {
  exclusivity: /\bexclusiv/i,
  reversion: /\brevert|\breversion|\breturn of rights/i,
  supply: /\bsupply\b/i,
  "data-sharing": /\breports?\b|\binform\b/i,
  "minimum-commercial-investment": /\bminimum\b/i,
  governance: /\bcommittee\b/i,
  diligence: /\bdiligen|\befforts\b/i,
  ip: /\bintellectual property\b|\bpatents?\b/i,
  termination: /\bterminat/i,
};

function readLabels(file: string): Label[] {
  const rows = readFileSync(file, "utf8").trim().split("\n").slice(1);
  return rows.map((row) => {
    const [agreement, clause, present, sections, elements] = row.split("\t");
    return {
      agreement: agreement!,
      clause: clause!,
      present: present === "Y",
      sections: sections ?? "-",
      elements: new Set(elements && elements !== "-" ? elements.split(",").map((e) => e.trim()) : []),
    };
  });
}

function pct(n: number): string {
  return `${(n * 100).toFixed(1)}%`;
}

interface Scores {
  balancedAccuracy: number;
  falseMissing: number;
  precision: number;
  recall: number;
  f1: number;
  perClause: Map<string, { correct: number; total: number }>;
}

function score(labels: Label[], predict: (l: Label) => Prediction): Scores {
  let tp = 0,
    fn = 0,
    tn = 0,
    fp = 0;
  let ep = 0,
    epTrue = 0,
    erTotal = 0;
  const perClause = new Map<string, { correct: number; total: number }>();
  for (const l of labels) {
    const p = predict(l);
    const c = perClause.get(l.clause) ?? { correct: 0, total: 0 };
    c.total++;
    if (p.present === l.present) c.correct++;
    perClause.set(l.clause, c);
    if (l.present) {
      if (p.present) tp++;
      else fn++;
      for (const e of p.elements) {
        ep++;
        if (l.elements.has(e)) epTrue++;
      }
      erTotal += l.elements.size;
    } else if (p.present) fp++;
    else tn++;
  }
  const recallPresent = tp / Math.max(1, tp + fn);
  const recallAbsent = tn / Math.max(1, tn + fp);
  const precision = epTrue / Math.max(1, ep);
  const recall = epTrue / Math.max(1, erTotal);
  return {
    balancedAccuracy: (recallPresent + recallAbsent) / 2,
    falseMissing: fn / Math.max(1, tp + fn),
    precision,
    recall,
    f1: (2 * precision * recall) / Math.max(1e-9, precision + recall),
    perClause,
  };
}

function main(): void {
  const dir = process.argv[2] ?? path.resolve("../shared/corpus");
  const verbose = process.argv.includes("--verbose");
  const labels = readLabels(path.join(dir, "labels.tsv"));
  const library = compileLibrary(loadBuiltinLibrary(builtinLibraryDir(path.resolve("server/src/library"))));
  const analyzer = new Analyzer(library);
  const files = readdirSync(path.join(dir, "agreements")).filter((f) => /\.(txt|md)$/.test(f));
  const predictions = new Map<string, Map<string, Prediction>>();
  const texts = new Map<string, string>();
  let bytes = 0;
  const started = performance.now();
  for (const f of files) {
    const text = readFileSync(path.join(dir, "agreements", f), "utf8");
    bytes += text.length;
    const name = f.replace(/\.(txt|md)$/, "");
    texts.set(name, text);
    const result = analyzer.analyze(text, {
      languageId: f.endsWith(".md") ? "markdown" : "plaintext",
      force: true,
    });
    const byClause = new Map<string, Prediction>();
    for (const c of result.clauses) {
      byClause.set(c.clause, {
        present: c.status !== "missing",
        elements: new Set(c.elements.filter((e) => e.present).map((e) => e.element)),
        sections: c.sections.map((i) => result.sections[i]!.number ?? result.sections[i]!.title),
      });
    }
    predictions.set(name, byClause);
  }
  const elapsed = performance.now() - started;
  const engine = score(
    labels,
    (l) =>
      predictions.get(l.agreement)?.get(l.clause) ?? { present: false, elements: new Set(), sections: [] },
  );
  const elementWords = new Map<string, RegExp>();
  for (const c of library.clauses) {
    for (const e of c.elements) {
      const words = e.def.title
        .toLowerCase()
        .split(/[^a-z]+/)
        .filter((w) => w.length >= 5);
      elementWords.set(e.def.id, new RegExp(`\\b(?:${words.join("|") || "\\b\\B"})`, "i"));
    }
  }
  const baseline = score(labels, (l) => {
    const text = texts.get(l.agreement) ?? "";
    const present = BASELINE[l.clause]?.test(text) ?? false;
    const elements = new Set<string>();
    if (present) {
      for (const e of library.clauses.find((c) => c.def.id === l.clause)?.elements ?? []) {
        if (elementWords.get(e.def.id)!.test(text)) elements.add(e.def.id);
      }
    }
    return { present, elements, sections: [] };
  });

  console.log(
    `Corpus: ${dir} — ${files.length} agreements, ${(bytes / 1e6).toFixed(2)} MB, ${labels.length} labelled clause rows`,
  );
  console.log(
    `Engine analysis time: ${elapsed.toFixed(0)} ms for all agreements (${(bytes / 1e6 / (elapsed / 1000)).toFixed(2)} MB/s)\n`,
  );
  console.log("clause                          engine acc   baseline acc");
  for (const clause of TAXONOMY_CLAUSES) {
    const e = engine.perClause.get(clause);
    const b = baseline.perClause.get(clause);
    if (!e || !b) continue;
    console.log(
      `${clause.padEnd(32)}${`${e.correct}/${e.total}`.padStart(10)}   ${`${b.correct}/${b.total}`.padStart(12)}`,
    );
  }
  const rows: Array<[string, number, number, string, (v: number) => boolean]> = [
    ["false-missing rate", engine.falseMissing, baseline.falseMissing, "<= 3%", (v) => v <= 0.03],
    ["balanced accuracy", engine.balancedAccuracy, baseline.balancedAccuracy, ">= 0.92", (v) => v >= 0.92],
    ["element precision", engine.precision, baseline.precision, "", () => true],
    ["element recall", engine.recall, baseline.recall, "", () => true],
    ["element F1", engine.f1, baseline.f1, ">= 0.80", (v) => v >= 0.8],
  ];
  console.log("\nmetric                  engine   baseline   target    met");
  for (const [name, e, b, target, ok] of rows) {
    const fmt = name === "balanced accuracy" ? (v: number) => v.toFixed(3) : pct;
    console.log(
      `${name.padEnd(22)}${fmt(e).padStart(8)}${fmt(b).padStart(11)}   ${target.padEnd(8)}  ${target ? (ok(e) ? "yes" : "NO") : ""}`,
    );
  }
  const beats =
    engine.falseMissing <= baseline.falseMissing &&
    engine.balancedAccuracy > baseline.balancedAccuracy &&
    engine.f1 > baseline.f1;
  console.log(`clear of the keyword baseline on every target metric: ${beats ? "yes" : "NO"}`);

  console.log("\nMisses (FM = labelled present, reported missing; FP = labelled absent, reported present):");
  const elementMisses: string[] = [];
  for (const l of labels) {
    const p = predictions.get(l.agreement)?.get(l.clause);
    if (!p) continue;
    if (l.present && !p.present) console.log(`  FM ${l.agreement} ${l.clause} (labelled at ${l.sections})`);
    if (!l.present && p.present)
      console.log(`  FP ${l.agreement} ${l.clause} (found at ${p.sections.join(", ")})`);
    if (l.present && p.present) {
      const missed = [...l.elements].filter((e) => !p.elements.has(e));
      const extra = [...p.elements].filter((e) => !l.elements.has(e));
      if (missed.length || extra.length) {
        elementMisses.push(
          `  EL ${l.agreement} ${l.clause}: missed ${missed.join(",") || "-"}; extra ${extra.join(",") || "-"}`,
        );
      }
    }
  }
  if (verbose) {
    console.log("\nElement differences:");
    for (const line of elementMisses) console.log(line);
  } else {
    console.log(`\n${elementMisses.length} clauses with element differences (--verbose lists them)`);
  }
}

main();
