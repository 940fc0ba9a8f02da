// presets.md §22. Debrid services and HTTP scrapers as one percent-encoded JSON config.
import { ids, recordBase, serviceGroups, servicesIdentifier, shortNames } from '../addon-record.js';
import { chooseBase, manifestAt } from '../base-url.js';
import { json, pct } from '../encode.js';
import { commonOptions, multipleInstancesOption, multiSelectOption } from '../options.js';
import { credential, usableServices } from '../services.js';
import { PresetError, type PresetKind, type ServiceId } from '../types.js';

const SERVICES: ServiceId[] = ['realdebrid', 'torbox', 'premiumize', 'alldebrid', 'offcloud', 'debrider', 'easynews'];
const HTTP_PROVIDERS = [
  'http4khdhub', 'httpHDHub4u', 'httpUHDMovies', 'httpMoviesDrive', 'httpMKVCinemas', 'httpMkvDrama', 'httpMalluMv',
  'httpCineDoze', 'httpVixSrc', 'httpNetflixMirror',
];
const PROVIDER_NAMES: Partial<Record<ServiceId, string>> = {
  realdebrid: 'RealDebrid', offcloud: 'OffCloud', torbox: 'TorBox', alldebrid: 'AllDebrid', debrider: 'DebriderApp',
  premiumize: 'Premiumize', easynews: 'Easynews',
};

/** A URL ending in `/manifest.json/` is still a pass-through: the slash goes before the test. */
const withoutTrailingSlash = (url: unknown) => (typeof url === 'string' && url.endsWith('/') ? url.slice(0, -1) : url);

export const sootio: PresetKind = {
  meta: {
    id: 'sootio',
    name: 'Sootio',
    description: 'Debrid, Easynews and direct HTTP streams gathered from several sources.',
    category: 'streams',
    baseUrls: ['https://sooti.click'],
    services: SERVICES,
    requiresService: false,
    resources: ['stream', 'catalog'],
    streamTypes: ['debrid', 'usenet', 'http'],
    options: [
      ...commonOptions('Sootio', ['stream', 'catalog'], { services: SERVICES }),
      multiSelectOption('httpProviders', 'HTTP Providers', 'Sites to take direct HTTP streams from', HTTP_PROVIDERS, { default: [] }),
      multipleInstancesOption(),
    ],
  },
  expand(options, ctx) {
    const base = recordBase(this.meta, options);
    const http = (options.httpProviders as string[] | undefined) ?? [];
    const choice = chooseBase({ ...options, url: withoutTrailingSlash(options.url) }, this.meta.baseUrls[0]!, 'verbatim');
    if ('passThrough' in choice) return [{ ...base, ...ids(undefined, http.length ? 'HTTP' : undefined), manifestUrl: choice.passThrough }];
    const services = usableServices(this.meta, options, ctx);
    if (services.length === 0 && http.length === 0) {
      throw new PresetError(
        `Sootio requires at least one usable service or HTTP stream provider, but none were found. Please enable at least one of the following services or HTTP stream providers: ${SERVICES.join(', ')}`,
      );
    }
    const build = (group: ServiceId[], index: number) => {
      // With one addon per service, only the first one carries the HTTP scrapers.
      const withHttp = index === 0 && http.length > 0;
      const entries = group.map((id) => {
        const cred = credential(ctx, id);
        return id === 'easynews' ? { provider: PROVIDER_NAMES[id], ...(cred as object) } : { provider: PROVIDER_NAMES[id], apiKey: cred };
      });
      const httpEntry = { provider: 'httpstreaming', ...Object.fromEntries(HTTP_PROVIDERS.map((p) => [p, http.includes(p)])) };
      const config = {
        DebridProvider: group.length ? PROVIDER_NAMES[group[0]!] : 'httpstreaming',
        DebridApiKey: group.length ? credential(ctx, group[0]!) : undefined,
        DebridServices: [...(withHttp ? [httpEntry] : []), ...entries],
        ShowCatalog: true,
        Languages: [],
      };
      const display = [...(group.length ? [shortNames(group)] : []), ...(withHttp ? ['HTTP'] : [])].join(' | ');
      return {
        ...base,
        ...ids(servicesIdentifier(group, undefined), display),
        manifestUrl: manifestAt(choice.base, pct(json(config))),
      };
    };
    return serviceGroups(services, options.useMultipleInstances).map(build);
  },
};
