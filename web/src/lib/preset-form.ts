/**
 * The preset form's rules, read from the kinds' metadata (GET /api/v1/presets): the options a new
 * entry starts with, what a value means in plain words when it cannot work, and which of the
 * user's services a kind can be given. DOM-free (tested in Node).
 */
import type { Catalogue } from '../../../src/presets/catalogue.js';
import { normaliseManifestUrl, servicesOf, type Config } from './config.js';

export type KindInfo = Catalogue['kinds'][number];
export type OptionInfo = KindInfo['options'][number];
export type Options = Record<string, unknown>;

/** A value the form treats as "not set" (the server reads the same as absent or as the default). */
export const isUnset = (v: unknown): boolean => v === undefined || v === 'undefined' || v === '';

/** A new entry's options: every declared default, as AIOStreams' page writes them. */
export function initialOptions(kind: KindInfo): Options {
  return defaultsOf(kind.options);
}

function defaultsOf(specs: readonly OptionInfo[]): Options {
  const out: Options = {};
  for (const spec of specs) if (spec.default !== undefined) out[spec.id] = structuredClone(spec.default);
  return out;
}

/** Sets or clears one option: an unset value is removed, so the kind's own fallback applies. */
export function withOption(options: Options, id: string, value: unknown): Options {
  const next = { ...options };
  if (isUnset(value)) delete next[id];
  else next[id] = value;
  return next;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function choiceProblem(spec: OptionInfo, values: readonly unknown[]): string | undefined {
  if (!spec.choices || spec.openChoices) return undefined;
  const unknown = values.find((v) => !spec.choices!.some((c) => c.value === v));
  return unknown === undefined ? undefined : `“${String(unknown)}” is not one of the choices.`;
}

/** An absolute http(s) address, after reading stremio:// and scheme-less forms as https. */
function urlProblem(value: string): string | undefined {
  try {
    const url = new URL(normaliseManifestUrl(value));
    return url.protocol === 'http:' || url.protocol === 'https:' ? undefined : 'Only http and https addresses work here.';
  } catch {
    return 'Enter a full address, like https://addon.example.com/manifest.json';
  }
}

/**
 * What is wrong with one option's value, in words for the person filling the form; undefined
 * when it can be used. Stricter than the server only where the server would accept a value that
 * cannot work (a base URL that is not an address).
 */
export function optionProblem(spec: OptionInfo, value: unknown): string | undefined {
  if (isUnset(value) || (spec.type === 'multi-select' && Array.isArray(value) && value.length === 0 && spec.required && spec.default === undefined)) {
    // A required option with a default takes it when left unset (README, "Differences").
    return spec.required && spec.default === undefined ? 'Required.' : undefined;
  }
  switch (spec.type) {
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'Enter a number.';
      if (spec.min !== undefined && value < spec.min) return `Must be at least ${spec.min}.`;
      if (spec.max !== undefined && value > spec.max) return `Must be at most ${spec.max}.`;
      return undefined;
    }
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'Must be on or off.';
    case 'multi-select': {
      if (!Array.isArray(value)) return 'Must be a list of choices.';
      if (spec.min !== undefined && value.length < spec.min) return `Choose at least ${plural(spec.min, 'value')}.`;
      if (spec.max !== undefined && value.length > spec.max) return `Choose at most ${plural(spec.max, 'value')} (${value.length} chosen).`;
      return choiceProblem(spec, value);
    }
    case 'select':
      return typeof value === 'string' ? choiceProblem(spec, [value]) : 'Must be one of the choices.';
    case 'url':
      return typeof value === 'string' ? urlProblem(value) : 'Must be an address.';
    case 'subsection':
      return typeof value === 'object' && value !== null && !Array.isArray(value) ? undefined : 'Must be a group of settings.';
    default:
      return typeof value === 'string' ? undefined : 'Must be text.';
  }
}

/** Every option's problem, by option id (subsection problems under `<id>.<sub id>`). */
export function optionProblems(specs: readonly OptionInfo[], options: Options, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const spec of specs) {
    const value = options[spec.id];
    const problem = optionProblem(spec, value);
    if (problem) out.set(prefix + spec.id, problem);
    else if (spec.type === 'subsection' && spec.options && typeof value === 'object' && value !== null) {
      for (const [k, v] of optionProblems(spec.options, value as Options, `${prefix}${spec.id}.`)) out.set(k, v);
    }
  }
  return out;
}

export interface ServiceState {
  id: string;
  /**
   * Enabled with credentials entered: presets use it (config.md §3). Which credentials a kind
   * needs is the kind's business; the expansion preview reports a missing one.
   */
  ready: boolean;
}

export function serviceStates(config: Config): ServiceState[] {
  return servicesOf(config).map((s) => ({
    id: s.id,
    ready: s.enabled === true && Object.values(s.credentials ?? {}).some((v) => typeof v === 'string' && v !== ''),
  }));
}

/** A kind's supported services split by whether the user has them ready, in the user's order first. */
export function kindServices(kind: KindInfo, states: readonly ServiceState[]): { ready: string[]; missing: string[] } {
  const supported: readonly string[] = kind.services;
  const ready = states.filter((s) => s.ready && supported.includes(s.id)).map((s) => s.id);
  return { ready, missing: kind.services.filter((id) => !ready.includes(id)) };
}
