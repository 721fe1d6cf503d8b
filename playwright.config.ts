import { availableParallelism } from 'node:os';
import { defineConfig } from '@playwright/test';

/** Debian's Chromium (scripts/ensure-tools.mjs makes sure it is there); never a downloaded build. */
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// E2E_PORT lets several checkouts on one machine run the browser tests side by side.
const PORT = Number(process.env.E2E_PORT ?? 4322);

export default defineConfig({
  testDir: 'test/e2e',
  fullyParallel: true,
  // One browser per core, at most two: each worker's Chromium plus the preview server already fill
  // a 2-core machine, and more workers would only make every test wait longer for the CPU.
  workers: Math.max(1, Math.min(2, availableParallelism())),
  // Never retried: a retry turns a flaky test green and hides it. A test must pass the first time.
  retries: 0,
  reporter: process.env.CI ? 'line' : 'list',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
  },
  // The site is built by the test script before this runs (astro build); preview serves dist/.
  webServer: {
    command: `npx astro preview --host 127.0.0.1 --port ${PORT}`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
