import type { Metric } from '@/lib/hotspots/types';

/** How each metric reads to a person: a label and the unit of its value. */
export const METRIC_INFO: Record<Metric, { label: string; unit: string; percent: boolean }> = {
  occupancy: { label: 'Occupancy', unit: 'share of bikes in bikes + free docks', percent: true },
  bikes: { label: 'Bikes parked', unit: 'bikes on average (time-weighted)', percent: false },
  ebikes: { label: 'E-bikes parked', unit: 'e-bikes on average (time-weighted)', percent: false },
  mechanical: { label: 'Mechanical bikes parked', unit: 'mechanical bikes on average (time-weighted)', percent: false },
  full: { label: 'Time full', unit: 'share of station time with no free dock', percent: true },
  empty: { label: 'Time empty', unit: 'share of station time with no bike', percent: true },
};
