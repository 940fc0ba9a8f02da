// Pieces of the addon record (presets.md §1, §5) that most kinds build the same way.
import { DEFAULT_TIMEOUT_MS } from './options.js';
import { shortName } from './services.js';
import type { KindMeta, Options, PresetAddon, Resource } from './types.js';

export type RecordBase = Omit<PresetAddon, 'manifestUrl'>;

/** name, timeout, resources and mediaTypes as taken from the options (each kind may then adjust). */
export function recordBase(meta: KindMeta, options: Options): RecordBase {
  const declaresMediaTypes = meta.options.some((o) => o.id === 'mediaTypes');
  return {
    name: (options.name as string | undefined) || meta.name,
    timeout: (options.timeout as number | undefined) || DEFAULT_TIMEOUT_MS,
    resources: (options.resources as Resource[] | undefined) ?? meta.resources,
    ...(declaresMediaTypes && options.mediaTypes !== undefined ? { mediaTypes: options.mediaTypes as string[] } : {}),
  };
}

/** One service → its short name, several → `multi`, none → `none`. */
export function servicesIdentifier(services: readonly string[], none: string | undefined): string | undefined {
  if (services.length === 0) return none;
  return services.length > 1 ? 'multi' : shortName(services[0]!);
}

/** Short names joined, as display identifiers show them. */
export const shortNames = (services: readonly string[], sep = ' | '): string => services.map(shortName).join(sep);

/** Sets `identifier` / `displayIdentifier` only when defined. */
export function ids(identifier: string | undefined, displayIdentifier?: string): Pick<PresetAddon, 'identifier' | 'displayIdentifier'> {
  return {
    ...(identifier === undefined ? {} : { identifier }),
    ...(displayIdentifier === undefined ? {} : { displayIdentifier }),
  };
}

/**
 * The wrappers' record (custom, aiostreams; config.md §2.1): `resources` absent when unset (= all
 * the manifest declares) and the behaviour flags, each false when unset; an empty pin is no pin.
 */
export function wrapperRecordBase(meta: KindMeta, options: Options, formatPassthrough = options.formatPassthrough): RecordBase {
  const { resources: _all, ...base } = recordBase(meta, options);
  const pin = options.pinPosition as PresetAddon['pinPosition'] | '' | undefined;
  return {
    ...base,
    ...(options.resources === undefined ? {} : { resources: options.resources as Resource[] }),
    library: (options.libraryAddon as boolean | undefined) ?? false,
    formatPassthrough: (formatPassthrough as boolean | undefined) ?? false,
    resultPassthrough: (options.resultPassthrough as boolean | undefined) ?? false,
    ...(pin ? { pinPosition: pin } : {}),
  };
}

/**
 * How the debrid kinds split their services into addons: none → one service-less (P2P) addon,
 * `separate` → one addon per service, else one addon for all.
 */
export function serviceGroups<T>(services: readonly T[], separate: unknown): T[][] {
  if (services.length === 0) return [[]];
  return separate ? services.map((s) => [s]) : [[...services]];
}
