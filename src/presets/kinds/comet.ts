// presets.md §9. The whole configuration as base64 JSON in the path.
import { ids, recordBase, servicesIdentifier, shortNames } from '../addon-record.js';
import { chooseBase, manifestAt } from '../base-url.js';
import { b64, json } from '../encode.js';
import { booleanOption, commonOptions, includeP2POption } from '../options.js';
import { credential, STREMTHRU_FAMILY, usableServices } from '../services.js';
import type { PresetKind, ServiceId } from '../types.js';

const SERVICES: ServiceId[] = [
  'realdebrid', 'premiumize', 'alldebrid', 'torbox', 'easydebrid', 'debrider', 'debridlink', 'offcloud', 'pikpak',
];

export const comet: PresetKind = {
  meta: {
    id: 'comet',
    name: 'Comet',
    description: 'Fast torrent search that plays cached results from your debrid services, or peer to peer.',
    category: 'streams',
    baseUrls: ['https://comet.feels.legal'],
    services: SERVICES,
    requiresService: false,
    resources: ['stream'],
    streamTypes: ['p2p', 'debrid'],
    options: [
      ...commonOptions('Comet', ['stream'], { services: SERVICES, multipleInstances: 'optional' }),
      includeP2POption(),
      booleanOption('removeTrash', 'Remove Trash', 'Hide results Comet ranks as junk (samples, bad releases)', true),
      booleanOption('scrapeDebridAccountTorrents', 'Scrape Debrid Account Torrents', 'Also search the torrents already in your debrid accounts', false),
    ],
  },
  expand(options, ctx) {
    const base = recordBase(this.meta, options);
    const choice = chooseBase(options, this.meta.baseUrls[0]!, 'strip');
    if ('passThrough' in choice) return [{ ...base, manifestUrl: choice.passThrough }];
    // Every addon of the entry, the P2P one included, asks for torrents exactly when includeP2P is on.
    const includeP2P = (options.includeP2P as boolean | undefined) ?? false;
    const build = (services: ServiceId[]) => {
      const config = {
        maxResultsPerResolution: 0,
        maxSize: 0,
        cachedOnly: false,
        removeTrash: (options.removeTrash as boolean | undefined) ?? true,
        resultFormat: ['all'],
        debridServices: services.map((service) => ({ service, apiKey: credential(ctx, service, STREMTHRU_FAMILY) })),
        enableTorrent: includeP2P,
        scrapeDebridAccountTorrents: (options.scrapeDebridAccountTorrents as boolean | undefined) ?? false,
        debridStreamProxyPassword: '',
        languages: { required: [], exclude: [], preferred: [] },
        resolutions: {},
        options: { remove_ranks_under: -10000000000, allow_english_in_languages: false, remove_unknown_languages: false },
      };
      return { ...base, ...ids(servicesIdentifier(services, 'p2p'), shortNames(services)), manifestUrl: manifestAt(choice.base, b64(json(config))) };
    };
    const services = usableServices(this.meta, options, ctx);
    if (services.length === 0) return [build([])];
    if (options.useMultipleInstances) return services.map((s) => build([s]));
    return includeP2P ? [build(services), build([])] : [build(services)];
  },
};
