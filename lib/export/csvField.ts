/** One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break, quotes doubled. */
const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
