import { describe, expect, it } from 'vitest';
import { csvField } from './csvField';

describe('csvField', () => {
  it('leaves a plain field alone', () => {
    expect(csvField('Gare de Lyon - Diderot')).toBe('Gare de Lyon - Diderot');
    expect(csvField('')).toBe('');
  });

  it('quotes a field with a comma, a quote or a line break, doubling its quotes', () => {
    expect(csvField('Rue "Haute", Paris')).toBe('"Rue ""Haute"", Paris"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('carriage\rreturn')).toBe('"carriage\rreturn"');
    expect(csvField('"')).toBe('""""');
  });
});
