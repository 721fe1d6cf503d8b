import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { defineConfig } from '@playwright/test';
import { E2E_PORTS } from './test/e2e/ports.ts';

/** Debian's Chromium (scripts/ensure-tools.mjs makes sure it is there); never a downloaded build. */
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const PORT = E2E_PORTS.static;
const SERVED_PORT = E2E_PORTS.served;
// The served course keeps its data in a throwaway folder of this run, never ./data: a test-only
// script (test/e2e/served/seed-class.ts) empties its database and gives it one open class before
// the server starts, so every run begins with no admin account; the server writes its one-time
// setup link to a file the served tests read (workers load this file too).
const SERVED_DATA = resolve('test-results/served-data');
process.env.SETUP_LINK_FILE = join(SERVED_DATA, 'setup-link.txt');

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
  // Both builds are made by the test script before this runs: the static course (dist/, served by
  // astro preview) and the served course (dist-served/, run the way `npm start` runs it).
  projects: [
    { name: 'static', testIgnore: /served[\\/]/ },
    // The first-admin setup link works once: the staff spec, which follows it, runs before the other
    // served specs (they sign in as the admin it made, or wait for it).
    { name: 'served-setup', testMatch: /served[\\/]staff-accounts\.spec\.ts$/, use: { baseURL: `http://127.0.0.1:${SERVED_PORT}` } },
    {
      name: 'served',
      testMatch: /served[\\/].*\.spec\.ts$/,
      testIgnore: /served[\\/]staff-accounts\.spec\.ts$/,
      dependencies: ['served-setup'],
      use: { baseURL: `http://127.0.0.1:${SERVED_PORT}` },
    },
  ],
  webServer: [
    {
      command: `npx astro preview --host 127.0.0.1 --port ${PORT}`,
      url: `http://127.0.0.1:${PORT}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      command: `node test/e2e/served/seed-class.ts && node scripts/serve.ts --port ${SERVED_PORT}`,
      url: `http://127.0.0.1:${SERVED_PORT}/api/health`,
      env: { PGLITE_DIR: join(SERVED_DATA, `plc-defense-lab-served-e2e-${SERVED_PORT}`), SETUP_LINK_FILE: process.env.SETUP_LINK_FILE },
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
  ],
});
