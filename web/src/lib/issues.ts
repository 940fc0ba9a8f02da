/**
 * Problems with a config, as people read them: where (the section and field, by name) and what
 * (a sentence), from the server's issues (zod messages, preset messages in AIOStreams' words) and
 * the page's own checks. Also the page's check itself: the published schema plus the server's
 * preset rules, so Save can stop before the server refuses. DOM-free.
 */
import { checkSchema, type Schema } from './schema-check.js';
import { isRecord, presetsOf, type Config, type Issue } from './config.js';
import { presetProblems } from './expansion.js';
import type { KindInfo } from './preset-form.js';
import { CREDENTIAL_LABELS, serviceName } from './service-rows.js';
import { SORT_KEY_INFO, SORT_LISTS } from './sorting.js';

export interface Explained extends Issue {
  /** The field, by the names the page shows: "Addon “Torrentio” › Timeout (ms)". */
  where: string;
  /** One sentence. */
  text: string;
}

const FAMILY_NAMES: Record<string, string> = {
  Resolutions: 'resolutions',
  Qualities: 'qualities',
  Encodes: 'encodes',
  VisualTags: 'visual tags',
  AudioTags: 'audio tags',
  AudioChannels: 'audio channels',
  Languages: 'languages',
  Subtitles: 'subtitles',
  StreamTypes: 'stream types',
  ReleaseGroups: 'release groups',
  Keywords: 'keywords',
  RegexPatterns: 'regex patterns',
};
const PREFIX_NAMES: Record<string, string> = { excluded: 'Excluded', required: 'Required', preferred: 'Preferred', included: 'Always-kept' };
const TOP_LEVEL: Record<string, string> = {
  addonName: 'Branding › Addon name',
  addonDescription: 'Branding › Description',
  addonLogo: 'Branding › Logo URL',
  size: 'Filters › File size',
  excludeUncached: 'Filters › Exclude uncached streams',
  formatter: 'Formatter',
  sortCriteria: 'Sorting',
  services: 'Services',
  presets: 'Addons',
};
const TEMPLATE_NAMES: Record<string, string> = { name: 'Name template', description: 'Description template' };

export interface ExplainContext {
  config: Config;
  kinds: ReadonlyMap<string, KindInfo>;
}

function getAt(value: unknown, path: readonly string[]): unknown {
  let v = value;
  for (const p of path) v = isRecord(v) || Array.isArray(v) ? (v as Record<string, unknown>)[p] : undefined;
  return v;
}

/** The option's label from its kind's metadata (subsections included). */
function optionLabel(kind: KindInfo | undefined, ids: readonly string[]): string {
  let specs: readonly KindInfo['options'][number][] | undefined = kind?.options;
  const names: string[] = [];
  for (const id of ids) {
    const spec = specs?.find((o) => o.id === id);
    names.push(spec?.name ?? id);
    specs = spec?.options;
  }
  return names.join(' › ');
}

function entryName(config: Config, index: number, kinds: ReadonlyMap<string, KindInfo>): string {
  const p = presetsOf(config)[index];
  const name = p && typeof p.options.name === 'string' && p.options.name.trim() ? p.options.name : (p && kinds.get(p.type)?.name) ?? p?.type;
  return name ? `Addon “${name}”` : `Addon ${index + 1}`;
}

/** "Addon “Torrentio” › Timeout (ms)", "Filters › Excluded resolutions, value 2", … */
function whereOf(path: string, ctx: ExplainContext): string {
  if (path === '') return 'The configuration';
  const parts = path.split('.');
  const [head, second, third, ...rest] = parts as [string, ...string[]];
  const item = (i: string | undefined) => (i !== undefined && /^\d+$/.test(i) ? `, value ${Number(i) + 1}` : '');
  if (head === 'presets' && second !== undefined) {
    const index = Number(second);
    const entry = entryName(ctx.config, index, ctx.kinds);
    if (third === 'options' && rest.length) return `${entry} › ${optionLabel(ctx.kinds.get(presetsOf(ctx.config)[index]?.type ?? ''), rest)}`;
    if (third === 'instanceId') return `${entry} › id`;
    if (third === 'type') return `${entry} › kind`;
    return entry;
  }
  if (head === 'services' && second !== undefined) {
    const id = getAt(ctx.config, ['services', second, 'id']);
    const name = typeof id === 'string' ? serviceName(id) : `Service ${Number(second) + 1}`;
    return third === 'credentials' && rest[0] ? `Services › ${name} › ${CREDENTIAL_LABELS[rest[0]] ?? rest[0]}` : `Services › ${name}`;
  }
  if (head === 'sortCriteria' && second !== undefined) {
    const list = SORT_LISTS.find((l) => l.id === second)?.label ?? second;
    if (third === undefined) return `Sorting › ${list}`;
    const key = getAt(ctx.config, ['sortCriteria', second, third, 'key']);
    const label = typeof key === 'string' ? SORT_KEY_INFO.get(key)?.label : undefined;
    return `Sorting › ${list} › criterion ${Number(third) + 1}${label ? ` (${label})` : ''}`;
  }
  if (head === 'formatter' && second === 'definitions') {
    const template = rest[0] ? TEMPLATE_NAMES[rest[0]] : undefined;
    return template ? `Formatter › ${template}` : 'Formatter › templates';
  }
  const family = /^(excluded|required|preferred|included)(.+)$/.exec(head);
  if (family && FAMILY_NAMES[family[2]!]) return `Filters › ${PREFIX_NAMES[family[1]!]} ${FAMILY_NAMES[family[2]!]}${item(second)}`;
  return TOP_LEVEL[head] ?? path;
}

const sentence = (s: string) => {
  const t = s.trim();
  return t ? t[0]!.toUpperCase() + t.slice(1) + (/[.!?]$/.test(t) ? '' : '.') : t;
};

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'on or off (true/false)',
  array: 'a list',
  object: 'a group of settings',
  null: 'empty (null)',
  undefined: 'missing',
};
const typeName = (t: string) => TYPE_NAMES[t] ?? t;

const show = (v: unknown) => (typeof v === 'string' ? `“${v}”` : JSON.stringify(v));

/** The message, rewritten for people; `value` is what the config holds at the issue's path. */
export function plainMessage(message: string, value: unknown): string {
  let m: RegExpExecArray | null;
  // Preset messages (presets.md §2): the option label is already in `where`.
  if ((m = /^The value for option '.*?' in preset '.*?' is invalid: Error: Option \S+ (.*)$/s.exec(message))) return sentence(presetDetail(m[1]!));
  if ((m = /^Too small: expected number to be >=?(-?[\d.]+)/.exec(message)) || (m = /^must be ≥ (-?[\d.]+)/.exec(message))) return `Must be at least ${m[1]}.`;
  if ((m = /^Too big: expected number to be <=?(-?[\d.]+)/.exec(message)) || (m = /^must be ≤ (-?[\d.]+)/.exec(message))) return `Must be at most ${m[1]}.`;
  if ((m = /^Too big: expected string to have <=?(\d+) characters/.exec(message)) || (m = /^must be at most (\d+) characters/.exec(message))) {
    return `Too long: at most ${m[1]} characters${typeof value === 'string' ? ` (this has ${[...value].length})` : ''}.`;
  }
  if (/^Too small: expected string to have >=?1 characters/.test(message) || message === 'must not be empty') return 'Must not be empty.';
  if ((m = /^Too big: expected array to have <=?(\d+) items/.exec(message)) || (m = /^must have at most (\d+) items/.exec(message))) {
    return `At most ${m[1]} entries${Array.isArray(value) ? ` (this has ${value.length})` : ''}.`;
  }
  if ((m = /^Too small: expected array to have >=?(\d+) items/.exec(message)) || (m = /^must have at least (\d+) items/.exec(message))) return `Needs at least ${m[1]} entries.`;
  if (/^Invalid option: expected one of/.test(message) || / is not an allowed value/.test(message)) {
    return value === undefined ? 'Not a value the server knows.' : `${show(value)} is not a value the server knows.`;
  }
  if ((m = /^Invalid input: expected (\w+), received (\w+)/.exec(message)) || (m = /^expected ([\w ]+?), got (\w+)/.exec(message))) {
    return m[2] === 'undefined' ? 'Missing.' : `Must be ${m[1]!.split(' or ').map(typeName).join(' or ')}, not ${typeName(m[2]!)}.`;
  }
  if (message === 'is required') return 'Missing.';
  if ((m = /^duplicate instanceId "(.*)"$/.exec(message))) return `Two addons share the id “${m[1]}”: each needs its own.`;
  if (message === 'does not match any allowed shape' || message === 'must match exactly one allowed shape') return 'This value has the wrong form.';
  return sentence(message);
}

function presetDetail(detail: string): string {
  let m: RegExpExecArray | null;
  if (/^is required/.test(detail)) return 'is required';
  if ((m = /^must be an? (\w+), got (\w+)/.exec(detail))) return `must be ${typeName(m[1]!)}, not ${typeName(m[2]!)}`;
  if ((m = /^has an unknown value (.*)$/.exec(detail))) return `${m[1]!.replace(/^"(.*)"$/, '“$1”')} is not one of its choices`;
  if ((m = /^needs at least (\d+) item\(s\), got (\d+)/.exec(detail))) return `needs at least ${m[1]} chosen (${m[2]} now)`;
  if ((m = /^allows at most (\d+) item\(s\), got (\d+)/.exec(detail))) return `allows at most ${m[1]} chosen (${m[2]} now)`;
  return detail;
}

export function explainIssue(issue: Issue, ctx: ExplainContext): Explained {
  const value = issue.path ? getAt(ctx.config, issue.path.split('.')) : undefined;
  return { ...issue, where: whereOf(issue.path, ctx), text: plainMessage(issue.message, value) };
}

/** Issue paths that name the same field or one inside the other. */
export const overlaps = (a: string, b: string) => a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);

function duplicateIds(config: Config): Issue[] {
  const seen = new Set<string>();
  const out: Issue[] = [];
  presetsOf(config).forEach((p, i) => {
    if (seen.has(p.instanceId)) out.push({ path: `presets.${i}.instanceId`, message: `duplicate instanceId "${p.instanceId}"` });
    seen.add(p.instanceId);
  });
  return out;
}

/**
 * What the server would refuse, found on the page: the preset rules (the server's own code),
 * duplicate ids, and the published schema where it adds something. Legacy shapes must already be
 * migrated (lib/config.ts migrateLegacy). `depth`: `save` checks services and credentials too;
 * `shape` only what a config file itself can get wrong (an import before its credentials are in).
 */
export function localIssues(config: Config, schema: Schema | undefined, uuid?: string, depth: 'shape' | 'save' = 'save'): Issue[] {
  const presets = [...presetProblems(config, uuid, depth), ...duplicateIds(config)];
  const shape = schema ? checkSchema(schema, config) : [];
  return [...presets, ...shape.filter((s) => !presets.some((p) => overlaps(p.path, s.path)))];
}
