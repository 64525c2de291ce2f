import { describe, expect, it } from 'vitest';
import { fixture } from '@/test/fixtures/gbfs/readFixture';
import { parseVehicleTypes, vehicleKind } from './vehicleTypes';
import { GbfsFormatError } from './types';

describe('parseVehicleTypes', () => {
  it('maps bicycles by propulsion and everything else to other', () => {
    const kinds = parseVehicleTypes(fixture('v2-vehicle_types.json'));
    expect(Object.fromEntries(kinds)).toEqual({
      '1': 'mechanical',
      '2': 'ebike',
      '3': 'other', // scooter
      '4': 'other', // cargo bicycle
      '5': 'ebike', // numeric id, "electric" bicycle
    });
  });

  it('fails when vehicle_types is not a list', () => {
    expect(() => parseVehicleTypes({ data: { vehicle_types: {} } })).toThrow(GbfsFormatError);
    expect(() => parseVehicleTypes({ data: {} })).toThrow('vehicle_types: data.vehicle_types must be an array');
  });
});

describe('vehicleKind', () => {
  it('needs a known propulsion to call a bicycle anything', () => {
    expect(vehicleKind('bicycle', 'human')).toBe('mechanical');
    expect(vehicleKind('bicycle', 'electric_assist')).toBe('ebike');
    expect(vehicleKind('bicycle', 'combustion')).toBe('other');
    expect(vehicleKind('bicycle', undefined)).toBe('other');
    expect(vehicleKind('car', 'electric')).toBe('other');
  });
});
