import { defineConfig } from 'vitest/config';

// Three tiers (STYLE.md): pure core rules, server behaviour in-process against a real PostgreSQL, and browser
// journeys in Chromium. The database tiers share one global setup that provides a server and a migrated template.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['src/core/**/*.test.ts', 'src/contracts/**/*.test.ts', 'src/web/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'server',
          include: ['src/server/**/*.test.ts', 'src/cli/**/*.test.ts'],
          globalSetup: ['test/global-db.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          globalSetup: ['test/global-db.ts'],
          testTimeout: 90_000,
          hookTimeout: 90_000,
          fileParallelism: false,
          pool: 'forks',
        },
      },
    ],
  },
});
