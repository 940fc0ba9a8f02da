// presets.md §26. Always one addon: every service's token in its own key of a base64 JSON config.
import { ids, recordBase, servicesIdentifier, shortNames } from '../addon-record.js';
import { chooseBase, manifestAt, originOf } from '../base-url.js';
import { b64, json } from '../encode.js';
import { booleanOption, commonOptions, multiSelectOption, secretOption } from '../options.js';
import { credential, EMAIL_PASSWORD, serviceName, usableServices } from '../services.js';
import type { PresetKind, ServiceId } from '../types.js';

const SERVICES: ServiceId[] = ['realdebrid', 'premiumize', 'alldebrid', 'torbox', 'easydebrid', 'debridlink', 'offcloud', 'pikpak'];
const DEFAULT_BASE = 'https://stream-fusion.stremiofr.com';

export const streamfusion: PresetKind = {
  meta: {
    id: 'streamfusion',
    name: 'StreamFusion',
    description: 'French-oriented torrent search with YggTorrent catalogs, through your debrid services.',
    category: 'streams',
    baseUrls: [DEFAULT_BASE],
    services: SERVICES,
    requiresService: false,
    resources: ['stream', 'catalog', 'meta'],
    streamTypes: ['debrid', 'p2p'],
    options: [
      ...commonOptions('StreamFusion', ['stream', 'catalog', 'meta'], { services: SERVICES }),
      secretOption('streamFusionApiKey', 'StreamFusion API Key', 'Your StreamFusion API key'),
      multiSelectOption('torrentProviders', 'Torrent Providers', 'Where to look for torrents', ['publicCacheServer', 'zilean'], {
        default: ['publicCacheServer', 'zilean'],
      }),
      multiSelectOption('catalogs', 'Catalogs', 'Catalogs to show', ['yggtorrent', 'yggflix'], { default: ['yggtorrent'] }),
      booleanOption('torrenting', 'Torrenting', 'Also show torrents that play peer to peer', false),
    ],
  },
  expand(options, ctx) {
    const base = recordBase(this.meta, options);
    const choice = chooseBase(options, DEFAULT_BASE, 'strip');
    if ('passThrough' in choice) return [{ ...base, ...ids('p2p', 'P2P'), manifestUrl: choice.passThrough }];
    const services = usableServices(this.meta, options, ctx);
    const token = (id: ServiceId) => (services.includes(id) ? credential(ctx, id, EMAIL_PASSWORD) : '');
    const providers = options.torrentProviders as string[] | undefined;
    const catalogs = options.catalogs as string[] | undefined;
    const url = options.url as string | undefined;
    const config = {
      addonHost: url ? originOf(url) : DEFAULT_BASE,
      apiKey: options.streamFusionApiKey,
      service: services.map(serviceName),
      RDToken: token('realdebrid'),
      ADToken: token('alldebrid'),
      TBToken: token('torbox'),
      PMToken: token('premiumize'),
      debridlinkApiKey: token('debridlink'),
      easydebridApiKey: token('easydebrid'),
      offcloudCredentials: token('offcloud'),
      pikpakCredentials: token('pikpak'),
      TBUsenet: false,
      TBSearch: false,
      maxSize: 150,
      exclusionKeywords: [],
      languages: ['en', 'fr', 'multi', 'vfq'],
      sort: 'quality',
      resultsPerQuality: 30,
      maxResults: 100,
      minCachedResults: 10,
      exclusion: [],
      cacheUrl: 'https://stremio-jackett-cacher.elfhosted.com/',
      // Unset providers means both; unset catalogs means neither.
      cache: providers?.includes('publicCacheServer') ?? true,
      zilean: providers?.includes('zilean') ?? true,
      yggflix: true,
      sharewood: true,
      yggtorrentCtg: catalogs?.includes('yggtorrent') ?? false,
      yggflixCtg: catalogs?.includes('yggflix') ?? false,
      torrenting: services.length === 0 ? true : (options.torrenting ?? false),
      debrid: services.length > 0,
      metadataProvider: 'tmdb',
      debridDownloader: services.length ? serviceName(services[0]!) : '',
      stremthru: true,
    };
    return [{
      ...base,
      ...(services.length ? ids(servicesIdentifier(services, undefined), shortNames(services)) : ids('p2p', 'P2P')),
      manifestUrl: manifestAt(choice.base, b64(json(config))),
    }];
  },
};
