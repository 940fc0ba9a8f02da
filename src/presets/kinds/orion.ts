// presets.md §16. Always one addon; its settings as base64 JSON in the path.
import { ids, recordBase, servicesIdentifier, shortNames } from '../addon-record.js';
import { chooseBase, manifestAt } from '../base-url.js';
import { b64, json } from '../encode.js';
import { booleanOption, commonOptions, secretOption } from '../options.js';
import { usableServices } from '../services.js';
import type { PresetKind, ServiceId } from '../types.js';

const SERVICES: ServiceId[] = ['realdebrid', 'premiumize', 'alldebrid', 'debridlink', 'offcloud'];
const P2P = 'P2P';

export const orion: PresetKind = {
  meta: {
    id: 'orion',
    name: 'Orion',
    description: 'Links from the Orion index, played from your debrid services or peer to peer.',
    category: 'streams',
    baseUrls: ['https://5a0d1888fa64-orion.baby-beamup.club'],
    services: SERVICES,
    requiresService: false,
    resources: ['stream'],
    streamTypes: ['p2p', 'debrid'],
    options: [
      ...commonOptions('Orion', ['stream'], { services: SERVICES }),
      secretOption('orionApiKey', 'Orion API Key', 'Your key from orionoid.com'),
      booleanOption('showP2P', 'Show P2P', 'Also list torrents that play peer to peer when you have debrid services', false),
      { id: 'linkLimit', name: 'Link Limit', description: 'How many links Orion returns at most', type: 'number', default: 10, min: 1, max: 500 },
    ],
  },
  expand(options, ctx) {
    const base = recordBase(this.meta, options);
    const choice = chooseBase(options, this.meta.baseUrls[0]!, 'strip');
    if ('passThrough' in choice) return [{ ...base, ...ids(P2P, P2P), manifestUrl: choice.passThrough }];
    const services = usableServices(this.meta, options, ctx);
    // Orion reads the services' own accounts: only their ids travel, no credential.
    const config = {
      api: options.orionApiKey,
      linkLimit: String((options.linkLimit as number | undefined) ?? 10),
      sortValue: 'best',
      audiochannels: '1,2,6,8',
      videoquality: 'hd8k,hd6k,hd4k,hd2k,hd1080,hd720,sd,scr1080,scr720,scr,cam1080,cam720,cam',
      listOpt: services.length === 0 ? 'torrent' : options.showP2P ? 'both' : 'debrid',
      debridservices: services,
      audiolanguages: [],
      additionalParameters: '',
    };
    const display = services.length ? shortNames(services, ', ') : P2P;
    return [{ ...base, ...ids(servicesIdentifier(services, P2P), display), manifestUrl: manifestAt(choice.base, b64(json(config))) }];
  },
};
