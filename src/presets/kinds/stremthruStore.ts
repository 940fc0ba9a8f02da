// presets.md §12. One library addon per service, its store as base64 JSON in the path.
import { recordBase } from '../addon-record.js';
import { chooseBase, manifestAt, stripSlash, withSuffix } from '../base-url.js';
import { b64, json } from '../encode.js';
import { booleanOption, commonOptions } from '../options.js';
import { credential, shortName, STREMTHRU_FAMILY, usableServices } from '../services.js';
import { PresetError, type PresetKind, type ServiceId } from '../types.js';

const SERVICES: ServiceId[] = [
  'alldebrid', 'debrider', 'debridlink', 'easydebrid', 'offcloud', 'premiumize', 'pikpak', 'realdebrid', 'torbox', 'torrin',
  'stremthru_newz',
];
const SUFFIX = '/stremio/store';

export const stremthruStore: PresetKind = {
  meta: {
    id: 'stremthruStore',
    name: 'StremThru Store',
    description: 'Your own debrid or usenet library as catalogs and streams, through StremThru.',
    category: 'streams',
    baseUrls: [`https://stremthru.13377001.xyz${SUFFIX}`],
    services: SERVICES,
    requiresService: true,
    resources: ['stream', 'catalog', 'meta'],
    streamTypes: ['debrid', 'usenet'],
    options: [
      ...commonOptions('StremThru Store', ['stream', 'catalog', 'meta'], { services: SERVICES }),
      booleanOption('hideStreams', 'Hide Streams', 'Only browse the library; give no streams'),
      booleanOption('webDl', 'Web Downloads', 'Include web downloads (direct links) from your library'),
      booleanOption('usenet', 'Usenet', 'Include usenet downloads from your library', false),
    ],
    parse: { libraryItems: true },
  },
  expand(options, ctx) {
    const base = { ...recordBase(this.meta, options), library: true };
    const choice = chooseBase(options, this.meta.baseUrls[0]!, 'strip');
    if ('passThrough' in choice) return [{ ...base, manifestUrl: choice.passThrough }];
    const services = usableServices(this.meta, options, ctx);
    if (services.length === 0) {
      throw new PresetError(
        `StremThru Store requires at least one usable service, but none were found. Please enable at least one of the following services: ${SERVICES.join(', ')}`,
      );
    }
    return services.map((id) => {
      const cred = credential(ctx, id, STREMTHRU_FAMILY);
      // StremThru Newz is its own StremThru instance: its URL is the base and its token the store.
      const newz = id === 'stremthru_newz' ? (cred as { url: unknown; authToken: unknown }) : undefined;
      const config = {
        store_name: newz ? '' : id,
        store_token: newz ? newz.authToken : cred,
        hide_catalog: false,
        hide_stream: (options.hideStreams as boolean | undefined) ?? false,
        webdl: (options.webDl as boolean | undefined) ?? false,
        usenet: (options.usenet as boolean | undefined) ?? false,
      };
      const root = withSuffix(newz ? stripSlash(String(newz.url)) : choice.base, SUFFIX);
      return { ...base, identifier: shortName(id), manifestUrl: manifestAt(root, b64(json(config))) };
    });
  },
};
