// The user's services as a kind sees them (presets.md §3): which are usable, and each one's credential.
import { SERVICES } from '../config/services.js';
import { isRecord } from '../is-record.js';
import { PresetError, type ExpandContext, type KindMeta, type Options, type ServiceId } from './types.js';

const INFO = new Map(SERVICES.map((s) => [s.id as string, s]));

export const shortName = (id: ServiceId | string): string => INFO.get(id)?.shortName ?? id;
export const serviceName = (id: ServiceId | string): string => INFO.get(id)?.name ?? id;

/**
 * Usable services: the user's enabled entries the kind supports, in the user's order, narrowed to
 * `options.services` when that is given (an empty list leaves none). Naming a service the user has
 * not enabled (or has no credentials for) is an error.
 */
export function usableServices(meta: KindMeta, options: Options, ctx: ExpandContext): ServiceId[] {
  const chosen = options.services as readonly string[] | undefined;
  if (chosen) {
    for (const id of chosen) {
      const entry = ctx.services.find((s) => s.id === id);
      if (!entry || entry.enabled !== true || !isRecord(entry.credentials)) {
        throw new PresetError(
          `You have specified ${serviceName(id)} in your configuration for ${ctx.label}, but it is not enabled or has missing credentials`,
          'services',
        );
      }
    }
  }
  const supported = new Set<string>(meta.services);
  return ctx.services
    .filter((s) => s.enabled === true && supported.has(s.id) && (!chosen || chosen.includes(s.id)))
    .map((s) => s.id as ServiceId);
}

/** How a kind writes some services' credentials differently from the default rule. */
export type CredentialOverrides = Partial<Record<ServiceId, (credentials: Record<string, unknown>) => unknown>>;

const joined = (a: string, b: string, sep: string) => (c: Record<string, unknown>) => `${String(c[a])}${sep}${String(c[b])}`;

/** Torrentio, Peerflix and TorrentsDB: put.io as `clientId@token`. */
export const PUTIO_CLIENT_AT_TOKEN: CredentialOverrides = { putio: joined('clientId', 'token', '@') };

/** Kinds that talk to debrids through StremThru: Offcloud and PikPak as `email:password`. */
export const EMAIL_PASSWORD: CredentialOverrides = {
  offcloud: joined('email', 'password', ':'),
  pikpak: joined('email', 'password', ':'),
};

/** The StremThru family also takes StremThru Newz, as its whole credentials object. */
export const STREMTHRU_FAMILY: CredentialOverrides = {
  ...EMAIL_PASSWORD,
  stremthru_newz: (c) => ({ url: c.url, authToken: c.authToken }),
};

/**
 * A service's credential (§3): the entry is looked up by id whatever its `enabled` flag. Messages
 * name the service, never a value.
 */
export function credential(ctx: ExpandContext, id: ServiceId, overrides: CredentialOverrides = {}): unknown {
  const creds = ctx.services.find((s) => s.id === id)?.credentials;
  if (!isRecord(creds)) throw new PresetError(`No credentials found for service ${id}`);
  const special = overrides[id];
  if (special) return special(creds);
  switch (id) {
    case 'seedr':
      if (creds.encodedToken) return creds.encodedToken;
      throw new PresetError(`Missing encoded token for ${id}. Please add an encoded token using MediaFusion`);
    case 'easynews':
      if (creds.username && creds.password) return { username: creds.username, password: creds.password };
      throw new PresetError(`Missing username or password for ${id}. Please add a username and password.`);
    case 'pikpak':
      if (creds.email && creds.password) return { email: creds.email, password: creds.password };
      throw new PresetError(`Missing email or password for ${id}. Please add an email and password.`);
    default:
      if (creds.apiKey) return creds.apiKey;
      throw new PresetError(`Missing credentials for ${id}. Please add an API key.`);
  }
}

