// `npm run test:vscode`: the extension-host suite in a desktop VS Code given by VSCODE_EXECUTABLE
// (see .vscode-test.mjs). Skips with a message when it is not set: there is no download fallback.
import process from "node:process";
import console from "node:console";
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
if (!process.env.VSCODE_EXECUTABLE) {
  console.log(
    "test:vscode skipped: set VSCODE_EXECUTABLE to a desktop VS Code binary (>= 1.91), e.g.\n" +
      "  VSCODE_EXECUTABLE=$(command -v code) npm run test:vscode\n" +
      "Nothing is downloaded. `npm run test:e2e` runs the same suite in code-server.",
  );
  process.exit(0);
}
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run(process.execPath, ["scripts/build.mjs"]);
run(process.execPath, ["scripts/e2e/build-suite.mjs"]);
run(process.execPath, [
  join(root, "node_modules", "@vscode", "test-cli", "out", "bin.mjs"),
  "--config",
  ".vscode-test.mjs",
]);
