// Preset problems as config issues (presets.md §1). Two depths: the config's shape (known kinds,
// well-typed options, not too many addons), checked wherever a config is validated; and the whole
// expansion (services, credentials, each kind's rule), which a config must pass to be saved.
import { DEFAULT_LIMITS } from '../config/constants.js';
import { expandPresets, type ExpandOptions, type PresetConfig, type PresetFailure } from './expand.js';

export interface PresetIssue {
  path: string;
  message: string;
}

type Depth = 'shape' | 'save';

const counts: Record<Depth, ReadonlySet<PresetFailure['stage']>> = {
  shape: new Set(['kind', 'options']),
  save: new Set(['kind', 'options', 'expand']),
};

/** §1 step 5. */
export function tooManyAddons(count: number, max = DEFAULT_LIMITS.maxAddons): string | undefined {
  if (count <= max) return undefined;
  return `Your current configuration requires ${count} addons, but the maximum allowed is ${max}. Disable some addons, or turn off "Use Multiple Instances" where it is on.`;
}

export function presetIssues(
  config: PresetConfig,
  opts: ExpandOptions & { maxAddons?: number | undefined; depth?: Depth },
): PresetIssue[] {
  const { addons, failures } = expandPresets(config, opts);
  const wanted = counts[opts.depth ?? 'save'];
  const issues: PresetIssue[] = failures
    .filter((f) => wanted.has(f.stage))
    .map((f) => ({
      path: f.option ? `presets.${f.presetIndex}.options.${f.option}` : f.stage === 'kind' ? `presets.${f.presetIndex}.type` : `presets.${f.presetIndex}`,
      message: f.message,
    }));
  const tooMany = tooManyAddons(addons.length, opts.maxAddons);
  if (tooMany) issues.push({ path: 'presets', message: tooMany });
  return issues;
}
