// presets.md §33. No settings in the URL; a custom value only ever changes the host.
import { recordBase } from '../addon-record.js';
import { chooseBase, manifestAt } from '../base-url.js';
import { commonOptions } from '../options.js';
import type { PresetKind } from '../types.js';

export const animeKitsu: PresetKind = {
  meta: {
    id: 'anime-kitsu',
    name: 'Anime Kitsu',
    description: 'Anime catalogs and metadata from Kitsu.',
    category: 'catalogs',
    baseUrls: ['https://anime-kitsu.strem.fun'],
    services: [],
    requiresService: false,
    resources: ['catalog', 'meta'],
    streamTypes: [],
    options: commonOptions('Anime Kitsu', ['catalog', 'meta'], { mediaTypes: false }),
  },
  expand(options) {
    // origin-always: even a manifest URL is cut to its origin (no pass-through for this kind).
    const choice = chooseBase(options, this.meta.baseUrls[0]!, 'origin-always') as { base: string };
    return [{ ...recordBase(this.meta, options), library: false, manifestUrl: manifestAt(choice.base) }];
  },
};
