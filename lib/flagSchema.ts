/**
 * A yes/no written 1, 0, true or false: one spelling for the environment (lib/config.ts) and the
 * API's query parameters. Kept apart from both so that neither imports the other.
 */
import { z } from 'zod';

export const FLAG_VALUES = ['0', '1', 'true', 'false'] as const;

/** The flag as a boolean; `error` replaces zod's message for any other value. */
export const flagSchema = (error?: string) => z.enum(FLAG_VALUES, { error }).transform((v) => v === '1' || v === 'true');
