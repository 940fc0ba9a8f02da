import { createHash } from 'node:crypto';

/**
 * Upstream stream lists that look like real ones: Torrentio-style names and multi-line
 * descriptions with seeders, size and indexer, debrid cache markers, season packs with fileIdx,
 * and http streams carrying behaviorHints.filename.
 */
const RESOLUTIONS = ['2160p', '1080p', '720p', '480p'];
const QUALITIES = ['BluRay.REMUX', 'BluRay', 'WEB-DL', 'WEBRip', 'HDTV', 'CAM'];
const CODECS = ['x265', 'x264', 'HEVC', 'AV1'];
const HDR = ['DV.HDR', 'HDR10', '', 'HDR10+', 'DV'];
const AUDIO = ['TrueHD.Atmos.7.1', 'DDP5.1', 'DTS-HD.MA.5.1', 'AAC2.0', 'AC3.5.1'];
const GROUPS = ['FGT', 'NTb', 'FLUX', 'YIFY', 'RARBG', 'SPARKS', 'EVO', 'TEPES', 'CMRG', 'NOGRP'];
const INDEXERS = ['ThePirateBay', '1337x', 'YTS', 'RARBG', 'TorrentGalaxy'];
const FLAGS = ['🇬🇧', '🇬🇧 / 🇫🇷', '🇬🇧 / 🇮🇹 / 🇪🇸', '🇷🇺', '🇯🇵'];

const hex40 = (seed: string) => createHash('sha1').update(seed).digest('hex');

export interface GenOptions {
  /** Distinguishes addons: the same (title, index) pair gives the same release across addons. */
  offset?: number;
  count: number;
  title?: string;
  year?: number;
  /** Debrid service short name in the stream name, e.g. 'RD'; none = P2P. */
  service?: string;
  /** Every n-th stream is uncached (0 = all cached). */
  uncachedEvery?: number;
  episode?: { season: number; episode: number };
  addonName?: string;
}

export function releaseName(i: number, title = 'Dune.Part.Two', year = 2024, episode?: { season: number; episode: number }): string {
  const pick = <T>(list: T[], k: number) => list[k % list.length]!;
  const parts = [
    title,
    episode ? `S${String(episode.season).padStart(2, '0')}E${String(episode.episode).padStart(2, '0')}` : String(year),
    pick(RESOLUTIONS, i),
    pick(QUALITIES, Math.floor(i / 4)),
    pick(HDR, Math.floor(i / 24)),
    pick(CODECS, Math.floor(i / 120)),
    pick(AUDIO, Math.floor(i / 7)),
  ].filter(Boolean);
  const group = pick(GROUPS, Math.floor(i / 480) + i);
  return `${parts.join('.')}-${group}${i >= 480 ? `.v${Math.floor(i / 480)}` : ''}.mkv`;
}

export function torrentioStreams(opts: GenOptions): object[] {
  const out: object[] = [];
  const offset = opts.offset ?? 0;
  for (let k = 0; k < opts.count; k++) {
    const i = offset + k;
    const name = releaseName(i, opts.title, opts.year, opts.episode);
    const sizeGb = ((i * 37) % 600) / 10 + 0.7;
    const seeders = (i * 13) % 400;
    const res = ['4k', '1080p', '720p', '480p'][i % 4];
    const uncached = opts.uncachedEvery ? k % opts.uncachedEvery === 0 : false;
    const svc = opts.service ? (uncached ? `[${opts.service} download] ` : `[${opts.service}+] `) : '';
    const hash = hex40(name);
    const description = `${name}\n👤 ${seeders} 💾 ${sizeGb.toFixed(1)} GB ⚙️ ${INDEXERS[i % INDEXERS.length]}\n${FLAGS[i % FLAGS.length]}`;
    const stream: Record<string, unknown> = {
      name: `${svc}${opts.addonName ?? 'Torrentio'}\n${res}`,
      title: description,
      behaviorHints: { bingeGroup: `torrentio|${res}|${hash.slice(0, 6)}`, filename: name },
    };
    if (opts.service) stream.url = `http://127.0.0.1:9/resolve/realdebrid/KEY/${hash}/null/${i % 3}/${encodeURIComponent(name)}`;
    else {
      stream.infoHash = hash;
      stream.fileIdx = i % 3;
    }
    out.push(stream);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Hand-written streams in the exact shapes real addons send (used by test/addon/*).

export interface TorrentioSpec {
  /** The file played (behaviorHints.filename). */
  filename: string;
  /** The torrent name when it differs from the file (season packs, collections). */
  torrent?: string;
  /** Size as Torrentio writes it, e.g. '61 GB' (Torrentio's GB are 1024-based). */
  size: string;
  seeders: number;
  indexer: string;
  /** Last description line, e.g. '🇬🇧 / 🇫🇷'. */
  flags?: string;
  /** Torrentio's quality label on the name's second line: '4k', '1080p', … */
  label: string;
  infoHash: string;
  fileIdx?: number;
  /** Debrid service short name and cache state; absent = P2P. */
  debrid?: { short: string; service: string; cached: boolean };
  addonName?: string;
}

/**
 * One Torrentio stream object: P2P (`infoHash` + `fileIdx` + `sources`) or debrid (a resolve URL
 * carrying the hash and file index), Torrentio's multi-line title and bingeGroup.
 */
export function torrentioStream(spec: TorrentioSpec): Record<string, unknown> {
  const addon = spec.addonName ?? 'Torrentio';
  const marker = spec.debrid ? `[${spec.debrid.short}${spec.debrid.cached ? '+' : ' download'}] ` : '';
  const lines = [
    ...(spec.torrent ? [spec.torrent, spec.filename] : [spec.filename]),
    `👤 ${spec.seeders} 💾 ${spec.size} ⚙️ ${spec.indexer}`,
    ...(spec.flags ? [spec.flags] : []),
  ];
  const stream: Record<string, unknown> = {
    name: `${marker}${addon}\n${spec.label}`,
    title: lines.join('\n'),
    behaviorHints: { bingeGroup: `torrentio|${spec.label}|${spec.infoHash.slice(0, 8)}`, filename: spec.filename },
  };
  if (spec.debrid) {
    stream.url =
      `http://127.0.0.1:9/resolve/${spec.debrid.service}/APIKEY/${spec.infoHash}/null/${spec.fileIdx ?? 0}/` +
      encodeURIComponent(spec.filename);
  } else {
    stream.infoHash = spec.infoHash;
    if (spec.fileIdx !== undefined) stream.fileIdx = spec.fileIdx;
    stream.sources = [`tracker:udp://tracker.opentrackr.org:1337/announce`, `dht:${spec.infoHash}`];
  }
  return stream;
}

/** A direct http stream as web addons send it: a URL plus behaviorHints.filename/videoSize. */
export function httpStream(opts: { addonName: string; label: string; filename: string; url: string; videoSize: number; extra?: string }): Record<string, unknown> {
  return {
    name: `${opts.addonName}\n${opts.label}`,
    description: `${opts.filename}${opts.extra ? `\n${opts.extra}` : ''}`,
    url: opts.url,
    behaviorHints: { notWebReady: true, filename: opts.filename, videoSize: opts.videoSize, bingeGroup: `${opts.addonName}|${opts.label}` },
  };
}

/** A deterministic 40-hex infoHash for a label. */
export const hashOf = (label: string): string => hex40(label);
