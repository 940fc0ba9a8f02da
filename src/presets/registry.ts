// Every preset kind the server knows. Adding a kind: one module in ./kinds and one line here.
import { torrentio } from './kinds/torrentio.js';
import { comet } from './kinds/comet.js';
import { mediafusion } from './kinds/mediafusion.js';
import { stremthruTorz } from './kinds/stremthruTorz.js';
import { stremthruStore } from './kinds/stremthruStore.js';
import { torbox } from './kinds/torbox.js';
import { jackettio } from './kinds/jackettio.js';
import { peerflix } from './kinds/peerflix.js';
import { orion } from './kinds/orion.js';
import { easynews } from './kinds/easynews.js';
import { easynewsPlus } from './kinds/easynewsPlus.js';
import { easynewsPlusPlus } from './kinds/easynewsPlusPlus.js';
import { debridio } from './kinds/debridio.js';
import { meteor } from './kinds/meteor.js';
import { sootio } from './kinds/sootio.js';
import { webstreamr } from './kinds/webstreamr.js';
import { nuvioStreams } from './kinds/nuvioStreams.js';
import { torrentsDb } from './kinds/torrentsDb.js';
import { streamfusion } from './kinds/streamfusion.js';
import { fkstream } from './kinds/fkstream.js';
import { opensubtitles } from './kinds/opensubtitles.js';
import { opensubtitlesV3Plus } from './kinds/opensubtitlesV3Plus.js';
import { aiostreams } from './kinds/aiostreams.js';
import { custom } from './kinds/custom.js';
import { tmdbAddon } from './kinds/tmdbAddon.js';
import { animeKitsu } from './kinds/animeKitsu.js';
import { torrentCatalogs } from './kinds/torrentCatalogs.js';
import { streamingCatalogs } from './kinds/streamingCatalogs.js';
import { subdl } from './kinds/subdl.js';
import { subsource } from './kinds/subsource.js';
import type { PresetKind } from './types.js';

export const KINDS: readonly PresetKind[] = [
  torrentio,
  comet,
  mediafusion,
  stremthruTorz,
  stremthruStore,
  torbox,
  jackettio,
  peerflix,
  orion,
  easynews,
  easynewsPlus,
  easynewsPlusPlus,
  debridio,
  meteor,
  sootio,
  webstreamr,
  nuvioStreams,
  torrentsDb,
  streamfusion,
  fkstream,
  opensubtitles,
  opensubtitlesV3Plus,
  aiostreams,
  custom,
  tmdbAddon,
  animeKitsu,
  torrentCatalogs,
  streamingCatalogs,
  subdl,
  subsource,
];

const BY_ID = new Map(KINDS.map((k) => [k.meta.id, k]));

export const findKind = (id: string): PresetKind | undefined => BY_ID.get(id);

/**
 * Kinds AIOStreams has that are not built here (presets.md §38): `planned` ones give an error item
 * (or work as a custom addon when their `url` is a manifest URL); `removed` and `disabled` ones
 * are refused like TorBox.
 */
export interface RetiredKind {
  name: string;
  status: 'planned' | 'removed' | 'disabled';
  reason: string;
}

const planned = (name: string): RetiredKind => ({ name, status: 'planned', reason: 'not built yet' });
const removed = (name: string): RetiredKind => ({ name, status: 'removed', reason: 'this addon no longer exists.' });

const RETIRED: Readonly<Record<string, RetiredKind>> = {
  baguettio: planned('Baguettio'),
  hdhub: planned('HdHub'),
  'dmm-cast': planned('DMM Cast'),
  'usenet-streamer': planned('Usenet Streamer'),
  streamnzb: planned('StreamNZB'),
  davex: planned('davex'),
  streamasia: planned('StreamAsia'),
  yastream: planned('yastream'),
  astream: planned('AStream'),
  'flix-streams': planned('Flix-Streams'),
  'brazuca-torrents': planned('Brazuca Torrents'),
  'debridio-watchtower': planned('Debridio Watchtower'),
  subhero: planned('SubHero'),
  aiosubtitle: planned('AIO Subtitle'),
  'anime-catalogs': planned('Anime Catalogs'),
  'rpdb-catalogs': planned('RPDB Catalogs'),
  'tmdb-collections': planned('TMDB Collections'),
  'more-like-this': planned('More Like This'),
  'ai-search': planned('AI Search'),
  'debridio-tmdb': planned('Debridio TMDB'),
  'debridio-tvdb': planned('Debridio TVDB'),
  'marvel-universe': planned('Marvel Universe'),
  'star-wars-universe': planned('Star Wars Universe'),
  'dc-universe': planned('DC Universe'),
  'doctor-who-universe': planned('Doctor Who Universe'),
  'content-deep-dive': planned('Content Deep Dive'),
  'usa-tv-next': planned('USA TV Next'),
  'argentina-tv': planned('Argentina TV'),
  library: planned('Library'),
  knaben: planned('Knaben'),
  zilean: planned('Zilean'),
  torznab: planned('Torznab'),
  newznab: planned('Newznab'),
  prowlarr: planned('Prowlarr'),
  jackett: planned('Jackett'),
  'easynews-search': planned('Easynews Search'),
  nzbhydra: planned('NZBHydra'),
  eztv: planned('EZTV'),
  'torrent-galaxy': planned('Torrent Galaxy'),
  seadex: planned('SeaDex'),
  animetosho: planned('AnimeTosho'),
  'neko-bt': planned('NekoBT'),
  'usa-tv': removed('USA TV'),
  'debridio-tv': removed('Debridio TV'),
  'debridio-ic4a': removed('Debridio IC4A'),
  'ai-companion': removed('AI Companion'),
  'torbox-search': removed('TorBox Search'),
  bitmagnet: { name: 'Bitmagnet', status: 'disabled', reason: 'it needs a server of its own, which this instance does not set up.' },
  'stremio-gdrive': { name: 'Stremio GDrive', status: 'disabled', reason: 'it needs Google credentials, which this instance does not set up.' },
};

export const retiredKind = (id: string): RetiredKind | undefined => (Object.hasOwn(RETIRED, id) ? RETIRED[id] : undefined);

export const retiredKinds = (): (RetiredKind & { id: string })[] => Object.entries(RETIRED).map(([id, k]) => ({ id, ...k }));
