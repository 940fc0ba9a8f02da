// presets.md §17. The Easynews login as percent-encoded JSON in the path.
import { recordBase } from '../addon-record.js';
import { chooseBase, manifestAt } from '../base-url.js';
import { json, pct } from '../encode.js';
import { commonOptions } from '../options.js';
import { credential } from '../services.js';
import type { PresetKind } from '../types.js';

export const easynews: PresetKind = {
  meta: {
    id: 'easynews',
    name: 'Easynews',
    description: 'Direct streams from your Easynews usenet account.',
    category: 'streams',
    baseUrls: ['https://ea627ddf0ee7-easynews.baby-beamup.club'],
    services: ['easynews'],
    requiresService: true,
    resources: ['stream'],
    streamTypes: ['usenet'],
    options: commonOptions('Easynews', ['stream']),
    parse: { usenetService: 'easynews' },
  },
  expand(options, ctx) {
    const base = recordBase(this.meta, options);
    const choice = chooseBase(options, this.meta.baseUrls[0]!, 'strip');
    if ('passThrough' in choice) return [{ ...base, manifestUrl: choice.passThrough }];
    // Read straight from the user's Easynews entry, enabled or not: `{username, password}`.
    const login = credential(ctx, 'easynews');
    return [{ ...base, manifestUrl: manifestAt(choice.base, pct(json(login))) }];
  },
};
