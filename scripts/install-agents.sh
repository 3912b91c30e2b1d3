#!/usr/bin/env bash
# Installs the pinned coding-agent CLIs that odw's end-to-end tests drive (codex and claude)
# into a cache folder outside odw's own dependency tree, then prints their two bin paths.
#
#   bash scripts/install-agents.sh            # install (or reuse) and print the paths
#   ODW_AGENTS_CACHE=/some/dir bash scripts/install-agents.sh
#
# Idempotent: when the pinned versions are already installed it does nothing but print.
# It downloads from the npm registry only (about 700 MB the first time).
set -euo pipefail

CODEX_VERSION="0.171.0"
CLAUDE_VERSION="2.1.332"
CACHE="${ODW_AGENTS_CACHE:-$HOME/.cache/odw-agents}"

installed_version() {
  # $1 = package name; prints the installed version or nothing.
  local pkg_json="$CACHE/node_modules/$1/package.json"
  [ -f "$pkg_json" ] && node -e 'process.stdout.write(require(process.argv[1]).version)' "$pkg_json" || true
}

mkdir -p "$CACHE"
if [ ! -f "$CACHE/package.json" ]; then
  printf '{ "name": "odw-agents-cache", "private": true }\n' >"$CACHE/package.json"
fi

if [ "$(installed_version @openai/codex)" != "$CODEX_VERSION" ] \
  || [ "$(installed_version @anthropic-ai/claude-code)" != "$CLAUDE_VERSION" ] \
  || [ ! -x "$CACHE/node_modules/.bin/codex" ] || [ ! -x "$CACHE/node_modules/.bin/claude" ]; then
  echo "installing @openai/codex@$CODEX_VERSION and @anthropic-ai/claude-code@$CLAUDE_VERSION into $CACHE" >&2
  npm install --prefix "$CACHE" --no-audit --no-fund --loglevel=error \
    "@openai/codex@$CODEX_VERSION" "@anthropic-ai/claude-code@$CLAUDE_VERSION" >&2
fi

CODEX_BIN="$CACHE/node_modules/.bin/codex"
CLAUDE_BIN="$CACHE/node_modules/.bin/claude"
for bin in "$CODEX_BIN" "$CLAUDE_BIN"; do
  if ! "$bin" --version >/dev/null 2>&1; then
    echo "install-agents: $bin does not run (try removing $CACHE and running again)" >&2
    exit 1
  fi
done
echo "$CODEX_BIN"
echo "$CLAUDE_BIN"
