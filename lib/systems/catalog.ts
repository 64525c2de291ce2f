/** Which GBFS systems the app can collect: a built-in catalog, or GBFS_SYSTEMS="id=url,id2=url2". */
import { z } from 'zod';
import type { FeedAuth } from '@/lib/gbfs/http';

/** What the catalog knows of a system before its first poll, so the page can name and frame it. */
export interface KnownSystem {
  name: string;
  timezone: string;
  /** [west, south, east, north] of its stations. */
  bounds: [number, number, number, number];
}

export interface SystemConfig {
  id: string;
  gbfsUrl: string;
  known?: KnownSystem;
  /** The key its feeds are read with (an added system that needs one); never answered or logged. */
  auth?: FeedAuth;
}

export const BUILT_IN_SYSTEMS: readonly SystemConfig[] = [
  {
    id: 'velib',
    // The smoove.pro host of older documentation moved here in 2023.
    gbfsUrl: 'https://velib-metropole-opendata.smovengo.cloud/opendata/Velib_Metropole/gbfs.json',
    // Paris and the communes around it that Vélib' serves (its stations' 2nd-98th percentiles, 2025).
    known: { name: "Vélib' Métropole", timezone: 'Europe/Paris', bounds: [2.22, 48.8, 2.47, 48.92] },
  },
];

export const systemIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'a system id is 1-63 lowercase letters, digits, "-" or "_"');

const entrySchema = z.object({ id: systemIdSchema, gbfsUrl: z.url({ protocol: /^https?$/ }) });

export function parseSystemsSetting(value: string | undefined): SystemConfig[] {
  if (value === undefined || value.trim() === '') return [...BUILT_IN_SYSTEMS];
  const systems = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const eq = entry.indexOf('=');
      const parsed = entrySchema.safeParse({ id: entry.slice(0, eq).trim(), gbfsUrl: entry.slice(eq + 1).trim() });
      if (eq < 0 || !parsed.success) {
        throw new Error(`GBFS_SYSTEMS: "${entry}" is not id=https://…/gbfs.json`);
      }
      return parsed.data;
    });
  const ids = new Set(systems.map((s) => s.id));
  if (ids.size !== systems.length) throw new Error('GBFS_SYSTEMS: a system id is listed twice');
  return systems;
}
