// presets.md §14. One addon per debrid service, its settings as base64 JSON in the path.
import { ids, recordBase } from '../addon-record.js';
import { chooseBase, manifestAt } from '../base-url.js';
import { b64, json } from '../encode.js';
import { commonOptions } from '../options.js';
import { credential, serviceName, shortName, STREMTHRU_FAMILY, usableServices } from '../services.js';
import { PresetError, type PresetKind, type ServiceId } from '../types.js';

const SERVICES: ServiceId[] = ['realdebrid', 'premiumize', 'alldebrid', 'torbox', 'easydebrid', 'debridlink', 'offcloud', 'pikpak'];

export const jackettio: PresetKind = {
  meta: {
    id: 'jackettio',
    name: 'Jackettio',
    description: 'Torrents found through Jackett indexers, played from your debrid service.',
    category: 'streams',
    baseUrls: ['https://jackettio.elfhosted.com'],
    services: SERVICES,
    requiresService: true,
    resources: ['stream'],
    streamTypes: ['debrid'],
    options: commonOptions('Jackettio', ['stream'], { services: SERVICES }),
  },
  expand(options, ctx) {
    const base = recordBase(this.meta, options);
    const choice = chooseBase(options, this.meta.baseUrls[0]!, 'strip');
    if ('passThrough' in choice) return [{ ...base, manifestUrl: choice.passThrough }];
    const services = usableServices(this.meta, options, ctx);
    if (services.length === 0) {
      throw new PresetError(
        `Jackettio requires at least one usable service from the list of supported services: ${SERVICES.map(serviceName).join(', ')}`,
      );
    }
    return services.map((id) => {
      // `priotize…` is Jackettio's own spelling; `stremthruUrl` and `indexers` are the instance defaults.
      const config = {
        maxTorrents: 30,
        priotizePackTorrents: 2,
        excludeKeywords: [],
        debridId: id,
        debridApiKey: credential(ctx, id, STREMTHRU_FAMILY),
        hideUncached: false,
        sortCached: [['quality', true], ['size', true]],
        sortUncached: [['seeders', true]],
        forceCacheNextEpisode: false,
        priotizeLanguages: [],
        indexerTimeoutSec: 60,
        metaLanguage: '',
        enableMediaFlow: false,
        mediaflowProxyUrl: '',
        mediaflowApiPassword: '',
        mediaflowPublicIp: '',
        useStremThru: true,
        stremthruUrl: 'https://stremthru.13377001.xyz',
        qualities: [0, 360, 480, 720, 1080, 2160],
        indexers: ['eztv', 'thepiratebay', 'therarbg', 'yts'],
      };
      return { ...base, ...ids(shortName(id), shortName(id)), manifestUrl: manifestAt(choice.base, b64(json(config))) };
    });
  },
};
