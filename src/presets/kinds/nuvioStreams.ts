// presets.md §24. Settings as raw `key=value` path segments (not encoded, as the addon reads them).
import { recordBase } from '../addon-record.js';
import { chooseBase, manifestAt } from '../base-url.js';
import { pairs } from '../encode.js';
import { commonOptions, multiSelectOption, secretOption, selectOption } from '../options.js';
import type { PresetKind } from '../types.js';

const REGIONS = ['USA7', 'USA6', 'USA5', 'UK3', 'CA1', 'FR1', 'DE2', 'HK1', 'IN1', 'AU1', 'SZ'];
const PROVIDERS = [
  'showbox', 'vidzee', 'vidsrc', 'vixsrc', 'mp4hydra', 'uhdmovies', 'moviesmod', 'moviesdrive', '4khdhub', 'dramadrip',
  'topmovies', 'animepahe',
];

export const nuvioStreams: PresetKind = {
  meta: {
    id: 'nuvio-streams',
    name: 'Nuvio Streams',
    description: 'Direct HTTP streams from ShowBox and other streaming sources.',
    category: 'streams',
    baseUrls: ['https://nuviostreams.hayd.uk'],
    services: [],
    requiresService: false,
    resources: ['stream'],
    streamTypes: ['http'],
    options: [
      ...commonOptions('Nuvio Streams', ['stream']),
      { ...secretOption('scraperApiKey', 'ScraperAPI Key', 'A ScraperAPI key for sources that block plain requests', false), default: '' },
      { ...secretOption('showBoxCookie', 'ShowBox Cookie', 'Your ShowBox (FebBox) cookie, for ShowBox streams', false), default: '' },
      selectOption('showBoxRegion', 'ShowBox Region', 'Which ShowBox server region to use', REGIONS, { default: 'USA7' }),
      multiSelectOption('providers', 'Providers', 'Sources to search (none chosen = the addon\'s own default)', PROVIDERS, { default: [] }),
    ],
  },
  expand(options) {
    const base = recordBase(this.meta, options);
    const choice = chooseBase(options, this.meta.baseUrls[0]!, 'strip');
    if ('passThrough' in choice) return [{ ...base, manifestUrl: choice.passThrough }];
    const providers = (options.providers as string[] | undefined) ?? [];
    const segments = ([
      ['cookie', options.showBoxCookie],
      ['region', options.showBoxRegion],
      ['providers', providers.join(',')],
      ['scraper_api_key', options.scraperApiKey],
    ] as const).filter(([, value]) => value);
    return [{ ...base, manifestUrl: manifestAt(choice.base, pairs(segments, '/')) }];
  },
};
