import { useEffect, useMemo, useState } from 'preact/hooks';
import { resourceNames, type ManifestInfo } from '../lib/api.js';
import { manifestUrlProblem, move, newInstanceId, normaliseManifestUrl, presetsOf, type Config, type Preset } from '../lib/config.js';
import { describePreview, previewExpansion, type EntryPreview } from '../lib/expansion.js';
import type { KindInfo } from '../lib/preset-form.js';
import { useStore, type ManifestState } from '../store.js';
import { Catalogue, ServicesLine } from './Catalogue.js';
import { PresetForm } from './PresetForm.js';
import { FieldIssues, Modal, RowControls, Switch } from './ui.js';

/** Kinds that wrap a whole manifest URL the user gives; the page can check those addons answer. */
const WRAPPERS = new Set(['custom', 'aiostreams']);

function wrappedUrl(p: Preset): string | undefined {
  const url = p.options.manifestUrl;
  return WRAPPERS.has(p.type) && typeof url === 'string' && url ? normaliseManifestUrl(url) : undefined;
}

function editPreset(edit: (fn: (d: Config) => void) => void, index: number, fn: (p: Preset) => void) {
  edit((d) => {
    const list = presetsOf(d);
    const p = list[index];
    if (p) fn(p);
    d.presets = list;
  });
}

export function Addons() {
  const { config, setDialog, fetchManifest, manifests, kinds, session } = useStore();
  const presets = presetsOf(config);
  const uuid = session && !session.isAlias ? session.user : undefined;
  const expansion = useMemo(() => previewExpansion(config, uuid), [config, uuid]);
  const urls = presets.map(wrappedUrl).filter((u): u is string => !!u);

  // Every wrapped addon is checked as soon as it is listed, so a dead one shows on its row.
  useEffect(() => {
    for (const url of urls) void fetchManifest(url);
  }, [urls.join('\n')]);

  return (
    <section aria-labelledby="addons-h">
      <h2 id="addons-h" tabIndex={-1}>
        Addons
      </h2>
      <p class="lead">
        The Stremio addons to gather streams, catalogs and subtitles from. Order is priority: streams from higher addons come first
        among equals, and the <em>addon</em> sort key follows it.
      </p>
      <div class="card add-addon">
        <button type="button" class="primary" data-testid="open-catalogue" onClick={() => setDialog({ kind: 'addon' })}>
          Browse addons…
        </button>
        <QuickAdd />
      </div>
      <FieldIssues path="presets" exact />
      {presets.length === 0 ? (
        <p class="empty">No addons yet. Browse the addons above, or paste a manifest URL: every stream you see in Stremio comes from these.</p>
      ) : (
        <ol class="stack" aria-label="Your addons">
          {presets.map((p, i) => {
            const url = wrappedUrl(p);
            return (
              <AddonCard
                key={p.instanceId || `#${i}`}
                preset={p}
                index={i}
                count={presets.length}
                kind={kinds.get(p.type)}
                preview={expansion.entries.get(i)}
                manifest={url ? manifests[url] : undefined}
                onRetry={url ? () => void fetchManifest(url, true) : undefined}
              />
            );
          })}
        </ol>
      )}
    </section>
  );
}

/** A custom addon straight from its manifest URL (install links and scheme-less addresses work too). */
function QuickAdd() {
  const { config, edit, fetchManifest } = useStore();
  const [url, setUrl] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [read, setRead] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);

  async function add(e: Event) {
    e.preventDefault();
    const target = normaliseManifestUrl(url);
    setRead(target !== url.trim() ? target : null);
    const local = manifestUrlProblem(target);
    if (local) return setProblem(local);
    if (presetsOf(config).some((p) => p.options.manifestUrl === target)) return setProblem(`${target} is already in your list.`);
    setProblem(null);
    setAdding(true);
    const state = await fetchManifest(target, true);
    setAdding(false);
    if (state.status !== 'ok') return setProblem(`Could not load ${target}: ${state.status === 'error' ? state.error : 'no answer'}`);
    const m = state.manifest;
    edit((d) => {
      const list = presetsOf(d);
      list.push({ type: 'custom', instanceId: newInstanceId(list.map((p) => p.instanceId)), enabled: true, options: { name: m.name?.trim() || m.id, manifestUrl: target } });
      d.presets = list;
    });
    setUrl('');
  }

  return (
    <form class="quick-add" onSubmit={add} noValidate>
      <label for="manifest-url">Or paste an addon manifest URL</label>
      <div class="inline">
        <input
          id="manifest-url"
          type="url"
          inputMode="url"
          autoComplete="off"
          spellcheck={false}
          placeholder="https://addon.example.com/manifest.json"
          data-draft
          value={url}
          aria-invalid={problem ? true : undefined}
          aria-describedby="manifest-url-help"
          onInput={(e) => {
            setUrl(e.currentTarget.value);
            setProblem(null);
            setRead(null);
          }}
        />
        <button type="submit" class="secondary" disabled={adding || !url.trim()}>
          {adding ? 'Checking…' : 'Add by URL'}
        </button>
      </div>
      <p class="hint" id="manifest-url-help">
        The addon's install link (…/manifest.json). stremio:// links and addresses without https:// work too. The server fetches it to
        check it is a Stremio addon.
      </p>
      {read ? (
        <p class="hint" data-testid="add-addon-read">
          Read as {read}
        </p>
      ) : null}
      {problem ? (
        <p class="error" role="alert" data-testid="add-addon-error">
          {problem}
        </p>
      ) : null}
    </form>
  );
}

function AddonCard({
  preset,
  index,
  count,
  kind,
  preview,
  manifest,
  onRetry,
}: {
  preset: Preset;
  index: number;
  count: number;
  kind: KindInfo | undefined;
  preview: EntryPreview | undefined;
  manifest: ManifestState | undefined;
  onRetry: (() => void) | undefined;
}) {
  const { edit, setDialog } = useStore();
  const o = preset.options;
  const name = typeof o.name === 'string' && o.name.trim() ? o.name : (kind?.name ?? preset.type);
  const url = wrappedUrl(preset);
  const m = manifest?.status === 'ok' ? manifest.manifest : undefined;
  const set = (fn: (p: Preset) => void) => editPreset(edit, index, fn);
  const planned = preview?.failure?.stage === 'planned';
  return (
    <li class={`card addon ${preset.enabled ? '' : 'disabled'}`} data-testid="addon-card">
      <div class="addon-head">
        <AddonLogo manifest={m} name={name} />
        <div class="addon-title">
          <h3 class="card-title addon-name" title={name}>
            {name}
          </h3>
          <p class="url">
            <span class="badge">{kind?.name ?? preset.type}</span> {url ? <span title={url}>{url}</span> : null}
          </p>
        </div>
        <Switch checked={preset.enabled} onChange={(on) => set((p) => (p.enabled = on))} label={<span class="sr-only">Enable {name}</span>} testId="addon-enabled" />
      </div>

      {manifest?.status === 'error' ? (
        <p class="error" data-testid="addon-dead">
          Not reachable: {manifest.error}{' '}
          <button type="button" class="link" onClick={onRetry}>
            Check again
          </button>
        </p>
      ) : manifest?.status === 'loading' ? (
        <p class="hint">Checking the addon…</p>
      ) : null}
      {m ? <ManifestSummary manifest={m} /> : null}
      {/* What an entry expands to, where there is something to say: services, or several addons. */}
      {preset.enabled && preview?.addons.length && (kind?.services.length || preview.addons.length > 1) ? (
        <p class="expansion-line" data-testid="addon-expansion">
          Gives {describePreview(preview)}.
        </p>
      ) : null}
      {planned ? <p class="warn-text">{preview!.failure!.message}</p> : null}
      {kind ? <ServicesLine kind={kind} chosen={Array.isArray(o.services) ? (o.services as string[]) : undefined} /> : null}

      <div class="addon-row">
        {kind && !kind.removed ? (
          <button type="button" class="secondary" data-path={`presets.${index}`} aria-label={`Edit ${name}`} onClick={() => setDialog({ kind: 'addon', index })}>
            Edit
          </button>
        ) : null}
        {m?.catalogs.length ? <CatalogList manifest={m} /> : null}
        <div class="spacer" />
        <RowControls
          name={name}
          index={index}
          count={count}
          onMove={(delta) => edit((d) => (d.presets = move(presetsOf(d), index, delta)))}
          onRemove={() => edit((d) => (d.presets = presetsOf(d).filter((_, i) => i !== index)))}
        />
      </div>
      <FieldIssues path={`presets.${index}`} />
    </li>
  );
}

function AddonLogo({ manifest, name }: { manifest: ManifestInfo | undefined; name: string }) {
  const [broken, setBroken] = useState(false);
  const logo = manifest?.logo;
  if (logo && !broken && /^https?:\/\//.test(logo)) {
    return <img class="logo" src={logo} alt="" width={44} height={44} loading="lazy" referrerPolicy="no-referrer" onError={() => setBroken(true)} />;
  }
  return (
    <span class="logo placeholder" aria-hidden="true">
      {name.slice(0, 1).toUpperCase()}
    </span>
  );
}

function ManifestSummary({ manifest }: { manifest: ManifestInfo }) {
  // Catalogs are re-exported even when the manifest forgets to list the catalog resource.
  const resources = [...new Set([...resourceNames(manifest), ...(manifest.catalogs.length ? ['catalog'] : [])])];
  return (
    <dl class="facts" data-testid="manifest-summary">
      <div>
        <dt>Resources</dt>
        <dd>{resources.length ? resources.join(', ') : 'none'}</dd>
      </div>
      <div>
        <dt>Types</dt>
        <dd>{manifest.types.length ? manifest.types.join(', ') : 'none'}</dd>
      </div>
      <div>
        <dt>Catalogs</dt>
        <dd>{manifest.catalogs.length}</dd>
      </div>
      {manifest.version ? (
        <div>
          <dt>Version</dt>
          <dd>{manifest.version}</dd>
        </div>
      ) : null}
    </dl>
  );
}

function CatalogList({ manifest }: { manifest: ManifestInfo }) {
  return (
    <details class="catalog-list">
      <summary>Catalogs ({manifest.catalogs.length})</summary>
      <ul class="catalogs">
        {manifest.catalogs.map((c) => (
          <li key={`${c.type}/${c.id}`}>
            <span class="badge">{c.type}</span> {c.name || c.id}
          </li>
        ))}
      </ul>
    </details>
  );
}

/** "Add an addon": the catalogue, then the chosen kind's form; or straight to the form of entry `index`. */
export function AddonDialog({ index }: { index: number | undefined }) {
  const { config, kinds, setDialog, revealPath } = useStore();
  const existing = index === undefined ? undefined : presetsOf(config)[index];
  const [kind, setKind] = useState<KindInfo | undefined>(existing ? kinds.get(existing.type) : undefined);
  const close = () => setDialog(null);
  const title = !kind ? 'Add an addon' : existing ? `Edit ${typeof existing.options.name === 'string' && existing.options.name ? existing.options.name : kind.name}` : `Add ${kind.name}`;
  return (
    <Modal title={title} onClose={close} wide testId="addon-dialog">
      {kind ? (
        <>
          {existing ? null : (
            <button type="button" class="link back" onClick={() => setKind(undefined)}>
              ← All addons
            </button>
          )}
          <PresetForm
            key={kind.id}
            kind={kind}
            index={index}
            onDone={(at) => {
              close();
              revealPath(`presets.${at}`);
            }}
          />
        </>
      ) : (
        <Catalogue onPick={setKind} />
      )}
    </Modal>
  );
}
