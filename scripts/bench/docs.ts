/**
 * Builds benchmark agreements of a given size in Markdown from the real agreements of the corpus
 * (plain-text SEC filings, converted to Markdown headings and paragraphs) and generated Markdown
 * (definition lists, payment tables, emphasis, links, block quotes), so the text exercises both the
 * agreement rules and the Markdown parser.
 *
 * Each copy of a corpus agreement is renumbered, and any paragraph the document already holds gets a
 * distinguishing sentence: no block of a benchmark document is a verbatim repeat of another, so no
 * content-keyed cache can skip work that a real document of that size would need.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** Converts a plain-text agreement (as filed, often collapsed onto a few long lines) to Markdown. */
export function corpusToMarkdown(text: string, article: (n: number) => number): string {
  const out: string[] = [];
  // Collapsed filings separate paragraphs with runs of three or more spaces; real line breaks too.
  const pieces = text
    .replace(/\r\n?/g, "\n")
    .split(/\n|(?<=\S) {3,}(?=\S)/)
    .map((p) => p.replace(/[ \t]+/g, " ").trim())
    .filter((p) => p !== "");
  for (let i = 0; i < pieces.length; i++) {
    let p = pieces[i]!;
    // Markdown would read some filing artefacts as syntax that swallows the rest of the text.
    p = p
      .replace(/^([-=_*]{3,})$/, "$1 $1")
      .replace(/^([#>]+)/, "\\$1")
      .replace(/^(\d+)\) /, "$1. ");
    const art = /^(ARTICLE|Article|SECTION|Section)\s+(\d{1,3}|[IVXLC]{1,7})\.?\s*(.*)$/.exec(p);
    if (art && (art[3] === "" || art[3]!.length <= 80)) {
      let title = art[3]!;
      // "ARTICLE 5" then "LICENSE GRANT" on the next piece: one heading.
      if (
        title === "" &&
        pieces[i + 1] &&
        pieces[i + 1]!.length <= 80 &&
        /^[A-Z][A-Z ,&-]+$/.test(pieces[i + 1]!)
      )
        title = pieces[++i]!;
      const n = /^\d+$/.test(art[2]!) ? String(article(Number(art[2]))) : art[2]!;
      out.push(`## ${art[1]} ${n}${title ? ` ${title}` : ""}`);
      continue;
    }
    if (p.length <= 70 && /^[A-Z][A-Z ,&-]{4,}$/.test(p)) {
      out.push(`### ${p}`);
      continue;
    }
    const num = /^(\d{1,3})((?:\.\d{1,3})+)?(\.?)\s+(.+)$/.exec(p);
    if (num) {
      const n = `${article(Number(num[1]))}${num[2] ?? ""}${num[3]}`;
      // A run-in title becomes bold, as drafts in Markdown write it.
      const runIn = /^([A-Z][A-Za-z ,&-]{2,60}?)\.\s+(.*)$/.exec(num[4]!);
      out.push(runIn ? `**${n} ${runIn[1]}.** ${runIn[2]}` : `${n} ${num[4]}`);
      continue;
    }
    out.push(p);
  }
  return out.join("\n\n");
}

const WORDS = [
  "Licensee",
  "shall",
  "use",
  "Commercially",
  "Reasonable",
  "Efforts",
  "to",
  "develop",
  "the",
  "Licensed",
  "Product",
  "in",
  "each",
  "country",
  "of",
  "Territory",
  "and",
  "provide",
  "Licensor",
  "with",
  "written",
  "reports",
  "within",
  "thirty",
  "(30)",
  "days",
  "after",
  "end",
  "Calendar",
  "Quarter",
  "any",
  "Third",
  "Party",
  "supply",
  "manufacture",
  "data",
  "committee",
  "royalty",
  "payment",
];

/** A deterministic pseudo-random generator (mulberry32), so every run builds the same documents. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sentence(rand: () => number, words: number): string {
  const w: string[] = [];
  for (let i = 0; i < words; i++) w.push(WORDS[Math.floor(rand() * WORDS.length)]!);
  const s = w.join(" ");
  return s[0]!.toUpperCase() + s.slice(1) + ".";
}

/** One schedule of generated Markdown: a definitions list, a payment table, emphasis, links and a quote. */
export function generatedSchedule(n: number, rand: () => number): string {
  const parts: string[] = [`## Schedule ${n} Operating Terms ${n}`, ""];
  parts.push(
    `Capitalised terms used in this *Schedule ${n}* have the meanings in [Article 1](#article-1) unless defined below.`,
    "",
  );
  for (let i = 1; i <= 6; i++) parts.push(`- **"Term ${n}-${i}"** means ${sentence(rand, 12)}`);
  parts.push("");
  parts.push("| Milestone | Payment (USD) | Due within |", "|---|---:|---|");
  for (let i = 1; i <= 5; i++)
    parts.push(`| Milestone ${n}.${i} | ${(1_000_000 * (i + n)).toLocaleString("en-US")} | ${30 + i} days |`);
  parts.push("");
  for (let i = 1; i <= 3; i++) {
    parts.push(`### ${n}.${i} Procedures`, "");
    parts.push(
      `${sentence(rand, 20)} ${sentence(rand, 16)} See _Exhibit ${n}_ and \`form ${n}.${i}\`. ${sentence(rand, 14)}`,
      "",
    );
    parts.push(`1. ${sentence(rand, 10)}`, `2. ${sentence(rand, 12)}`, `   - ${sentence(rand, 8)}`, "");
  }
  parts.push(`> Note ${n}: ${sentence(rand, 18)}`, "");
  return parts.join("\n");
}

/** Loads the corpus agreements (plain text), sorted by name. */
export function loadCorpus(dir: string): string[] {
  const agreements = path.join(dir, "agreements");
  return readdirSync(agreements)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => readFileSync(path.join(agreements, f), "utf8"));
}

export function countWords(text: string): number {
  const m = text.match(/\S+/g);
  return m ? m.length : 0;
}

/**
 * A Markdown agreement of about `words` words: a title and preamble, then corpus agreements (in
 * turn, renumbered per copy) with a generated schedule after each, cut at the first top-level block
 * past the size.
 */
export function buildAgreement(corpus: string[], words: number, seed = 1): string {
  const rand = random(seed);
  const head = [
    "---",
    "agreement:",
    "  model: out-licensing",
    "  party: licensor",
    "---",
    "",
    "# Exclusive License and Collaboration Agreement",
    "",
    'This Exclusive License and Collaboration Agreement (this "**Agreement**") is made by and between **Alpha Bio Co., Ltd.** ("**Licensor**") and **Beta Pharma AG** ("**Licensee**").',
    "",
    "WHEREAS, Licensor owns the Licensed Compound; NOW, THEREFORE, the parties agree as follows.",
    "",
  ].join("\n");
  let articleBase = 0;
  return assemble(head, words, (copy) => {
    const text = corpus[copy % corpus.length]!;
    const base = articleBase;
    let highest = 0;
    const md = corpusToMarkdown(text, (n) => {
      highest = Math.max(highest, n);
      return base + n;
    });
    articleBase += highest + 1;
    return [...md.split("\n\n"), generatedSchedule(copy + 1, rand)];
  });
}

/**
 * Joins copies' blocks (`copyBlocks` gives copy 0, 1, … in turn) after `head` until `words`. A
 * paragraph the document already holds gets a distinguishing sentence; headings may repeat.
 */
function assemble(head: string, words: number, copyBlocks: (copy: number) => string[]): string {
  const blocks: string[] = [head];
  const seen = new Set<string>();
  let total = countWords(head);
  for (let copy = 0; total < words; copy++) {
    let k = 0;
    for (const block of copyBlocks(copy)) {
      let b = block;
      if (seen.has(b) && !b.startsWith("#")) b = `${b} (Copy ${copy + 1}, paragraph ${++k}.)`;
      seen.add(b);
      blocks.push(b);
      total += countWords(b);
      if (total >= words) break;
    }
  }
  return blocks.join("\n\n") + "\n";
}

/**
 * Our sample agreements (Markdown) one after another until `words`, each copy's title demoted to a
 * part heading and repeated paragraphs made distinct as in {@link buildAgreement}. Written as
 * Markdown from the start, it is a document unified-language-server answers on at 50k words (it
 * published nothing within minutes on the corpus-built one); as the same agreements repeated, it
 * defines the same terms many times over and so carries hundreds of findings.
 */
export function buildFromSamples(samples: string[], words: number): string {
  return assemble("# Agreements", words, (copy) =>
    samples[copy % samples.length]!.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, "")
      .replace(/^# (.*)$/m, `## Part ${copy + 1}: $1`)
      .split(/\n\n+/)
      .map((b) => b.trim())
      .filter((b) => b !== ""),
  );
}
