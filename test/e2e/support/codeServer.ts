/**
 * Runs the real VS Code workbench through code-server on 127.0.0.1, in a fresh directory per run:
 * its own config (auth none), user data, extensions and workspace. The built .vsix is installed with
 * `--install-extension`; the server is stopped by the PID (process group) we started.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, openSync, closeSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { ARTIFACTS, CODE_SERVER_ENTRY, NODE24, NODE24_DIR, requireFile, SAMPLES, vsixPath } from "./paths";

export interface CodeServer {
  url: string;
  pid: number;
  /** The folder the workbench has open: a copy of samples/, so quick fixes may change it. */
  workspace: string;
  /** Directory for this run: config, user data, extensions, browser profile. */
  runDir: string;
  log: string;
  stop(): Promise<void>;
}

/** User settings that keep the workbench quiet, offline and deterministic. */
const USER_SETTINGS = {
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.welcomePage.walkthroughs.openOnInstall": false,
  "workbench.enableExperiments": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "workbench.colorTheme": "Default Dark Modern",
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "security.workspace.trust.enabled": false,
  "chat.disableAIFeatures": true,
  "chat.commandCenter.enabled": false,
  "git.enabled": false,
  "git.autoRepositoryDetection": false,
  "npm.fetchOnlinePackageInfo": false,
  "files.autoSave": "off",
  "editor.minimap.enabled": false,
  "editor.stickyScroll.enabled": false,
  "editor.hover.delay": 200,
  "editor.codeLens": true,
  "window.restoreWindows": "none",
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Signals the process group we started (code-server forks the VS Code server, extension host, LSP server). */
function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    /* already gone */
  }
}

async function waitFor(
  what: string,
  timeoutMs: number,
  probe: () => Promise<boolean> | boolean,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

export interface CodeServerOptions {
  /**
   * Passes VS Code's `--enable-smoke-test-driver`: the workbench then honours `extensionDevelopmentPath`
   * and `extensionTestsPath` in its URL payload and reports the end of an extension test run through
   * `window.codeAutomationExit`.
   */
  smokeTestDriver?: boolean;
  /** Names the log file: test/e2e/artifacts/code-server-<label>.log. */
  label?: string;
}

export async function startCodeServer(options: CodeServerOptions = {}): Promise<CodeServer> {
  requireFile(NODE24, "run `bash scripts/e2e/setup.sh` (or `npm run test:e2e`)");
  requireFile(CODE_SERVER_ENTRY, "run `bash scripts/e2e/setup.sh` (or `npm run test:e2e`)");
  requireFile(vsixPath(), "run `npm run package` first");

  const runDir = mkdtempSync(path.join(os.tmpdir(), "clause-e2e-"));
  const userData = path.join(runDir, "user-data");
  const extensions = path.join(runDir, "extensions");
  const workspace = path.join(runDir, "workspace");
  const config = path.join(runDir, "config.yaml");
  mkdirSync(path.join(userData, "User"), { recursive: true });
  mkdirSync(extensions, { recursive: true });
  cpSync(SAMPLES, workspace, { recursive: true });
  writeFileSync(path.join(userData, "User", "settings.json"), JSON.stringify(USER_SETTINGS, null, 2));

  const port = await freePort();
  writeFileSync(
    config,
    [
      `bind-addr: 127.0.0.1:${port}`,
      "auth: none",
      "cert: false",
      "disable-telemetry: true",
      "disable-update-check: true",
      "",
    ].join("\n"),
  );

  // Node 24 first on PATH; XDG dirs inside the run so nothing lands in the user's home.
  const env: NodeJS.ProcessEnv = {
    ...Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !k.startsWith("VSCODE_") && !k.startsWith("ELECTRON_")),
    ),
    PATH: `${path.join(NODE24_DIR, "bin")}${path.delimiter}${process.env.PATH ?? ""}`,
    XDG_CONFIG_HOME: path.join(runDir, "xdg-config"),
    XDG_DATA_HOME: path.join(runDir, "xdg-data"),
    XDG_CACHE_HOME: path.join(runDir, "xdg-cache"),
    CS_DISABLE_FILE_DOWNLOADS: "true",
    // No extension gallery: nothing may reach the network (code-server defaults to open-vsx.org).
    EXTENSIONS_GALLERY: "{}",
  };
  const common = ["--config", config, "--user-data-dir", userData, "--extensions-dir", extensions];

  mkdirSync(ARTIFACTS, { recursive: true });
  const log = path.join(ARTIFACTS, `code-server-${options.label ?? "run"}.log`);
  const install = spawnSync(
    NODE24,
    [CODE_SERVER_ENTRY, ...common, "--install-extension", vsixPath(), "--force"],
    {
      env,
      encoding: "utf8",
      timeout: 120_000,
    },
  );
  writeFileSync(log, `$ code-server --install-extension\n${install.stdout}${install.stderr}\n`);
  if (install.status !== 0 || !/successfully installed/i.test(install.stdout + install.stderr)) {
    throw new Error(
      `installing the .vsix failed (exit ${install.status}):\n${install.stdout}\n${install.stderr}`,
    );
  }

  const fd = openSync(log, "a");
  const child: ChildProcess = spawn(
    NODE24,
    [
      CODE_SERVER_ENTRY,
      ...common,
      "--reconnection-grace-time",
      "5",
      "--disable-workspace-trust",
      "--disable-getting-started-override",
      "--ignore-last-opened",
      "--disable-proxy",
      ...(options.smokeTestDriver ? ["--vscode-option", "enable-smoke-test-driver"] : []),
    ],
    { env, detached: true, stdio: ["ignore", fd, fd] },
  );
  closeSync(fd);
  const pid = child.pid;
  if (pid === undefined) throw new Error("code-server did not start");
  // Last resort if the test process dies without calling stop().
  const onExit = () => killGroup(pid, "SIGKILL");
  process.once("exit", onExit);

  const url = `http://127.0.0.1:${port}`;
  let exited = false;
  child.once("exit", () => (exited = true));

  const stop = async () => {
    process.removeListener("exit", onExit);
    if (!exited && isAlive(pid)) {
      killGroup(pid, "SIGTERM");
      try {
        await waitFor("code-server to exit", 10_000, () => exited || !isAlive(pid));
      } catch {
        killGroup(pid, "SIGKILL");
      }
    }
    // Children that outlived the leader (extension host, language server) are in the same group.
    killGroup(pid, "SIGKILL");
    if (process.env.CLAUSE_E2E_KEEP) console.log(`[e2e] kept ${runDir}`);
    else rmSync(runDir, { recursive: true, force: true, maxRetries: 3 });
  };

  try {
    await waitFor("code-server /healthz", 60_000, async () => {
      if (exited) throw new Error(`code-server exited early; see ${log}`);
      try {
        const res = await fetch(`${url}/healthz`);
        return res.ok;
      } catch {
        return false;
      }
    });
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, pid, workspace, runDir, log, stop };
}
