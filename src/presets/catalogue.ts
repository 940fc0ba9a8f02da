// What the server tells clients about its preset kinds (GET /api/v1/presets): every kind's metadata,
// from which the configure page builds its catalogue and forms. The zod schema here describes the
// answer and generates its OpenAPI entry.
import { z } from 'zod';
import { RESOURCES, SERVICE_IDS, STREAM_TYPES } from '../config/constants.js';
import { KINDS, retiredKinds } from './registry.js';
import type { KindMeta, OptionSpec } from './types.js';

const OPTION_TYPES = ['string', 'password', 'url', 'number', 'boolean', 'select', 'select-with-custom', 'multi-select', 'subsection'] as const;

const optionSchema: z.ZodType<OptionSpec> = z.lazy(() =>
  z.object({
    id: z.string(),
    name: z.string(),
    description: z.string().optional(),
    type: z.enum(OPTION_TYPES),
    required: z.boolean().optional(),
    default: z.unknown().optional(),
    choices: z.array(z.object({ value: z.union([z.string(), z.number()]), label: z.string() })).optional(),
    openChoices: z.boolean().optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    advanced: z.boolean().optional(),
    options: z.array(optionSchema).optional(),
  }),
).meta({ id: 'PresetOption' });

export const kindSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  category: z.enum(['streams', 'subtitles', 'catalogs', 'misc']),
  baseUrls: z.array(z.string()),
  services: z.array(z.enum(SERVICE_IDS)),
  requiresService: z.boolean(),
  resources: z.array(z.enum(RESOURCES)),
  streamTypes: z.array(z.enum(STREAM_TYPES)),
  options: z.array(optionSchema),
  removed: z.string().optional().describe('Set on a kind that no longer works: saving a config that uses it fails with this reason'),
});

export const catalogueSchema = z.object({
  version: z.string(),
  kinds: z.array(kindSchema),
  unsupported: z
    .array(z.object({ id: z.string(), name: z.string(), status: z.enum(['planned', 'removed', 'disabled']), reason: z.string() }))
    .describe('AIOStreams kinds this server does not build: planned ones still work as custom addons when their url is a manifest URL'),
});

export type Catalogue = z.infer<typeof catalogueSchema>;

/** Metadata as published: the parse hints are the server's business. */
function publicMeta({ parse: _parse, ...meta }: KindMeta): z.infer<typeof kindSchema> {
  return structuredClone({ ...meta, baseUrls: [...meta.baseUrls], services: [...meta.services], resources: [...meta.resources], streamTypes: [...meta.streamTypes], options: [...meta.options] });
}

export function buildCatalogue(version: string): Catalogue {
  return { version, kinds: KINDS.map((k) => publicMeta(k.meta)), unsupported: retiredKinds() };
}
