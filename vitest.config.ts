import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    // Generous: tests wait on what happens (a CLI's exit, a database's answer), and a busy 2-core
    // machine can take seconds to spawn a process. A hang still fails, a minute later.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
