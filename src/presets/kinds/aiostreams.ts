// presets.md §30. Another AIOStreams instance's manifest URL, used as a custom addon is.
import { wrapperRecordBase } from '../addon-record.js';
import { booleanOption, mediaTypesOption, nameOption, resourcesOption, selectOption, timeoutOption } from '../options.js';
import { PresetError, type PresetKind, type Resource } from '../types.js';

const RESOURCES: Resource[] = ['stream', 'subtitles', 'catalog', 'meta', 'addon_catalog'];
const MANIFEST = '/manifest.json';

export const aiostreams: PresetKind = {
  meta: {
    id: 'aiostreams',
    name: 'AIOStreams',
    description: 'The results of another AIOStreams configuration, by its manifest URL.',
    category: 'misc',
    baseUrls: [],
    services: [],
    requiresService: false,
    resources: RESOURCES,
    streamTypes: [],
    options: [
      nameOption('AIOStreams'),
      { id: 'manifestUrl', name: 'Manifest URL', description: 'The manifest URL of the other AIOStreams configuration', type: 'url', required: true },
      timeoutOption(),
      resourcesOption(RESOURCES),
      mediaTypesOption(),
      booleanOption('libraryAddon', 'Library Addon', 'Mark every stream of this addon as being in your library', false),
      booleanOption('formatPassthrough', 'Format Passthrough', 'Show its streams as the other instance formats them', false),
      booleanOption('resultPassthrough', 'Result Passthrough', 'Let its streams past every filter, deduplication and result limit', false),
      selectOption('pinPosition', 'Pin Position', 'Keep its streams above or below all sorted streams', [
        { value: 'top', label: 'Top' }, { value: 'bottom', label: 'Bottom' },
      ]),
    ],
  },
  expand(options) {
    const base = wrapperRecordBase(this.meta, options);
    const manifestUrl = options.manifestUrl as string;
    // A plain string test: unlike `custom`, a query string after manifest.json is refused.
    if (!manifestUrl.endsWith(MANIFEST)) {
      throw new PresetError(`${base.name} has an invalid Manifest URL. It must be a valid link to a manifest.json`, 'manifestUrl');
    }
    return [{ ...base, manifestUrl: manifestUrl.replace('stremio://', 'https://') }];
  },
};
