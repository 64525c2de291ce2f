/**
 * zod compiles object validators with Function() unless told not to, probing for it as each
 * schema is built. The page's CSP forbids eval, so every load would report a violation: turn the
 * compiler off in the browser before any schema exists (import this module first).
 */
import { z } from 'zod';

z.config({ jitless: true });
