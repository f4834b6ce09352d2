#!/bin/sh
# ctest entry point: tests/browser/run.sh /path/to/kbgen
# Installs the pinned playwright-core (no browser download) when needed, then runs the test.
set -eu
cd "$(dirname "$0")"
[ $# -ge 1 ] || { echo "usage: $0 /path/to/kbgen" >&2; exit 2; }
case "$1" in /*) KBGEN=$1 ;; *) KBGEN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") ;; esac

if [ ! -d node_modules/playwright-core ] || [ package-lock.json -nt node_modules ]; then
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error </dev/null
  touch node_modules
fi

export KBGEN
# The test has its own timeouts; this outer limit only guards against a wedged node process.
exec timeout -k 10 240 node --test site.test.mjs </dev/null
