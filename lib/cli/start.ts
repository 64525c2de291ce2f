/**
 * `npm start`: builds the app when the build is missing or older than the sources, then runs
 * `next start` on PORT (default 3000). The server opens the database, applying migrations, and
 * starts polling the configured systems itself (INGEST_INTERVAL_SECONDS).
 */
import { ensureBuild, startNextServer } from './nextServer';

ensureBuild();
const server = startNextServer(process.env.PORT || '3000', process.env, process.argv.slice(2));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
