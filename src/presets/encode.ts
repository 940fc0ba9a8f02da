// The encodings kinds put their settings into URLs with (presets.md §6). JSON is JSON.stringify:
// compact, keys in insertion order, undefined members left out.

/** encodeURIComponent of the text. */
export const pct = (text: string): string => encodeURIComponent(text);

/** Standard base64 with padding; `+`, `/`, `=` go into the path as they are. */
export const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

/** URL-safe base64 without padding. */
export const b64url = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');

export const json = (value: unknown): string => JSON.stringify(value);

/** `key=value` joined with `sep`, values inserted raw. */
export const pairs = (entries: readonly (readonly [string, unknown])[], sep: string): string =>
  entries.map(([k, v]) => `${k}=${String(v)}`).join(sep);
