// presets.md §25. Providers and the addon's services' credentials as base64 JSON, in a fixed key order.
import { ids, recordBase, serviceGroups, servicesIdentifier, shortNames } from '../addon-record.js';
import { chooseBase, manifestAt } from '../base-url.js';
import { b64, json } from '../encode.js';
import { commonOptions, includeP2POption, multipleInstancesOption, multiSelectOption } from '../options.js';
import { credential, PUTIO_CLIENT_AT_TOKEN, usableServices } from '../services.js';
import type { PresetKind, ServiceId } from '../types.js';

const SERVICES: ServiceId[] = ['realdebrid', 'premiumize', 'alldebrid', 'torbox', 'easydebrid', 'debrider', 'putio', 'debridlink', 'offcloud'];
/** The order TorrentsDB's own config page writes the services in. */
const KEY_ORDER: ServiceId[] = ['premiumize', 'realdebrid', 'torbox', 'putio', 'debridlink', 'offcloud', 'alldebrid', 'easydebrid', 'debrider'];
const PROVIDERS = [
  'yts', '1337x', 'torrentcsv', '1lou', 'nyaa', 'sktorrent', '1tamilblasters', 'limetorrent', '1tamilmv', 'rargb', 'knaben',
  'thepiratebay', 'kickasstorrents', 'animetosho', 'extremlymtorrents', 'yggtorrent', 'tokyotosho', 'rutor', 'rutracker',
  'torrent9', 'ilcorsaronero', 'manual',
];
const RESOURCES = ['stream', 'catalog', 'meta'] as const;

export const torrentsDb: PresetKind = {
  meta: {
    id: 'torrents-db',
    name: 'TorrentsDB',
    description: 'Torrents from a large indexed database of trackers, through your debrid services or peer to peer.',
    category: 'streams',
    baseUrls: ['https://torrentsdb.com'],
    services: SERVICES,
    requiresService: false,
    resources: [...RESOURCES],
    streamTypes: ['p2p', 'debrid'],
    options: [
      ...commonOptions('TorrentsDB', RESOURCES, { services: SERVICES }),
      multiSelectOption('providers', 'Providers', 'Trackers to search', PROVIDERS, { default: [...PROVIDERS], advanced: true }),
      includeP2POption(),
      multipleInstancesOption(true),
    ],
  },
  expand(options, ctx) {
    // Unlike the option's default, an unset `resources` asks for streams only.
    const base = { ...recordBase(this.meta, options), ...(options.resources === undefined ? { resources: ['stream' as const] } : {}) };
    const choice = chooseBase(options, this.meta.baseUrls[0]!, 'verbatim');
    if ('passThrough' in choice) return [{ ...base, ...ids(undefined, ''), manifestUrl: choice.passThrough }];
    const providers = options.providers as string[] | undefined;
    const build = (services: ServiceId[]) => {
      const config = {
        // The full list is TorrentsDB's default, so it is left out (an empty list is not).
        ...(providers && providers.length !== PROVIDERS.length ? { providers } : {}),
        ...Object.fromEntries(KEY_ORDER.filter((id) => services.includes(id)).map((id) => [id, credential(ctx, id, PUTIO_CLIENT_AT_TOKEN)])),
      };
      return {
        ...base,
        ...ids(servicesIdentifier(services, 'p2p'), shortNames(services)),
        manifestUrl: manifestAt(choice.base, b64(json(config))),
      };
    };
    const services = usableServices(this.meta, options, ctx);
    const groups = serviceGroups(services, options.useMultipleInstances);
    if (services.length && options.includeP2P) groups.push([]);
    return groups.map(build);
  },
};
