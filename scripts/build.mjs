// Bundles the server, the CLI and the VS Code client with esbuild, then writes the parsed built-in
// clause library beside them (dist/builtin-library.json), which they read instead of its YAML.
// `--production` minifies (used by `npm run package`); the default keeps source maps for debugging.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { build } from "esbuild";

const production = process.argv.includes("--production");
const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  sourcemap: !production,
  minify: production,
  logLevel: "warning",
};

await Promise.all([
  build({
    ...common,
    entryPoints: { server: "server/src/server.ts", cli: "server/src/cli.ts" },
    outdir: "dist",
  }),
  build({
    ...common,
    entryPoints: { client: "client/src/extension.ts" },
    outdir: "dist",
    external: ["vscode"],
  }),
]);

// Written by the loader itself, so the snapshot is what loading the YAML gives; an error in the
// built-in library fails the build.
const tmp = mkdtempSync(path.join(os.tmpdir(), "clause-checker-snapshot-"));
try {
  const script = path.join(tmp, "library-snapshot.cjs");
  await build({
    ...common,
    sourcemap: false,
    minify: false,
    entryPoints: ["scripts/library-snapshot.ts"],
    outfile: script,
  });
  execFileSync(process.execPath, [script], { stdio: "inherit" });
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
