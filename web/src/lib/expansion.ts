/**
 * What the page's preset entries become: the server's own expansion (src/presets/expand.ts and
 * validate.ts, bundled into the page with the stand-ins of ../shims) run on the config being
 * edited, so the page can say how many addons an entry gives, for which services, and what the
 * server will refuse - before anything is saved and without sending credentials anywhere.
 * DOM-free: the tests compare it with the server in Node.
 */
import '../shims/buffer.js';
import { SERVICES } from '../../../src/config/services.js';
import { expandPresets, type ExpandedAddon, type PresetConfig, type PresetFailure } from '../../../src/presets/expand.js';
import { presetIssues } from '../../../src/presets/validate.js';
import { isRecord, presetsOf, servicesOf, type Config, type Issue } from './config.js';

/** One upstream addon as the page describes it. */
export interface AddonPreview {
  name: string;
  /** The services behind it, by display name ('P2P' for peer to peer); empty when it names none. */
  services: string[];
}

export interface EntryPreview {
  addons: AddonPreview[];
  failure?: PresetFailure;
}

const BY_SHORT_NAME = new Map(SERVICES.map((s) => [s.shortName.toLowerCase(), s.name]));

/** A short name, a StremThru store code or `p2p` as people know it. */
function serviceLabel(code: string): string {
  if (code.toLowerCase() === 'p2p') return 'P2P';
  return BY_SHORT_NAME.get(code.toLowerCase()) ?? code;
}

/** The display identifier lists an addon's services; the identifier alone when it has none. */
function servicesOfAddon(addon: ExpandedAddon): string[] {
  const display = addon.displayIdentifier?.trim();
  if (display) return display.split(/ \| |, /).map(serviceLabel);
  const id = addon.identifier;
  if (!id || id === 'custom' || id === 'multi') return [];
  return [serviceLabel(id)];
}

/** The entries the preset code can read; anything else is the schema's to report. */
function presetConfig(config: Config): PresetConfig {
  const presets = presetsOf(config).map((p) =>
    typeof p.type === 'string' && typeof p.instanceId === 'string' && typeof p.enabled === 'boolean' && isRecord(p.options)
      ? p
      : { type: '', instanceId: '', enabled: false, options: {} },
  );
  return { presets, services: servicesOf(config), proxy: config.proxy };
}

const EXPAND_OPTIONS = { userAgent: 'page' } as const;

/** Every enabled entry's addons (or why it gives none), by its index in `presets`. */
export function previewExpansion(config: Config, uuid?: string): { entries: Map<number, EntryPreview>; total: number } {
  const { addons, failures } = expandPresets(presetConfig(config), { ...EXPAND_OPTIONS, uuid });
  const entries = new Map<number, EntryPreview>();
  const entry = (i: number) => entries.get(i) ?? entries.set(i, { addons: [] }).get(i)!;
  for (const a of addons) entry(a.presetIndex).addons.push({ name: a.name, services: servicesOfAddon(a) });
  for (const f of failures) entry(f.presetIndex).failure = f;
  return { entries, total: addons.length };
}

/** What the server refuses about presets, with the paths it reports (presets.md §1): at `save`, or for the config's `shape` alone. */
export function presetProblems(config: Config, uuid?: string, depth: 'shape' | 'save' = 'save'): Issue[] {
  return presetIssues(presetConfig(config), { ...EXPAND_OPTIONS, uuid, depth });
}

/** "2 addons: Real-Debrid · TorBox" and the like. */
export function describePreview(preview: EntryPreview): string {
  const n = preview.addons.length;
  if (n === 0) return 'No addon';
  const count = `${n} addon${n === 1 ? '' : 's'}`;
  const groups = preview.addons.map((a) => (a.services.length ? a.services.join(' + ') : 'no service'));
  return groups.every((g) => g === 'no service') ? count : `${count}: ${groups.join(' · ')}`;
}
