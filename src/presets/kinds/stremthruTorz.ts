// presets.md §11. The stores (debrid services, or P2P) as base64 JSON in the path.
import { ids, recordBase } from '../addon-record.js';
import { chooseBase, manifestAt, withSuffix } from '../base-url.js';
import { b64, json } from '../encode.js';
import { commonOptions, includeP2POption } from '../options.js';
import { credential, shortName, STREMTHRU_FAMILY, usableServices } from '../services.js';
import type { PresetKind, ServiceId } from '../types.js';

const SERVICES: ServiceId[] = [
  'alldebrid', 'debrider', 'debridlink', 'easydebrid', 'offcloud', 'premiumize', 'pikpak', 'realdebrid', 'torbox', 'torrin',
];
const P2P = 'p2p';
/** StremThru's own store codes where they differ from the lowercase short name. */
const STORE_CODES: Record<string, string> = { pikpak: 'pp', torrin: 'ti', [P2P]: P2P };

const storeCode = (id: string): string => STORE_CODES[id] ?? shortName(id).toLowerCase();
const label = (id: string): string => (id === P2P ? 'P2P' : shortName(id));

export const stremthruTorz: PresetKind = {
  meta: {
    id: 'stremthruTorz',
    name: 'StremThru Torz',
    description: 'Torrents from StremThru\'s shared index of cached content, through your debrid services or peer to peer.',
    category: 'streams',
    baseUrls: ['https://stremthru.13377001.xyz/stremio/torz'],
    services: SERVICES,
    requiresService: false,
    resources: ['stream'],
    streamTypes: ['debrid', 'p2p'],
    options: [
      ...commonOptions('StremThru Torz', ['stream'], { services: SERVICES, multipleInstances: 'optional' }),
      includeP2POption(),
    ],
  },
  expand(options, ctx) {
    const base = recordBase(this.meta, options);
    const choice = chooseBase(options, this.meta.baseUrls[0]!, 'strip');
    if ('passThrough' in choice) return [{ ...base, ...ids(undefined, ''), manifestUrl: choice.passThrough }];
    const root = withSuffix(choice.base, '/stremio/torz');
    const build = (stores: string[]) => {
      const config = { stores: stores.map((id) => ({ c: storeCode(id), t: id === P2P ? '' : credential(ctx, id as ServiceId, STREMTHRU_FAMILY) })) };
      const identifier = stores.includes(P2P) ? P2P : stores.length > 1 ? 'multi' : storeCode(stores[0]!);
      return { ...base, ...ids(identifier, stores.map(label).join(' | ')), manifestUrl: manifestAt(root, b64(json(config))) };
    };
    const services: string[] = usableServices(this.meta, options, ctx);
    if (services.length === 0) return [build([P2P])];
    if (options.useMultipleInstances) return [...services, ...(options.includeP2P ? [P2P] : [])].map((s) => build([s]));
    // Combined: the P2P addon comes first here, unlike with one addon per service.
    return [...(options.includeP2P ? [build([P2P])] : []), build(services)];
  },
};
