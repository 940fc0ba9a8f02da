import { useId, useMemo, useState } from 'preact/hooks';
import { kindServices, serviceStates, type KindInfo } from '../lib/preset-form.js';
import { serviceName } from '../lib/service-rows.js';
import { useStore } from '../store.js';
import { SetUpServicesLink } from './ui.js';

const CATEGORIES: { id: string; label: string }[] = [
  { id: 'streams', label: 'Streams' },
  { id: 'subtitles', label: 'Subtitles' },
  { id: 'catalogs', label: 'Catalogs' },
  { id: 'misc', label: 'Other' },
];
const categoryLabel = (id: string) => CATEGORIES.find((c) => c.id === id)?.label ?? id;

const RESOURCE_LABELS: Record<string, string> = { stream: 'streams', subtitles: 'subtitles', catalog: 'catalogs', meta: 'metadata', addon_catalog: 'addon catalogs' };

/** The user's services as kinds see them: ready = on, with credentials. */
function useReadyServices(): string[] {
  const { config } = useStore();
  return serviceStates(config).filter((s) => s.ready).map((s) => s.id);
}

/** "Set up: Real-Debrid · Not set up: AllDebrid, Premiumize": under every addon that takes services. */
export function ServicesLine({ kind, chosen }: { kind: KindInfo; chosen?: readonly string[] | undefined }) {
  const { config } = useStore();
  const { ready, missing } = kindServices(kind, serviceStates(config));
  if (!kind.services.length) return null;
  const used = chosen ? ready.filter((id) => chosen.includes(id)) : ready;
  const names = (ids: readonly string[]) => ids.map(serviceName).join(', ');
  return (
    <p class="services-line" data-testid="services-line">
      {used.length ? (
        <span class="ok-text">Uses your {names(used)}.</span>
      ) : (
        <span class="warn-text">
          {ready.length ? 'None of your services is chosen' : 'None of its services is set up'}:{' '}
          {kind.requiresService ? 'it gives no streams without one.' : 'it works peer to peer only.'}
        </span>
      )}{' '}
      {missing.length ? <span class="muted">Not set up: {names(missing)}.</span> : null}{' '}
      {missing.length ? <SetUpServicesLink>Set up services</SetUpServicesLink> : null}
    </p>
  );
}

/** The catalogue: every kind the server builds, searchable, filtered by category and service. */
export function Catalogue({ onPick }: { onPick: (kind: KindInfo) => void }) {
  const { catalogue, catalogueError } = useStore();
  const ready = useReadyServices();
  const [query, setQuery] = useState('');
  const [category, setCategory] = useState('');
  const [service, setService] = useState('');
  const id = useId();
  const kinds = useMemo(() => (catalogue?.kinds ?? []).filter((k) => !k.removed), [catalogue]);
  const serviceIds = useMemo(() => [...new Set(kinds.flatMap((k) => k.services))], [kinds]);
  if (!catalogue) {
    return <p class={catalogueError ? 'error' : 'loading'}>{catalogueError ? `Could not load the list of addons: ${catalogueError}` : 'Loading the list of addons…'}</p>;
  }
  const q = query.trim().toLowerCase();
  const shown = kinds.filter(
    (k) =>
      (!q || k.name.toLowerCase().includes(q) || k.id.toLowerCase().includes(q)) &&
      (!category || k.category === category) &&
      (!service || (service === 'mine' ? k.services.some((s) => ready.includes(s)) : (k.services as readonly string[]).includes(service))),
  );
  return (
    <div class="catalogue" data-testid="catalogue">
      <div class="catalogue-filters">
        <div class="field compact grow">
          <label for={`${id}-q`}>Search by name</label>
          <input id={`${id}-q`} type="search" value={query} placeholder="Torrentio, Comet, subtitles…" onInput={(e) => setQuery(e.currentTarget.value)} />
        </div>
        <div class="field compact">
          <label for={`${id}-c`}>Category</label>
          <select id={`${id}-c`} value={category} onChange={(e) => setCategory(e.currentTarget.value)}>
            <option value="">All</option>
            {CATEGORIES.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        <div class="field compact">
          <label for={`${id}-s`}>Works with</label>
          <select id={`${id}-s`} value={service} onChange={(e) => setService(e.currentTarget.value)}>
            <option value="">Any service, or none</option>
            <option value="mine">My services</option>
            {serviceIds.map((s) => (
              <option key={s} value={s}>
                {serviceName(s)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p class="hint" role="status" aria-live="polite">
        {shown.length} of {kinds.length} addons
      </p>
      <ul class="kind-grid">
        {shown.map((k) => (
          <KindCard key={k.id} kind={k} ready={ready} onPick={onPick} />
        ))}
      </ul>
    </div>
  );
}

function KindCard({ kind, ready, onPick }: { kind: KindInfo; ready: readonly string[]; onPick: (kind: KindInfo) => void }) {
  const headingId = useId();
  return (
    <li class="kind-card" data-testid="kind-card" data-kind={kind.id} aria-labelledby={headingId}>
      <div class="kind-head">
        <h3 id={headingId} class="card-title">
          {kind.name}
        </h3>
        <span class="badge">{categoryLabel(kind.category)}</span>
      </div>
      <p class="desc">{kind.description}</p>
      {kind.services.length ? (
        <ul class="service-chips" aria-label={`Services ${kind.name} works with`}>
          {kind.services.map((s) => {
            const mine = ready.includes(s);
            return (
              <li key={s} class={mine ? 'mine' : ''} title={mine ? `${serviceName(s)}: set up` : serviceName(s)}>
                {mine ? '✓ ' : ''}
                {serviceName(s)}
                {mine ? <span class="sr-only"> (set up)</span> : null}
              </li>
            );
          })}
        </ul>
      ) : (
        <p class="hint">Needs no debrid service.</p>
      )}
      <p class="hint">Gives: {kind.resources.map((r) => RESOURCE_LABELS[r] ?? r).join(', ')}</p>
      <button type="button" class="primary" aria-label={`Add ${kind.name}`} onClick={() => onPick(kind)}>
        Add
      </button>
    </li>
  );
}
