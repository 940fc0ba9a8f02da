import type { Alias } from '../settings.js';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (text: string): boolean => UUID_RE.test(text);

/** Alias → uuid resolution (ALIASED_CONFIGURATIONS). Anything that is neither gives null. */
export class AliasResolver {
  constructor(private readonly aliases: ReadonlyMap<string, Alias>) {}

  resolve(uuidOrAlias: string): string | null {
    if (isUuid(uuidOrAlias)) return uuidOrAlias.toLowerCase();
    return this.aliases.get(uuidOrAlias)?.uuid ?? null;
  }

  get(alias: string): Alias | undefined {
    return this.aliases.get(alias);
  }
}
