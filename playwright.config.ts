/**
 * The browser suite: the built app on a throwaway embedded database, fed two days of
 * polls by the project's simulator (`npm run demo`), driven in headless Chromium.
 */
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 3100);
const DATA_DIR = path.join(os.tmpdir(), `gbfs-hotspots-e2e-${PORT}`);

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'e2e/artifacts/results',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['html', { outputFolder: 'e2e/artifacts/report', open: 'never' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1400, height: 900 },
    screenshot: 'on',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      // Root needs --no-sandbox; the rest keeps Chromium from calling out of this closed network.
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  webServer: {
    // Builds first when the build is missing or older than the sources.
    command: `npx tsx cli/demo.ts --port ${PORT} --data-dir ${DATA_DIR} --hours 48 --step 600`,
    url: `http://127.0.0.1:${PORT}/api/systems`,
    timeout: 400_000,
    // Only for working on the suite itself, against a demo you started (`npm run demo -- --port 3100`).
    reuseExistingServer: process.env.E2E_REUSE_SERVER === '1',
    stdout: 'ignore',
    stderr: 'pipe',
    env: { LOG_LEVEL: 'warn', INGEST_INTERVAL_SECONDS: '60' },
  },
});
