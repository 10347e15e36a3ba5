// Compiles the extension-host test suite (test/e2e/vscode-suite/*.ts) to .vscode-test/suite/*.js
// (CommonJS; `vscode` and `mocha` stay external: the extension host provides the first, the
// repository's node_modules the second). Used by .vscode-test.mjs and the code-server run.
import console from "node:console";
import { build } from "esbuild";
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const SUITE_OUT = join(root, ".vscode-test", "suite");

rmSync(SUITE_OUT, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: ["test/e2e/vscode-suite/extension.test.ts", "test/e2e/vscode-suite/index.ts"],
  outdir: SUITE_OUT,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  external: ["vscode", "mocha"],
  sourcemap: "inline",
  logLevel: "warning",
});
console.log(`extension-host suite compiled to ${SUITE_OUT}`);
