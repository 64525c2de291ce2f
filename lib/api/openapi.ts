/** The OpenAPI 3.1 document, generated from the zod schemas the routes validate with. */
import { z } from 'zod';
import { catalogQuerySchema, catalogResponseSchema } from '../catalog/schemas';
import { episodesQuerySchema, episodesResponseSchema } from '../episodes/schemas';
import { exportQuerySchema } from '../export/schemas';
import { forecastMapResponseSchema, forecastQuerySchema, forecastResponseSchema, forecastStationResponseSchema } from '../forecast/schemas';
import { hexagonQuerySchema, hexagonResponseSchema, hotspotsQuerySchema, hotspotsResponseSchema } from '../hotspots/schemas';
import { stationsQuerySchema, stationsResponseSchema } from '../stations/schemas';
import { profileQuerySchema, profileResponseSchema } from '../profile/schemas';
import { addedSystemResponseSchema, addSystemBodySchema, pauseBodySchema, removeQuerySchema, systemsResponseSchema } from '../systems/schemas';
import { errorResponseSchema } from './schemas';

type JsonSchema = Record<string, unknown> & { properties?: Record<string, Record<string, unknown>>; required?: string[] };

const schemaOf = (schema: z.ZodType, io: 'input' | 'output' = 'output') =>
  z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' }) as JsonSchema;

function queryParameters(schema: z.ZodType) {
  const json = schemaOf(schema, 'input');
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) ?? false,
    description: property.description,
    schema: { ...property, description: undefined },
  }));
}

const json = (schema: z.ZodType, description: string) => ({
  description,
  content: { 'application/json': { schema: schemaOf(schema) } },
});

const body = (schema: z.ZodType) => ({ required: true, content: { 'application/json': { schema: schemaOf(schema, 'input') } } });

/** The routes that act ask for CRON_SECRET. */
const secretErrors = {
  '401': json(errorResponseSchema, 'Missing or wrong Authorization: Bearer CRON_SECRET'),
  '503': json(errorResponseSchema, 'CRON_SECRET is not set on the server'),
};

const systemIdPath = { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]{0,62}$' } };

const errors = {
  '400': json(errorResponseSchema, 'A parameter is invalid; error.parameter names it'),
  '404': json(errorResponseSchema, 'Unknown system'),
};

export function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'GBFS Hotspots API',
      version: '1.0.0',
      description: 'Where bike-share bikes pile up: time-weighted congestion per H3 hexagon, from GBFS feeds.',
    },
    paths: {
      '/api/hotspots': {
        get: {
          summary: 'Hexagons of a local day or a period (some weekdays of it, the same hours of each), weighted by congestion; with a base period, compared with it',
          parameters: queryParameters(hotspotsQuerySchema),
          responses: { '200': json(hotspotsResponseSchema, 'Hexagons sorted by weight (format=geojson/csv change the body)'), ...errors },
        },
      },
      '/api/hexagons/{h3}': {
        get: {
          summary: 'Stations of one hexagon with their figures and an hourly series',
          parameters: [
            { name: 'h3', in: 'path', required: true, schema: { type: 'string', pattern: '^8[0-9a-f]{14}$' } },
            ...queryParameters(hexagonQuerySchema),
          ],
          responses: { '200': json(hexagonResponseSchema, 'The hexagon'), ...errors },
        },
      },
      '/api/stations': {
        get: {
          summary: "Every station of a system (id, name, short code, position, capacity), by name: what the map's station search looks through",
          parameters: queryParameters(stationsQuerySchema),
          responses: { '200': json(stationsResponseSchema, 'The stations (cacheable for minutes; an ETag that changes with the newest poll)'), ...errors },
        },
      },
      '/api/systems': {
        get: { summary: 'Listed systems (built-in, GBFS_SYSTEMS, added), their data and their newest poll attempt', responses: { '200': json(systemsResponseSchema, 'Systems') } },
        post: {
          summary:
            'Add a system from its gbfs.json or v3 manifest ({url}), or from the catalog of public GBFS systems ({catalogId}, with its key when it needs one) (Authorization: Bearer CRON_SECRET); polled from the next round',
          requestBody: body(addSystemBodySchema),
          responses: {
            '201': json(addedSystemResponseSchema, 'The system added, named and zoned by its system_information'),
            '400': json(
              errorResponseSchema,
              'A body field is invalid (neither url nor catalogId: error.parameter "url"), the address is refused (not http(s), a private, loopback or link-local address, more than 3 redirects), or the catalog system needs a key (key_required) or another form of it (key_invalid, key_not_needed)',
            ),
            '404': json(errorResponseSchema, 'No system of the catalog has that catalogId (unknown_catalog_id)'),
            '409': json(errorResponseSchema, 'The id is taken (system_exists), the catalog system is already collected (system_collected), or the catalog lists several systems under that id: give its autoDiscoveryUrl as url too (catalog_id_ambiguous)'),
            '422': json(errorResponseSchema, 'The feed cannot be read or is not GBFS, or lists no station_status (no_stations: scooters, cars; hotspots need stations), or the catalog cannot be read (catalog_unavailable); error.message says why'),
            ...secretErrors,
          },
        },
      },
      '/api/catalog': {
        get: {
          summary:
            "The catalog of public GBFS systems (MobilityData's systems.csv, CC BY 3.0) as last read: searched by name, city, country or System ID (accents and case ignored, best first) or paged; each system says whether this app collects it. With no copy stored, readAt is null and notice says why (200, never an error)",
          parameters: queryParameters(catalogQuerySchema),
          responses: { '200': json(catalogResponseSchema, 'Matching systems, best first, with the source to credit'), '400': errors['400'] },
        },
      },
      '/api/systems/{id}': {
        patch: {
          summary: 'Pause or resume polling a system (Authorization: Bearer CRON_SECRET)',
          parameters: [systemIdPath],
          requestBody: body(pauseBodySchema),
          responses: { '200': { description: 'The system, paused or not' }, ...errors, ...secretErrors },
        },
        delete: {
          summary: 'Remove an added system, keeping its data unless purge=1 (Authorization: Bearer CRON_SECRET)',
          parameters: [systemIdPath, ...queryParameters(removeQuerySchema)],
          responses: { '200': { description: '{id, purged, rowsDeleted}' }, ...errors, '409': json(errorResponseSchema, 'The system comes from GBFS_SYSTEMS or the built-in catalog'), ...secretErrors },
        },
      },
      '/api/episodes': {
        get: {
          summary: 'Saturation episodes of a period: per station the runs of polls in which it was full (or empty), longest first',
          parameters: queryParameters(episodesQuerySchema),
          responses: {
            '200': json(episodesResponseSchema, 'Episodes longest first and every station with one (format=csv: the stations list, text/csv: id,name,h3,count,totalSeconds,longestSeconds)'),
            ...errors,
          },
        },
      },
      '/api/profile': {
        get: {
          summary: 'The typical week of a period: the metric per local weekday and hour, for the system or one hexagon',
          parameters: queryParameters(profileQuerySchema),
          responses: { '200': json(profileResponseSchema, '7 × 24 values and coverage'), ...errors },
        },
      },
      '/api/forecast': {
        get: {
          summary: 'Where bikes will be in the next 24 hours: per station and hexagon, from the newest poll, with the backtest and live error',
          parameters: queryParameters(forecastQuerySchema),
          responses: {
            '200': json(
              forecastResponseSchema.or(forecastMapResponseSchema).or(forecastStationResponseSchema),
              'The newest forecast (with `view=map`: the hexagons as columns, as the map draws them; with `station`: that station alone)',
            ),
            '409': json(errorResponseSchema, 'Not enough history yet: error.history.hours and error.needed.hours say how much there is and is needed'),
            ...errors,
          },
        },
      },
      '/api/export': {
        get: {
          summary: 'A period of hourly rollups or raw statuses as a Parquet or CSV file, streamed as an attachment',
          parameters: queryParameters(exportQuerySchema),
          responses: {
            '200': {
              description: 'The file (Content-Disposition: attachment; filename="<system>-<table>-<start>-<end>.<format>"); columns and metadata in docs/export.md',
              content: {
                'application/vnd.apache.parquet': { schema: { type: 'string', contentMediaType: 'application/vnd.apache.parquet' } },
                'text/csv': { schema: { type: 'string' } },
              },
            },
            ...errors,
          },
        },
      },
      '/api/metrics': {
        get: {
          summary: 'Prometheus metrics: feed age, polls by outcome, route latency, process (Authorization: Bearer METRICS_TOKEN when set)',
          responses: {
            '200': { description: 'Prometheus text exposition format', content: { 'text/plain; version=0.0.4; charset=utf-8': { schema: { type: 'string' } } } },
            '401': json(errorResponseSchema, 'METRICS_TOKEN is set and the bearer token is missing or wrong'),
          },
        },
      },
      '/api/health': { get: { summary: 'Database and feed freshness', responses: { '200': { description: 'Healthy' }, '503': { description: 'Unhealthy' } } } },
      '/api/cron/ingest': {
        get: {
          summary: 'Poll the configured systems once (Authorization: Bearer CRON_SECRET)',
          parameters: [{ name: 'system', in: 'query', required: false, schema: { type: 'string' } }],
          responses: { '200': { description: 'Run summaries' }, '404': json(errorResponseSchema, 'Unknown system'), '409': json(errorResponseSchema, 'The system is paused'), '502': { description: 'A feed failed' }, ...secretErrors },
        },
      },
    },
  };
}
