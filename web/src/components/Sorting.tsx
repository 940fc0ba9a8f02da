import { useId, useState } from 'preact/hooks';
import { criteriaOf, isRecord, move, type Config, type Criterion } from '../lib/config.js';
import { keyStatus, SORT_KEY_INFO, SORT_KEYS, SORT_LISTS, type KeyStatus } from '../lib/sorting.js';
import { useStore } from '../store.js';
import { FieldIssues, RowControls } from './ui.js';

function setCriteria(d: Config, list: string, next: Criterion[]) {
  const sc = isRecord(d.sortCriteria) ? d.sortCriteria : { global: [] };
  if (next.length || list === 'global') sc[list] = next;
  else delete sc[list];
  d.sortCriteria = sc;
}

/** Why a key does nothing now, with a way to the setting that would make it work. */
function Inactive({ status }: { status: KeyStatus }) {
  const { revealPath } = useStore();
  return (
    <span class="warn-text" data-testid="inactive-reason">
      {' '}
      · does nothing now: {status.reason}.
      {status.fixPath ? (
        <>
          {' '}
          <button type="button" class="link" onClick={() => revealPath(status.fixPath!)}>
            {status.fixLabel}
          </button>
        </>
      ) : null}
    </span>
  );
}

export function Sorting() {
  const { config, edit } = useStore();
  const [list, setListId] = useState('global');
  const criteria = criteriaOf(config, list);
  const [pick, setPick] = useState('');
  const selId = useId();
  const addId = useId();
  const used = new Set(criteria.map((c) => c.key));
  const candidates = SORT_KEYS.filter((k) => !used.has(k.key)).map((k) => ({ ...k, status: keyStatus(config, k.key) }));
  const working = candidates.filter((k) => k.status.active);
  const idle = candidates.filter((k) => !k.status.active);
  const update = (next: Criterion[]) => edit((d) => setCriteria(d, list, next));
  const listLabel = SORT_LISTS.find((l) => l.id === list)?.label ?? list;

  return (
    <section aria-labelledby="sorting-h">
      <h2 id="sorting-h" tabIndex={-1}>
        Sorting
      </h2>
      <p class="lead">
        Streams are compared by the first criterion, then the next on a tie. A request for a movie uses the <em>Movies</em> list when it
        has criteria, else <em>All streams</em>; likewise for series and anime. When that list starts with <em>Cached</em> and both the
        cached and uncached lists have criteria, cached and uncached streams are sorted separately by those.
      </p>
      <div class="card">
        <div class="field">
          <label for={selId}>List to edit</label>
          <select id={selId} value={list} onChange={(e) => setListId(e.currentTarget.value)}>
            {SORT_LISTS.map((l) => {
              const n = criteriaOf(config, l.id).length;
              return (
                <option key={l.id} value={l.id}>
                  {l.label}
                  {n ? ` (${n})` : ''}
                </option>
              );
            })}
          </select>
        </div>
        {criteria.length ? (
          <ol class="ordered criteria" aria-label={`Sort criteria: ${listLabel}`} data-path={`sortCriteria.${list}`}>
            {criteria.map((c, i) => {
              const info = SORT_KEY_INFO.get(c.key);
              const status = keyStatus(config, c.key);
              const dirId = `${selId}-dir-${i}`;
              return (
                <li key={c.key} data-testid="sort-criterion" class={status.active ? '' : 'inactive'}>
                  <span class="rank">{i + 1}</span>
                  <span class="value">
                    <strong>{info?.label ?? c.key}</strong>
                    <span class="hint"> — {c.direction === 'asc' ? `reversed (${info?.help ?? ''})` : info?.help}</span>
                    {status.active ? null : <Inactive status={status} />}
                  </span>
                  <label class="sr-only" for={dirId}>
                    Direction for {info?.label ?? c.key}
                  </label>
                  <select
                    id={dirId}
                    class="dir"
                    value={c.direction}
                    onChange={(e) => update(criteria.map((x, j) => (j === i ? { ...x, direction: e.currentTarget.value as 'asc' | 'desc' } : x)))}
                  >
                    <option value="desc">Best first</option>
                    <option value="asc">Reversed</option>
                  </select>
                  <RowControls name={info?.label ?? c.key} index={i} count={criteria.length} onMove={(delta) => update(move(criteria, i, delta))} onRemove={() => update(criteria.filter((_, j) => j !== i))} />
                </li>
              );
            })}
          </ol>
        ) : (
          <p class="empty">{list === 'global' ? 'No criteria: streams keep the order the addons gave them.' : 'Empty: the general list applies.'}</p>
        )}
        <div class="inline wrap">
          <label class="sr-only" for={addId}>
            Add a criterion
          </label>
          <select id={addId} value={pick} onChange={(e) => setPick(e.currentTarget.value)}>
            <option value="">Add a criterion…</option>
            <optgroup label="Work with your settings">
              {working.map((k) => (
                <option key={k.key} value={k.key}>
                  {k.label}
                </option>
              ))}
            </optgroup>
            {idle.length ? (
              <optgroup label="Do nothing with your settings">
                {idle.map((k) => (
                  <option key={k.key} value={k.key} disabled>
                    {k.label} — {k.status.reason}
                  </option>
                ))}
              </optgroup>
            ) : null}
          </select>
          <button
            type="button"
            class="secondary"
            disabled={!pick}
            onClick={() => {
              update([...criteria, { key: pick, direction: 'desc' }]);
              setPick('');
            }}
          >
            Add
          </button>
        </div>
        {idle.some((k) => k.status.fixPath) ? (
          <p class="hint">
            These keys need something set up first (the list above says what):{' '}
            {idle
              .filter((k) => k.status.fixPath)
              .map((k) => k.label)
              .join(', ')}
            .
          </p>
        ) : null}
        <FieldIssues path={`sortCriteria.${list}`} />
      </div>
      <FieldIssues path="sortCriteria" exact />
    </section>
  );
}
