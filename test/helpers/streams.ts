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
