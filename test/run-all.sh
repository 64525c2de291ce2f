#!/usr/bin/env bash
# `npm test`: every test. Unit and integration (vitest, PGlite and a real Postgres server), then
# the browser suite (Playwright in Chromium against the built app fed by the simulator).
set -euo pipefail
cd "$(dirname "$0")/.."
npx vitest run
if [ -d e2e ] && ls e2e/*.spec.ts >/dev/null 2>&1; then
  CHROMIUM_PATH="$(bash test/support/ensureChromium.sh)"
  export CHROMIUM_PATH
  npx playwright test
fi
