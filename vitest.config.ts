import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('./', import.meta.url)) } },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'e2e/**', '.next/**', '.data/**'],
    globalSetup: ['./test/support/globalSetup.ts'],
    // No test reaches the internet: the catalog of public systems is read only where a test points GBFS_CATALOG_URL at one.
    env: { GBFS_CATALOG_URL: 'file:///nonexistent/gbfs-catalog-in-tests.csv' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
