// Bundles the server, the CLI and the VS Code client with esbuild.
// `--production` minifies (used by `npm run package`); the default keeps source maps for debugging.
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
