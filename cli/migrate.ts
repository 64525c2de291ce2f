/** `npm run db:migrate`: applies db/migrations to DATABASE_URL, or to the PGlite in DATA_DIR. */
import { closeDatabase, getDatabase } from '@/db/client';
import { configOrExit } from '@/lib/config';

configOrExit();
const started = Date.now();
try {
  const { kind } = await getDatabase();
  console.log(`migrations applied (${kind}) in ${Date.now() - started} ms`);
} finally {
  await closeDatabase();
}
