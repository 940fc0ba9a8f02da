import { describe, expect, it } from 'vitest';
import { parseJsonBytes } from '../../src/addon/upstream/json-bytes.js';

/** What parseJsonBytes must match: the whole text decoded as UTF-8, then parsed. */
const plain = (bytes: Buffer): { value?: unknown; error?: string } => {
  try {
    return { value: JSON.parse(bytes.toString('utf8')) };
  } catch (err) {
    return { error: (err as Error).name };
  }
};
const fast = (bytes: Buffer): { value?: unknown; error?: string } => {
  try {
    return { value: parseJsonBytes(bytes) };
  } catch (err) {
    return { error: (err as Error).name };
  }
};

const texts: Record<string, string> = {
  ascii: '{"streams":[{"name":"RD+","url":"http://x/a b","fileIdx":3}]}',
  emoji: '{"streams":[{"name":"[RD+] 4k","title":"Movie.2024.mkv\\n👤 12 💾 1.5 GB ⚙️ X\\n🇬🇧 / 🇫🇷"}]}',
  accents: '{"title":"Amélie (2001) – Édition","list":["naïve","日本語",1,null,true]}',
  'high escape and raw bytes': '{"a":"caf\\u00e9","b":"café"}',
  'surrogate escapes only': '{"a":"\\ud83d\\ude00 smile"}',
  'low escapes with raw bytes': '{"a":"\\u0026 é","b":"\\u003c"}',
  'escaped backslash then u': '{"path":"C:\\\\users","name":"é"}',
  'non-ASCII key': '{"título":"é","ok":1}',
  'proto key': '{"__proto__":{"x":"é"},"y":"ü"}',
  'nested arrays': '[[["é"]],{"a":[{"b":"ñ"}]}]',
  'bare string': '"héllo"',
  number: '42',
  invalid: '{"a":"é",}',
  empty: '',
};

describe('parseJsonBytes: the same value as decoding the whole text as UTF-8', () => {
  for (const [name, text] of Object.entries(texts)) {
    it(name, () => {
      const bytes = Buffer.from(text, 'utf8');
      const want = plain(bytes);
      const got = fast(bytes);
      expect(got).toEqual(want);
      if (want.value !== undefined) expect(JSON.stringify(got.value)).toBe(JSON.stringify(want.value));
    });
  }

  it('decodes invalid UTF-8 inside strings as the plain decoder does (U+FFFD)', () => {
    const bytes = Buffer.concat([Buffer.from('{"a":"x'), Buffer.from([0xe2, 0x82]), Buffer.from('","b":"'), Buffer.from([0xff]), Buffer.from('é"}')]);
    expect(JSON.stringify(fast(bytes).value)).toBe(JSON.stringify(plain(bytes).value));
    expect((fast(bytes).value as { a: string }).a).toContain('\ufffd');
  });

  it('keeps a JSON "__proto__" key as an own field, never a prototype', () => {
    const value = parseJsonBytes(Buffer.from('{"__proto__":{"polluted":"é"}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(value, '__proto__')?.value).toEqual({ polluted: 'é' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('parses nesting deeper than a recursive walk could follow', () => {
    const depth = 20_000;
    const bytes = Buffer.from(`${'['.repeat(depth)}"é"${']'.repeat(depth)}`);
    expect(() => JSON.parse(bytes.toString('utf8'))).not.toThrow();
    // Walked down by hand: JSON.stringify would itself overflow the stack here.
    let value = parseJsonBytes(bytes);
    let levels = 0;
    while (Array.isArray(value)) {
      expect(value).toHaveLength(1);
      value = value[0];
      levels++;
    }
    expect(levels).toBe(depth);
    expect(value).toBe('é');
  });

  it('matches on random mixes of ASCII, multi-byte characters and escapes', () => {
    const pieces = ['a', ' ', 'é', '日', '😀', '🇬🇧', '\\n', '\\"', '\\\\', '\\u0041', '\\u00e9', '\\ud83d\\ude00', '💾'];
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 300; round++) {
      const str = () => Array.from({ length: 1 + rand(12) }, () => pieces[rand(pieces.length)]).join('');
      const text = `{"k${rand(3)}":"${str()}","list":["${str()}",{"n":"${str()}"}],"n":${rand(100)}}`;
      const bytes = Buffer.from(text, 'utf8');
      expect(JSON.stringify(fast(bytes).value), text).toBe(JSON.stringify(plain(bytes).value));
    }
  });
});
