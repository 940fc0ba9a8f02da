import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { normaliseManifestUrl } from '../lib/config.js';
import { isUnset, type OptionInfo, type Options } from '../lib/preset-form.js';
import { SecretInput, Switch } from './ui.js';

/** What every option field gets: its metadata, value, where to write, and what is wrong with it. */
export interface FieldProps {
  spec: OptionInfo;
  value: unknown;
  onChange: (value: unknown) => void;
  /** A dotted id unique in the form (`yourMedia.sources` inside a subsection). */
  path: string;
  problem: string | undefined;
  problems: ReadonlyMap<string, string>;
  /** The choices to offer instead of the declared ones (the services option: only services set up). */
  choicesFor?: (spec: OptionInfo, path: string) => OptionInfo['choices'];
  /** Stored secrets are not shown (config opened by its install link, password not given). */
  locked: boolean;
  /** Something to show under the field (a check's result, a note). */
  note?: (path: string) => ComponentChildren;
  /** Left a text field: `value` as written back (an address normalised), `raw` as typed. */
  onBlur?: (path: string, value: string, raw: string) => void;
}

const fieldId = (path: string) => `opt-${path.replace(/[^\w-]/g, '-')}`;

/** Label, hint and problem around one control; `required` is marked for eyes and screen readers. */
function FieldShell({ spec, path, problem, children, note, group = false }: { spec: OptionInfo; path: string; problem: string | undefined; children: ComponentChildren; note?: ComponentChildren; group?: boolean }) {
  const id = fieldId(path);
  const name = (
    <>
      {spec.name}
      {spec.required ? (
        <span class="req" title="required">
          {' '}*<span class="sr-only"> (required)</span>
        </span>
      ) : null}
    </>
  );
  return (
    <div class={`field option ${problem ? 'invalid' : ''}`} data-option={path}>
      {group ? (
        <span class="label" id={`${id}-label`}>
          {name}
        </span>
      ) : (
        <label for={id}>{name}</label>
      )}
      {spec.description ? (
        <p class="hint" id={`${id}-hint`}>
          {spec.description}
        </p>
      ) : null}
      {children}
      {note}
      {problem ? (
        <p class="error" id={`${id}-error`} data-testid="option-error">
          {problem}
        </p>
      ) : null}
    </div>
  );
}

const describedBy = (spec: OptionInfo, path: string, problem: string | undefined) =>
  [spec.description ? `${fieldId(path)}-hint` : '', problem ? `${fieldId(path)}-error` : ''].filter(Boolean).join(' ') || undefined;

export function OptionField(props: FieldProps) {
  const { spec, path, problem, note } = props;
  const group = spec.type === 'multi-select' || spec.type === 'subsection' || spec.type === 'boolean';
  return (
    <FieldShell spec={spec} path={path} problem={problem} note={note?.(path)} group={group}>
      <Control {...props} />
    </FieldShell>
  );
}

function Control(props: FieldProps) {
  switch (props.spec.type) {
    case 'number':
      return <NumberInput {...props} />;
    case 'boolean':
      return <Switch checked={props.value === true} onChange={props.onChange} label={<span class="sr-only">{props.spec.name}</span>} />;
    case 'select':
      return <SelectInput {...props} />;
    case 'multi-select':
      return <MultiSelect {...props} />;
    case 'subsection':
      return <Subsection {...props} />;
    case 'password':
      return (
        <SecretInput
          id={fieldId(props.path)}
          name={props.spec.name}
          value={typeof props.value === 'string' ? props.value : ''}
          locked={props.locked && typeof props.value === 'string' && props.value !== ''}
          invalid={!!props.problem}
          onChange={props.onChange}
        />
      );
    default:
      return <TextInput {...props} />;
  }
}

/** string, url and select-with-custom (typed, with its choices suggested). */
function TextInput({ spec, value, onChange, path, problem, onBlur }: FieldProps) {
  const id = fieldId(path);
  const url = spec.type === 'url';
  const listId = spec.choices?.length ? `${id}-choices` : undefined;
  return (
    <>
      <input
        id={id}
        type={url ? 'url' : 'text'}
        inputMode={url ? 'url' : undefined}
        spellcheck={false}
        autoComplete="off"
        list={listId}
        value={typeof value === 'string' ? value : ''}
        placeholder={typeof spec.default === 'string' ? spec.default : url ? 'https://…' : undefined}
        required={spec.required && spec.default === undefined}
        aria-invalid={problem ? true : undefined}
        aria-describedby={describedBy(spec, path, problem)}
        onInput={(e) => onChange(e.currentTarget.value)}
        // An address as pasted (stremio://…, no scheme) is written as the https URL it stands for.
        onBlur={(e) => {
          const raw = e.currentTarget.value;
          const next = url && raw.trim() ? normaliseManifestUrl(raw) : raw;
          if (next !== raw) onChange(next);
          onBlur?.(path, next, raw);
        }}
      />
      {listId ? (
        <datalist id={listId}>
          {spec.choices!.map((c) => (
            <option key={String(c.value)} value={String(c.value)}>
              {c.label}
            </option>
          ))}
        </datalist>
      ) : null}
    </>
  );
}

/** Keeps what is typed while it is not a number yet, so the problem shows on the field. */
function NumberInput({ spec, value, onChange, path, problem }: FieldProps) {
  const [text, setText] = useState<string | null>(null);
  const shown = text ?? (typeof value === 'number' ? String(value) : '');
  return (
    <input
      id={fieldId(path)}
      type="text"
      inputMode="numeric"
      value={shown}
      placeholder={spec.default !== undefined ? String(spec.default) : undefined}
      aria-invalid={problem ? true : undefined}
      aria-describedby={describedBy(spec, path, problem)}
      onInput={(e) => {
        const t = e.currentTarget.value;
        setText(t);
        const n = Number(t.trim());
        onChange(t.trim() === '' ? undefined : Number.isFinite(n) ? n : t);
      }}
      onBlur={() => setText(null)}
    />
  );
}

function SelectInput({ spec, value, onChange, path, problem, choicesFor }: FieldProps) {
  const choices = choicesFor?.(spec, path) ?? spec.choices ?? [];
  const current = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  const known = choices.some((c) => String(c.value) === current);
  return (
    <select
      id={fieldId(path)}
      value={current}
      aria-invalid={problem ? true : undefined}
      aria-describedby={describedBy(spec, path, problem)}
      onChange={(e) => {
        const picked = choices.find((c) => String(c.value) === e.currentTarget.value);
        onChange(picked ? picked.value : undefined);
      }}
    >
      {/* An empty choice, unless the kind has one of its own ("None", no rating). */}
      {(!spec.required || isUnset(value)) && !choices.some((c) => c.value === '') ? <option value="">{spec.required ? 'Choose…' : 'Not set (the addon’s default)'}</option> : null}
      {!known && !isUnset(value) ? <option value={current}>{current} (not a choice)</option> : null}
      {choices.map((c) => (
        <option key={String(c.value)} value={String(c.value)}>
          {c.label || 'None'}
        </option>
      ))}
    </select>
  );
}

/** Chips; long lists (languages, providers) get a filter box. */
function MultiSelect({ spec, value, onChange, path, problem, choicesFor }: FieldProps) {
  const [filter, setFilter] = useState('');
  const choices = choicesFor?.(spec, path) ?? spec.choices ?? [];
  const selected = Array.isArray(value) ? (value as unknown[]) : [];
  const long = choices.length > 24;
  const q = filter.trim().toLowerCase();
  const shown = q ? choices.filter((c) => c.label.toLowerCase().includes(q) || String(c.value).toLowerCase().includes(q)) : choices;
  const stray = selected.filter((v) => !choices.some((c) => c.value === v));
  const toggle = (v: string | number, on: boolean) => {
    const next = on ? [...selected, v] : selected.filter((x) => x !== v);
    // Declared order, so the stored list reads like the chips.
    onChange([...choices.map((c) => c.value).filter((c) => next.includes(c)), ...next.filter((x) => !choices.some((c) => c.value === x))]);
  };
  const id = fieldId(path);
  return (
    <div role="group" aria-labelledby={`${id}-label`} aria-describedby={describedBy(spec, path, problem)} id={id} aria-invalid={problem ? true : undefined}>
      {long ? (
        <div class="chip-filter">
          <label class="sr-only" for={`${id}-filter`}>
            Filter {spec.name}
          </label>
          <input id={`${id}-filter`} type="search" placeholder={`Filter ${choices.length} choices…`} value={filter} onInput={(e) => setFilter(e.currentTarget.value)} />
          <span class="hint">{selected.length} chosen</span>
        </div>
      ) : null}
      <div class={`chip-list ${long ? 'scroll' : ''}`}>
        {[...stray.map((v) => ({ value: v as string | number, label: `${String(v)} (not available)` })), ...shown].map((c) => (
          <label class="chip" key={String(c.value)}>
            <input type="checkbox" checked={selected.includes(c.value)} onChange={(e) => toggle(c.value, e.currentTarget.checked)} />
            <span>{c.label}</span>
          </label>
        ))}
        {shown.length === 0 && !stray.length ? <span class="hint">{choices.length ? 'No choice matches.' : 'Nothing to choose from yet.'}</span> : null}
      </div>
    </div>
  );
}

function Subsection(props: FieldProps) {
  const { spec, value, onChange, path, problems } = props;
  const options = (typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {}) as Options;
  return (
    <div class="subsection" role="group" aria-labelledby={`${fieldId(path)}-label`}>
      {(spec.options ?? []).map((sub) => (
        <OptionField
          {...props}
          key={sub.id}
          spec={sub}
          path={`${path}.${sub.id}`}
          value={options[sub.id]}
          problem={problems.get(`${path}.${sub.id}`)}
          onChange={(v) => {
            const next = { ...options };
            if (isUnset(v)) delete next[sub.id];
            else next[sub.id] = v;
            onChange(next);
          }}
        />
      ))}
    </div>
  );
}
