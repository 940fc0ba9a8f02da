// presets.md §28. One fixed manifest: nothing to configure but the common options.
import { recordBase } from '../addon-record.js';
import { commonOptions } from '../options.js';
import type { PresetKind } from '../types.js';

export const opensubtitles: PresetKind = {
  meta: {
    id: 'opensubtitles',
    name: 'OpenSubtitles v3',
    description: 'Subtitles from OpenSubtitles, through Stremio\'s official addon.',
    category: 'subtitles',
    baseUrls: ['https://opensubtitles-v3.strem.io'],
    services: [],
    requiresService: false,
    resources: ['subtitles'],
    streamTypes: [],
    options: commonOptions('OpenSubtitles', ['subtitles'], { url: false, mediaTypes: false }),
  },
  expand(options) {
    return [{ ...recordBase(this.meta, options), library: false, manifestUrl: `${this.meta.baseUrls[0]!}/manifest.json` }];
  },
};
