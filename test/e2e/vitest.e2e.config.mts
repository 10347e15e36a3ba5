import { defineConfig } from "vitest/config";

// End-to-end suite (npm run test:e2e): the real VS Code workbench through code-server + Chromium,
// code-server's extension host, and headless Neovim. Kept apart from the unit tests (vitest.config
// excludes test/e2e/**). One file at a time: CI has 2 cores and the workbench alone keeps them busy.
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.e2e.test.ts"],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // The second prints the plain `e2e: N passed, N failed` closing line.
    reporters: ["default", "./test/e2e/support/summaryReporter.ts"],
  },
});
