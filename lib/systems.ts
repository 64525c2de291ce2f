/** Which GBFS systems the app collects: a built-in catalog, or GBFS_SYSTEMS="id=url,id2=url2". */
import { z } from 'zod';

export interface SystemConfig {
  id: string;
  gbfsUrl: string;
}

export const BUILT_IN_SYSTEMS: readonly SystemConfig[] = [
  {
    id: 'velib',
    // The smoove.pro host of older documentation moved here in 2023.
    gbfsUrl: 'https://velib-metropole-opendata.smovengo.cloud/opendata/Velib_Metropole/gbfs.json',
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

export function configuredSystems(env: NodeJS.ProcessEnv = process.env): SystemConfig[] {
  return parseSystemsSetting(env.GBFS_SYSTEMS);
}
