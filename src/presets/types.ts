// What a preset kind is: its metadata (served to the configure page as is) and the pure rule that
// turns a preset entry's options plus the user's services into upstream addons (presets.md).
import type { RESOURCES, SERVICE_IDS, STREAM_TYPES } from '../config/constants.js';

export type Resource = (typeof RESOURCES)[number];
export type ServiceId = (typeof SERVICE_IDS)[number];
export type StreamType = (typeof STREAM_TYPES)[number];

export type OptionType =
  | 'string' | 'password' | 'url' | 'number' | 'boolean' | 'select' | 'select-with-custom' | 'multi-select' | 'subsection';

export interface OptionChoice {
  value: string | number;
  label: string;
}

/** One declared option of a kind (presets.md §2). */
export interface OptionSpec {
  id: string;
  /** The label people see; also the one error messages quote. */
  name: string;
  description?: string;
  type: OptionType;
  required?: boolean;
  default?: unknown;
  choices?: readonly OptionChoice[];
  /** The choices are suggestions: other values are accepted (and the kind decides what they mean). */
  openChoices?: boolean;
  /** `number`: value bounds; `multi-select`: how many items. */
  min?: number;
  max?: number;
  /** Rarely changed: the page shows it under "Advanced". */
  advanced?: boolean;
  /** `subsection`: its own options, normalised the same way. */
  options?: readonly OptionSpec[];
}

export type KindCategory = 'streams' | 'subtitles' | 'catalogs' | 'misc';

/**
 * Stream parsing that depends on the addon kind (config.md §4): upstream addons write their
 * results in their own ways, and only the kind tells how to read them.
 */
export interface ParseHints {
  /** Torrentio: the first text line is the torrent (folder) name; a last `Multi Subs` line lists subtitles. */
  torrentioText?: boolean;
  /** Easynews kinds: every result is a usenet download through this service, always available. */
  usenetService?: ServiceId;
  /** StremThru Store: results are the user's own library; the text names no indexer. */
  libraryItems?: boolean;
  /** MediaFusion: the folder is written on a `📁` line (`… ┈➤ <name>`). */
  folderMarker?: boolean;
}

export interface KindMeta {
  id: string;
  name: string;
  description: string;
  category: KindCategory;
  /** Default base URL first; empty for wrappers, which take a whole manifest URL. */
  baseUrls: readonly string[];
  services: readonly ServiceId[];
  /** True when the kind gives no addon at all without a usable service. */
  requiresService: boolean;
  resources: readonly Resource[];
  streamTypes: readonly StreamType[];
  options: readonly OptionSpec[];
  parse?: ParseHints;
  /** A removed kind is refused before anything else: `<name> has been removed: <reason>`. */
  removed?: string;
}

/** Normalised options (§2): unset ones absent, the literal "undefined" gone. */
export type Options = Readonly<Record<string, unknown>>;

export interface ServiceEntryLike {
  id: string;
  enabled?: boolean | undefined;
  credentials?: Record<string, unknown> | undefined;
}

/** What a kind may read besides its options. */
export interface ExpandContext {
  /** The user's `services`, in the user's order. */
  services: readonly ServiceEntryLike[];
  /** The user's top-level `proxy` (WebStreamr passes a MediaFlow proxy on). */
  proxy?: unknown;
  /** How service errors name the entry: the kind's name, or `options.name` when the user has several of this kind. */
  label: string;
}

/** One upstream addon a preset entry expands into (presets.md §1, "Addon record"). */
export interface PresetAddon {
  name: string;
  identifier?: string;
  displayIdentifier?: string;
  manifestUrl: string;
  /** Headers the kind needs on every request (besides User-Agent, which every addon gets). */
  headers?: Record<string, string>;
  timeout: number;
  resources?: readonly Resource[];
  mediaTypes?: readonly string[];
  library?: boolean;
  formatPassthrough?: boolean;
  resultPassthrough?: boolean;
  pinPosition?: 'top' | 'bottom';
}

export interface PresetKind {
  meta: KindMeta;
  /** Pure: options + services → addons. Throws PresetError with the message the spec gives. */
  expand(options: Options, ctx: ExpandContext): PresetAddon[];
}

/** A preset entry that cannot become addons; the message is safe to show (never a credential). */
export class PresetError extends Error {
  constructor(
    message: string,
    /** The option at fault, when there is one (for the issue path `presets.N.options.<id>`). */
    readonly option?: string,
  ) {
    super(message);
    this.name = 'PresetError';
  }
}
