/**
 * The Services tab's rows: one per service of config.md §3, the user's entries first in their
 * order (order is priority), then the others in the table's order. The first edit writes every row
 * into `services` in that order (as AIOStreams' page does), so rows never jump while typing and the
 * order shown is the order saved. DOM-free.
 */
import { SERVICES } from '../../../src/config/services.js';
import { isRecord, servicesOf, type Config, type ServiceEntry } from './config.js';

export const CREDENTIAL_LABELS: Record<string, string> = {
  apiKey: 'API key',
  email: 'Email',
  password: 'Password',
  username: 'Username',
  token: 'Token',
  clientId: 'Client ID',
  url: 'URL',
  publicUrl: 'Public URL',
  aiostreamsAuth: 'AIOStreams auth',
  servers: 'Servers',
  encodedToken: 'Encoded token',
  authToken: 'Auth token',
};

/** Credentials that are not secret (addresses, account names) are shown as typed. */
const PLAIN_KEYS = new Set(['url', 'publicUrl', 'username', 'email', 'clientId']);

export const isSecretKey = (key: string): boolean => !PLAIN_KEYS.has(key);

const INFO = new Map(SERVICES.map((s) => [s.id as string, s]));

export const serviceName = (id: string): string => INFO.get(id)?.name ?? id;
const credentialKeysOf = (id: string): readonly string[] => INFO.get(id)?.credentialKeys ?? [];

export interface ServiceRow {
  id: string;
  name: string;
  shortName: string;
  /** Exactly the keys the service takes (config.md §3), plus any other key the entry carries. */
  keys: string[];
  enabled: boolean;
  credentials: Record<string, string>;
}

function rowOf(id: string, entry: ServiceEntry | undefined): ServiceRow {
  const credentials = entry && isRecord(entry.credentials) ? entry.credentials : {};
  return {
    id,
    name: serviceName(id),
    shortName: INFO.get(id)?.shortName ?? id,
    keys: [...new Set([...credentialKeysOf(id), ...Object.keys(credentials)])],
    enabled: entry?.enabled === true,
    credentials,
  };
}

export function serviceRows(config: Config): ServiceRow[] {
  const entries = servicesOf(config);
  const listed = new Set(entries.map((e) => e.id));
  return [...entries.map((e) => rowOf(e.id, e)), ...SERVICES.filter((s) => !listed.has(s.id)).map((s) => rowOf(s.id, undefined))];
}

/** Writes every row into `services`, in row order; existing entries keep all their keys. */
export function materialiseServices(config: Config): ServiceEntry[] {
  const entries = servicesOf(config);
  const list = serviceRows(config).map((row) => entries.find((e) => e.id === row.id) ?? { id: row.id, enabled: false, credentials: {} });
  config.services = list;
  return list;
}
