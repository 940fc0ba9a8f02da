import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { issuesUnder, type Issue } from '../lib/config.js';
import { explainIssue, type Explained } from '../lib/issues.js';
import { useStore } from '../store.js';

/** Issues in the words people read (lib/issues.ts), for the config on the page. */
export function useExplain(): (issues: readonly Issue[]) => Explained[] {
  const { config, kinds } = useStore();
  return (issues) => issues.map((i) => explainIssue(i, { config, kinds }));
}

/** The server's (or the page's) problems for one field, shown under it. */
export function FieldIssues({ path, exact = false, id }: { path: string; exact?: boolean; id?: string }) {
  const { issues } = useStore();
  const explain = useExplain();
  const mine = exact ? issues.filter((i) => i.path === path) : issuesUnder(issues, path);
  if (!mine.length) return null;
  return <IssueList issues={explain(mine)} id={id} showWhere={!exact && mine.some((i) => i.path !== path)} />;
}

/** A list of explained problems; `showWhere` names the field of each (when they are not all this one). */
export function IssueList({ issues, id, showWhere = false }: { issues: readonly Explained[]; id?: string | undefined; showWhere?: boolean }) {
  return (
    <ul class="issues" id={id} data-testid="field-issues">
      {issues.map((i) => (
        <li key={`${i.path}:${i.message}`}>
          {showWhere ? <strong>{i.where}: </strong> : null}
          {i.text}
        </li>
      ))}
    </ul>
  );
}

export function Field({
  label,
  hint,
  path,
  children,
  id,
}: {
  label: string;
  hint?: ComponentChildren;
  path?: string;
  id: string;
  children: ComponentChildren;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children}
      {hint ? <p class="hint" id={`${id}-hint`}>{hint}</p> : null}
      {path ? <FieldIssues path={path} exact /> : null}
    </div>
  );
}

export function Switch({
  checked,
  onChange,
  label,
  description,
  testId,
  disabled = false,
}: {
  checked: boolean;
  onChange: (next: boolean) => void;
  label: ComponentChildren;
  description?: string;
  testId?: string;
  disabled?: boolean;
}) {
  const id = useId();
  return (
    <div class="switch-row">
      <input
        id={id}
        class="switch"
        type="checkbox"
        role="switch"
        checked={checked}
        disabled={disabled}
        data-testid={testId}
        aria-describedby={description ? `${id}-d` : undefined}
        onChange={(e) => onChange((e.currentTarget as HTMLInputElement).checked)}
      />
      <label for={id}>{label}</label>
      {description ? (
        <p class="hint" id={`${id}-d`}>
          {description}
        </p>
      ) : null}
    </div>
  );
}

/** A group of toggle chips (checkboxes), e.g. "Excluded resolutions". */
export function ChipSet({
  legend,
  values,
  selected,
  onToggle,
  hint,
  tone = 'neutral',
  path,
}: {
  /** The config list it edits, for bringing it into view. */
  path?: string;
  legend: string;
  values: readonly string[];
  selected: readonly string[];
  onToggle: (value: string, on: boolean) => void;
  hint?: string;
  tone?: 'neutral' | 'bad' | 'good';
}) {
  return (
    <fieldset class={`chips tone-${tone}`} data-path={path}>
      <legend>{legend}</legend>
      {hint ? <p class="hint">{hint}</p> : null}
      <div class="chip-list">
        {values.map((v) => (
          <label class="chip" key={v}>
            <input type="checkbox" checked={selected.includes(v)} onChange={(e) => onToggle(v, (e.currentTarget as HTMLInputElement).checked)} />
            <span>{v}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/**
 * After a row is removed, keyboard focus goes to the row that took its place (or the one before
 * it), on the same control; with no row left, to the section heading. Never to the page body.
 */
function focusRowAfterRemoval(list: Element | null, index: number): void {
  const rows = list?.isConnected ? [...list.children] : [];
  const row = rows[Math.min(index, rows.length - 1)];
  const target = row?.querySelector<HTMLElement>('[data-remove]') ?? row?.querySelector<HTMLElement>('button, input, select, textarea') ?? document.querySelector<HTMLElement>('main h2');
  target?.focus();
}

/** Up / down / remove buttons for one row of an ordered list. */
export function RowControls({
  name,
  index,
  count,
  onMove,
  onRemove,
  removeLabel = 'Remove',
}: {
  name: string;
  index: number;
  count: number;
  onMove: (delta: number) => void;
  onRemove?: () => void;
  removeLabel?: string;
}) {
  return (
    <div class="row-controls">
      <button type="button" class="icon" aria-label={`Move ${name} up`} title="Move up" disabled={index === 0} onClick={() => onMove(-1)}>
        ↑
      </button>
      <button type="button" class="icon" aria-label={`Move ${name} down`} title="Move down" disabled={index === count - 1} onClick={() => onMove(1)}>
        ↓
      </button>
      {onRemove ? (
        <button
          type="button"
          class="icon danger"
          data-remove
          aria-label={`${removeLabel} ${name}`}
          title={removeLabel}
          onClick={(e) => {
            const row = e.currentTarget.closest('li');
            const list = row?.parentElement ?? null;
            const position = row && list ? [...list.children].indexOf(row) : 0;
            onRemove();
            // The list re-renders after this handler; focus once it has.
            setTimeout(() => focusRowAfterRemoval(list, position), 0);
          }}
        >
          ✕
        </button>
      ) : null}
    </div>
  );
}

/**
 * Copies through the async clipboard, or, where there is none (plain http on a LAN address), through
 * a hidden text box and the older copy command, which browsers allow during a click. The box goes
 * next to the button, because a modal dialog makes the rest of the page inert.
 */
async function copyText(text: string, near: HTMLElement): Promise<boolean> {
  try {
    if (navigator.clipboard) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Refused (no permission, not focused): try the older way.
  }
  const box = document.createElement('textarea');
  box.value = text;
  box.readOnly = true;
  box.className = 'copy-buffer';
  near.after(box);
  box.select();
  let copied = false;
  try {
    copied = document.execCommand('copy');
  } catch {
    copied = false;
  }
  box.remove();
  near.focus();
  return copied;
}

/** Selects the text of `el` so the user can copy it by hand. */
function selectText(el: HTMLElement | null): void {
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
    el.focus();
    el.select();
  } else if (el) window.getSelection()?.selectAllChildren(el);
}

export function CopyButton({
  text,
  label,
  source,
  class: cls = 'secondary',
  testId,
}: {
  text: string;
  label: string;
  /** The element showing the text: selected for the user when copying fails. */
  source?: () => HTMLElement | null;
  class?: string;
  testId?: string;
}) {
  const [state, setState] = useState<'idle' | 'ok' | 'fail'>('idle');
  useEffect(() => {
    if (state !== 'ok') return;
    const t = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(t);
  }, [state]);
  return (
    <>
      <button
        type="button"
        class={cls}
        data-testid={testId}
        onClick={async (e) => {
          const button = e.currentTarget;
          const copied = await copyText(text, button);
          if (!copied) selectText(source?.() ?? null);
          setState(copied ? 'ok' : 'fail');
        }}
      >
        {state === 'ok' ? 'Copied ✓' : label}
      </button>
      <span class={state === 'fail' ? 'copy-status error' : 'sr-only'} role="status" data-testid={testId ? `${testId}-status` : undefined}>
        {state === 'ok' ? 'Copied to the clipboard' : state === 'fail' ? 'Could not copy: the text is selected, press Ctrl+C (⌘C on a Mac).' : ''}
      </span>
    </>
  );
}

/**
 * A credential box: masked, with show/hide. `locked` (a config opened by its install link, the
 * password not given yet): the stored value is not put on the page at all.
 */
export function SecretInput({
  id,
  name,
  value,
  onChange,
  locked = false,
  secret = true,
  path,
  invalid,
}: {
  id: string;
  /** For the show/hide button: "Real-Debrid API key". The caller labels the box itself. */
  name: string;
  value: string;
  onChange: (v: string) => void;
  locked?: boolean;
  /** Addresses and account names are not secret: shown as typed. */
  secret?: boolean;
  path?: string;
  invalid?: boolean;
}) {
  const [shown, setShown] = useState(false);
  const plain = !secret || shown;
  return (
    <div class="secret-input inline">
      <input
        id={id}
        type={locked || !plain ? 'password' : 'text'}
        autoComplete="off"
        spellcheck={false}
        value={locked ? '' : value}
        disabled={locked}
        placeholder={locked && value ? 'Stored — enter your password to see or change it' : undefined}
        data-path={path}
        aria-invalid={invalid || undefined}
        onInput={(e) => onChange(e.currentTarget.value)}
      />
      {secret ? (
        <button type="button" class="secondary small" aria-pressed={shown} aria-label={`Show ${name}`} disabled={locked} aria-controls={id} onClick={() => setShown(!shown)}>
          {shown ? 'Hide' : 'Show'}
        </button>
      ) : null}
    </div>
  );
}

/** A modal <dialog>: focus moves in, Escape closes, the page behind is inert. */
export function Modal({
  title,
  onClose,
  children,
  wide = false,
  testId,
}: {
  title: string;
  onClose: () => void;
  children: ComponentChildren;
  wide?: boolean;
  testId?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      class={wide ? 'modal wide' : 'modal'}
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(e: JSX.TargetedEvent<HTMLDialogElement, Event>) => {
        e.preventDefault();
        onClose();
      }}
    >
      <div class="modal-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" class="icon" aria-label="Close" onClick={onClose}>
          ✕
        </button>
      </div>
      {children}
    </dialog>
  );
}

/** A list of free strings (keywords, release groups): type and press Enter, remove with ✕. */
export function TagInput({
  label,
  values,
  onChange,
  max,
  placeholder,
  hint,
  path,
}: {
  label: string;
  values: string[];
  onChange: (next: string[]) => void;
  max?: number;
  placeholder?: string;
  hint?: string;
  path: string;
}) {
  const id = useId();
  const [text, setText] = useState('');
  const full = max !== undefined && values.length >= max;
  const add = () => {
    const items = text
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s && !values.includes(s));
    if (!items.length) return;
    onChange([...values, ...items].slice(0, max ?? Infinity));
    setText('');
  };
  return (
    <div class="field tag-input">
      <label for={id}>{label}</label>
      {hint ? <p class="hint">{hint}</p> : null}
      {values.length ? (
        <ul class="tags" aria-label={label}>
          {values.map((v) => (
            <li key={v} class="tag">
              <span>{v}</span>
              <button type="button" class="icon small" aria-label={`Remove ${v}`} onClick={() => onChange(values.filter((x) => x !== v))}>
                ✕
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div class="inline">
        <input
          id={id}
          type="text"
          data-path={path}
          value={text}
          placeholder={placeholder}
          disabled={full}
          onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <button type="button" class="secondary" onClick={add} disabled={full || !text.trim()}>
          Add
        </button>
      </div>
      {full ? <p class="hint">At most {max} entries.</p> : null}
      <FieldIssues path={path} />
    </div>
  );
}

/** Closes the dialog it is in and opens the Services tab at the services list. */
export function SetUpServicesLink({ children }: { children: ComponentChildren }) {
  const { setDialog, revealPath } = useStore();
  return (
    <button
      type="button"
      class="link"
      onClick={() => {
        setDialog(null);
        revealPath('services');
      }}
    >
      {children}
    </button>
  );
}

/** A form's error, announced when it appears. */
export function ErrorLine({ error }: { error: string | null }) {
  return error ? (
    <p class="error" role="alert">
      {error}
    </p>
  ) : null;
}
