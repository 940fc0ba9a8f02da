import { useEffect, useState } from 'preact/hooks';
import { resourceNames, type ManifestInfo } from '../lib/api.js';
import {
  DEFAULT_TIMEOUT_MS,
  manifestUrlProblem,
  MAX_ADDONS,
  MAX_TIMEOUT_MS,
  MIN_TIMEOUT_MS,
  move,
  newInstanceId,
  normaliseManifestUrl,
  presetsOf,
  type Config,
  type Preset,
} from '../lib/config.js';
import { useStore, type ManifestState } from '../store.js';
import { FieldIssues, RowControls, Switch } from './ui.js';

const RESOURCES = ['stream', 'catalog', 'meta', 'subtitles', 'addon_catalog'] as const;
const MEDIA_TYPES = ['movie', 'series', 'anime'] as const;

function editPreset(edit: (fn: (d: Config) => void) => void, index: number, fn: (p: Preset) => void) {
  edit((d) => {
    const list = presetsOf(d);
    const p = list[index];
    if (p) fn(p);
    d.presets = list;
  });
}

export function Addons() {
  const { config, edit, fetchManifest, manifests } = useStore();
  const presets = presetsOf(config);
  const [url, setUrl] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const enabled = presets.filter((p) => p.enabled).length;

  async function add(e: Event) {
    e.preventDefault();
    const target = normaliseManifestUrl(url);
    const local = manifestUrlProblem(target);
    if (local) return setProblem(local);
    if (presets.some((p) => p.options.manifestUrl === target)) return setProblem('This addon is already in your list.');
    setProblem(null);
    setAdding(true);
    const state = await fetchManifest(target, true);
    setAdding(false);
    if (state.status !== 'ok') return setProblem(state.status === 'error' ? state.error : 'Could not load the manifest.');
    const m = state.manifest;
    edit((d) => {
      const list = presetsOf(d);
      list.push({
        type: 'custom',
        instanceId: newInstanceId(list.map((p) => p.instanceId)),
        enabled: true,
        options: { name: m.name?.trim() || m.id, manifestUrl: target },
      });
      d.presets = list;
    });
    setUrl('');
  }

  return (
    <section aria-labelledby="addons-h">
      <h2 id="addons-h" tabIndex={-1}>
        Addons
      </h2>
      <p class="lead">
        The Stremio addons to gather streams, catalogs and subtitles from. Order is priority: streams from higher addons come first
        among equals, and the <em>addon</em> sort key follows it.
      </p>

      <form class="card add-addon" onSubmit={add} noValidate>
        <label for="manifest-url">Addon manifest URL</label>
        <div class="inline">
          <input
            id="manifest-url"
            type="url"
            inputMode="url"
            autoComplete="off"
            spellcheck={false}
            placeholder="https://addon.example.com/manifest.json"
            value={url}
            aria-invalid={problem ? true : undefined}
            aria-describedby="manifest-url-help"
            onInput={(e) => {
              setUrl((e.currentTarget as HTMLInputElement).value);
              setProblem(null);
            }}
          />
          <button type="submit" class="primary" disabled={adding || !url.trim()}>
            {adding ? 'Checking…' : 'Add addon'}
          </button>
        </div>
        <p class="hint" id="manifest-url-help">
          Paste the addon's install link (…/manifest.json; stremio:// links work too). The server fetches it to check it is a Stremio addon.
        </p>
        {problem ? (
          <p class="error" role="alert" data-testid="add-addon-error">
            {problem}
          </p>
        ) : null}
      </form>

      {enabled > MAX_ADDONS ? (
        <p class="error" role="status">
          At most {MAX_ADDONS} addons can be enabled at once ({enabled} are).
        </p>
      ) : null}
      <FieldIssues path="presets" exact />

      {presets.length === 0 ? (
        <p class="empty">No addons yet. Add one above: every stream you see in Stremio comes from these.</p>
      ) : (
        <ol class="stack" aria-label="Your addons">
          {presets.map((p, i) => (
            <AddonCard key={p.instanceId || `#${i}`} preset={p} index={i} count={presets.length} manifest={manifests[String(p.options.manifestUrl)]} onLoad={fetchManifest} />
          ))}
        </ol>
      )}
    </section>
  );
}

function AddonCard({
  preset,
  index,
  count,
  manifest,
  onLoad,
}: {
  preset: Preset;
  index: number;
  count: number;
  manifest: ManifestState | undefined;
  onLoad: (url: string, force?: boolean) => Promise<ManifestState>;
}) {
  const { edit } = useStore();
  const [open, setOpen] = useState(false);
  const o = preset.options;
  const custom = preset.type === 'custom';
  const name = typeof o.name === 'string' && o.name ? o.name : custom ? 'Custom Addon' : preset.type;
  const url = typeof o.manifestUrl === 'string' ? o.manifestUrl : typeof o.url === 'string' ? o.url : '';
  const timeout = typeof o.timeout === 'number' ? o.timeout : undefined;
  const timeoutBad = timeout !== undefined && (timeout < MIN_TIMEOUT_MS || timeout > MAX_TIMEOUT_MS);
  const base = `presets.${index}`;
  const idp = `addon-${index}`;
  const m = manifest?.status === 'ok' ? manifest.manifest : undefined;

  useEffect(() => {
    if (open && custom && url && !manifest) void onLoad(url);
  }, [open]);

  const set = (fn: (p: Preset) => void) => editPreset(edit, index, fn);
  const toggleIn = (key: 'resources' | 'mediaTypes', value: string, on: boolean, all: readonly string[]) =>
    set((p) => {
      const cur = Array.isArray(p.options[key]) ? (p.options[key] as string[]) : key === 'resources' ? [...all] : [];
      const next = on ? [...new Set([...cur, value])] : cur.filter((v) => v !== value);
      const ordered = all.filter((v) => next.includes(v));
      if (key === 'resources' && ordered.length === all.length) delete p.options.resources;
      else if (key === 'mediaTypes' && ordered.length === 0) delete p.options.mediaTypes;
      else p.options[key] = ordered;
    });

  return (
    <li class={`card addon ${preset.enabled ? '' : 'disabled'}`} data-testid="addon-card">
      <div class="addon-head">
        <AddonLogo manifest={m} name={name} />
        <div class="addon-title">
          <label class="sr-only" for={`${idp}-name`}>
            Display name of addon {index + 1}
          </label>
          <input
            id={`${idp}-name`}
            class="title-input"
            type="text"
            value={typeof o.name === 'string' ? o.name : ''}
            placeholder={name}
            onInput={(e) => set((p) => (p.options.name = (e.currentTarget as HTMLInputElement).value))}
          />
          <p class="url" title={url}>
            {!custom ? <span class="badge warn">{preset.type}</span> : null} {url || 'no manifest URL'}
          </p>
        </div>
        <Switch checked={preset.enabled} onChange={(on) => set((p) => (p.enabled = on))} label={<span class="sr-only">Enable {name}</span>} testId="addon-enabled" />
      </div>

      {!custom ? (
        <p class="hint">
          This preset kind is kept as imported but not built by this server yet: it works only when its <code>url</code> option is a
          full …/manifest.json address.
        </p>
      ) : null}

      {m ? <ManifestSummary manifest={m} /> : null}
      {manifest?.status === 'error' ? (
        <p class="error">
          Manifest: {manifest.error}{' '}
          <button type="button" class="link" onClick={() => onLoad(url, true)}>
            Retry
          </button>
        </p>
      ) : null}

      <div class="addon-row">
        {custom ? (
          <div class="field compact">
            <label for={`${idp}-timeout`}>Timeout (ms)</label>
            <input
              id={`${idp}-timeout`}
              type="number"
              inputMode="numeric"
              min={MIN_TIMEOUT_MS}
              max={MAX_TIMEOUT_MS}
              step={500}
              placeholder={String(DEFAULT_TIMEOUT_MS)}
              value={timeout ?? ''}
              aria-invalid={timeoutBad ? true : undefined}
              onInput={(e) => {
                const v = (e.currentTarget as HTMLInputElement).value;
                set((p) => {
                  if (v === '') delete p.options.timeout;
                  else if (Number.isFinite(Number(v))) p.options.timeout = Number(v);
                });
              }}
            />
          </div>
        ) : null}
        <div class="spacer" />
        <button type="button" class="secondary" aria-expanded={open} aria-controls={`${idp}-more`} onClick={() => setOpen(!open)}>
          {open ? 'Fewer options' : 'More options'}
        </button>
        <RowControls
          name={name}
          index={index}
          count={count}
          onMove={(delta) => edit((d) => (d.presets = move(presetsOf(d), index, delta)))}
          onRemove={() => edit((d) => (d.presets = presetsOf(d).filter((_, i) => i !== index)))}
        />
      </div>
      {timeoutBad ? (
        <p class="error">
          The timeout must be between {MIN_TIMEOUT_MS} and {MAX_TIMEOUT_MS} ms.
        </p>
      ) : null}
      <FieldIssues path={base} />

      {open ? (
        <div class="more" id={`${idp}-more`}>
          {custom ? (
            <>
              <fieldset class="chips">
                <legend>Use these resources</legend>
                <div class="chip-list">
                  {RESOURCES.map((r) => (
                    <label class="chip" key={r}>
                      <input
                        type="checkbox"
                        checked={!Array.isArray(o.resources) || (o.resources as string[]).includes(r)}
                        onChange={(e) => toggleIn('resources', r, (e.currentTarget as HTMLInputElement).checked, RESOURCES)}
                      />
                      <span>{r}</span>
                    </label>
                  ))}
                </div>
              </fieldset>
              <fieldset class="chips">
                <legend>Only for (none = all kinds)</legend>
                <div class="chip-list">
                  {MEDIA_TYPES.map((t) => (
                    <label class="chip" key={t}>
                      <input
                        type="checkbox"
                        checked={Array.isArray(o.mediaTypes) && (o.mediaTypes as string[]).includes(t)}
                        onChange={(e) => toggleIn('mediaTypes', t, (e.currentTarget as HTMLInputElement).checked, MEDIA_TYPES)}
                      />
                      <span>{t}</span>
                    </label>
                  ))}
                </div>
              </fieldset>
              <div class="field compact">
                <label for={`${idp}-pin`}>Pin its streams</label>
                <select
                  id={`${idp}-pin`}
                  value={typeof o.pinPosition === 'string' ? o.pinPosition : ''}
                  onChange={(e) => {
                    const v = (e.currentTarget as HTMLSelectElement).value;
                    set((p) => {
                      if (v) p.options.pinPosition = v;
                      else delete p.options.pinPosition;
                    });
                  }}
                >
                  <option value="">No, sort them with the rest</option>
                  <option value="top">Above all other streams</option>
                  <option value="bottom">Below all other streams</option>
                </select>
              </div>
              <Switch
                checked={o.libraryAddon === true}
                onChange={(on) => set((p) => (on ? (p.options.libraryAddon = true) : delete p.options.libraryAddon))}
                label="Library addon"
                description="Its streams are your own files (marked as library)."
              />
              <Switch
                checked={o.formatPassthrough === true}
                onChange={(on) => set((p) => (on ? (p.options.formatPassthrough = true) : delete p.options.formatPassthrough))}
                label="Keep its own stream text"
                description="Do not apply the formatter to its streams."
              />
              <Switch
                checked={o.resultPassthrough === true}
                onChange={(on) => set((p) => (on ? (p.options.resultPassthrough = true) : delete p.options.resultPassthrough))}
                label="Never filter its streams"
                description="Its streams skip filters, de-duplication and result limits."
              />
            </>
          ) : null}
          {m ? <CatalogList manifest={m} /> : manifest?.status === 'loading' ? <p class="hint">Loading the manifest…</p> : null}
        </div>
      ) : null}
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
    <div class="manifest" data-testid="manifest-summary">
      {manifest.description ? <p class="desc">{manifest.description}</p> : null}
      <dl class="facts">
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
    </div>
  );
}

function CatalogList({ manifest }: { manifest: ManifestInfo }) {
  if (!manifest.catalogs.length) return <p class="hint">This addon has no catalogs.</p>;
  return (
    <div>
      <h3 class="small-h">Catalogs</h3>
      <ul class="catalogs">
        {manifest.catalogs.map((c) => (
          <li key={`${c.type}/${c.id}`}>
            <span class="badge">{c.type}</span> {c.name || c.id}
          </li>
        ))}
      </ul>
    </div>
  );
}
