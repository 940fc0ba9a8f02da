// presets.md §20. One addon per debrid service; the Debridio key and the service's key as base64 JSON.
import { ids, recordBase } from '../addon-record.js';
import { chooseBase, manifestAt } from '../base-url.js';
import { b64, json } from '../encode.js';
import { commonOptions, secretOption } from '../options.js';
import { credential, shortName, usableServices } from '../services.js';
import { PresetError, type PresetKind, type ServiceId } from '../types.js';

const SERVICES: ServiceId[] = ['realdebrid', 'alldebrid', 'debridlink', 'premiumize', 'torbox', 'easydebrid', 'debrider'];

export const debridio: PresetKind = {
  meta: {
    id: 'debridio',
    name: 'Debridio Scraper',
    description: 'Cached debrid torrents found by Debridio, one addon per debrid service.',
    category: 'streams',
    baseUrls: ['https://addon.debridio.com'],
    services: SERVICES,
    requiresService: true,
    resources: ['stream'],
    streamTypes: ['debrid'],
    options: [
      ...commonOptions('Debridio Scraper', ['stream'], { services: SERVICES }),
      secretOption('debridioApiKey', 'Debridio API Key', 'Your Debridio API key'),
    ],
  },
  expand(options, ctx) {
    const base = recordBase(this.meta, options);
    const choice = chooseBase(options, this.meta.baseUrls[0]!, 'verbatim');
    if ('passThrough' in choice) return [{ ...base, ...ids('custom', 'custom'), manifestUrl: choice.passThrough }];
    if (!options.debridioApiKey) {
      throw new PresetError('Debridio Scraper requires a Debridio API Key, please provide one in the configuration', 'debridioApiKey');
    }
    const services = usableServices(this.meta, options, ctx);
    if (services.length === 0) {
      throw new PresetError(`Debridio Scraper requires at least one of the following services to be enabled: ${SERVICES.join(', ')}`);
    }
    return services.map((id) => {
      const config = {
        api_key: options.debridioApiKey,
        provider: id,
        providerKey: credential(ctx, id),
        disableUncached: false,
        maxSize: '',
        maxReturnPerQuality: '',
        resolutions: ['4k', '1440p', '1080p', '720p', '480p', '360p', 'unknown'],
        excludedQualities: [],
      };
      return { ...base, ...ids(shortName(id), shortName(id)), manifestUrl: manifestAt(choice.base, b64(json(config))) };
    });
  },
};
