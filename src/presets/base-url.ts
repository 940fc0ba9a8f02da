// The `url` option (presets.md §4): a whole manifest URL used as is, or another base URL.
import { PresetError, type Options } from './types.js';

/**
 * How a kind uses a custom base: `strip` one trailing `/`, take it `verbatim`, keep only its
 * `origin` (pass-through still honoured), `origin-always` (even a manifest URL is cut to its
 * origin), or `fixed` (the option is ignored).
 */
export type BaseMode = 'strip' | 'verbatim' | 'origin' | 'origin-always' | 'fixed';

export type BaseChoice = { passThrough: string } | { base: string };

const MANIFEST = '/manifest.json';

export function originOf(url: string, option = 'url'): string {
  try {
    return new URL(url).origin;
  } catch {
    throw new PresetError(`The value for option 'URL' is not a valid URL`, option);
  }
}

/** One trailing `/` removed (the `strip` rule). */
export const stripSlash = (url: string): string => (url.endsWith('/') ? url.slice(0, -1) : url);

/** `suffix` appended unless the base already ends with it (StremThru's `/stremio/<addon>` paths). */
export const withSuffix = (base: string, suffix: string): string => (base.endsWith(suffix) ? base : base + suffix);

/** The base a kind builds on, or the manifest URL to use verbatim. */
export function chooseBase(options: Options, defaultBase: string, mode: BaseMode): BaseChoice {
  const raw = mode === 'fixed' ? undefined : (options.url as string | undefined);
  if (!raw) return { base: defaultBase };
  if (mode !== 'origin-always' && raw.endsWith(MANIFEST)) return { passThrough: raw };
  switch (mode) {
    case 'strip':
      return { base: stripSlash(raw) };
    case 'verbatim':
      return { base: raw };
    default:
      return { base: originOf(raw) };
  }
}

/** `<base>[/<config>]/manifest.json`: the config segment only when there is one. */
export const manifestAt = (base: string, segment?: string): string => `${base}${segment ? `/${segment}` : ''}${MANIFEST}`;
