import { useId, useState } from 'preact/hooks';
import { AUDIO_CHANNELS, AUDIO_TAGS, ENCODES, LANGUAGES, QUALITIES, RESOLUTIONS, STREAM_TYPES, VISUAL_TAGS } from '../../../src/addon/pipeline/types.js';
import {
  bytesToGbText,
  gbTextToBytes,
  isRecord,
  MAX_KEYWORDS,
  move,
  setList,
  setSizeWindow,
  sizeWindow,
  stringList,
  type SizeKind,
} from '../lib/config.js';
import { filterConflicts } from '../lib/filters.js';
import { checkUserRegex } from '../lib/regex.js';
import { useStore } from '../store.js';
import { ChipSet, FieldIssues, RowControls, Switch, TagInput } from './ui.js';

interface Family {
  key: string;
  label: string;
  values: readonly string[];
  note?: string;
}

/** The families of config.md §5.2 the page edits, with their exact enum values. */
export const FAMILIES: Family[] = [
  { key: 'Resolutions', label: 'Resolutions', values: RESOLUTIONS },
  { key: 'Qualities', label: 'Qualities', values: QUALITIES },
  { key: 'Encodes', label: 'Encodes', values: ENCODES },
  {
    key: 'VisualTags',
    label: 'Visual tags',
    values: VISUAL_TAGS,
    note: 'HDR+DV, DV Only and HDR Only are combinations worked out per stream; a stream matches a list when any of its tags is in it.',
  },
  { key: 'AudioTags', label: 'Audio tags', values: AUDIO_TAGS },
  {
    key: 'AudioChannels',
    label: 'Audio channels',
    values: AUDIO_CHANNELS,
    note: 'Excluded and required channels filter streams; the audio channels sort key has no effect (as in AIOStreams).',
  },
  {
    key: 'Languages',
    label: 'Languages',
    values: LANGUAGES,
    note: 'An excluded language only drops a release when all of its languages are excluded.',
  },
  {
    key: 'Subtitles',
    label: 'Subtitles',
    values: LANGUAGES,
    note: 'Only a few addons say which subtitles a stream has (Torrentio does); for the others they are Unknown.',
  },
  { key: 'StreamTypes', label: 'Stream types', values: STREAM_TYPES },
];

export function Filters() {
  return (
    <section aria-labelledby="filters-h">
      <h2 id="filters-h" tabIndex={-1}>
        Filters
      </h2>
      <p class="lead">
        <strong>Excluded</strong> values drop a stream, <strong>required</strong> values drop every stream without one, and{' '}
        <strong>preferred</strong> values (first is best) order streams when the matching sort key is used. <em>Unknown</em> stands for
        a stream where the value could not be found.
      </p>
      <div class="stack">
        {FAMILIES.map((f) => (
          <FamilyCard key={f.key} family={f} />
        ))}
        <ReleaseGroupCard />
        <SizeCard />
        <CacheCard />
        <KeywordCard />
        <RegexCard />
      </div>
    </section>
  );
}

function FamilyCard({ family }: { family: Family }) {
  const { config, edit, issues } = useStore();
  const flagged = issues.some((i) => ['excluded', 'required', 'preferred', 'included'].some((p) => i.path.split('.')[0] === `${p}${family.key}`));
  const excluded = stringList(config, `excluded${family.key}`);
  const required = stringList(config, `required${family.key}`);
  const preferred = stringList(config, `preferred${family.key}`);
  const lower = family.label.toLowerCase();
  const toggle = (prefix: string) => (value: string, on: boolean) =>
    edit((d) => {
      const key = `${prefix}${family.key}`;
      const cur = stringList(d, key);
      const next = on ? [...cur, value] : cur.filter((v) => v !== value);
      // Keep the enum order, so the list reads the same as the chips.
      setList(d, key, family.values.filter((v) => next.includes(v)).concat(next.filter((v) => !family.values.includes(v))));
    });
  const summary = [excluded.length && `${excluded.length} excluded`, required.length && `${required.length} required`, preferred.length && `${preferred.length} preferred`]
    .filter(Boolean)
    .join(' · ');
  return (
    <details class="card family" data-testid={`family-${family.key}`} open={flagged || undefined}>
      <summary>
        <span class="summary-title">{family.label}</span>
        <span class="summary-meta">{summary || 'no filter'}</span>
      </summary>
      {family.note ? <p class="hint">{family.note}</p> : null}
      <UnknownValues family={family} />
      <ChipSet legend={`Excluded ${lower}`} path={`excluded${family.key}`} values={family.values} selected={excluded} onToggle={toggle('excluded')} tone="bad" />
      <FieldIssues path={`excluded${family.key}`} />
      <ChipSet legend={`Required ${lower}`} path={`required${family.key}`} values={family.values} selected={required} onToggle={toggle('required')} tone="good" />
      <FieldIssues path={`required${family.key}`} />
      <Conflicts family={family.key} />
      <PreferredList family={family} list={preferred} />
      <FieldIssues path={`preferred${family.key}`} />
    </details>
  );
}

/** Values no chip shows (a typo in an imported file, say), so they can still be removed. */
function UnknownValues({ family }: { family: Family }) {
  const { config, edit } = useStore();
  const stray = ['excluded', 'required', 'preferred', 'included'].flatMap((prefix) =>
    stringList(config, `${prefix}${family.key}`)
      .filter((v) => !family.values.includes(v))
      .map((v) => ({ prefix, v })),
  );
  if (!stray.length) return null;
  return (
    <div class="notice warn">
      <p class="hint">These values are not {family.label.toLowerCase()} the server knows:</p>
      <ul class="tags">
        {stray.map(({ prefix, v }) => (
          <li key={`${prefix}:${v}`} class="tag">
            <span>
              {prefix} “{v}”
            </span>
            <button
              type="button"
              class="icon small"
              aria-label={`Remove ${v} from ${prefix} ${family.label.toLowerCase()}`}
              onClick={() => edit((d) => setList(d, `${prefix}${family.key}`, stringList(d, `${prefix}${family.key}`).filter((x) => x !== v)))}
            >
              ✕
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Values that contradict across the lists of one family, as soon as they are set, with one-click fixes. */
function Conflicts({ family, ignoreCase = false }: { family: string; ignoreCase?: boolean }) {
  const { config, edit } = useStore();
  const conflicts = filterConflicts(config, family, ignoreCase);
  if (!conflicts.length) return null;
  const drop = (list: string, value: string) => edit((d) => setList(d, list, stringList(d, list).filter((v) => v !== value)));
  return (
    <ul class="notice warn conflicts" role="status" data-testid={`conflicts-${family}`}>
      {conflicts.map((c) => (
        <li key={`${c.moot}:${c.value}`}>
          {c.moot === 'required'
            ? `“${c.value}” is both excluded and required: streams with it are dropped before the requirement is checked, so requiring it does nothing.`
            : `“${c.value}” is excluded, so preferring it does nothing.`}{' '}
          <button type="button" class="link" onClick={() => drop(`${c.moot}${family}`, c.value)}>
            Remove it from {c.moot}
          </button>
          {c.moot === 'required' ? (
            <>
              {' · '}
              <button type="button" class="link" onClick={() => drop(`excluded${family}`, c.value)}>
                Remove it from excluded
              </button>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function PreferredList({ family, list }: { family: Family; list: string[] }) {
  const { edit } = useStore();
  const [pick, setPick] = useState('');
  const id = useId();
  const key = `preferred${family.key}`;
  const rest = family.values.filter((v) => !list.includes(v));
  const set = (next: string[]) => edit((d) => setList(d, key, next));
  const lower = family.label.toLowerCase();
  return (
    <fieldset class="preferred" data-path={key}>
      <legend>Preferred {lower} (first is best)</legend>
      {list.length ? (
        <ol class="ordered" aria-label={`Preferred ${lower}`}>
          {list.map((v, i) => (
            <li key={v}>
              <span class="rank">{i + 1}</span>
              <span class="value">{v}</span>
              <RowControls name={v} index={i} count={list.length} onMove={(delta) => set(move(list, i, delta))} onRemove={() => set(list.filter((x) => x !== v))} />
            </li>
          ))}
        </ol>
      ) : (
        <p class="hint">No preference: the {lower} sort key has no effect.</p>
      )}
      <div class="inline wrap">
        <label class="sr-only" for={id}>
          Add a preferred value
        </label>
        <select id={id} value={pick} onChange={(e) => setPick((e.currentTarget as HTMLSelectElement).value)} disabled={!rest.length}>
          <option value="">Add a value…</option>
          {rest.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
        <button
          type="button"
          class="secondary"
          disabled={!pick}
          onClick={() => {
            set([...list, pick]);
            setPick('');
          }}
        >
          Add
        </button>
        <button type="button" class="secondary" disabled={!rest.length} onClick={() => set([...list, ...rest])}>
          Add all in default order
        </button>
        {list.length ? (
          <button type="button" class="link" onClick={() => set([])}>
            Clear
          </button>
        ) : null}
      </div>
    </fieldset>
  );
}

const SIZE_KINDS: { kind: SizeKind; label: string }[] = [
  { kind: 'movies', label: 'Movies' },
  { kind: 'series', label: 'Series episodes' },
];

function SizeCard() {
  const { config } = useStore();
  const perResolution = isRecord(config.size) && isRecord(config.size.resolution) && Object.keys(config.size.resolution).length > 0;
  return (
    <div class="card" data-path="size">
      <h3 class="card-title">File size</h3>
      <p class="hint">In GB (1 GB = 1000 MB). Leave a box empty for no limit. Streams of unknown size always pass.</p>
      <div class="size-grid">
        {SIZE_KINDS.map(({ kind, label }) => (
          <SizeRow key={kind} kind={kind} label={label} />
        ))}
      </div>
      {perResolution ? <p class="hint">This config also has per-resolution size limits; edit them in the JSON editor.</p> : null}
      <FieldIssues path="size" />
    </div>
  );
}

function SizeRow({ kind, label }: { kind: SizeKind; label: string }) {
  const { config, edit } = useStore();
  const w = sizeWindow(config, kind);
  return (
    <fieldset class="size-row">
      <legend>{label}</legend>
      <GbInput label={`${label}: minimum size in GB`} short="Min" bytes={w.min} onCommit={(b) => edit((d) => setSizeWindow(d, kind, b, sizeWindow(d, kind).max))} />
      <GbInput label={`${label}: maximum size in GB`} short="Max" bytes={w.max} onCommit={(b) => edit((d) => setSizeWindow(d, kind, sizeWindow(d, kind).min, b))} />
    </fieldset>
  );
}

function GbInput({ label, short, bytes, onCommit }: { label: string; short: string; bytes: number | undefined; onCommit: (b: number | undefined) => void }) {
  const id = useId();
  const shown = bytesToGbText(bytes);
  const [text, setText] = useState<string | null>(null);
  const value = text ?? shown;
  const parsed = gbTextToBytes(value);
  return (
    <div class="field compact">
      <label for={id}>
        {short}
        <span class="sr-only"> ({label})</span>
      </label>
      <div class="unit-input">
        <input
          id={id}
          type="text"
          inputMode="decimal"
          value={value}
          placeholder="no limit"
          aria-invalid={parsed === null ? true : undefined}
          onInput={(e) => {
            const t = (e.currentTarget as HTMLInputElement).value;
            setText(t);
            const b = gbTextToBytes(t);
            if (b !== null) onCommit(b);
          }}
          // Invalid text stays (with its message) until fixed, so Save can point at it.
          onBlur={() => parsed !== null && setText(null)}
        />
        <span aria-hidden="true">GB</span>
      </div>
      {parsed === null ? <p class="error">Enter a number of GB, like 2.5</p> : null}
    </div>
  );
}

function CacheCard() {
  const { config, edit } = useStore();
  return (
    <div class="card">
      <h3 class="card-title">Debrid cache</h3>
      <Switch
        checked={config.excludeUncached === true}
        onChange={(on) => edit((d) => (on ? (d.excludeUncached = true) : delete d.excludeUncached))}
        label="Exclude uncached streams"
        description="Drop debrid streams your service would first have to download. Streams without a service are kept."
        testId="exclude-uncached"
      />
    </div>
  );
}

function KeywordCard() {
  const { config, edit } = useStore();
  const lists = [
    { key: 'excludedKeywords', label: 'Excluded keywords', hint: 'Drop a stream whose file, folder, release group or indexer contains one of these words.' },
    { key: 'requiredKeywords', label: 'Required keywords', hint: 'Drop every stream that contains none of these words.' },
    { key: 'preferredKeywords', label: 'Preferred keywords', hint: 'Streams with one of these words rank higher when the keyword sort key is used.' },
  ];
  return (
    <div class="card">
      <h3 class="card-title">Keywords</h3>
      <p class="hint">Whole words, any case: “HC” matches Movie.HC.HDRip but “CAM” does not match HDCAM. Separate several with commas.</p>
      {lists.map((l) => (
        <TagInput
          key={l.key}
          label={l.label}
          hint={l.hint}
          values={stringList(config, l.key)}
          max={MAX_KEYWORDS}
          path={l.key}
          placeholder="e.g. HDCAM"
          onChange={(next) => edit((d) => setList(d, l.key, next))}
        />
      ))}
      <Conflicts family="Keywords" ignoreCase />
    </div>
  );
}

/** Release groups are free names (compared without case); the release group sort key reads the preferred list. */
function ReleaseGroupCard() {
  const { config, edit } = useStore();
  const lists = [
    { key: 'excludedReleaseGroups', label: 'Excluded release groups', hint: 'Drop streams from these groups.' },
    { key: 'requiredReleaseGroups', label: 'Required release groups', hint: 'Drop every stream not from one of these groups.' },
    { key: 'preferredReleaseGroups', label: 'Preferred release groups', hint: 'In order, first is best: used by the release group sort key.' },
  ];
  return (
    <div class="card" data-testid="release-groups">
      <h3 class="card-title">Release groups</h3>
      {lists.map((l) => (
        <TagInput key={l.key} label={l.label} hint={l.hint} values={stringList(config, l.key)} path={l.key} placeholder="e.g. FLUX" onChange={(next) => edit((d) => setList(d, l.key, next))} />
      ))}
      <Conflicts family="ReleaseGroups" ignoreCase />
    </div>
  );
}

function RegexCard() {
  return (
    <div class="card">
      <h3 class="card-title">Regex patterns</h3>
      <p class="hint">
        Write <code>/pattern/flags</code> (flags from g i m u y n) or a bare pattern (case-sensitive). They are tested against the
        file name, folder, release group and indexer. The server runs them with RE2: lookahead, lookbehind and backreferences are not
        supported. Your server's operator may limit regex filters to trusted users.
      </p>
      <RegexList listKey="excludedRegexPatterns" label="Excluded patterns" />
      <RegexList listKey="requiredRegexPatterns" label="Required patterns" />
      <RegexList listKey="includedRegexPatterns" label="Always-keep patterns" />
      <PreferredRegexList />
    </div>
  );
}

function RegexList({ listKey, label }: { listKey: string; label: string }) {
  const { config, edit } = useStore();
  const id = useId();
  const [text, setText] = useState('');
  const list = stringList(config, listKey);
  const check = text ? checkUserRegex(text) : {};
  const add = () => {
    if (!text || check.error || list.includes(text)) return;
    edit((d) => setList(d, listKey, [...stringList(d, listKey), text]));
    setText('');
  };
  return (
    <div class="field regex-list">
      <label for={id}>{label}</label>
      {list.length ? (
        <ul class="regexes">
          {list.map((p) => {
            const c = checkUserRegex(p);
            return (
              <li key={p}>
                <code>{p}</code>
                {c.error ? <span class="error"> ✗ {c.error}</span> : c.warning ? <span class="warn-text"> {c.warning}</span> : null}
                <button type="button" class="icon small" aria-label={`Remove pattern ${p}`} onClick={() => edit((d) => setList(d, listKey, stringList(d, listKey).filter((x) => x !== p)))}>
                  ✕
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
      <div class="inline">
        <input
          id={id}
          class="mono"
          type="text"
          data-path={listKey}
          spellcheck={false}
          autoComplete="off"
          value={text}
          placeholder="/\bHDCAM\b/i"
          aria-invalid={check.error ? true : undefined}
          aria-describedby={`${id}-msg`}
          onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <button type="button" class="secondary" onClick={add} disabled={!text || !!check.error}>
          Add
        </button>
      </div>
      <p id={`${id}-msg`} class={check.error ? 'error' : 'hint'} aria-live="polite">
        {check.error ? `Not usable: ${check.error}` : check.warning ?? ''}
      </p>
      <FieldIssues path={listKey} />
    </div>
  );
}

function PreferredRegexList() {
  const { config, edit } = useStore();
  const id = useId();
  const [name, setName] = useState('');
  const [pattern, setPattern] = useState('');
  const raw = Array.isArray(config.preferredRegexPatterns) ? (config.preferredRegexPatterns as unknown[]) : [];
  const list = raw.filter(isRecord) as { name?: unknown; pattern?: unknown }[];
  const check = pattern ? checkUserRegex(pattern, true) : {};
  const setAll = (next: unknown[]) => edit((d) => setList(d, 'preferredRegexPatterns', next));
  return (
    <fieldset class="preferred" data-path="preferredRegexPatterns">
      <legend>Preferred patterns (first is best; used by the regex sort key)</legend>
      {list.length ? (
        <ol class="ordered">
          {list.map((r, i) => {
            const p = String(r.pattern ?? '');
            const c = checkUserRegex(p, true);
            const label = String(r.name || p);
            return (
              <li key={`${i}:${p}`}>
                <span class="rank">{i + 1}</span>
                <span class="value">
                  <strong>{String(r.name ?? '')}</strong> <code>{p}</code>
                  {c.error ? <span class="error"> ✗ {c.error}</span> : null}
                </span>
                <RowControls name={label} index={i} count={list.length} onMove={(delta) => setAll(move(raw, i, delta))} onRemove={() => setAll(raw.filter((_, j) => j !== i))} />
              </li>
            );
          })}
        </ol>
      ) : null}
      <div class="inline wrap">
        <div class="field compact">
          <label for={`${id}-n`}>Name</label>
          <input id={`${id}-n`} type="text" value={name} placeholder="Remux" onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)} />
        </div>
        <div class="field compact grow">
          <label for={`${id}-p`}>Pattern</label>
          <input
            id={`${id}-p`}
            class="mono"
            type="text"
            spellcheck={false}
            value={pattern}
            placeholder="/remux/i"
            aria-invalid={check.error ? true : undefined}
            onInput={(e) => setPattern((e.currentTarget as HTMLInputElement).value)}
          />
        </div>
        <button
          type="button"
          class="secondary align-end"
          disabled={!pattern || !!check.error}
          onClick={() => {
            setAll([...raw, { name: name.trim(), pattern }]);
            setName('');
            setPattern('');
          }}
        >
          Add
        </button>
      </div>
      {check.error ? <p class="error">Not usable: {check.error}</p> : null}
      <FieldIssues path="preferredRegexPatterns" />
    </fieldset>
  );
}
