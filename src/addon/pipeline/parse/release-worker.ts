// A worker thread of ./release-pool.ts: release names in, their results as packed text out (what
// the name cache keeps, and cheaper to send back than objects).
import { packRelease } from './release-codec.js';
import { releaseInfo } from './release-info.js';

export default function parseNames(names: string[]): string[] {
  return names.map((name) => packRelease(releaseInfo(name)));
}
