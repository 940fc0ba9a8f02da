// presets.md §27. One addon per service (or a "torrent" P2P one), each with a small base64 JSON config.
import { ids, recordBase } from '../addon-record.js';
import { chooseBase, manifestAt } from '../base-url.js';
import { b64, json } from '../encode.js';
import { commonOptions, includeP2POption, selectOption } from '../options.js';
import { credential, EMAIL_PASSWORD, shortName, usableServices } from '../services.js';
import type { PresetKind, ServiceId } from '../types.js';

const SERVICES: ServiceId[] = ['torbox', 'easydebrid', 'realdebrid', 'debridlink', 'alldebrid', 'premiumize', 'offcloud', 'pikpak'];
const RESOURCES = ['catalog', 'meta', 'stream'] as const;

export const fkstream: PresetKind = {
  meta: {
    id: 'fkstream',
    name: 'FKStream',
    description: 'Catalogs and streams of the Fankai anime library, through your debrid services or peer to peer.',
    category: 'streams',
    baseUrls: ['https://streamio.fankai.fr'],
    services: SERVICES,
    requiresService: false,
    resources: [...RESOURCES],
    streamTypes: ['debrid', 'p2p'],
    options: [
      ...commonOptions('FKStream', RESOURCES, { mediaTypes: false, services: SERVICES }),
      selectOption('defaultSort', 'Default Sort', 'How catalogs are sorted', ['last_update', 'rating_value', 'title', 'year'], {
        default: 'last_update',
      }),
      includeP2POption(),
    ],
  },
  expand(options, ctx) {
    const base = recordBase(this.meta, options);
    const choice = chooseBase(options, this.meta.baseUrls[0]!, 'strip');
    if ('passThrough' in choice) return [{ ...base, manifestUrl: choice.passThrough }];
    const build = (id?: ServiceId) => {
      const config = {
        streamFilter: 'all',
        debridService: id ?? 'torrent',
        debridApiKey: id ? credential(ctx, id, EMAIL_PASSWORD) : '',
        debridStreamProxyPassword: '',
        maxActorsDisplay: 'all',
        // Not the declared default: an unset sort is sent as rating order.
        defaultSort: options.defaultSort ?? 'rating_value',
      };
      return { ...base, ...ids(id ? shortName(id) : 'p2p'), manifestUrl: manifestAt(choice.base, b64(json(config))) };
    };
    const services = usableServices(this.meta, options, ctx);
    if (services.length === 0) return [build()];
    return [...services.map((id) => build(id)), ...(options.includeP2P ? [build()] : [])];
  },
};
