// Sizes written by upstream addons (config.md §4.2). Written units are read 1024-based, as
// AIOStreams does, even though most addons mean decimal units.

const UNIT_POWER: Record<string, number> = { k: 1, m: 2, g: 3, t: 4 };

// A number with optional decimals, an optional space, then KB/MB/GB/TB (GiB-style spellings too).
const WRITTEN_SIZE = /(?<![\d.])(\d+(?:\.\d+)?) ?([kmgt])i?b\b/i;
const WHOLE_BYTE_STRING = /^\s*(\d+(?:\.\d+)?)\s*(?:([kmgt])i?b)?\s*$/i;

function toBytes(amount: string, unit: string | undefined): number | undefined {
  const power = unit ? UNIT_POWER[unit.toLowerCase()] ?? 0 : 0;
  const bytes = Math.round(Number(amount) * 1024 ** power);
  return Number.isFinite(bytes) && bytes > 0 ? bytes : undefined;
}

/** The first size written anywhere in `text`, in bytes. */
export function findWrittenSize(text: string): number | undefined {
  const m = WRITTEN_SIZE.exec(text);
  return m ? toBytes(m[1]!, m[2]) : undefined;
}

/** A numeric field: a positive number, or a byte string such as `"1.5GB"` or `"1234"`. */
export function parseByteValue(value: unknown): number | undefined {
  if (typeof value === 'number') {
    return Number.isFinite(value) && value > 0 ? Math.round(value) : undefined;
  }
  if (typeof value !== 'string') return undefined;
  const m = WHOLE_BYTE_STRING.exec(value);
  return m ? toBytes(m[1]!, m[2]) : undefined;
}
