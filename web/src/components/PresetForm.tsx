import { useMemo, useState } from 'preact/hooks';
import { clone, manifestUrlProblem, MAX_ADDONS, newInstanceId, presetsOf, type Config } from '../lib/config.js';
import { describePreview, previewExpansion } from '../lib/expansion.js';
import { plainMessage } from '../lib/issues.js';
import { isUnset, optionProblems, serviceStates, withOption, initialOptions, type KindInfo, type OptionInfo, type Options } from '../lib/preset-form.js';
import { useStore } from '../store.js';
import { ServicesLine } from './Catalogue.js';
import { OptionField } from './OptionField.js';
import { SetUpServicesLink } from './ui.js';

/** The entry as it would be with the form's options: at `index` when editing, appended when adding. */
function withDraft(config: Config, kind: KindInfo, options: Options, index: number | undefined): { draft: Config; at: number } {
  const draft = clone(config);
  const list = presetsOf(draft);
  const entry = index === undefined ? { type: kind.id, instanceId: 'draft', enabled: true, options } : { ...list[index]!, enabled: true, options };
  const at = index ?? list.length;
  list[at] = entry;
  draft.presets = list;
  return { draft, at };
}

/**
 * A kind's form, built from its option metadata; adds an entry or edits entry `index`. Problems
 * show on their field as values are typed (a required field once it was visited or on submit),
 * and the box at the end says what the entry expands to, computed by the server's own rules.
 */
export function PresetForm({ kind, index, onDone }: { kind: KindInfo; index: number | undefined; onDone: (index: number) => void }) {
  const { config, edit, session, fetchManifest, manifests } = useStore();
  const [options, setOptions] = useState<Options>(() => (index === undefined ? initialOptions(kind) : clone(presetsOf(config)[index]?.options ?? {})));
  const [visited, setVisited] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  /** Addresses the form rewrote (stremio://…, no scheme), to say so. */
  const [rewritten, setRewritten] = useState<Record<string, string>>({});
  const [checked, setChecked] = useState<string | null>(null);

  const { draft, at } = useMemo(() => withDraft(config, kind, options, index), [config, kind, options, index]);
  const expansion = useMemo(() => previewExpansion(draft, session && !session.isAlias ? session.user : undefined), [draft, session]);
  const preview = expansion.entries.get(at);
  const problems = optionProblems(kind.options, options);
  // What the server's own rules refuse, on the option they name (services, credentials, URLs).
  const failure = preview?.failure;
  if (failure?.option && !problems.has(failure.option)) problems.set(failure.option, plainMessage(failure.message, options[failure.option]));
  const shownProblem = (path: string) => {
    const p = problems.get(path);
    return p && (p !== 'Required.' || submitted || visited.has(path)) ? p : undefined;
  };

  const ready = serviceStates(config).filter((s) => s.ready).map((s) => s.id);
  const choicesFor = (spec: OptionInfo): OptionInfo['choices'] => {
    if (spec.id !== 'services') return spec.choices;
    // Only services that can work; one already chosen stays (marked) so it can be taken out.
    const chosen = Array.isArray(options.services) ? (options.services as string[]) : [];
    return ready.flatMap((id) => spec.choices?.filter((c) => c.value === id) ?? []).concat((spec.choices ?? []).filter((c) => chosen.includes(String(c.value)) && !ready.includes(String(c.value))));
  };

  const checkManifest = async (url: string) => {
    const problem = manifestUrlProblem(url);
    if (problem) return;
    setChecked(url);
    const state = await fetchManifest(url, true);
    const name = state.status === 'ok' ? state.manifest.name?.trim() : undefined;
    // A name still at the kind's default is replaced by the addon's own.
    if (name) setOptions((o) => (isUnset(o.name) || o.name === kind.options.find((s) => s.id === 'name')?.default ? { ...o, name } : o));
  };

  const note = (path: string) => {
    const notes = [];
    if (rewritten[path]) notes.push(<p class="hint" key="rw">Read as {rewritten[path]}: stremio:// links and addresses without http(s):// mean the same https address.</p>);
    if (path === 'manifestUrl' && checked && checked === options.manifestUrl) {
      const state = manifests[checked];
      notes.push(
        state?.status === 'ok' ? (
          <p class="ok-text" key="m">
            Found “{state.manifest.name || state.manifest.id}” at {checked}.
          </p>
        ) : state?.status === 'error' ? (
          <p class="error" key="m" data-testid="manifest-check-error">
            Could not load {checked}: {state.error}
          </p>
        ) : (
          <p class="hint" key="m">
            Checking {checked}…
          </p>
        ),
      );
    }
    if (path === 'services' && !choicesFor(kind.options.find((o) => o.id === 'services')!)?.length) {
      notes.push(
        <p class="hint" key="s">
          None of the services {kind.name} works with is set up.{' '}
          <SetUpServicesLink>Set one up</SetUpServicesLink>
        </p>,
      );
    }
    return notes.length ? notes : null;
  };

  const field = (spec: OptionInfo) => (
    <OptionField
      key={spec.id}
      spec={spec}
      path={spec.id}
      value={options[spec.id]}
      problem={shownProblem(spec.id)}
      problems={new Map([...problems].filter(([k]) => shownProblem(k)))}
      choicesFor={choicesFor}
      locked={!!session && !session.passwordKnown}
      note={note}
      onChange={(v) => setOptions((o) => withOption(o, spec.id, v))}
      onBlur={(path, value, raw) => {
        setVisited((s) => new Set(s).add(path));
        setRewritten((r) => ({ ...r, [path]: value !== raw && typeof value === 'string' ? value : '' }));
        if (path === 'manifestUrl' && typeof value === 'string' && value) void checkManifest(value);
      }}
    />
  );

  const submit = (e: Event) => {
    e.preventDefault();
    const first = kind.options.map((o) => o.id).find((id) => [...problems.keys()].some((k) => k === id || k.startsWith(`${id}.`)));
    if (first) {
      setSubmitted(true);
      document.querySelector<HTMLElement>(`[data-option="${first}"] :is(input, select, textarea)`)?.focus();
      return;
    }
    let added = index ?? 0;
    edit((d) => {
      const list = presetsOf(d);
      if (index !== undefined && list[index]) list[index] = { ...list[index], options };
      else {
        added = list.length;
        list.push({ type: kind.id, instanceId: newInstanceId(list.map((p) => p.instanceId)), enabled: true, options });
      }
      d.presets = list;
    });
    onDone(index ?? added);
  };

  const basic = kind.options.filter((o) => !o.advanced);
  const advanced = kind.options.filter((o) => o.advanced);
  const advancedProblem = advanced.some((o) => [...problems.keys()].some((k) => (k === o.id || k.startsWith(`${o.id}.`)) && shownProblem(k)));
  return (
    <form class="preset-form" onSubmit={submit} noValidate data-testid="preset-form">
      <p class="hint">{kind.description}</p>
      <ServicesLine kind={kind} chosen={Array.isArray(options.services) ? (options.services as string[]) : undefined} />
      <p class="hint">
        Fields marked <span class="req">*</span> are required.
      </p>
      {basic.map(field)}
      {advanced.length ? (
        <details class="advanced" open={advancedProblem || undefined}>
          <summary>Advanced</summary>
          {advanced.map(field)}
        </details>
      ) : null}
      <div class={`expansion ${failure ? 'bad' : ''}`} role="status" data-testid="expansion-preview">
        <strong>What this adds: </strong>
        {failure ? (
          <span class="error">{plainMessage(failure.message, undefined)}</span>
        ) : preview ? (
          <span>{describePreview(preview)}</span>
        ) : (
          <span>Nothing yet.</span>
        )}
        {expansion.total > MAX_ADDONS ? <span class="error"> You would then have {expansion.total} addons: at most {MAX_ADDONS} can be used.</span> : null}
      </div>
      <div class="modal-actions">
        <button type="submit" class="primary">
          {index === undefined ? `Add ${kind.name}` : 'Update this addon'}
        </button>
      </div>
    </form>
  );
}
