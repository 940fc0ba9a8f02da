// presets.md §10, Appendix B. The configuration travels as base64url JSON in a request header.
import { ids, recordBase } from '../addon-record.js';
import { chooseBase, manifestAt } from '../base-url.js';
import { b64url, json } from '../encode.js';
import { booleanOption, commonOptions, includeP2POption, multiSelectOption } from '../options.js';
import { credential, shortName, usableServices } from '../services.js';
import type { PresetKind, ServiceId } from '../types.js';

const SERVICES: ServiceId[] = [
  'realdebrid', 'premiumize', 'alldebrid', 'torbox', 'debridlink', 'easydebrid', 'debrider', 'offcloud', 'pikpak', 'seedr',
  'easynews', 'torrin',
];
const CERTIFICATIONS = ['Unknown', 'All Ages', 'Children', 'Parental Guidance', 'Teen', 'Adults', 'Adults+'];
const NUDITY = ['Unknown', 'None', 'Mild', 'Moderate', 'Severe'];
const P2P = 'p2p';
const MANIFEST = '/manifest.json';

// Appendix B's fixed members, in three runs because option-driven members sit between them.
const TEMPLATE_TITLE =
  '{addon.name} {if stream.type = torrent }[{service.shortName} {if service.cached}⚡️{else}⏳{/if}]{elif stream.type = usenet}[{service.shortName}{if service.cached}⚡️{else}⏳{/if}]{elif stream.type = telegram}📱{elif stream.type = youtube}▶️{elif stream.type = http}🌐{else}🔗{/if} {if stream.resolution}{stream.resolution}{/if}';
const TEMPLATE_DESCRIPTION =
  "📂 {stream.name}\n{if stream.filename}📄 {stream.filename} {/if}\n{if stream.type = torrent}🧲 Torrent{elif stream.type = usenet}📰 Usenet/NZB{elif stream.type = http}🔗 Direct Stream{else}📺 {stream.type|title}{/if}\n{if stream.quality}🎥 {stream.quality} {/if}{if stream.codec}🎞️ {stream.codec} {/if}{if stream.bit_depth}{stream.bit_depth}-bit {/if}\n{if stream.hdr_formats}🎨 {stream.hdr_formats|join(' ')} {/if}{if stream.audio_formats}🎧 {stream.audio_formats|join(' ')} {/if}{if stream.channels}🔊 {stream.channels|join(' ')} {/if}\n{if stream.size > 0}📦 {stream.size|bytes}{if stream.folderSize > stream.size} / {stream.folderSize|bytes}{/if} {/if}{if stream.seeders > 0}👤 {stream.seeders} seeders {/if}\n{if stream.languages}🌐 {stream.languages|join(' | ')}{/if}\n{if stream.issue_reports > 0}⚠️ {stream.issue_reports} issue report(s)\n{/if}{if stream.rating_total > 0}👍 {stream.rating_up} · 👎 {stream.rating_down} · net {stream.rating_score}\n{/if}\n🔗 {stream.source}{if stream.release_group} | 🏷️ {stream.release_group}{/if}{if stream.uploader} | 🧑‍💻 {stream.uploader}{/if}";
const FIXED_HEAD = {
  stream_template: { title: TEMPLATE_TITLE, description: TEMPLATE_DESCRIPTION },
  selected_catalogs: [],
  selected_resolutions: ['4k', '2160p', '1440p', '1080p', '720p', '576p', '480p', '360p', '240p', null],
  enable_catalogs: true,
  enable_imdb_metadata: false,
  min_size: 0,
  max_size: 'inf',
  max_streams_per_resolution: 500,
  max_streams: 100,
  torrent_sorting_priority: ['cached', 'resolution', 'quality', 'size', 'language', 'seeders', 'created_at'].map((key) => ({ key, direction: 'desc' })),
};
const FIXED_LISTS = {
  language_sorting: [
    'English', 'Tamil', 'Hindi', 'Malayalam', 'Kannada', 'Telugu', 'Chinese', 'Russian', 'Arabic', 'Japanese', 'Korean',
    'Taiwanese', 'Latino', 'French', 'Spanish', 'Portuguese', 'Italian', 'German', 'Ukrainian', 'Polish', 'Czech', 'Thai',
    'Indonesian', 'Vietnamese', 'Dutch', 'Bengali', 'Turkish', 'Greek', 'Swedish', 'Romanian', 'Hungarian', 'Finnish',
    'Norwegian', 'Danish', 'Hebrew', 'Lithuanian', 'Punjabi', 'Marathi', 'Gujarati', 'Bhojpuri', 'Nepali', 'Urdu', 'Tagalog',
    'Filipino', 'Malay', 'Mongolian', 'Armenian', 'Georgian', null,
  ],
  quality_filter: ['BluRay/UHD', 'WEB/HD', 'DVD/TV/SAT', 'CAM/Screener', 'Unknown'],
  hdr_filter: ['HDR10', 'HDR10+', 'Dolby Vision', 'HLG', 'SDR', 'Unknown'],
};
const FIXED_TAIL = {
  include_anime: true,
  enable_telegram_streams: false,
  enable_acestream_streams: false,
  stream_type_grouping: 'separate',
  stream_type_order: ['torrent', 'usenet', 'telegram', 'http', 'acestream', 'youtube'],
  provider_grouping: 'separate',
  stream_name_filter_mode: 'disabled',
  stream_name_filter_patterns: [],
  stream_name_filter_use_regex: false,
  telegram_config: null,
};

const label = (provider: string): string => (provider === P2P ? 'P2P' : shortName(provider));
/** An unset or empty filter means "no filter", which MediaFusion spells `["Disable"]`. */
const filter = (value: unknown): unknown => ((value as string[] | undefined)?.length ? value : ['Disable']);

export const mediafusion: PresetKind = {
  meta: {
    id: 'mediafusion',
    name: 'MediaFusion',
    description: 'Torrent, usenet and direct streams with catalogs, played through many debrid and usenet services.',
    category: 'streams',
    baseUrls: ['https://mediafusion.elfhosted.com'],
    services: SERVICES,
    requiresService: false,
    resources: ['stream', 'catalog', 'meta'],
    streamTypes: ['debrid', 'usenet', 'p2p', 'http'],
    options: [
      ...commonOptions('MediaFusion', ['stream', 'catalog', 'meta'], { services: SERVICES, multipleInstances: 'optional' }),
      multiSelectOption('certificationLevelsFilter', 'Certification Levels Filter', 'Hide content with these certifications', CERTIFICATIONS),
      multiSelectOption('nudityFilter', 'Nudity Filter', 'Hide content with these nudity levels', NUDITY),
      booleanOption('useCachedResultsOnly', 'Use Cached Results Only', 'Answer from MediaFusion\'s cache instead of searching live', true),
      booleanOption('enableWatchlistCatalogs', 'Enable Watchlist Catalogs', 'Show your debrid watchlists as catalogs', false),
      includeP2POption(),
    ],
    parse: { folderMarker: true },
  },
  expand(options, ctx) {
    const base = recordBase(this.meta, options);
    const choice = chooseBase(options, this.meta.baseUrls[0]!, 'strip');
    if ('passThrough' in choice) return [{ ...base, ...ids(undefined, ''), manifestUrl: choice.passThrough }];
    const manifestUrl = choice.base.endsWith(MANIFEST) ? choice.base : manifestAt(choice.base);
    const watchlists = (options.enableWatchlistCatalogs as boolean | undefined) ?? false;
    const provider = (id: string, i: number) => {
      const cred = id === P2P ? null : credential(ctx, id as ServiceId);
      // Easynews and PikPak log in with an account object instead of a token.
      return {
        name: i === 0 ? 'Provider' : `Provider ${i + 1}`,
        service: id,
        token: id === 'easynews' || id === 'pikpak' ? null : cred,
        ...(id === 'pikpak' ? (cred as object) : {}),
        enable_watchlist_catalogs: watchlists,
        qbittorrent_config: null,
        only_show_cached_streams: false,
        use_mediaflow: true,
        sabnzbd_config: null,
        nzbget_config: null,
        nzbdav_config: null,
        easynews_config: id === 'easynews' ? cred : null,
        priority: i,
        enabled: true,
      };
    };
    const build = (ps: string[]) => {
      const streamingProviders = ps.map(provider);
      const config = {
        streaming_providers: streamingProviders,
        streaming_provider: streamingProviders[0],
        ...FIXED_HEAD,
        nudity_filter: filter(options.nudityFilter),
        certification_filter: filter(options.certificationLevelsFilter),
        ...FIXED_LISTS,
        api_password: '',
        live_search_streams: !((options.useCachedResultsOnly as boolean | undefined) ?? true),
        ...FIXED_TAIL,
      };
      const identifier = ps.length > 1 ? 'multi' : ps[0] === P2P ? P2P : shortName(ps[0]!);
      return {
        ...base,
        ...ids(identifier, ps.map(label).join(' | ')),
        manifestUrl,
        headers: { encoded_user_data: b64url(json(config)) },
      };
    };
    const services: string[] = usableServices(this.meta, options, ctx);
    const providers = services.length === 0 ? [P2P] : options.includeP2P ? [...services, P2P] : services;
    return options.useMultipleInstances ? providers.map((p) => build([p])) : [build(providers)];
  },
};
