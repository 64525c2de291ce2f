/**
 * `npm start`: builds the app when the build is missing or older than the sources, then runs
 * `next start` on PORT (default 3000). The server opens the database, applying migrations, and
 * starts polling the configured systems itself (INGEST_INTERVAL_SECONDS).
 */
import { configOrExit } from '@/lib/config';
import { ensureBuild, startNextServer } from './nextServer';

const { PORT } = configOrExit();
ensureBuild();
const server = startNextServer(String(PORT), process.env, process.argv.slice(2));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
