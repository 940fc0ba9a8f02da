import { useId, useMemo, useRef, useState } from 'preact/hooks';
import { MAX_TEMPLATE_LENGTH } from '../lib/config.js';
import { checkTemplate, fieldCompletions, renderedProblems } from '../lib/templates.js';
import { FieldIssues } from './ui.js';

/**
 * A custom template box: problems listed as they are typed (line, column, what was probably
 * meant), and field names completed after `{` (arrow keys to choose, Enter or Tab to take one,
 * Escape to close). Problems are warnings: the server stores any template.
 */
export function TemplateEditor({
  label,
  value,
  onInput,
  rows,
  rendered,
  path,
}: {
  label: string;
  value: string;
  onInput: (v: string) => void;
  rows: number;
  /** This template as the preview rendered it, for modifiers that only fail on a value. */
  rendered: readonly string[];
  path: string;
}) {
  const id = useId();
  const ref = useRef<HTMLTextAreaElement>(null);
  const [caret, setCaret] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState<number | null>(null);
  const problems = useMemo(() => [...checkTemplate(value), ...renderedProblems(value, rendered)].sort((a, b) => a.index - b.index), [value, rendered]);
  const completion = caret !== null && caret !== dismissed ? fieldCompletions(value, caret) : null;
  const over = value.length > MAX_TEMPLATE_LENGTH;

  const track = () => setCaret(ref.current?.selectionStart ?? null);
  const accept = (field: string) => {
    if (!completion || caret === null) return;
    const closed = /^[}:\]]/.test(value.slice(caret));
    const next = value.slice(0, completion.from) + field + (closed ? '' : '}') + value.slice(caret);
    const at = completion.from + field.length;
    onInput(next);
    setActive(0);
    setCaret(at);
    setDismissed(at);
    // Once the new text is rendered, the caret goes right after the field, ready for ::modifiers.
    setTimeout(() => ref.current?.setSelectionRange(at, at), 0);
  };

  return (
    <div class="field template-editor">
      <label for={id}>{label}</label>
      <div class="completion-anchor">
        <textarea
          id={id}
          ref={ref}
          class="mono"
          rows={rows}
          spellcheck={false}
          value={value}
          data-path={path}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={!!completion}
          aria-controls={`${id}-list`}
          aria-activedescendant={completion ? `${id}-opt-${active}` : undefined}
          aria-describedby={`${id}-problems ${id}-count`}
          onInput={(e) => {
            onInput(e.currentTarget.value);
            setCaret(e.currentTarget.selectionStart);
            setDismissed(null);
            setActive(0);
          }}
          onClick={track}
          onKeyUp={(e) => {
            if (!['ArrowDown', 'ArrowUp', 'Enter', 'Tab', 'Escape'].includes(e.key)) track();
          }}
          onBlur={() => setCaret(null)}
          onKeyDown={(e) => {
            if (!completion) return;
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              const n = completion.options.length;
              setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : n - 1)) % n);
            } else if (e.key === 'Enter' || e.key === 'Tab') {
              e.preventDefault();
              accept(completion.options[Math.min(active, completion.options.length - 1)]!);
            } else if (e.key === 'Escape') {
              e.preventDefault();
              setDismissed(caret);
            }
          }}
        />
        <ul id={`${id}-list`} role="listbox" class="completions" aria-label="Field names" hidden={!completion} data-testid="completions">
          {completion?.options.map((f, i) => (
            <li
              key={f}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              // mousedown, so the textarea keeps focus and its caret.
              onMouseDown={(e) => {
                e.preventDefault();
                accept(f);
              }}
            >
              {f}
            </li>
          ))}
        </ul>
      </div>
      <p class={over ? 'error' : 'hint'} id={`${id}-count`}>
        {value.length} / {MAX_TEMPLATE_LENGTH} characters
      </p>
      <div id={`${id}-problems`} aria-live="polite">
        {problems.length ? (
          <ul class="template-problems" data-testid="template-problems">
            {problems.map((p) => (
              <li key={`${p.index}:${p.message}`}>
                <span class="where">
                  Line {p.line}, column {p.column}:
                </span>{' '}
                {p.message}.{p.suggestion ? <> Did you mean <code>{p.suggestion}</code>?</> : null}
              </li>
            ))}
          </ul>
        ) : value ? (
          <p class="ok-text">No problems found.</p>
        ) : null}
      </div>
      <FieldIssues path={path} exact />
    </div>
  );
}
