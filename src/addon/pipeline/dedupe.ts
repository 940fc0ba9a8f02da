// The deduplication stage (config.md §7): streams sharing any key value form one group
// (transitively, via union-find); inside a group, mixed cached/uncached/p2p copies are pruned and
// each category keeps its winners. Survivors keep their arrival order.
import type { UserConfig } from '../../config/schema.js';
import {
  configFamilyList, isAlwaysKept, streamCategory, type StreamCategory,
} from './attributes.js';
import { normaliseFilename } from './parse.js';
import type { ParsedStream } from './types.js';

export type Deduplicator = <T extends ParsedStream>(streams: T[]) => T[];

type DedupConfig = NonNullable<UserConfig['deduplicator']>;
type Key = NonNullable<DedupConfig['keys']>[number];
type Mode = 'single_result' | 'per_service' | 'per_addon' | 'disabled';
type ModeCategory = 'cached' | 'uncached' | 'p2p' | 'http' | 'live' | 'youtube' | 'external';

const DEFAULT_KEYS: Key[] = ['filename', 'infoHash'];
const DEFAULT_MODES: Record<ModeCategory, Mode> = {
  cached: 'per_addon', uncached: 'per_addon', p2p: 'per_addon',
  http: 'disabled', live: 'disabled', youtube: 'disabled', external: 'disabled',
};
/** A 10%-wide geometric size bucket for smartDetect. */
const SIZE_BUCKET_BASE = Math.log(1.1);

interface Member {
  s: ParsedStream;
  /** Arrival position. */
  index: number;
  category: StreamCategory;
}

export function compileDeduplicator(config: UserConfig): Deduplicator {
  const dedup = config.deduplicator;
  if (!dedup?.enabled) return (streams) => streams;

  const keys = dedup.keys ?? DEFAULT_KEYS;
  const modes = new Map<StreamCategory, Mode>();
  for (const c of Object.keys(DEFAULT_MODES) as ModeCategory[]) modes.set(c, dedup[c] ?? DEFAULT_MODES[c]);
  const behaviour = dedup.multiGroupBehaviour ?? 'aggressive';
  const excludedAddons = new Set(dedup.excludeAddons ?? []);
  // Dedup ranks services among `enabled: true` entries only (an AIOStreams quirk, §3).
  const serviceRank = new Map<string, number>();
  for (const svc of config.services ?? []) if (svc.enabled === true) serviceRank.set(svc.id, serviceRank.size);
  const typeRank = new Map((configFamilyList(config, 'preferred', 'streamType') ?? []).map((t, i) => [t, i]));

  /** Negative when `a` beats `b` (§7.5). */
  const compare = (a: Member, b: Member): number => {
    const svc = rank(serviceRank, a.s.service?.id) - rank(serviceRank, b.s.service?.id);
    if (svc !== 0) return svc;
    if (a.category === 'p2p' || a.category === 'uncached') {
      const sa = a.s.seeders;
      const sb = b.s.seeders;
      if (sa !== undefined && sb !== undefined && sa !== sb) return sb - sa;
    }
    const addon = a.s.addon.addonIndex - b.s.addon.addonIndex;
    if (addon !== 0) return addon;
    const type = rank(typeRank, a.s.type) - rank(typeRank, b.s.type);
    return type !== 0 ? type : a.index - b.index;
  };

  /** Mark the losers of one duplicate group. */
  const resolveGroup = (group: Member[], dropped: Uint8Array): void => {
    const keep = (m: Member) => excludedAddons.has(m.s.addon.presetInstanceId);
    const pruned = pruneMixed(group, behaviour);
    for (const m of group) if (pruned.has(m) && !keep(m)) dropped[m.index] = 1;
    const remaining = group.filter((m) => !pruned.has(m) || keep(m));

    const buckets = new Map<string, Member[]>();
    for (const m of remaining) {
      const mode = modes.get(m.category);
      // No mode (archive, service-less stremio-usenet, …) or `disabled`: all kept (Deviation).
      if (mode === undefined || mode === 'disabled') continue;
      const bucket = `${m.category}\n${bucketOf(m.s, mode)}`;
      const list = buckets.get(bucket);
      if (list) list.push(m);
      else buckets.set(bucket, [m]);
    }
    for (const members of buckets.values()) {
      // A linear "best so far" scan: the seeder rule can make the ranking intransitive, and a
      // scan in arrival order gives one deterministic answer.
      let best = members[0]!;
      for (const m of members) if (compare(m, best) < 0) best = m;
      // Excluded addons still compete (so others can lose to them) but never lose.
      for (const m of members) if (m !== best && !keep(m)) dropped[m.index] = 1;
    }
  };

  return (streams) => {
    const members: Member[] = [];
    streams.forEach((s, index) => {
      // Info items and passthrough addons bypass dedup entirely.
      if (!isAlwaysKept(s)) members.push({ s, index, category: streamCategory(s) });
    });
    const groups = groupByKeys(members, (s) => dedupKeys(s, keys));
    const dropped = new Uint8Array(streams.length);
    for (const group of groups) if (group.length > 1) resolveGroup(group, dropped);
    return streams.filter((_, i) => dropped[i] === 0);
  };
}

function rank(ranks: ReadonlyMap<string, number>, value: string | undefined): number {
  const r = value === undefined ? undefined : ranks.get(value);
  return r ?? Number.MAX_SAFE_INTEGER;
}

/** Service-less streams share one `per_service` bucket (Deviation: AIOStreams fails there). */
function bucketOf(s: ParsedStream, mode: Exclude<Mode, 'disabled'>): string {
  if (mode === 'per_service') return s.service?.id ?? '';
  if (mode === 'per_addon') return s.addon.presetInstanceId;
  return '';
}

/** §7.4: the members a mixed cached/uncached/p2p group drops. */
function pruneMixed(group: Member[], behaviour: NonNullable<DedupConfig['multiGroupBehaviour']>): Set<Member> {
  const out = new Set<Member>();
  const has = (c: StreamCategory) => group.some((m) => m.category === c);
  const hasCached = has('cached');
  const hasUncached = has('uncached');
  const hasP2p = has('p2p');
  if (Number(hasCached) + Number(hasUncached) + Number(hasP2p) < 2 || behaviour === 'keep_all') return out;
  if (behaviour === 'aggressive') {
    const drop = hasCached ? ['p2p', 'uncached'] : ['uncached'];
    for (const m of group) if (drop.includes(m.category)) out.add(m);
  } else {
    const cachedServices = new Set(group.filter((m) => m.category === 'cached').map((m) => m.s.service?.id));
    for (const m of group) {
      if (m.category === 'uncached' && cachedServices.has(m.s.service?.id)) out.add(m);
      if (m.category === 'p2p' && hasCached) out.add(m);
    }
  }
  return out;
}

/** §7.1: the key values of one stream, prefixed by key kind so kinds never collide. */
function dedupKeys(s: ParsedStream, keys: readonly Key[]): string[] {
  const out: string[] = [];
  for (const key of keys) {
    if (key === 'filename') {
      const name = s.filenameKey ?? (s.filename ? normaliseFilename(s.filename) : '');
      if (name) out.push(`f:${name}`);
    } else if (key === 'infoHash') {
      if (s.type === 'usenet' || s.type === 'stremio-usenet') {
        if (s.nzbUrl) out.push(`n:${s.nzbUrl}`);
      } else if (s.infoHash) {
        // A season pack's files share the hash; the file index tells them apart.
        out.push(`h:${s.infoHash}${s.fileIdx ?? 0}`);
      }
    } else {
      const smart = smartDetectKey(s);
      if (smart) out.push(`s:${smart}`);
    }
  }
  return out;
}

/** Attributes that identify the same release across sources; needs a known size. */
function smartDetectKey(s: ParsedStream): string | undefined {
  if (s.size === undefined) return undefined;
  return JSON.stringify([
    s.resolution, s.quality, s.encode, s.visualTags, s.audioTags, s.audioChannels, s.languages,
    s.releaseGroup?.toLowerCase(), s.network, Math.floor(Math.log(s.size) / SIZE_BUCKET_BASE),
  ]);
}

/** Union-find over shared key values; groups come back with members in arrival order. */
function groupByKeys(members: Member[], keysOf: (s: ParsedStream) => string[]): Member[][] {
  const parent = members.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!; // path halving
      i = parent[i]!;
    }
    return i;
  };
  const owner = new Map<string, number>();
  members.forEach((m, i) => {
    for (const key of keysOf(m.s)) {
      const o = owner.get(key);
      if (o === undefined) owner.set(key, i);
      else parent[find(i)] = find(o);
    }
  });
  const groups = new Map<number, Member[]>();
  members.forEach((m, i) => {
    const root = find(i);
    const g = groups.get(root);
    if (g) g.push(m);
    else groups.set(root, [m]);
  });
  return [...groups.values()];
}
