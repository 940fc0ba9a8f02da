// presets.md §31, config.md §2.1. Any Stremio addon, by its manifest URL, used as is.
import { wrapperRecordBase } from '../addon-record.js';
import { booleanOption, mediaTypesOption, nameOption, resourcesOption, selectOption, timeoutOption } from '../options.js';
import { PresetError, type PresetKind, type Resource } from '../types.js';

const RESOURCES: Resource[] = ['stream', 'subtitles', 'catalog', 'meta', 'addon_catalog'];

/** An absolute http(s) URL whose path (not its query) ends in /manifest.json. */
function isManifestUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.pathname.endsWith('/manifest.json');
  } catch {
    return false;
  }
}

export const custom: PresetKind = {
  meta: {
    id: 'custom',
    name: 'Custom',
    description: 'Any Stremio addon you give the manifest URL of.',
    category: 'misc',
    baseUrls: [],
    services: [],
    requiresService: false,
    resources: RESOURCES,
    streamTypes: [],
    options: [
      nameOption('Custom Addon'),
      { id: 'manifestUrl', name: 'Manifest URL', description: 'The addon\'s manifest.json URL', type: 'url', required: true },
      { ...timeoutOption(), required: false },
      resourcesOption(RESOURCES),
      mediaTypesOption(),
      booleanOption('libraryAddon', 'Library Addon', 'Mark every stream of this addon as being in your library', false),
      booleanOption('formatPassthrough', 'Format Passthrough', 'Show its streams as the addon writes them, without the formatter', false),
      booleanOption('resultPassthrough', 'Result Passthrough', 'Let its streams past every filter, deduplication and result limit', false),
      selectOption('pinPosition', 'Pin Position', 'Keep its streams above or below all sorted streams', [
        { value: '', label: 'None' }, { value: 'top', label: 'Top' }, { value: 'bottom', label: 'Bottom' },
      ]),
    ],
  },
  expand(options) {
    // `streamPassthrough` is the older name of `formatPassthrough`; old configs still carry it.
    const base = wrapperRecordBase(this.meta, options, options.formatPassthrough ?? options.streamPassthrough);
    const manifestUrl = options.manifestUrl as string;
    if (!isManifestUrl(manifestUrl)) {
      throw new PresetError(`${base.name} has an invalid Manifest URL. It must be a valid link to a manifest.json`, 'manifestUrl');
    }
    return [{ ...base, manifestUrl }];
  },
};
