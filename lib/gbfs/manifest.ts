/**
 * GBFS v3's manifest.json: one file listing the systems of a publisher, each with the gbfs.json of
 * every version it serves. Read here only to find the gbfs.json of the system someone wants to add.
 */
import { z } from 'zod';
import { parseEnvelope } from './envelope';
import { isPlainObject } from './fields';
import { GbfsFormatError } from './types';

const FEED = 'manifest';

const datasetSchema = z.object({
  system_id: z.string().min(1),
  versions: z.array(z.object({ version: z.string(), url: z.string().trim().min(1) })).min(1),
});

export interface ManifestDataset {
  systemId: string;
  /** The gbfs.json of the newest version the dataset serves. */
  gbfsUrl: string;
}

/** Whether a document is a manifest (data.datasets) rather than a gbfs.json (data.feeds or languages). */
export function isManifest(json: unknown): boolean {
  return isPlainObject(json) && isPlainObject(json.data) && Array.isArray(json.data.datasets);
}

const versionKey = (version: string) => version.split('.').map((part) => Number(part) || 0);
const newerFirst = (a: string, b: string) => {
  const [x, y] = [versionKey(a), versionKey(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (y[i] ?? 0) - (x[i] ?? 0);
  return 0;
};

export function parseManifest(json: unknown): ManifestDataset[] {
  const { data } = parseEnvelope(json, FEED);
  const datasets = z.array(z.unknown()).parse(data.datasets).flatMap((entry) => {
    const parsed = datasetSchema.safeParse(entry);
    if (!parsed.success) return [];
    const [newest] = [...parsed.data.versions].sort((a, b) => newerFirst(a.version, b.version));
    return [{ systemId: parsed.data.system_id, gbfsUrl: newest.url }];
  });
  if (datasets.length === 0) throw new GbfsFormatError(`${FEED}: no dataset with a system_id and a version URL`, FEED);
  return datasets;
}

/** The dataset of `systemId`, or the only one; several and none named is the caller's to choose. */
export function chooseDataset(datasets: ManifestDataset[], systemId: string | undefined): ManifestDataset {
  if (datasets.length === 1 && systemId === undefined) return datasets[0];
  const chosen = datasets.find((d) => d.systemId === systemId);
  if (chosen) return chosen;
  const listed = datasets.map((d) => d.systemId).join(', ');
  throw new GbfsFormatError(
    systemId === undefined
      ? `${FEED}: it lists ${datasets.length} systems (${listed}); choose one with its system_id as the id`
      : `${FEED}: no system "${systemId}" in it (it lists ${listed})`,
    FEED,
  );
}
