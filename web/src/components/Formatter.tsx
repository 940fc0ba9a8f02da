import { useMemo } from 'preact/hooks';
import { BUILTIN_FORMATTERS } from '../../../src/formatter/index.js';
import { clone, isRecord, type Config } from '../lib/config.js';
import { renderPreview, type PreviewLine } from '../lib/samples.js';
import { useStore } from '../store.js';
import { TemplateEditor } from './TemplateEditor.js';
import { FieldIssues } from './ui.js';

export const FORMATTERS: { id: string; label: string }[] = [
  { id: 'prism', label: 'Prism' },
  { id: 'gdrive', label: 'Google Drive' },
  { id: 'lightgdrive', label: 'Light Google Drive' },
  { id: 'minimalisticgdrive', label: 'Minimalistic' },
  { id: 'torrentio', label: 'Torrentio' },
  { id: 'torbox', label: 'Torbox' },
  { id: 'tamtaro', label: 'Tamtaro' },
  { id: 'custom', label: 'Custom' },
];

type Fmt = { id?: unknown; definitions?: Record<string, unknown>; [k: string]: unknown };

function formatterOf(cfg: Config): Fmt {
  return isRecord(cfg.formatter) ? (cfg.formatter as Fmt) : {};
}

function customPair(f: Fmt): { name: string; description: string } | undefined {
  const c = isRecord(f.definitions) ? f.definitions.custom : undefined;
  return isRecord(c) ? { name: String(c.name ?? ''), description: String(c.description ?? '') } : undefined;
}

export function Formatter() {
  const { config, edit, instance } = useStore();
  const f = formatterOf(config);
  const id = typeof f.id === 'string' ? f.id : 'prism';
  const custom = customPair(f);
  const overrides = isRecord(f.definitions) && isRecord(f.definitions.overrides) ? f.definitions.overrides : {};
  const hasOverride = id !== 'custom' && isRecord(overrides[id]);

  const choose = (next: string) =>
    edit((d) => {
      const fmt: Fmt = isRecord(d.formatter) ? (d.formatter as Fmt) : {};
      if (next === 'custom' && !customPair(fmt)) {
        // Start from what the user sees now, so a custom look is a small edit away.
        const from = (isRecord(overrides[id]) ? overrides[id] : BUILTIN_FORMATTERS[id] ?? BUILTIN_FORMATTERS.prism) as { name: string; description: string };
        fmt.definitions = { ...(isRecord(fmt.definitions) ? fmt.definitions : {}), custom: { name: from.name, description: from.description } };
      }
      fmt.id = next;
      d.formatter = fmt;
    });

  const setCustom = (field: 'name' | 'description', value: string) =>
    edit((d) => {
      const fmt: Fmt = isRecord(d.formatter) ? (d.formatter as Fmt) : { id: 'custom' };
      const defs = isRecord(fmt.definitions) ? fmt.definitions : {};
      const cur = isRecord(defs.custom) ? defs.custom : { name: '', description: '' };
      defs.custom = { ...cur, [field]: value };
      fmt.definitions = defs;
      d.formatter = fmt;
    });

  // Only the parts the formatter reads, so typing elsewhere does not re-render the preview.
  const previewKey = JSON.stringify([
    config.formatter,
    config.addonName,
    ...['VisualTags', 'AudioTags', 'AudioChannels', 'Languages', 'Subtitles'].flatMap((fam) => ['preferred', 'required', 'included'].map((p) => config[`${p}${fam}`])),
  ]);
  const preview = useMemo((): { lines: PreviewLine[] } | { error: string } => {
    try {
      return { lines: renderPreview(clone(config), instance.name) };
    } catch (err) {
      return { error: (err as Error).message };
    }
  }, [previewKey, instance.name]);

  return (
    <section aria-labelledby="formatter-h">
      <h2 id="formatter-h" tabIndex={-1}>
        Formatter
      </h2>
      <p class="lead">How each stream is written in Stremio: its name (left column) and description.</p>
      <div class="formatter-layout">
        <div>
          <fieldset class="card radio-cards">
            <legend>Look</legend>
            <div class="radio-grid">
              {FORMATTERS.map((o) => (
                <label key={o.id} class="radio-card">
                  <input type="radio" name="formatter" value={o.id} checked={id === o.id} onChange={() => choose(o.id)} />
                  <span>{o.label}</span>
                </label>
              ))}
            </div>
          </fieldset>
          {/* Template problems show under their own box (TemplateEditor). */}
          {['formatter', 'formatter.id', 'formatter.definitions.custom'].map((path) => (
            <FieldIssues key={path} path={path} exact />
          ))}
          {hasOverride ? (
            <p class="hint card">
              This configuration replaces the built-in {id} templates with its own.{' '}
              <button
                type="button"
                class="link"
                onClick={() =>
                  edit((d) => {
                    const fmt = formatterOf(d);
                    const defs = fmt.definitions as Record<string, Record<string, unknown>>;
                    delete defs.overrides![id];
                    if (!Object.keys(defs.overrides!).length) delete defs.overrides;
                  })
                }
              >
                Use the built-in templates
              </button>
            </p>
          ) : null}
          {id === 'custom' ? (
            <div class="card">
              <p class="hint">
                Write text with fields in braces, like <code>{'{stream.resolution}'}</code>, <code>{'{stream.size::bytes}'}</code> or{' '}
                <code>{'{service.cached["⚡"||"⏳"]}'}</code>. Type <code>{'{'}</code> and a few letters for field names. Empty lines are
                removed. The preview updates as you type.
              </p>
              <TemplateEditor
                label="Name template"
                path="formatter.definitions.custom.name"
                value={custom?.name ?? ''}
                onInput={(v) => setCustom('name', v)}
                rows={3}
                rendered={'lines' in preview ? preview.lines.map((l) => l.name) : []}
              />
              <TemplateEditor
                label="Description template"
                path="formatter.definitions.custom.description"
                value={custom?.description ?? ''}
                onInput={(v) => setCustom('description', v)}
                rows={9}
                rendered={'lines' in preview ? preview.lines.map((l) => l.description) : []}
              />
            </div>
          ) : null}
        </div>
        <div class="preview" aria-labelledby="preview-h">
          <h3 id="preview-h" class="small-h">
            Live preview
          </h3>
          {'error' in preview ? (
            <p class="error" data-testid="preview-error">
              {preview.error}
            </p>
          ) : (
            <ul class="streams" data-testid="preview">
              {preview.lines.map((l, i) => (
                <li key={i} class="stream" data-testid="preview-stream" aria-label={l.label}>
                  <div class="stream-name" data-testid="preview-name">
                    {l.name}
                  </div>
                  <div class="stream-desc" data-testid="preview-description">
                    {l.description}
                  </div>
                </li>
              ))}
            </ul>
          )}
          <p class="hint">Sample streams, rendered by the same code the server uses.</p>
        </div>
      </div>
    </section>
  );
}
