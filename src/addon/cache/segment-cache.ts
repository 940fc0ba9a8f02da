// A string → string cache for many small entries (parsed release names), kept off the V8 heap:
// entries are appended, as UTF-8 bytes, to fixed-size segments, and the heap holds only a small
// integer index (key hash → where the entry is). Kept as heap strings, a full budget of them made
// V8 grow its heap ~2.5x what they held (+80 MB RSS for a 64 MB budget in the benchmark); as
// bytes they cost what they are. Each segment is one entry of the shared memory budget,
// so the budget's LRU order decides which segment goes; an entry read from an old segment is
// copied to the newest one first, so what is in use survives its segment (FIFO with reinsertion,
// close to LRU).
import type { BudgetedCache, MemoryBudget } from './memory-budget.js';

const SEGMENT_BYTES = 64 * 1024;
/** hash (u32), key bytes (u32), value bytes (u32), flags (u8). */
const HEADER = 13;
/** Key and value are ASCII: latin1 decoding is exact (and the cheapest). */
const ASCII = 1;
/**
 * A segment's weight in the budget: its bytes plus the index entries pointing into it (hash-table
 * slot and boxed location, ~32 bytes for an entry of ~500 bytes).
 */
const SEGMENT_WEIGHT = Math.ceil(SEGMENT_BYTES * 1.07);

/** Dropped segment buffers kept for reuse (a budget shrink can drop many at once). */
const MAX_SPARE = 4;
const EMPTY = Buffer.alloc(0);

interface Segment {
  slot: number;
  seq: number;
  buf: Buffer;
  used: number;
}

/** 30-bit FNV-1a over UTF-16 units: a small integer, so index keys need no boxing. */
function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 2;
}

export class SegmentCache {
  /** Key hash → slot * SEGMENT_BYTES + offset of the entry. A hash collision just replaces. */
  private readonly index = new Map<number, number>();
  /** Segments by slot; a freed slot is reused. */
  private readonly slots: (Segment | undefined)[] = [];
  private readonly freeSlots: number[] = [];
  /** Every segment, the one being filled too, is an entry of the budget. */
  private readonly segments: BudgetedCache<Segment>;
  private current: Segment | undefined;
  private nextSeq = 0;
  private live = 0;
  /**
   * Buffers of dropped segments, reused for the next ones: a dropped Buffer's memory would
   * otherwise stay held until a major GC finds it (tens of MB under churn).
   */
  private readonly spare: Buffer[] = [];
  /** Room to encode the asked key for a byte comparison, without allocating per lookup. */
  private scratch = Buffer.allocUnsafe(1024);

  constructor(private readonly budget: MemoryBudget) {
    this.segments = budget.cache<Segment>((_, segment) => this.drop(segment));
  }

  get size(): number {
    return this.index.size;
  }

  /** The value kept for `key` (values must be well-formed UTF-16, as JSON text is); an entry found in an old segment moves to the newest. */
  get(key: string): string | undefined {
    const at = this.find(key);
    if (at === undefined) return undefined;
    const { segment, offset, keyBytes } = at;
    const buf = segment.buf;
    const valueBytes = buf.readUInt32LE(offset + 8);
    const start = offset + HEADER + keyBytes;
    const value = buf.toString(buf[offset + 12]! & ASCII ? 'latin1' : 'utf8', start, start + valueBytes);
    if (segment !== this.current && this.nextSeq - segment.seq > this.live / 2) this.set(key, value);
    return value;
  }

  /** Whether `key` is kept (a peek: nothing moves). */
  has(key: string): boolean {
    return this.find(key) !== undefined;
  }

  clear(): void {
    this.segments.clear();
  }

  private find(key: string): { segment: Segment; offset: number; keyBytes: number } | undefined {
    // A lone surrogate would be stored as U+FFFD, the bytes of another (well-formed) key.
    if (!key.isWellFormed()) return undefined;
    const location = this.index.get(hashOf(key));
    if (location === undefined) return undefined;
    const segment = this.slots[Math.floor(location / SEGMENT_BYTES)]!;
    const offset = location % SEGMENT_BYTES;
    const buf = segment.buf;
    const keyBytes = buf.readUInt32LE(offset + 4);
    if (keyBytes > key.length * 3) return undefined;
    if (this.scratch.length < key.length * 3) this.scratch = Buffer.allocUnsafe(key.length * 3);
    const asked = this.scratch.write(key, 0, 'utf8');
    if (asked !== keyBytes || buf.compare(this.scratch, 0, asked, offset + HEADER, offset + HEADER + keyBytes) !== 0) return undefined;
    return { segment, offset, keyBytes };
  }

  /** Keeps `value` for `key`; a value larger than a segment is not kept. */
  set(key: string, value: string): void {
    if (!key.isWellFormed()) return;
    // UTF-8 takes at most 3 bytes per UTF-16 unit; the exact size only when that bound does not fit.
    const bound = HEADER + 3 * (key.length + value.length);
    if (!this.current || this.current.used + bound > SEGMENT_BYTES) {
      const exact = HEADER + Buffer.byteLength(key) + Buffer.byteLength(value);
      if (exact > SEGMENT_BYTES) return;
      if ((!this.current || this.current.used + exact > SEGMENT_BYTES) && !this.openSegment()) return;
    }
    const segment = this.current!;
    const buf = segment.buf;
    const offset = segment.used;
    const keyBytes = buf.write(key, offset + HEADER, 'utf8');
    const valueBytes = buf.write(value, offset + HEADER + keyBytes, 'utf8');
    const hash = hashOf(key);
    buf.writeUInt32LE(hash, offset);
    buf.writeUInt32LE(keyBytes, offset + 4);
    buf.writeUInt32LE(valueBytes, offset + 8);
    // UTF-8 bytes equal UTF-16 units only when every char is ASCII.
    buf[offset + 12] = keyBytes === key.length && valueBytes === value.length ? ASCII : 0;
    segment.used = offset + HEADER + keyBytes + valueBytes;
    this.index.set(hash, segment.slot * SEGMENT_BYTES + offset);
  }

  /**
   * Starts a new segment, weighed into the budget at once (which may evict older ones). False when
   * the budget refuses it (a budget too small for a segment, or 0): nothing is kept then.
   */
  private openSegment(): boolean {
    const slot = this.freeSlots.pop() ?? this.slots.length;
    const segment: Segment = { slot, seq: this.nextSeq++, buf: EMPTY, used: 0 };
    // Taken before the budget may evict (and free the slots of) older segments.
    this.slots[slot] = segment;
    this.segments.set(String(segment.seq), segment, SEGMENT_WEIGHT);
    if (!this.segments.has(String(segment.seq))) {
      this.slots[slot] = undefined;
      this.freeSlots.push(slot);
      return false;
    }
    // After the budget made room: a segment it just dropped gives its buffer.
    segment.buf = this.spare.pop() ?? Buffer.allocUnsafe(SEGMENT_BYTES);
    this.current = segment;
    this.live++;
    return true;
  }

  /** Forgets a segment's entries (those the index still points to there) and frees its slot. */
  private drop(segment: Segment): void {
    const buf = segment.buf;
    for (let offset = 0; offset < segment.used; ) {
      const hash = buf.readUInt32LE(offset);
      if (this.index.get(hash) === segment.slot * SEGMENT_BYTES + offset) this.index.delete(hash);
      offset += HEADER + buf.readUInt32LE(offset + 4) + buf.readUInt32LE(offset + 8);
    }
    this.slots[segment.slot] = undefined;
    this.freeSlots.push(segment.slot);
    if (this.spare.length < MAX_SPARE && segment.buf !== EMPTY) this.spare.push(segment.buf);
    this.live--;
    if (segment === this.current) this.current = undefined;
  }
}
