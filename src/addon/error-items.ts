/**
 * Items Stremio shows in place of results when something went wrong: it has no other way to tell
 * the user. `externalUrl` makes them valid stream objects that open nothing harmful.
 */
export function errorStream(title: string, message: string): Record<string, unknown> {
  return { name: `[❌] ${title}`, description: message, externalUrl: 'stremio:///', behaviorHints: { notWebReady: true } };
}

export function errorMeta(id: string, title: string, message: string): Record<string, unknown> {
  return { id, type: 'other', name: `[❌] ${title}`, description: message };
}

export function errorSubtitle(title: string, message: string): Record<string, unknown> {
  return { id: `error.${title}`, url: 'about:blank', lang: `[❌] ${title}: ${message}` };
}
