import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonErrorOffset } from './jsonErrorPosition';

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe('jsonErrorOffset', () => {
  it('points at the first offending character', () => {
    expect(jsonErrorOffset('{"a": 1,}')).toBe(8);
    expect(jsonErrorOffset('[1 2]')).toBe(3);
    expect(jsonErrorOffset('{"a" 1}')).toBe(5);
    expect(jsonErrorOffset('{"a": tru}')).toBe(9);
    expect(jsonErrorOffset('{"a": "\\x"}')).toBe(8);
    expect(jsonErrorOffset('{} {}')).toBe(3);
  });

  it('reports the end of the text for a cut-off document', () => {
    expect(jsonErrorOffset('{"stations": [{"id": "1"}, {"id"')).toBe(32);
    expect(jsonErrorOffset('{"name": "Place de la Conc')).toBe(26);
    expect(jsonErrorOffset('')).toBe(0);
  });

  it('accepts what JSON.parse accepts', () => {
    expect(jsonErrorOffset(' {"a": [1, -2.5e3, true, false, null, "\\u00e9\\n"], "b": {}} ')).toBeNull();
    fc.assert(fc.property(fc.jsonValue(), (value) => jsonErrorOffset(JSON.stringify(value, null, 1)) === null));
  });

  it('agrees with JSON.parse on every prefix of a valid document', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), (value, cut) => {
        const text = JSON.stringify(value);
        const prefix = text.slice(0, cut % (text.length + 1));
        const offset = jsonErrorOffset(prefix);
        return parses(prefix) ? offset === null : offset !== null && offset <= prefix.length;
      }),
    );
  });

  it('agrees with JSON.parse on arbitrary JSON-ish text', () => {
    const jsonish = fc.string({ unit: fc.constantFrom(...'{}[]:,"\\ 01-.eEtrufalsn\nx') });
    fc.assert(fc.property(jsonish, (text) => (jsonErrorOffset(text) === null) === parses(text)), { numRuns: 2000 });
  });
});
