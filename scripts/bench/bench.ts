/**
 * `npm run bench` — one table, measured in one run:
 *   - cold analysis of Markdown agreements of 10k, 50k, 200k and 1M words (built from the corpus and
 *     generated Markdown, see docs.ts) next to a bare remark parse of the same text (the floor) and two
 *     Markdown linters on the same files, as medians and p95 over repeated runs and as ratios;
 *   - peak RSS of one cold analysis at each size, each in its own process;
 *   - keystroke-to-diagnostics latency over stdio for 50 single-character edits in body paragraphs of
 *     the 50k-word agreement, for this server (debounceMs 0) and unified-language-server with the
 *     remark-lint recommended preset. Our server then takes the same 50 edits again: the first round
 *     includes the JIT warming up on a fresh process, the second shows a server that has been typed into.
 *     Then each server is started afresh and typed into 3 s after opening, three times, ours and the
 *     peer's runs alternating, each row pooling its three runs' edits (p95 of 150 edits).
 *     unified-language-server publishes nothing on that document, so both servers are also timed on
 *     our sample agreements repeated to 50k words, where it does.
 * A benchmark, not a test: nothing here asserts a time. `--smoke` runs one small size with few
 * repetitions to prove the script works (CI runs that). `--root DIR` measures another checkout of this
 * project (its server/src and clause-library), e.g. the tree before a change.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { build, type BuildOptions } from "esbuild";
import { buildAgreement, buildFromSamples, countWords, loadCorpus } from "./docs";
import { measureKeystrokes, type Edit, type KeystrokeResult, type ServerSpec } from "./lsp";

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
};

const HERE = __dirname;
const REPO = path.resolve(HERE, "../..");
const smoke = flag("--smoke");
const root = path.resolve(option("--root", REPO));
const libraryDir = path.resolve(option("--library", path.join(root, "clause-library")));
const corpusDir = path.resolve(option("--corpus", path.join(REPO, "../shared/corpus")));
const sizes = smoke ? [2_000] : option("--sizes", "10000,50000,200000,1000000").split(",").map(Number);
// Small sizes are cheap to repeat and the noisiest: with 9 runs, the 10k-word median ratio of one
// tree moved from 1.00x to 1.33x between runs.
const repsFor = (words: number) =>
  smoke ? 2 : words >= 1_000_000 ? 3 : words >= 200_000 ? 5 : words >= 50_000 ? 15 : 31;
const keystrokeWords = smoke ? 2_000 : 50_000;
const edits = smoke ? 5 : 50;
const skipPeers = flag("--no-peer-server");
/** The samples that are agreements (the folder also holds a README and a non-agreement). */
const SAMPLE_AGREEMENTS = [
  "out-licensing-draft.md",
  "co-development-agreement.md",
  "newco-counterparty-draft.md",
];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0
    ? NaN
    : s.length % 2
      ? s[s.length >> 1]!
      : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)]!;
}

function ms(x: number): string {
  return Number.isNaN(x) ? "n/a" : x >= 100 ? x.toFixed(0) : x.toFixed(1);
}

function ratio(a: number, b: number): string {
  return Number.isNaN(a) || Number.isNaN(b) ? "n/a" : `${(a / b).toFixed(2)}x`;
}

/**
 * Runs worker.mjs in a process of its own. `bigHeap` lifts V8's heap limit, which the bare remark
 * tree of the largest documents needs; a bigger limit also lets V8 collect later and grow the RSS, so
 * the analysis's own peak is measured without it, as `node dist/server.js` runs.
 */
function worker(argv: string[], bigHeap = true): string {
  return execFileSync(
    process.execPath,
    [...(bigHeap ? ["--max-old-space-size=8192"] : []), path.join(HERE, "worker.mjs"), ...argv],
    {
      cwd: REPO,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    },
  );
}

/** Single-character edits spread over body paragraphs (plain prose lines, not headings, lists or tables). */
function bodyEdits(text: string, count: number): Edit[] {
  const lines = text.split("\n");
  const body: number[] = [];
  let inFrontMatter = lines[0] === "---";
  lines.forEach((line, i) => {
    if (i > 0 && inFrontMatter && line === "---") {
      inFrontMatter = false;
      return;
    }
    if (inFrontMatter || line.length < 80 || /^\s*(?:[#>|*+-]|\d+[.)]\s|```)/.test(line)) return;
    body.push(i);
  });
  const out: Edit[] = [];
  for (let k = 0; k < count; k++) {
    const line = body[Math.floor(((k + 0.5) * body.length) / count)]!;
    // Type inside a word in the middle of the line, as a correction would.
    const at = lines[line]!.indexOf(" ", lines[line]!.length >> 1);
    out.push({ line, character: at < 0 ? 1 : at, text: "s" });
  }
  return out;
}

async function main(): Promise<void> {
  const started = performance.now();
  const tmp = path.join(os.tmpdir(), `clause-checker-bench-${process.pid}`);
  mkdirSync(tmp, { recursive: true });
  const outDir = path.join(root, "dist", "bench");
  // The analyzer and the server of the tree under test, bundled as `npm run build` would.
  const entry = path.join(tmp, "analyzer-entry.ts");
  writeFileSync(
    entry,
    [
      `export { Analyzer } from ${JSON.stringify(path.join(root, "server/src/core/analyze"))};`,
      `export { compileLibrary } from ${JSON.stringify(path.join(root, "server/src/core/library"))};`,
      `export { loadBuiltinLibrary } from ${JSON.stringify(path.join(root, "server/src/library/load"))};`,
    ].join("\n"),
  );
  const common: BuildOptions = {
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    logLevel: "warning",
    nodePaths: [path.join(root, "node_modules")],
  };
  await build({ ...common, entryPoints: [entry], outfile: path.join(outDir, "analyzer.cjs") });
  await build({
    ...common,
    entryPoints: [path.join(root, "server/src/server.ts")],
    outfile: path.join(outDir, "server.js"),
  });
  const analyzer = path.join(outDir, "analyzer.cjs");

  const corpus = loadCorpus(corpusDir);
  const rows: string[][] = [];
  const head = [
    "words",
    "chars",
    "remark parse (floor)",
    "clause-checker",
    "ratio",
    "markdownlint",
    "ratio",
    "remark-lint",
    "ratio",
    "peak RSS",
    "floor RSS",
  ];
  for (const words of sizes) {
    const text = buildAgreement(corpus, words);
    const file = path.join(tmp, `agreement-${words}.md`);
    writeFileSync(file, text);
    const t = JSON.parse(worker(["time", analyzer, libraryDir, file, String(repsFor(words))])) as Record<
      string,
      number[]
    >;
    const rss = JSON.parse(worker(["rss", analyzer, libraryDir, file], false)) as { rssMB: number };
    const floorRss = JSON.parse(worker(["rss-floor", file])) as { rssMB: number };
    const f = t.floor!;
    const cell = (xs: number[]) => `${ms(median(xs))} / ${ms(p95(xs))}`;
    rows.push([
      countWords(text).toLocaleString("en-US"),
      text.length.toLocaleString("en-US"),
      cell(f),
      cell(t.ours!),
      ratio(median(t.ours!), median(f)),
      cell(t.markdownlint!),
      ratio(median(t.markdownlint!), median(f)),
      cell(t.remarkLint!),
      ratio(median(t.remarkLint!), median(f)),
      `${rss.rssMB} MB`,
      `${floorRss.rssMB} MB`,
    ]);
    process.stderr.write(`measured ${words} words\n`);
  }

  // Keystrokes over stdio.
  const limits = { openTimeoutMs: 120_000, editTimeoutMs: 30_000, budgetMs: smoke ? 20_000 : 240_000 };
  const ours: ServerSpec = {
    command: process.execPath,
    args: [path.join(outDir, "server.js"), "--stdio"],
    cwd: tmp,
    configuration: (section) => (section === "clauseChecker" ? { debounceMs: 0 } : {}),
    versioned: true,
  };
  const peerSpec: ServerSpec = {
    command: process.execPath,
    args: [path.join(HERE, "unified-ls.mjs"), "--stdio"],
    cwd: tmp,
    // unified-language-server crashes when a configuration item is answered with null.
    configuration: () => ({}),
    versioned: true,
  };
  /**
   * A user opens an agreement and reads before typing: the server warms its keystroke path up while
   * nothing changes (server/src/lsp/warmup.ts). Every server gets the same pause in the read-first runs.
   */
  const readMs = smoke ? 200 : 3_000;
  /**
   * Read-first runs alternate with the peer's, each configuration started afresh `sessions` times, and
   * each row pools its sessions' edits: one slow minute of the machine then weighs on every server
   * alike instead of deciding the ratio (the peer's p95 moved from 401 to 580 ms between two runs).
   */
  const sessions = smoke ? 1 : 3;
  type Measured = KeystrokeResult | { error: string };
  /** Writes a document and times our server (`rounds` times over the edits, in one process) and the peer on it. */
  const keystrokes = async (name: string, text: string, rounds: number) => {
    const file = path.join(tmp, name);
    writeFileSync(file, text);
    const plan = bodyEdits(text, edits);
    const mine = await measureKeystrokes(
      ours,
      file,
      text,
      Array.from({ length: rounds }, () => plan).flat(),
      limits,
    );
    const read: Measured[] = [];
    const pulled: Measured[] = [];
    const peer: Measured[] = [];
    for (let s = 0; s < sessions; s++) {
      read.push(await measureKeystrokes(ours, file, text, plan, { ...limits, readMs }));
      // A client that pulls, as VS Code does: a pull follows each edit, and unchanged diagnostics are not resent.
      pulled.push(await measureKeystrokes({ ...ours, pull: true }, file, text, plan, { ...limits, readMs }));
      // A peer that published nothing on opening (120 s) is not started again.
      if (skipPeers) peer.push({ error: "skipped" });
      else if (s === 0 || !("error" in peer[0]!))
        peer.push(await measureKeystrokes(peerSpec, file, text, plan, { ...limits, readMs }));
    }
    /** p50 and p95 of one run's round (`round`) of edits, or of several runs' edits pooled. */
    const lat = (runs: Measured[], round = 0) => {
      const failed = runs.find((r): r is { error: string } => "error" in r);
      if (failed) return { p50: NaN, p95: NaN, note: failed.error };
      const measured = runs as KeystrokeResult[];
      const perRun = measured.map((r) => r.perEdit.slice(round * plan.length, (round + 1) * plan.length));
      const latencies = perRun.flat().filter((x): x is number => x !== null);
      const timeouts = perRun.flat().length - latencies.length;
      const first = measured[0]!;
      const runs95 =
        measured.length > 1
          ? `, p95 per run ${perRun.map((xs) => ms(p95(xs.filter((x): x is number => x !== null)))).join(" / ")} ms`
          : "";
      return {
        p50: median(latencies),
        p95: p95(latencies),
        note: `${measured.length > 1 ? `${measured.length} runs, ` : ""}${latencies.length} edits${timeouts ? `, ${timeouts} timed out` : ""}${runs95}${round === 0 ? `, started ${ms(first.startMs)} ms, open ${ms(first.openMs)} ms, ${first.openDiagnostics} diagnostics` : ""}`,
      };
    };
    const pull = lat(pulled);
    const unchanged = pulled.reduce((n, r) => n + ("error" in r ? 0 : r.unchanged), 0);
    return {
      words: countWords(text),
      mine,
      rounds: [...Array(rounds).keys()].map((k) => lat([mine], k)),
      read: lat(read),
      pulled: {
        ...pull,
        note: Number.isNaN(pull.p50) ? pull.note : `${pull.note}, ${unchanged} answered unchanged`,
      },
      peer: lat(peer),
      /** Our server failed to answer (the peer may: it is not ours to fix). */
      failed: [mine, ...read, ...pulled].some((r) => "error" in r),
    };
  };
  // The corpus-built agreement is the one the targets are set on. Our server takes its edits twice:
  // the second round repeats them in the same process, once the first keystrokes have compiled the
  // code they run. unified-language-server answers nothing on it, so the ratio is also measured on
  // our samples repeated to the same size, written as Markdown from the start, where it does answer.
  const corpusRun = await keystrokes("keystrokes.md", buildAgreement(corpus, keystrokeWords, 2), 2);
  const samples = SAMPLE_AGREEMENTS.map((f) => readFileSync(path.join(REPO, "samples", f), "utf8"));
  const samplesRun = await keystrokes("samples-repeated.md", buildFromSamples(samples, keystrokeWords), 1);

  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(" | ");
  console.log(
    `\nclause-checker bench${smoke ? " (smoke)" : ""} — ${root === REPO ? "this tree" : root}, node ${process.version}, ${os.cpus().length} cores`,
  );
  console.log(
    "Cold analysis, Markdown, median / p95 ms over repeated runs (ratio: median / median of the floor)",
  );
  console.log(line(head));
  console.log(widths.map((w) => "-".repeat(w)).join("-|-"));
  for (const r of rows) console.log(line(r));
  const report = (title: string, k: typeof corpusRun, labels: string[]) => {
    console.log(
      `\n${title}, ${edits} single-character edits in body paragraphs, ${k.words.toLocaleString("en-US")} words`,
    );
    const row = (label: string, r: { p50: number; p95: number; note: string }) =>
      console.log(`  ${label.padEnd(62)} p50 ${ms(r.p50)} ms, p95 ${ms(r.p95)} ms (${r.note})`);
    k.rounds.forEach((r, i) => row(labels[i]!, r));
    const reading = `${readMs / 1000} s after opening`;
    row(`clause-checker, typed ${reading}:`, k.read);
    row(`clause-checker, pulled as VS Code does, ${reading}:`, k.pulled);
    row(`unified-language-server + remark-lint, ${reading}:`, k.peer);
    console.log(
      `  ${`unified-language-server / clause-checker, ${reading}:`.padEnd(62)} p50 ${ratio(k.peer.p50, k.read.p50)}, p95 ${ratio(k.peer.p95, k.read.p95)}`,
    );
  };
  report("Keystroke to diagnostics over stdio, corpus-built agreement", corpusRun, [
    "clause-checker, typed at once after opening:",
    "clause-checker, the same edits again:",
  ]);
  report("The same on our sample agreements repeated", samplesRun, [
    "clause-checker, typed at once after opening:",
  ]);
  console.log(`\n(${((performance.now() - started) / 1000).toFixed(0)} s)`);
  rmSync(tmp, { recursive: true, force: true });
  if (corpusRun.failed || samplesRun.failed) process.exitCode = 1;
}

void main();
