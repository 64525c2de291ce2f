export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // A bad setting stops the server at boot, in one sentence naming the variable, not as a 500 later.
  const { configOrExit } = await import('./lib/config');
  configOrExit();
  const { getDatabase } = await import('./db/client');
  const { logEvent } = await import('./lib/log');
  // Open the database (and apply migrations) at start, so a broken setup shows at once.
  await getDatabase().then(
    ({ kind }) => logEvent('info', 'database.ready', { kind }),
    (error: Error) => logEvent('error', 'database.unavailable', { error: error.message }),
  );
  const { startIngestScheduler } = await import('./lib/ingest/scheduler');
  startIngestScheduler();
}
