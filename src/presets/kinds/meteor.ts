// presets.md §21. Services (or a "torrent" stand-in for P2P) plus fixed settings, as base64url JSON.
import { ids, recordBase, serviceGroups, servicesIdentifier, shortNames } from '../addon-record.js';
import { chooseBase, manifestAt } from '../base-url.js';
import { b64url, json } from '../encode.js';
import { booleanOption, commonOptions, includeP2POption, multipleInstancesOption, multiSelectOption } from '../options.js';
import { credential, usableServices } from '../services.js';
import type { PresetKind, ServiceId } from '../types.js';

const SERVICES: ServiceId[] = ['realdebrid', 'alldebrid', 'torbox', 'premiumize', 'debridlink', 'debrider', 'easydebrid', 'offcloud'];
const RESOURCES = ['stream', 'meta', 'catalog'] as const;

type Section = Readonly<Record<string, unknown>> | undefined;

export const meteor: PresetKind = {
  meta: {
    id: 'meteor',
    name: 'Meteor',
    description: 'Torrents and your own debrid library, through your debrid services or peer to peer.',
    category: 'streams',
    baseUrls: ['https://meteorfortheweebs.midnightignite.me'],
    services: SERVICES,
    requiresService: false,
    resources: [...RESOURCES],
    streamTypes: ['p2p', 'debrid'],
    options: [
      ...commonOptions('Meteor', RESOURCES, { services: SERVICES }),
      {
        id: 'yourMedia', name: 'Your Media', description: 'Also show what is already in your debrid library', type: 'subsection',
        default: { enabled: false, legacyMode: false, sources: ['torrent'], showStreams: false },
        options: [
          booleanOption('enabled', 'Enabled', 'Show your library', false),
          booleanOption('legacyMode', 'Legacy Mode', 'Use the older way of matching library items', false),
          multiSelectOption('sources', 'Sources', 'Which parts of your library to show', ['torrent', 'webdl', 'usenet'], { default: ['torrent'] }),
          booleanOption('showStreams', 'Show Streams', 'Show library items as streams too', false),
        ],
      },
      {
        id: 'usenet', name: 'Usenet', description: 'Usenet results through your debrid service', type: 'subsection',
        default: { enabled: false, customSearchEngines: false },
        options: [
          booleanOption('enabled', 'Enabled', 'Search usenet', false),
          booleanOption('customSearchEngines', 'Custom Search Engines', 'Use the search engines set up in your service', false),
        ],
      },
      includeP2POption(),
      booleanOption('removeTrash', 'Remove Trash', 'Leave out low-quality releases', false),
      multipleInstancesOption(),
    ],
  },
  expand(options, ctx) {
    const base = recordBase(this.meta, options);
    const choice = chooseBase(options, this.meta.baseUrls[0]!, 'strip');
    if ('passThrough' in choice) return [{ ...base, manifestUrl: choice.passThrough }];
    const yourMedia = options.yourMedia as Section;
    const usenet = options.usenet as Section;
    const build = (services: ServiceId[]) => {
      const debrids = services.length
        ? services.map((id) => ({ service: id, apiKey: credential(ctx, id) }))
        : [{ service: 'torrent', apiKey: '' }];
      const config = {
        ...(debrids.length === 1 ? { debridService: debrids[0]!.service, debridApiKey: debrids[0]!.apiKey } : { debridServices: debrids }),
        cachedOnly: false,
        removeTrash: options.removeTrash ?? false,
        enableYourMedia: yourMedia?.enabled ?? false,
        yourMediaLegacyMode: yourMedia?.legacyMode ?? false,
        showYourMediaStreams: yourMedia?.showStreams ?? false,
        yourMediaSources: yourMedia?.sources ?? ['torrent'],
        enableUsenet: usenet?.enabled ?? false,
        usenetCustomEngines: usenet?.customSearchEngines ?? false,
        removeSamples: false,
        removeAdult: false,
        exclude3D: false,
        enableSeaDex: false,
        minSeeders: 0,
        maxResults: 0,
        maxResultsPerRes: 0,
        maxSize: 0,
        resolutions: [],
        languages: { preferred: [], required: [], exclude: [] },
        resultFormat: ['title', 'quality', 'size', 'audio', 'seeders', 'source', 'sublang', 'audiolang'],
        sortOrder: ['pack', 'cached', 'seadex', 'resolution', 'size', 'quality', 'seeders', 'language'],
      };
      return {
        ...base,
        ...ids(servicesIdentifier(services, 'p2p'), shortNames(services)),
        manifestUrl: manifestAt(choice.base, b64url(json(config))),
      };
    };
    const services = usableServices(this.meta, options, ctx);
    const groups = serviceGroups(services, options.useMultipleInstances);
    if (services.length && options.includeP2P) groups.push([]);
    return groups.map(build);
  },
};
