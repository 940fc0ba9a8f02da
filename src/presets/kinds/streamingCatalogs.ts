// presets.md §35. The chosen catalogs, comma-joined and base64-encoded, in the path.
import { recordBase } from '../addon-record.js';
import { manifestAt } from '../base-url.js';
import { b64 } from '../encode.js';
import { commonOptions, multiSelectOption } from '../options.js';
import type { PresetKind } from '../types.js';

const CATALOGS = [
  'nfx', 'hbm', 'dnp', 'amp', 'atp', 'pmp', 'pcp', 'hlu', 'nfk', 'cts', 'mgl', 'cru', 'hay', 'clv', 'gop', 'jhs', 'zee',
  'nlz', 'vil', 'sst', 'cpd', 'stz', 'dpe', 'mbi', 'vik', 'sgo', 'sonyliv',
];

export const streamingCatalogs: PresetKind = {
  meta: {
    id: 'streaming-catalogs',
    name: 'Streaming Catalogs',
    description: 'Catalogs of what the big streaming platforms offer.',
    category: 'catalogs',
    baseUrls: ['https://7a82163c306e-stremio-netflix-catalog-addon.baby-beamup.club'],
    services: [],
    requiresService: false,
    resources: ['catalog'],
    streamTypes: [],
    options: [
      ...commonOptions('Streaming Catalogs', ['catalog'], { url: false, mediaTypes: false }),
      multiSelectOption('catalogs', 'Catalogs', 'The platforms to show catalogs of', CATALOGS, {
        required: true, default: ['nfx', 'hbm', 'dnp', 'amp', 'atp'],
      }),
    ],
  },
  expand(options) {
    const catalogs = options.catalogs as string[];
    return [{ ...recordBase(this.meta, options), library: false, manifestUrl: manifestAt(this.meta.baseUrls[0]!, b64(catalogs.join(','))) }];
  },
};
