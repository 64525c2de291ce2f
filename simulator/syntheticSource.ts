/** Documents of the synthetic city, rendered on demand in one dialect. */
import type { SimClock } from './clock';
import type { City } from './city';
import { applyInfoFault, applyStatusFault } from './contentFaults';
import type { Moment } from './faults';
import type { DocumentRequest, FeedSource } from './httpHost';
import type { FeedRenderer, RenderContext, StationStatusRow, SystemDescription } from './render/types';
import { stationStatusAt } from './status';
import type { FaultKind, FeedName } from './types';

/** Station status rows at time t, ready for any renderer. */
export function statusRows(city: City, t: number): StationStatusRow[] {
  const counts = stationStatusAt(city, t);
  return city.stations.map((station, i) => ({
    stationId: station.stationId,
    stationCode: station.stationCode,
    ...counts[i],
  }));
}

/** The JSON text of one feed of the city at time ctx.t. */
export function renderFeed(
  city: City,
  renderer: FeedRenderer,
  feed: FeedName,
  ctx: RenderContext,
  contentFault: FaultKind | null = null,
): string {
  switch (feed) {
    case 'gbfs':
      return renderer.gbfs(ctx);
    case 'system_information':
      return renderer.systemInformation(ctx);
    case 'station_information':
      return renderer.stationInformation(ctx, applyInfoFault(contentFault, city.stations));
    case 'station_status':
      return renderer.stationStatus(ctx, applyStatusFault(contentFault, statusRows(city, ctx.t), ctx.t));
    case 'vehicle_types': {
      const text = renderer.vehicleTypes(ctx);
      if (text === null) throw new Error('this dialect has no vehicle_types.json');
      return text;
    }
  }
}

export function syntheticSource(
  city: City,
  renderer: FeedRenderer,
  clock: SimClock,
  system: SystemDescription,
): FeedSource {
  const timeFor = (feed: FeedName, moment: Moment): number => {
    if (moment === 'stale') return clock.staleTime();
    if (feed !== 'station_status') return clock.now();
    return moment === 'advance' ? clock.advance() : clock.peek();
  };
  return {
    feeds: renderer.feeds,
    contentFaults: true,
    now: () => clock.now(),
    body: async (feed: FeedName, request: DocumentRequest) => {
      const ctx = { t: timeFor(feed, request.moment), baseUrl: request.baseUrl, system };
      return Buffer.from(renderFeed(city, renderer, feed, ctx, request.contentFault), 'utf8');
    },
  };
}
