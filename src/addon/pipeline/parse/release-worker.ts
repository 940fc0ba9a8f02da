// A worker thread of ./release-pool.ts: release names in, their results as JSON text out (what
// the name cache keeps, and cheaper to send back than objects).
import { releaseInfo } from './release-info.js';

export default function parseNames(names: string[]): string[] {
  return names.map((name) => JSON.stringify(releaseInfo(name)));
}
