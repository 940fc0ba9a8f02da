import { useId, useState } from 'preact/hooks';
import { criteriaOf, isRecord, move, stringList, type Config, type Criterion } from '../lib/config.js';
import { useStore } from '../store.js';
import { FieldIssues, RowControls } from './ui.js';

const LISTS: { id: string; label: string }[] = [
  { id: 'global', label: 'All streams (global)' },
  { id: 'movies', label: 'Movies' },
  { id: 'series', label: 'Series' },
  { id: 'anime', label: 'Anime' },
  { id: 'cached', label: 'Cached streams' },
  { id: 'uncached', label: 'Uncached streams' },
  { id: 'cachedMovies', label: 'Cached movies' },
  { id: 'uncachedMovies', label: 'Uncached movies' },
  { id: 'cachedSeries', label: 'Cached series' },
  { id: 'uncachedSeries', label: 'Uncached series' },
  { id: 'cachedAnime', label: 'Cached anime' },
  { id: 'uncachedAnime', label: 'Uncached anime' },
];

/** Sort keys (config.md §6) with what "best first" means for each. */
export const SORT_KEYS: { key: string; label: string; help: string; preferred?: string }[] = [
  { key: 'cached', label: 'Cached', help: 'cached streams (and streams without a service) first' },
  { key: 'resolution', label: 'Resolution', help: 'in your preferred resolutions order', preferred: 'preferredResolutions' },
  { key: 'quality', label: 'Quality', help: 'in your preferred qualities order', preferred: 'preferredQualities' },
  { key: 'size', label: 'Size', help: 'larger files first' },
  { key: 'seeders', label: 'Seeders', help: 'more seeders first' },
  { key: 'visualTag', label: 'Visual tag', help: 'in your preferred visual tags order', preferred: 'preferredVisualTags' },
  { key: 'audioTag', label: 'Audio tag', help: 'in your preferred audio tags order', preferred: 'preferredAudioTags' },
  { key: 'encode', label: 'Encode', help: 'in your preferred encodes order', preferred: 'preferredEncodes' },
  { key: 'language', label: 'Language', help: 'in your preferred languages order', preferred: 'preferredLanguages' },
  { key: 'streamType', label: 'Stream type', help: 'in your preferred stream types order', preferred: 'preferredStreamTypes' },
  { key: 'service', label: 'Service', help: 'in the order of your services' },
  { key: 'addon', label: 'Addon', help: 'in the order of your addons' },
  { key: 'library', label: 'Library', help: 'your library files first' },
  { key: 'keyword', label: 'Preferred keywords', help: 'streams matching a preferred keyword first' },
  { key: 'regexPatterns', label: 'Preferred patterns', help: 'in your preferred regex patterns order' },
  { key: 'releaseGroup', label: 'Release group', help: 'in your preferred release groups order', preferred: 'preferredReleaseGroups' },
  { key: 'subtitle', label: 'Subtitles', help: 'in your preferred subtitles order', preferred: 'preferredSubtitles' },
  { key: 'private', label: 'Private tracker', help: 'private-tracker streams first' },
  { key: 'age', label: 'Age', help: 'larger age value first' },
  { key: 'bitrate', label: 'Bitrate', help: 'higher bitrate first' },
  { key: 'audioChannel', label: 'Audio channels', help: 'accepted for compatibility; has no effect' },
  { key: 'streamExpressionMatched', label: 'Stream expression matched', help: 'not active yet on this server' },
  { key: 'streamExpressionScore', label: 'Stream expression score', help: 'not active yet on this server' },
  { key: 'regexScore', label: 'Regex score', help: 'not active yet on this server' },
  { key: 'seadex', label: 'SeaDex', help: 'not active yet on this server' },
];
const KEY_INFO = new Map(SORT_KEYS.map((k) => [k.key, k]));

function setCriteria(d: Config, list: string, next: Criterion[]) {
  const sc = isRecord(d.sortCriteria) ? d.sortCriteria : { global: [] };
  if (next.length || list === 'global') sc[list] = next;
  else delete sc[list];
  d.sortCriteria = sc;
}

export function Sorting() {
  const { config, edit } = useStore();
  const [list, setListId] = useState('global');
  const criteria = criteriaOf(config, list);
  const [pick, setPick] = useState('');
  const selId = useId();
  const addId = useId();
  const used = new Set(criteria.map((c) => c.key));
  const available = SORT_KEYS.filter((k) => !used.has(k.key));
  const update = (next: Criterion[]) => edit((d) => setCriteria(d, list, next));
  const listIndex = LISTS.findIndex((l) => l.id === list);

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
          <select id={selId} value={list} onChange={(e) => setListId((e.currentTarget as HTMLSelectElement).value)}>
            {LISTS.map((l) => {
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
          <ol class="ordered criteria" aria-label={`Sort criteria: ${LISTS[listIndex]?.label ?? list}`}>
            {criteria.map((c, i) => {
              const info = KEY_INFO.get(c.key);
              const missing = info?.preferred && !stringList(config, info.preferred).length;
              const dirId = `${selId}-dir-${i}`;
              return (
                <li key={c.key} data-testid="sort-criterion">
                  <span class="rank">{i + 1}</span>
                  <span class="value">
                    <strong>{info?.label ?? c.key}</strong>
                    <span class="hint"> — {c.direction === 'asc' ? `reversed (${info?.help ?? ''})` : info?.help}</span>
                    {missing ? <span class="warn-text"> · set a preferred list in Filters for this to matter</span> : null}
                  </span>
                  <label class="sr-only" for={dirId}>
                    Direction for {info?.label ?? c.key}
                  </label>
                  <select
                    id={dirId}
                    class="dir"
                    value={c.direction}
                    onChange={(e) => update(criteria.map((x, j) => (j === i ? { ...x, direction: (e.currentTarget as HTMLSelectElement).value as 'asc' | 'desc' } : x)))}
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
          <select id={addId} value={pick} onChange={(e) => setPick((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">Add a criterion…</option>
            {available.map((k) => (
              <option key={k.key} value={k.key}>
                {k.label}
              </option>
            ))}
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
        <FieldIssues path={`sortCriteria.${list}`} />
      </div>
      <FieldIssues path="sortCriteria" exact />
    </section>
  );
}
