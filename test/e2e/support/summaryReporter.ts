/**
 * Prints one plain closing line after the run, e.g. `e2e: 12 passed, 0 failed` (`, 1 skipped` when
 * any), which CI reads whatever the test runner. Used next to vitest's default reporter.
 */
import type { Reporter, TestModule } from "vitest/node";

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") passed++;
        else if (state === "failed") failed++;
        else skipped++;
      }
      // A file whose set-up failed has tests that never ran: count the file as a failure.
      if (
        module.state() === "failed" &&
        ![...module.children.allTests()].some((t) => t.result().state === "failed")
      )
        failed++;
    }
    console.log(`\ne2e: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
  }
}
