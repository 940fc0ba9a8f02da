// presets.md §15. As Torrentio: `key=value` pairs joined with `|`, percent-encoded, in the path.
import { ids, recordBase, servicesIdentifier, shortNames } from '../addon-record.js';
import { chooseBase, manifestAt } from '../base-url.js';
import { pairs, pct } from '../encode.js';
import { booleanOption, commonOptions } from '../options.js';
import { credential, PUTIO_CLIENT_AT_TOKEN, usableServices } from '../services.js';
import type { PresetKind, ServiceId } from '../types.js';

const SERVICES: ServiceId[] = ['realdebrid', 'premiumize', 'alldebrid', 'torbox', 'putio', 'debridlink', 'offcloud'];

export const peerflix: PresetKind = {
  meta: {
    id: 'peerflix',
    name: 'Peerflix',
    description: 'Torrents with Spanish and multi-language results, through your debrid services or peer to peer.',
    category: 'streams',
    baseUrls: ['https://addon.peerflix.mov'],
    services: SERVICES,
    requiresService: false,
    resources: ['stream', 'catalog', 'meta'],
    streamTypes: ['p2p', 'debrid'],
    options: [
      ...commonOptions('Peerflix', ['stream', 'catalog', 'meta'], { services: SERVICES, multipleInstances: 'required' }),
      booleanOption('showTorrentLinks', 'Show Torrent Links', 'Also list the plain torrents next to the debrid links', false, true),
    ],
  },
  expand(options, ctx) {
    const base = recordBase(this.meta, options);
    const choice = chooseBase(options, this.meta.baseUrls[0]!, 'verbatim');
    // Peerflix labels a manifest URL given as is like its P2P addon.
    if ('passThrough' in choice) return [{ ...base, ...ids('p2p', 'P2P'), manifestUrl: choice.passThrough }];
    const build = (services: ServiceId[]) => {
      const settings: [string, unknown][] = services.map((id) => [id, credential(ctx, id, PUTIO_CLIENT_AT_TOKEN)]);
      if (options.showTorrentLinks) settings.push(['debridOptions', 'torrentlinks']);
      return {
        ...base,
        ...ids(servicesIdentifier(services, 'p2p'), services.length ? shortNames(services) : 'P2P'),
        manifestUrl: manifestAt(choice.base, settings.length ? pct(pairs(settings, '|')) : undefined),
      };
    };
    const services = usableServices(this.meta, options, ctx);
    if (services.length === 0 || !options.useMultipleInstances) return [build(services)];
    return services.map((s) => build([s]));
  },
};
