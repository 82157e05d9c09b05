import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Run the domain package from its TypeScript source (package.json export condition "source").
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    name: 'server',
    root: import.meta.dirname,
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
