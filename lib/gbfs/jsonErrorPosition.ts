/**
 * Where a JSON text stops being valid. JSON.parse's messages carry a position only for some
 * errors (none for "Unexpected token" on short inputs, none at the end of input), so failed
 * documents are rescanned here to report one consistently. Only called after JSON.parse failed.
 */

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WHITESPACE = /[ \t\n\r]*/y;
const ESCAPABLE = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const HEX4 = /[0-9a-fA-F]{4}/y;

type Scan = { end: number } | { errorAt: number };

function scanString(text: string, start: number): Scan {
  for (let i = start + 1; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') return { end: i + 1 };
    if (text.charCodeAt(i) < 0x20) return { errorAt: i };
    if (ch === '\\') {
      const escaped = text[i + 1];
      if (escaped === undefined) return { errorAt: text.length };
      if (escaped === 'u') {
        HEX4.lastIndex = i + 2;
        if (!HEX4.test(text)) return { errorAt: i + 1 };
        i += 5;
      } else if (ESCAPABLE.has(escaped)) {
        i += 1;
      } else {
        return { errorAt: i + 1 };
      }
    }
  }
  return { errorAt: text.length };
}

function scanLiteral(text: string, start: number): Scan {
  const literal = ['true', 'false', 'null'].find((word) => word[0] === text[start]);
  if (!literal) return { errorAt: start };
  for (let k = 0; k < literal.length; k++) {
    if (text[start + k] !== literal[k]) return { errorAt: Math.min(start + k, text.length) };
  }
  return { end: start + literal.length };
}

function scanScalar(text: string, start: number): Scan {
  const ch = text[start];
  if (ch === '"') return scanString(text, start);
  if (ch === '-' || (ch >= '0' && ch <= '9')) {
    NUMBER.lastIndex = start;
    return NUMBER.test(text) ? { end: NUMBER.lastIndex } : { errorAt: start + 1 };
  }
  return scanLiteral(text, start);
}

type Expectation = 'value' | 'valueOrClose' | 'key' | 'keyOrClose' | 'colon' | 'commaOrClose';

/** Offset of the first character that makes `text` invalid JSON (text.length when it ends early), or null if valid. */
export function jsonErrorOffset(text: string): number | null {
  const open: ('{' | '[')[] = [];
  let expect: Expectation = 'value';
  let i = 0;
  for (;;) {
    WHITESPACE.lastIndex = i;
    WHITESPACE.test(text);
    i = WHITESPACE.lastIndex;
    if (i >= text.length) return expect === 'commaOrClose' && open.length === 0 ? null : text.length;
    const ch = text[i];
    const container = open[open.length - 1];

    if ((expect === 'valueOrClose' && ch === ']') || (expect === 'keyOrClose' && ch === '}')) {
      open.pop();
      i++;
      expect = 'commaOrClose';
    } else if (expect === 'value' || expect === 'valueOrClose') {
      if (ch === '{' || ch === '[') {
        open.push(ch);
        i++;
        expect = ch === '{' ? 'keyOrClose' : 'valueOrClose';
      } else {
        const scan = scanScalar(text, i);
        if ('errorAt' in scan) return scan.errorAt;
        i = scan.end;
        expect = 'commaOrClose';
      }
    } else if (expect === 'key' || expect === 'keyOrClose') {
      if (ch !== '"') return i;
      const scan = scanString(text, i);
      if ('errorAt' in scan) return scan.errorAt;
      i = scan.end;
      expect = 'colon';
    } else if (expect === 'colon') {
      if (ch !== ':') return i;
      i++;
      expect = 'value';
    } else {
      // commaOrClose: after a complete value.
      if (container === undefined) return i; // text after the top-level value
      if (ch === ',') {
        i++;
        expect = container === '{' ? 'key' : 'value';
      } else if (ch === (container === '{' ? '}' : ']')) {
        open.pop();
        i++;
      } else {
        return i;
      }
    }
  }
}
