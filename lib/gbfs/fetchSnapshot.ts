/** Extract + transform for one system: gbfs.json, then its system, station and status feeds. */
import { fetchDocument, type FetchPolicy } from './http';
import { parseDiscovery } from './discovery';
import { parseJsonText } from './json';
import { parseStationInformation } from './stationInformation';
import { parseStationStatus } from './stationStatus';
import { parseSystemInformation } from './systemInformation';
import { parseVehicleTypes } from './vehicleTypes';
import { buildSnapshot, type Snapshot } from './snapshot';
import type { SystemInfo, VehicleKinds } from './types';

async function fetchJson(url: string, feed: string, policy: FetchPolicy) {
  const document = await fetchDocument(url, policy);
  return { json: parseJsonText(document.text, feed), fetchedAt: document.fetchedAt };
}

export interface SnapshotHooks {
  /** Called once system_information is read, even if a later feed then fails the poll. */
  onSystemInfo?: (system: SystemInfo) => void;
}

export async function fetchSnapshot(systemId: string, gbfsUrl: string, policy: FetchPolicy, hooks: SnapshotHooks = {}): Promise<Snapshot> {
  const discovery = parseDiscovery((await fetchJson(gbfsUrl, 'gbfs', policy)).json);

  const [system, information, vehicleKinds] = await Promise.all([
    discovery.systemInformation
      ? fetchJson(discovery.systemInformation, 'system_information', policy).then(({ json }) => {
          const { info } = parseSystemInformation(json);
          hooks.onSystemInfo?.(info);
          return info;
        })
      : // Without system_information nothing says the zone; UTC keeps days well defined.
        Promise.resolve<SystemInfo>({ systemId, name: systemId, timezone: 'UTC', language: null }),
    fetchJson(discovery.stationInformation, 'station_information', policy).then(({ json }) =>
      parseStationInformation(json),
    ),
    discovery.vehicleTypes
      ? fetchJson(discovery.vehicleTypes, 'vehicle_types', policy).then(({ json }) => parseVehicleTypes(json))
      : Promise.resolve<VehicleKinds | undefined>(undefined),
  ]);

  // Status last, so that it is at least as new as the station descriptions it is joined with.
  const { json, fetchedAt } = await fetchJson(discovery.stationStatus, 'station_status', policy);
  const status = parseStationStatus(json, { fetchedAt, vehicleKinds });
  return buildSnapshot({ system, information, status, fetchedAt });
}
