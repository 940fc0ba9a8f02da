// presets.md §18. As Easynews, with Easynews+'s sort order added to the percent-encoded JSON.
import { recordBase } from '../addon-record.js';
import { chooseBase, manifestAt } from '../base-url.js';
import { json, pct } from '../encode.js';
import { commonOptions } from '../options.js';
import { credential } from '../services.js';
import type { PresetKind } from '../types.js';

const RESOURCES = ['stream', 'catalog', 'meta'] as const;

export const easynewsPlus: PresetKind = {
  meta: {
    id: 'easynewsPlus',
    name: 'Easynews+',
    description: 'Easynews usenet streams and search catalogs, sorted by size, relevance and date.',
    category: 'streams',
    baseUrls: ['https://b89262c192b0-stremio-easynews-addon.baby-beamup.club'],
    services: ['easynews'],
    requiresService: true,
    resources: RESOURCES,
    streamTypes: ['usenet'],
    options: commonOptions('Easynews+', RESOURCES),
    parse: { usenetService: 'easynews' },
  },
  expand(options, ctx) {
    const base = recordBase(this.meta, options);
    const choice = chooseBase(options, this.meta.baseUrls[0]!, 'strip');
    if ('passThrough' in choice) return [{ ...base, manifestUrl: choice.passThrough }];
    // Read straight from the user's Easynews entry, enabled or not: `{username, password}`.
    const login = credential(ctx, 'easynews') as Record<string, unknown>;
    const config = {
      ...login,
      sort1: 'Size',
      sort1Direction: 'Descending',
      sort2: 'Relevance',
      sort2Direction: 'Descending',
      sort3: 'Date & Time',
      sort3Direction: 'Descending',
    };
    return [{ ...base, manifestUrl: manifestAt(choice.base, pct(json(config))) }];
  },
};
