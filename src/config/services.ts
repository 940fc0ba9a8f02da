// The services table of config.md §3. Row order is the detection order of §4.3.
import type { SERVICE_IDS } from './constants.js';

export type ServiceId = (typeof SERVICE_IDS)[number];

export interface ServiceInfo {
  id: ServiceId;
  name: string;
  shortName: string;
  /** Names recognised in upstream stream names (matched case-insensitively, §4.3). */
  knownNames: readonly string[];
  credentialKeys: readonly string[];
}

const USENET_SERVER_KEYS = ['url', 'publicUrl', 'apiKey', 'username', 'password', 'aiostreamsAuth'];

export const SERVICES: readonly ServiceInfo[] = [
  { id: 'realdebrid', name: 'Real-Debrid', shortName: 'RD', knownNames: ['RD', 'Real Debrid', 'RealDebrid', 'Real-Debrid'], credentialKeys: ['apiKey'] },
  { id: 'alldebrid', name: 'AllDebrid', shortName: 'AD', knownNames: ['AD', 'All Debrid', 'AllDebrid', 'All-Debrid'], credentialKeys: ['apiKey'] },
  { id: 'premiumize', name: 'Premiumize', shortName: 'PM', knownNames: ['PM', 'Premiumize'], credentialKeys: ['apiKey'] },
  { id: 'debridlink', name: 'Debrid-Link', shortName: 'DL', knownNames: ['DL', 'Debrid Link', 'DebridLink', 'Debrid-Link'], credentialKeys: ['apiKey'] },
  { id: 'torbox', name: 'TorBox', shortName: 'TB', knownNames: ['TB', 'TorBox', 'Torbox', 'TRB'], credentialKeys: ['apiKey'] },
  { id: 'stremio_nntp', name: 'Stremio NNTP', shortName: 'SN', knownNames: ['SN', 'Stremio NNTP', 'StremioNntp', 'Stremio-NNTP'], credentialKeys: ['servers'] },
  { id: 'nzbdav', name: 'NzbDAV', shortName: 'ND', knownNames: ['ND'], credentialKeys: USENET_SERVER_KEYS },
  { id: 'aiostreams', name: 'AIOStreams', shortName: 'AIO', knownNames: ['AIO', 'AIO Usenet', 'NZB', 'Usenet', 'Native Usenet'], credentialKeys: ['aiostreamsAuth'] },
  { id: 'altmount', name: 'AltMount', shortName: 'AM', knownNames: ['AM'], credentialKeys: USENET_SERVER_KEYS },
  { id: 'offcloud', name: 'Offcloud', shortName: 'OC', knownNames: ['OC', 'Offcloud'], credentialKeys: ['apiKey', 'email', 'password'] },
  { id: 'putio', name: 'put.io', shortName: 'P.IO', knownNames: ['PO', 'put.io', 'putio'], credentialKeys: ['clientId', 'token'] },
  { id: 'easynews', name: 'Easynews', shortName: 'EN', knownNames: ['EN', 'Easynews'], credentialKeys: ['username', 'password'] },
  { id: 'easydebrid', name: 'EasyDebrid', shortName: 'ED', knownNames: ['ED', 'EasyDebrid'], credentialKeys: ['apiKey'] },
  { id: 'debrider', name: 'Debrider', shortName: 'DR', knownNames: ['DBD', 'DR', 'DER', 'DB', 'Debrider'], credentialKeys: ['apiKey'] },
  { id: 'pikpak', name: 'PikPak', shortName: 'PKP', knownNames: ['PP', 'PikPak', 'PKP'], credentialKeys: ['email', 'password'] },
  { id: 'seedr', name: 'Seedr', shortName: 'SDR', knownNames: ['SR', 'Seedr', 'SDR'], credentialKeys: ['encodedToken'] },
  { id: 'stremthru_newz', name: 'StremThru Newz', shortName: 'ST', knownNames: ['ST', 'StremThru Newz', 'StremThruNewz'], credentialKeys: ['url', 'authToken'] },
  { id: 'torrin', name: 'Torrin', shortName: 'TR', knownNames: ['TR', 'TI', 'Torrin'], credentialKeys: ['apiKey'] },
];

const BY_ID = new Map<ServiceId, ServiceInfo>(SERVICES.map((s) => [s.id, s]));

export function getService(id: ServiceId): ServiceInfo {
  // Every ServiceId has a row, so the lookup cannot miss.
  return BY_ID.get(id)!;
}
