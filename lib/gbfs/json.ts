/** Text to JSON value, with errors that say which feed broke and where. */
import { jsonErrorOffset } from './jsonErrorPosition';
import { GbfsFormatError } from './types';

const EXCERPT_RADIUS = 30;

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function excerptAround(text: string, offset: number): string {
  const start = Math.max(0, offset - EXCERPT_RADIUS);
  const end = Math.min(text.length, offset + EXCERPT_RADIUS);
  return JSON.stringify(text.slice(start, end));
}

/** Strings, or the NaN / Infinity / -Infinity tokens that JSON lacks but Python's json.dumps writes. */
// Unrolled string pattern: linear, and no stack overflow on a multi-megabyte string.
const STRING_OR_NON_FINITE = /"[^"\\]*(?:\\.[^"\\]*)*"|-?Infinity|NaN/g;

/** The text with bare NaN / ±Infinity read as null (a station's bad number then fails that station, not the file). */
function withNonFiniteAsNull(text: string): string {
  return text.replace(STRING_OR_NON_FINITE, (match) => (match.startsWith('"') ? match : 'null'));
}

export function parseJsonText(text: string, feed: string): unknown {
  // A byte-order mark is legal in a UTF-8 file but not in JSON.parse's input.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw new GbfsFormatError(`${feed}: empty document, expected JSON`, feed, 'parse');
  if (body.trimStart().startsWith('<')) {
    // Error pages and captive portals answer 200 with HTML.
    throw new GbfsFormatError(`${feed}: got HTML/XML, expected JSON (starts with ${excerptAround(body.trimStart(), 0)})`, feed, 'parse');
  }
  try {
    return JSON.parse(body);
  } catch (error) {
    const lenient = withNonFiniteAsNull(body);
    if (lenient !== body) {
      try {
        return JSON.parse(lenient);
      } catch {
        // Broken beyond those tokens: report the original error below.
      }
    }
    const reason = error instanceof Error ? error.message : String(error);
    // Our scanner and V8 agree on validity; the fallback only guards against a scanner bug.
    const offset = jsonErrorOffset(body) ?? Number(/position (\d+)/.exec(reason)?.[1] ?? body.length);
    const { line, column } = lineAndColumn(body, offset);
    const truncated = offset >= body.length ? ` (document ends after ${body.length} characters: truncated?)` : '';
    throw new GbfsFormatError(
      `${feed}: invalid JSON at line ${line}, column ${column} (offset ${offset})${truncated}: ${reason}; near ${excerptAround(body, offset)}`,
      feed,
      'parse',
    );
  }
}
