// @vscode/test-cli configuration: runs the extension-host suite (test/e2e/vscode-suite/, compiled to
// .vscode-test/suite/ by scripts/e2e/build-suite.mjs) in a desktop VS Code that you already have.
// Use `npm run test:vscode` (builds first). It never downloads VS Code: without VSCODE_EXECUTABLE
// (the path of a `code` binary, VS Code >= 1.91) it prints why it skips and exits 0.
// The same suite runs in CI inside code-server's extension host (test/e2e/extension-host.e2e.test.ts).
import process from "node:process";
import console from "node:console";
import { defineConfig } from "@vscode/test-cli";
import { cpSync, existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(fileURLToPath(import.meta.url));
const executable = process.env.VSCODE_EXECUTABLE;
if (!executable) {
  console.log(
    "vscode-test: skipped. Set VSCODE_EXECUTABLE to a desktop VS Code binary (>= 1.91) to run the extension-host " +
      "tests in it; nothing is downloaded. The same suite runs in code-server with `npm run test:e2e`.",
  );
  process.exit(0);
}
if (!existsSync(executable)) {
  console.error(`vscode-test: VSCODE_EXECUTABLE=${executable} does not exist.`);
  process.exit(1);
}
const suite = join(root, ".vscode-test", "suite", "extension.test.js");
if (!existsSync(suite)) {
  console.error(
    "vscode-test: the suite is not compiled; run `npm run test:vscode` (or `node scripts/e2e/build-suite.mjs`).",
  );
  process.exit(1);
}

// A fresh copy of the samples: the tests edit (and revert) a document there.
const workspaceFolder = mkdtempSync(join(tmpdir(), "clause-vscode-test-"));
cpSync(join(root, "samples"), workspaceFolder, { recursive: true });

export default defineConfig({
  label: "extension-host",
  files: ".vscode-test/suite/extension.test.js",
  useInstallation: { fromPath: executable },
  extensionDevelopmentPath: root,
  workspaceFolder,
  launchArgs: [
    "--disable-extensions",
    "--disable-workspace-trust",
    "--skip-welcome",
    "--skip-release-notes",
    "--disable-telemetry",
  ],
  mocha: { ui: "tdd", timeout: 90_000, color: true },
});
