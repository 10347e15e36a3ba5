// One measurement in its own process (so peak RSS belongs to it alone), driven by bench.ts:
//   node worker.mjs time ANALYZER LIBRARY FILE REPS   → JSON {floor, ours, markdownlint, remarkLint} (ms per run)
//   node worker.mjs rss ANALYZER LIBRARY FILE         → JSON {ms, rssMB}: one cold analysis, and the process's peak RSS
//   node worker.mjs rss-floor FILE                    → JSON {ms, rssMB}: one bare remark parse, and the peak RSS
// ANALYZER is the bundle bench.ts builds from the tree under test (server/src/core/analyze.ts).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkGfm from "remark-gfm";
import remarkFrontmatter from "remark-frontmatter";
import remarkPresetLintRecommended from "remark-preset-lint-recommended";
import { lint as markdownlint } from "markdownlint/sync";
import { VFile } from "vfile";
import { performance } from "node:perf_hooks";

const [mode, ...args] = process.argv.slice(2);
const require = createRequire(import.meta.url);

/** The floor: what any Markdown tool built on remark pays to read the text. */
const floor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter);
const remarkLint = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkFrontmatter)
  .use(remarkPresetLintRecommended)
  .freeze();

function ours(analyzerPath, libraryDir) {
  const { Analyzer, compileLibrary, loadBuiltinLibrary } = require(analyzerPath);
  const library = compileLibrary(loadBuiltinLibrary(libraryDir));
  // A new analyzer per run: no content caches, as when a document is opened.
  return (text) => new Analyzer(library).analyze(text, { languageId: "markdown" });
}

function timed(fn) {
  const started = performance.now();
  const result = fn();
  return [performance.now() - started, result];
}

const rssMB = () => Math.round(process.resourceUsage().maxRSS / 1024);

if (mode === "time") {
  const [analyzerPath, libraryDir, file, reps] = args;
  const text = readFileSync(file, "utf8");
  const analyze = ours(analyzerPath, libraryDir);
  const runs = {
    floor: () => floor.parse(text),
    ours: () => analyze(text),
    markdownlint: () => markdownlint({ strings: { doc: text } }),
    remarkLint: () => {
      const vfile = new VFile({ path: "doc.md", value: text });
      remarkLint.runSync(remarkLint.parse(vfile), vfile);
      return vfile.messages.length;
    },
  };
  const out = Object.fromEntries(Object.keys(runs).map((k) => [k, []]));
  // Warm up once each (JIT), then alternate so that machine noise hits every tool alike.
  for (const run of Object.values(runs)) run();
  const names = Object.keys(runs);
  for (let rep = 0; rep < Number(reps); rep++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(k + rep) % names.length];
      out[name].push(timed(runs[name])[0]);
    }
  }
  process.stdout.write(JSON.stringify(out));
} else if (mode === "rss") {
  const [analyzerPath, libraryDir, file] = args;
  const analyze = ours(analyzerPath, libraryDir);
  const text = readFileSync(file, "utf8");
  const [ms, result] = timed(() => analyze(text));
  process.stdout.write(JSON.stringify({ ms, rssMB: rssMB(), findings: result.findings.length }));
} else if (mode === "rss-floor") {
  const [file] = args;
  const text = readFileSync(file, "utf8");
  const [ms] = timed(() => floor.parse(text));
  process.stdout.write(JSON.stringify({ ms, rssMB: rssMB() }));
} else {
  throw new Error(`unknown mode ${mode}`);
}
