// presets.md §8. Settings as `key=value` pairs joined with `|`, percent-encoded, in the path.
import { ids, recordBase, servicesIdentifier, shortNames } from '../addon-record.js';
import { chooseBase, manifestAt } from '../base-url.js';
import { pairs, pct } from '../encode.js';
import { commonOptions, multiSelectOption } from '../options.js';
import { credential, PUTIO_CLIENT_AT_TOKEN, usableServices } from '../services.js';
import type { PresetKind, ServiceId } from '../types.js';

const PROVIDERS = [
  'yts', 'eztv', 'rarbg', '1337x', 'thepiratebay', 'kickasstorrents', 'torrentgalaxy', 'magnetdl', 'horriblesubs',
  'nyaasi', 'tokyotosho', 'anidex', 'nekobt', 'rutor', 'rutracker', 'comando', 'bludv', 'micoleaodublado', 'torrent9',
  'ilcorsaronero', 'mejortorrent', 'wolfmax4k', 'cinecalidad', 'besttorrents',
];
const SERVICES: ServiceId[] = ['realdebrid', 'premiumize', 'alldebrid', 'torbox', 'easydebrid', 'putio', 'debridlink', 'offcloud'];

export const torrentio: PresetKind = {
  meta: {
    id: 'torrentio',
    name: 'Torrentio',
    description: 'Torrents from many public trackers, through your debrid services or peer to peer.',
    category: 'streams',
    baseUrls: ['https://torrentio.strem.fun'],
    services: SERVICES,
    requiresService: false,
    resources: ['stream', 'catalog', 'meta'],
    streamTypes: ['p2p', 'debrid'],
    options: [
      ...commonOptions('Torrentio', ['stream', 'catalog', 'meta'], { services: SERVICES, multipleInstances: 'required' }),
      multiSelectOption('providers', 'Providers', 'Trackers to search (none chosen = Torrentio\'s own default set)', PROVIDERS, { advanced: true }),
    ],
    parse: { torrentioText: true },
  },
  expand(options, ctx) {
    const base = recordBase(this.meta, options);
    const choice = chooseBase(options, this.meta.baseUrls[0]!, 'verbatim');
    if ('passThrough' in choice) return [{ ...base, ...ids(undefined, ''), manifestUrl: choice.passThrough }];
    const providers = options.providers as string[] | undefined;
    const build = (services: ServiceId[]) => {
      const settings: [string, unknown][] = services.map((id) => [id, credential(ctx, id, PUTIO_CLIENT_AT_TOKEN)]);
      // The full list is Torrentio's default, so it is left out of the URL.
      if (providers?.length && providers.length !== PROVIDERS.length) settings.push(['providers', providers.join(',')]);
      return {
        ...base,
        ...ids(servicesIdentifier(services, 'p2p'), shortNames(services)),
        manifestUrl: manifestAt(choice.base, settings.length ? pct(pairs(settings, '|')) : undefined),
      };
    };
    const services = usableServices(this.meta, options, ctx);
    if (services.length === 0 || !options.useMultipleInstances) return [build(services)];
    return services.map((s) => build([s]));
  },
};
