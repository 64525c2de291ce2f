/** The OpenAPI 3.1 document, generated from the zod schemas the routes validate with. */
import { z } from 'zod';
import {
  errorResponseSchema,
  hexagonQuerySchema,
  hexagonResponseSchema,
  hotspotsQuerySchema,
  hotspotsResponseSchema,
  systemsResponseSchema,
} from './schemas';

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
          summary: 'Hexagons of one local day (or hours of it), weighted by congestion',
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
      '/api/systems': {
        get: { summary: 'Configured systems and their data', responses: { '200': json(systemsResponseSchema, 'Systems') } },
      },
      '/api/health': { get: { summary: 'Database and feed freshness', responses: { '200': { description: 'Healthy' }, '503': { description: 'Unhealthy' } } } },
      '/api/cron/ingest': {
        get: {
          summary: 'Poll the configured systems once (Authorization: Bearer CRON_SECRET)',
          parameters: [{ name: 'system', in: 'query', required: false, schema: { type: 'string' } }],
          responses: { '200': { description: 'Run summaries' }, '401': { description: 'Missing or wrong secret' }, '502': { description: 'A feed failed' }, '503': { description: 'CRON_SECRET not configured' } },
        },
      },
    },
  };
}
