import type { Alias } from '../settings.js';

import { isUuid } from '../uuid.js';

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
