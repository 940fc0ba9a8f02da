// presets.md §34. One fixed manifest: nothing to configure but the common options.
import { recordBase } from '../addon-record.js';
import { commonOptions } from '../options.js';
import type { PresetKind } from '../types.js';

export const torrentCatalogs: PresetKind = {
  meta: {
    id: 'torrent-catalogs',
    name: 'Torrent Catalogs',
    description: 'Catalogs of popular and recent torrent releases.',
    category: 'catalogs',
    baseUrls: ['https://torrent-catalogs.strem.fun'],
    services: [],
    requiresService: false,
    resources: ['catalog'],
    streamTypes: [],
    options: commonOptions('Torrent Catalogs', ['catalog'], { url: false, mediaTypes: false }),
  },
  expand(options) {
    return [{ ...recordBase(this.meta, options), library: false, manifestUrl: `${this.meta.baseUrls[0]!}/manifest.json` }];
  },
};
