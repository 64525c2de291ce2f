/**
 * Lenient zod schemas for the field types GBFS feeds disagree on:
 * quoted numbers, 0/1 booleans, integer ids, localized v3 texts.
 */
import { z } from 'zod';

const NUMERIC_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A finite number, or a string holding one ("48.85"). */
export const numberLike = z.union([
  z.number(),
  z.string().trim().regex(NUMERIC_TEXT).transform(Number).pipe(z.number()),
]);

/** A whole count. Range (negative, absurd) is judged later so it can be counted as its own reason. */
export const countLike = numberLike.pipe(z.number().int());

/** true/false (v2, v3), 1/0 (v1, Velib) and their quoted forms. */
export const flagLike = z.union([
  z.boolean(),
  z.literal([0, 1]).transform((n) => n === 1),
  z.enum(['true', 'false', '1', '0']).transform((s) => s === 'true' || s === '1'),
]);

/**
 * station_id / vehicle_type_id: a string, or an integer (Velib) written as its decimal string.
 * Integers beyond 2^53 were already rounded by JSON.parse, so they cannot name a station safely.
 */
export const idLike = z.union([
  z.string(),
  z
    .number()
    .refine(Number.isSafeInteger, 'an integer id above 2^53 has lost precision')
    .transform((n) => String(n)),
]);

const localizedEntry = z.object({ text: z.string(), language: z.string().nullish() });

/** A plain string (v1, v2) or a v3 list of translations. */
export const localizedTextLike = z.union([
  z.string(),
  z.number().transform((n) => String(n)),
  z.array(localizedEntry),
]);
export type LocalizedText = z.output<typeof localizedTextLike>;

/** The translation for `language` (exact, then same primary subtag), else the first one. */
export function pickText(value: LocalizedText | null | undefined, language?: string | null): string | null {
  if (value === null || value === undefined) return null;
  const text = typeof value === 'string' ? value : chooseTranslation(value, language)?.text;
  const trimmed = text?.trim();
  return trimmed ? trimmed : null;
}

function chooseTranslation(entries: z.output<typeof localizedEntry>[], language?: string | null) {
  if (language) {
    const wanted = language.toLowerCase();
    const primary = wanted.split('-')[0];
    const exact = entries.find((e) => e.language?.toLowerCase() === wanted);
    if (exact) return exact;
    const samePrimary = entries.find((e) => e.language?.toLowerCase().split('-')[0] === primary);
    if (samePrimary) return samePrimary;
  }
  return entries[0];
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
