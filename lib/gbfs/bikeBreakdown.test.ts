import { describe, expect, it } from 'vitest';
import { breakDownBikes } from './bikeBreakdown';

const kinds = new Map([
  ['1', 'mechanical'],
  ['2', 'ebike'],
  ['3', 'other'],
] as const);

describe('breakDownBikes', () => {
  it('prefers the Velib list and derives a missing half from the total', () => {
    expect(breakDownBikes({ bikes: 5, velibTypes: { mechanical: 1, ebike: 4 }, numEbikesAvailable: 0 })).toEqual({
      ebikes: 4,
      mechanical: 1,
    });
    expect(breakDownBikes({ bikes: 5, velibTypes: { ebike: 2 } })).toEqual({ ebikes: 2, mechanical: 3 });
    expect(breakDownBikes({ bikes: 5, velibTypes: { mechanical: 7 } })).toEqual({ ebikes: 0, mechanical: 7 });
  });

  it('uses vehicle_types_available only when every type is known', () => {
    const available = [
      { vehicleTypeId: '1', count: 2 },
      { vehicleTypeId: '2', count: 1 },
      { vehicleTypeId: '3', count: 4 },
    ];
    expect(breakDownBikes({ bikes: 3, vehicleTypesAvailable: available, vehicleKinds: kinds })).toEqual({
      ebikes: 1,
      mechanical: 2,
    });
    const withUnknown = [...available, { vehicleTypeId: '9', count: 1 }];
    expect(breakDownBikes({ bikes: 3, vehicleTypesAvailable: withUnknown, vehicleKinds: kinds })).toEqual({
      ebikes: null,
      mechanical: null,
    });
    expect(
      breakDownBikes({ bikes: 3, vehicleTypesAvailable: withUnknown, vehicleKinds: kinds, numEbikesAvailable: 1 }),
    ).toEqual({ ebikes: 1, mechanical: 2 });
  });

  it('falls back to num_ebikes_available, mechanical never below 0', () => {
    expect(breakDownBikes({ bikes: 3, numEbikesAvailable: 5 })).toEqual({ ebikes: 5, mechanical: 0 });
    expect(breakDownBikes({ bikes: 3 })).toEqual({ ebikes: null, mechanical: null });
  });
});
