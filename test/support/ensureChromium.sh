#!/usr/bin/env bash
# Prints the path of a Chromium for Playwright, installing one the way `playwright install
# --with-deps` would when none is found. Never skips silently: fails with a clear message.
set -euo pipefail
for candidate in "${CHROMIUM_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then echo "$candidate"; exit 0; fi
done
own=$(node -e "try{console.log(require('playwright-core').chromium.executablePath())}catch{}" 2>/dev/null || true)
if [ -n "$own" ] && [ -x "$own" ]; then echo "$own"; exit 0; fi

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "npm test: no Chromium found; installing Debian's chromium with apt-get" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >&2 && [ -x /usr/bin/chromium ] && { echo /usr/bin/chromium; exit 0; }
else
  echo "npm test: no Chromium found; running 'npx playwright install chromium'" >&2
  npx playwright install chromium >&2
  own=$(node -e "console.log(require('playwright-core').chromium.executablePath())")
  [ -x "$own" ] && { echo "$own"; exit 0; }
fi
echo "npm test: could not find or install Chromium for the browser tests. Install it (Debian: apt-get install chromium) or set CHROMIUM_PATH." >&2
exit 1
