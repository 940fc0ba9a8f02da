// AIOStreams' older config shapes, read in their current form. No schema here: the configure page
// imports this as it is.
import { isRecord } from '../is-record.js';

const MULTI_GROUP_RENAMES: Record<string, string> = {
  remove_uncached: 'aggressive',
  remove_uncached_same_service: 'conservative',
  remove_nothing: 'keep_all',
};
const STEREO_TAGS = new Set(['H-OU', 'H-SBS']);

/**
 * Legacy shapes (config.md §0) → current ones. Mutates `cfg`, which must be a private copy. The
 * configure page runs it too, so an old export shows (and is checked) as it will be stored.
 */
export function migrateLegacy(cfg: Record<string, unknown>): void {
  const fmt = cfg.formatter;
  if (isRecord(fmt) && 'definition' in fmt) {
    const defs = fmt.definitions;
    if (defs === undefined) fmt.definitions = { custom: fmt.definition };
    else if (isRecord(defs) && defs.custom === undefined) defs.custom = fmt.definition;
    // When definitions.custom already exists it is the newer data; the legacy copy is dropped.
    if (defs === undefined || isRecord(defs)) delete fmt.definition;
  }

  const dedup = cfg.deduplicator;
  if (isRecord(dedup) && typeof dedup.multiGroupBehaviour === 'string') {
    dedup.multiGroupBehaviour = MULTI_GROUP_RENAMES[dedup.multiGroupBehaviour] ?? dedup.multiGroupBehaviour;
  }

  // Old AIOStreams treated 3D stereo layouts as encodes; they are visual tags now.
  for (const key of Object.keys(cfg)) {
    const m = /^(.*)Encodes$/.exec(key);
    const encodes = cfg[key];
    if (!m || !Array.isArray(encodes) || !encodes.some((v) => STEREO_TAGS.has(v))) continue;
    const target = `${m[1]}VisualTags`;
    const tags = cfg[target] ?? [];
    if (!Array.isArray(tags)) continue; // leave both for validation to report
    const moved = encodes.filter((v) => STEREO_TAGS.has(v));
    cfg[key] = encodes.filter((v) => !STEREO_TAGS.has(v));
    cfg[target] = [...tags, ...moved.filter((v) => !tags.includes(v))];
  }
}
