// presets.md §13. Removed upstream, so the pipeline refuses it; the builder stays for reference.
import { recordBase } from '../addon-record.js';
import { chooseBase, manifestAt } from '../base-url.js';
import { commonOptions } from '../options.js';
import { credential } from '../services.js';
import type { PresetKind } from '../types.js';

export const torbox: PresetKind = {
  meta: {
    id: 'torbox',
    name: 'TorBox',
    description: 'TorBox\'s own addon: streams and your library from your TorBox account.',
    category: 'streams',
    baseUrls: ['https://stremio.torbox.app'],
    services: ['torbox'],
    requiresService: true,
    resources: ['stream', 'meta', 'catalog'],
    streamTypes: ['debrid'],
    options: commonOptions('TorBox', ['stream', 'meta', 'catalog']),
    removed: 'TorBox addon is deprecated.',
  },
  expand(options, ctx) {
    const base = recordBase(this.meta, options);
    const choice = chooseBase(options, this.meta.baseUrls[0]!, 'strip');
    if ('passThrough' in choice) return [{ ...base, manifestUrl: choice.passThrough }];
    // The API key is the whole config segment, read whether or not the service is enabled.
    return [{ ...base, manifestUrl: manifestAt(choice.base, String(credential(ctx, 'torbox'))) }];
  },
};
