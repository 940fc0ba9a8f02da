import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { issuesUnder, type Issue } from '../lib/config.js';
import { useStore } from '../store.js';

/** The server's (or the page's) problems for one field, shown under it. */
export function FieldIssues({ path, exact = false, id }: { path: string; exact?: boolean; id?: string }) {
  const { issues } = useStore();
  const mine = exact ? issues.filter((i) => i.path === path) : issuesUnder(issues, path);
  if (!mine.length) return null;
  return <IssueList issues={mine} id={id} showPath={!exact} />;
}

export function IssueList({ issues, id, showPath = false }: { issues: Issue[]; id?: string | undefined; showPath?: boolean }) {
  return (
    <ul class="issues" id={id} data-testid="field-issues">
      {issues.map((i) => (
        <li key={`${i.path}:${i.message}`}>
          {showPath && i.path ? <code>{i.path}</code> : null} {i.message}
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
}: {
  checked: boolean;
  onChange: (next: boolean) => void;
  label: ComponentChildren;
  description?: string;
  testId?: string;
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
}: {
  legend: string;
  values: readonly string[];
  selected: readonly string[];
  onToggle: (value: string, on: boolean) => void;
  hint?: string;
  tone?: 'neutral' | 'bad' | 'good';
}) {
  return (
    <fieldset class={`chips tone-${tone}`}>
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
        <button type="button" class="icon danger" aria-label={`${removeLabel} ${name}`} title={removeLabel} onClick={onRemove}>
          ✕
        </button>
      ) : null}
    </div>
  );
}

async function copyText(text: string, fallbackFrom?: HTMLElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Plain-http instances have no async clipboard: select the text for the user instead.
    if (fallbackFrom instanceof HTMLInputElement || fallbackFrom instanceof HTMLTextAreaElement) {
      fallbackFrom.focus();
      fallbackFrom.select();
      return document.execCommand?.('copy') ?? false;
    }
    return false;
  }
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
  source?: () => HTMLElement | null;
  class?: string;
  testId?: string;
}) {
  const [state, setState] = useState<'idle' | 'ok' | 'fail'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const t = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(t);
  }, [state]);
  return (
    <>
      <button type="button" class={cls} data-testid={testId} onClick={async () => setState((await copyText(text, source?.())) ? 'ok' : 'fail')}>
        {state === 'ok' ? 'Copied ✓' : label}
      </button>
      <span class="sr-only" aria-live="polite">
        {state === 'ok' ? 'Copied to the clipboard' : state === 'fail' ? 'Copy failed: the text is selected, press Ctrl+C' : ''}
      </span>
    </>
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
