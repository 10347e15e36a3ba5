/**
 * Test runner module for an extension host's `extensionTestsPath`: runs the compiled mocha suite
 * next to this file. @vscode/test-cli brings its own runner; code-server's remote extension host
 * (test/e2e/extension-host.e2e.test.ts) uses this one. Results also go to CLAUSE_EXT_TEST_RESULTS
 * (or results.json beside this file) so the caller can read them without scraping logs.
 */
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import Mocha from "mocha";

interface Outcome {
  title: string;
  state: "passed" | "failed";
  error?: string;
}

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: "tdd", timeout: 90_000, color: false, reporter: "spec" });
  mocha.addFile(path.join(__dirname, "extension.test.js"));
  const outcomes: Outcome[] = [];
  const out = process.env.CLAUSE_EXT_TEST_RESULTS ?? path.join(__dirname, "results.json");
  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run(resolve);
    runner.on("pass", (t) => outcomes.push({ title: t.fullTitle(), state: "passed" }));
    runner.on("fail", (t, err: Error) =>
      outcomes.push({ title: t.fullTitle(), state: "failed", error: String(err?.stack ?? err) }),
    );
  });
  writeFileSync(out, JSON.stringify({ failures, outcomes }, null, 2));
  if (failures > 0) throw new Error(`${failures} extension test(s) failed`);
}
