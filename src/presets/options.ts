// Declared options (presets.md §2): the common ones every kind shares, and their normalisation.
import { MEDIA_TYPES, TIMEOUT_BOUNDS } from '../config/constants.js';
import { getService } from '../config/services.js';
import { PresetError, type KindMeta, type OptionChoice, type OptionSpec, type Options, type Resource, type ServiceId } from './types.js';

export const DEFAULT_TIMEOUT_MS = 7000;

const choicesOf = (values: readonly (string | number)[]): OptionChoice[] => values.map((v) => ({ value: v, label: String(v) }));

const RESOURCE_LABELS: Record<Resource, string> = {
  stream: 'Streams',
  subtitles: 'Subtitles',
  catalog: 'Catalogs',
  meta: 'Metadata',
  addon_catalog: 'Addon catalogs',
};

export const nameOption = (defaultName: string): OptionSpec => ({
  id: 'name', name: 'Name', description: 'What this addon is called in your stream list', type: 'string', required: true, default: defaultName,
});

export const timeoutOption = (): OptionSpec => ({
  id: 'timeout', name: 'Timeout (ms)', description: 'How long to wait for this addon', type: 'number', required: true,
  default: DEFAULT_TIMEOUT_MS, min: TIMEOUT_BOUNDS.min, max: TIMEOUT_BOUNDS.max,
});

export const resourcesOption = (resources: readonly Resource[]): OptionSpec => ({
  id: 'resources', name: 'Resources', description: 'Which resources to use from this addon', type: 'multi-select',
  default: [...resources], choices: resources.map((r) => ({ value: r, label: RESOURCE_LABELS[r] })), advanced: true,
});

export const urlOption = (): OptionSpec => ({
  id: 'url', name: 'URL', type: 'url', advanced: true,
  description: 'A whole manifest URL to use as is, or another base URL (a mirror or your own instance)',
});

export const mediaTypesOption = (): OptionSpec => ({
  id: 'mediaTypes', name: 'Media Types', description: 'Ask this addon for streams of these kinds only (none = all)',
  type: 'multi-select', default: [], choices: [
    { value: 'movie', label: 'Movie' }, { value: 'series', label: 'Series' }, { value: 'anime', label: 'Anime' },
  ] satisfies { value: (typeof MEDIA_TYPES)[number]; label: string }[],
});

export const servicesOption = (services: readonly ServiceId[]): OptionSpec => ({
  // Naming a service the kind does not support is not a type error: §3 says what it means.
  id: 'services', name: 'Services', type: 'multi-select', advanced: true, openChoices: true,
  description: 'Use only these of your services (none chosen = every enabled one it supports)',
  choices: services.map((id) => ({ value: id, label: getService(id).name })),
});

export const multipleInstancesOption = (required = false): OptionSpec => ({
  id: 'useMultipleInstances', name: 'Use Multiple Instances', type: 'boolean', required, default: false, advanced: true,
  description: 'One addon per service instead of one addon for all of them',
});

export const includeP2POption = (): OptionSpec => ({
  id: 'includeP2P', name: 'Include P2P', type: 'boolean', default: false,
  description: 'Also show torrents that play peer to peer, without a debrid service',
});

export const booleanOption = (id: string, name: string, description: string, defaultValue?: boolean, required = false): OptionSpec => ({
  id, name, description, type: 'boolean', required, ...(defaultValue === undefined ? {} : { default: defaultValue }),
});

export const selectOption = (
  id: string, name: string, description: string, values: readonly (string | OptionChoice)[], extra: Partial<OptionSpec> = {},
): OptionSpec => ({
  id, name, description, type: 'select', choices: values.map((v) => (typeof v === 'string' ? { value: v, label: v } : v)), ...extra,
});

export const multiSelectOption = (
  id: string, name: string, description: string, values: readonly (string | number)[], extra: Partial<OptionSpec> = {},
): OptionSpec => ({ id, name, description, type: 'multi-select', choices: choicesOf(values), ...extra });

export const secretOption = (id: string, name: string, description: string, required = true): OptionSpec => ({
  id, name, description, type: 'password', required,
});

/**
 * The options most kinds declare, in the order a form shows them: name, timeout, resources,
 * url, then mediaTypes / services / useMultipleInstances where the kind has them.
 */
export function commonOptions(
  name: string,
  resources: readonly Resource[],
  extra: { url?: boolean; mediaTypes?: boolean; services?: readonly ServiceId[]; multipleInstances?: 'optional' | 'required' } = {},
): OptionSpec[] {
  const list = [nameOption(name), timeoutOption(), resourcesOption(resources)];
  if (extra.url !== false) list.push(urlOption());
  if (extra.mediaTypes !== false) list.push(mediaTypesOption());
  if (extra.services?.length) list.push(servicesOption(extra.services));
  if (extra.multipleInstances) list.push(multipleInstancesOption(extra.multipleInstances === 'required'));
  return list;
}

const typeName = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** A value outside the declared choices, if any (only for closed lists). */
function unknownChoice(spec: OptionSpec, values: readonly unknown[]): unknown {
  if (!spec.choices || spec.openChoices) return undefined;
  return values.find((v) => !spec.choices!.some((c) => c.value === v));
}

/** The problem with one value, or undefined when it fits the option's type. */
function problemWith(spec: OptionSpec, value: unknown): string | undefined {
  switch (spec.type) {
    case 'string': case 'password': case 'url': case 'select-with-custom':
      return typeof value === 'string' ? undefined : `Option ${spec.id} must be a string, got ${typeName(value)}`;
    case 'select':
      if (typeof value !== 'string') return `Option ${spec.id} must be a string, got ${typeName(value)}`;
      return unknownChoice(spec, [value]) === undefined ? undefined : `Option ${spec.id} has an unknown value ${JSON.stringify(value)}`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `Option ${spec.id} must be a boolean, got ${typeName(value)}`;
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return `Option ${spec.id} must be a number, got ${typeName(value)}`;
      if (spec.min !== undefined && value < spec.min) return `Option ${spec.id} must be at least ${spec.min}`;
      if (spec.max !== undefined && value > spec.max) return `Option ${spec.id} must be at most ${spec.max}`;
      return undefined;
    }
    case 'multi-select': {
      if (!Array.isArray(value)) return `Option ${spec.id} must be an array, got ${typeName(value)}`;
      if (!value.every((v) => typeof v === 'string' || typeof v === 'number')) return `Option ${spec.id} must list strings or numbers`;
      if (spec.min !== undefined && value.length < spec.min) return `Option ${spec.id} needs at least ${spec.min} item(s), got ${value.length}`;
      if (spec.max !== undefined && value.length > spec.max) return `Option ${spec.id} allows at most ${spec.max} item(s), got ${value.length}`;
      const unknown = unknownChoice(spec, value);
      return unknown === undefined ? undefined : `Option ${spec.id} has an unknown value ${JSON.stringify(unknown)}`;
    }
    case 'subsection':
      return value !== null && typeof value === 'object' && !Array.isArray(value)
        ? undefined
        : `Option ${spec.id} must be an object, got ${typeName(value)}`;
  }
}

function normaliseList(
  kindName: string, specs: readonly OptionSpec[], raw: Record<string, unknown>, path: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) if (v !== 'undefined') out[k] = v;
  for (const spec of specs) {
    let value = out[spec.id];
    const invalid = (detail: string) =>
      new PresetError(`The value for option '${spec.name}' in preset '${kindName}' is invalid: Error: ${detail}`, path + spec.id);
    if (value === undefined) {
      // A required option left unset takes its declared default: AIOStreams' page always writes
      // one, and a hand-written config that omits it means "the default".
      if (!spec.required) continue;
      if (spec.default === undefined) throw invalid(`Option ${spec.id} is required, got undefined`);
      value = out[spec.id] = structuredClone(spec.default);
    }
    const problem = problemWith(spec, value);
    if (problem) throw invalid(problem);
    if (spec.type === 'subsection' && spec.options) {
      out[spec.id] = normaliseList(kindName, spec.options, value as Record<string, unknown>, `${path}${spec.id}.`);
    }
  }
  return out;
}

/**
 * §2: "undefined" means unset, type and bound checks, required options. Undeclared keys are kept
 * (a kind may read one) and never checked.
 */
export function normaliseOptions(meta: KindMeta, raw: Record<string, unknown>): Options {
  return normaliseList(meta.name, meta.options, raw, '');
}
