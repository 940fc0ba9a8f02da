import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, ApiError, type Catalogue, type Credentials, type InstanceInfo, type ManifestInfo } from './lib/api.js';
import { clone, newConfig, presetsOf, type Config, type Issue } from './lib/config.js';
import { localIssues, overlaps } from './lib/issues.js';
import type { KindInfo } from './lib/preset-form.js';
import type { Schema } from './lib/schema-check.js';

export type TabId = 'addons' | 'services' | 'filters' | 'sorting' | 'formatter' | 'branding' | 'account' | 'backup';

export const TABS: { id: TabId; label: string }[] = [
  { id: 'addons', label: 'Addons' },
  { id: 'services', label: 'Services' },
  { id: 'filters', label: 'Filters' },
  { id: 'sorting', label: 'Sorting' },
  { id: 'formatter', label: 'Formatter' },
  { id: 'branding', label: 'Branding' },
  { id: 'account', label: 'Install & account' },
  { id: 'backup', label: 'Backup & JSON' },
];

/** Which section shows the field an issue path names. */
export function tabOfPath(path: string): TabId {
  const head = path.split('.')[0] ?? '';
  if (head === 'presets') return 'addons';
  if (head === 'services') return 'services';
  if (head === 'formatter') return 'formatter';
  if (head === 'sortCriteria') return 'sorting';
  if (head === 'addonName' || head === 'addonDescription' || head === 'addonLogo') return 'branding';
  if (/^(excluded|included|required|preferred)|^(size|excludeUncached|excludeCached|seederRangeTypes)$/.test(head)) return 'filters';
  return 'backup';
}

export interface Session {
  /** UUID or alias, as typed (or from the configure link). */
  user: string;
  /** Whether `user` is an alias (then install links go through /stremio/u/<alias>/). */
  isAlias: boolean;
  /** What authenticates the User API: the raw password when we know it, else the token. */
  secret: string;
  /**
   * Whether `secret` is the password. Opened from an install link it is the token, which anyone
   * holding the link has: credentials stay hidden and destructive actions ask for the password.
   */
  passwordKnown: boolean;
  /** encryptedPassword: the token of the install links. */
  token: string;
  etag: string | null;
  /** Opened from Stremio's Configure button (/stremio/<uuid>/<token>/configure). */
  fromLink: boolean;
}

export type Dialog =
  | { kind: 'load'; user?: string; message?: string }
  | { kind: 'create' }
  | { kind: 'installed'; fresh: boolean }
  | { kind: 'conflict' }
  | { kind: 'delete' }
  | { kind: 'unlock' }
  | { kind: 'no-addons' }
  /** The catalogue, or the form of entry `index` when editing one. */
  | { kind: 'addon'; index?: number }
  | null;

export type Notice = { kind: 'ok' | 'error' | 'info'; text: string } | null;

export type ManifestState = { status: 'loading' } | { status: 'ok'; manifest: ManifestInfo } | { status: 'error'; error: string };

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CONFIGURE = '/stremio/configure';
/** A config's configure link: /stremio/<uuid>/<token>/configure. */
const TOKEN_PATH = /^\/stremio\/([^/]+)\/([^/]+)\/configure\/?$/;
/** The query key that keeps a loaded config's UUID (never its password) across a reload. */
const USER_PARAM = 'user';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function useAppStore() {
  const [instance, setInstance] = useState<InstanceInfo>({ name: 'AIOStreams', description: '' });
  const [config, setConfig] = useState<Config>(newConfig);
  const [baseline, setBaseline] = useState<string>(() => JSON.stringify(newConfig()));
  const [session, setSession] = useState<Session | null>(null);
  /** A config named by the address whose password has not been given yet (after a reload). */
  const [pendingUser, setPendingUser] = useState<string | null>(null);
  const [serverIssues, setIssues] = useState<Issue[]>([]);
  const [tab, setTab] = useState<TabId>('addons');
  const [reveal, setReveal] = useState<{ path: string; seq: number } | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [manifests, setManifests] = useState<Record<string, ManifestState>>({});
  const [booting, setBooting] = useState(true);
  const [catalogue, setCatalogue] = useState<Catalogue | null>(null);
  const [catalogueError, setCatalogueError] = useState<string | null>(null);
  const [schema, setSchema] = useState<Schema | undefined>(undefined);

  const dirty = useMemo(() => JSON.stringify(config) !== baseline, [config, baseline]);
  const configRef = useRef(config);
  configRef.current = config;
  const kinds = useMemo(() => new Map<string, KindInfo>((catalogue?.kinds ?? []).map((k) => [k.id, k])), [catalogue]);

  // What the server would refuse, found on the page; shown on the fields as they are edited.
  const selfUuid = session && !session.isAlias ? session.user : undefined;
  const problems = useMemo(() => localIssues(config, schema, selfUuid), [config, schema, selfUuid]);
  const issues = useMemo(() => [...problems, ...serverIssues.filter((s) => !problems.some((p) => overlaps(p.path, s.path)))], [problems, serverIssues]);

  /** Every edit works on a copy of the whole config, so unknown keys are never lost. */
  const edit = useCallback((fn: (draft: Config) => void) => {
    setConfig((prev) => {
      const draft = clone(prev);
      fn(draft);
      return draft;
    });
    // A message about the last action is stale once the user changes something.
    setNotice(null);
  }, []);

  const replaceConfig = useCallback((next: Config) => {
    setConfig(clone(next));
    setNotice(null);
  }, []);

  const confirmDiscard = useCallback(
    (what: string) => !dirty || window.confirm(`You have unsaved changes. ${what} and lose them?`),
    [dirty],
  );

  /** Opens the section of a config path and brings its field into view (see Shell). */
  const revealPath = useCallback((path: string) => {
    setTab(tabOfPath(path));
    setReveal((r) => ({ path, seq: (r?.seq ?? 0) + 1 }));
  }, []);

  const creds = (s: Session): Credentials => ({ user: s.user, secret: s.secret });

  function adopt(loaded: Config, s: Session) {
    setConfig(clone(loaded));
    setBaseline(JSON.stringify(loaded));
    setSession(s);
    setPendingUser(null);
    setIssues([]);
  }

  /** GET the stored config; returns whether it opened. */
  async function open(user: string, secret: string, fromLink: boolean): Promise<boolean> {
    setBusy('Loading your configuration…');
    try {
      const loaded = await api.load({ user, secret });
      adopt(loaded.config, {
        user,
        isAlias: !UUID_RE.test(user),
        secret,
        passwordKnown: !fromLink,
        token: loaded.encryptedPassword,
        etag: loaded.etag,
        fromLink,
      });
      // The address names the config (not its password), so a reload asks for the password again
      // instead of showing a blank page that would save a second config.
      if (!fromLink) history.replaceState(null, '', `${CONFIGURE}?${USER_PARAM}=${encodeURIComponent(user)}`);
      setDialog(null);
      setNotice({ kind: 'info', text: fromLink ? 'Configuration opened from your install link.' : 'Configuration loaded.' });
      return true;
    } catch (err) {
      const e = err as ApiError;
      if (fromLink && (e.status === 401 || e.status === 404)) {
        setDialog({
          kind: 'load',
          user,
          message: 'This install link no longer opens the configuration (the password may have changed, or it was deleted). Enter the UUID and password.',
        });
      } else if (!fromLink) {
        throw err;
      } else {
        setNotice({ kind: 'error', text: e.message });
      }
      return false;
    } finally {
      setBusy(null);
    }
  }

  /** Checks the password of the open config; from then on credentials show and the password is used. */
  async function unlock(password: string): Promise<string | null> {
    if (!session) return null;
    setBusy('Checking the password…');
    try {
      await api.load({ user: session.user, secret: password });
      setSession({ ...session, secret: password, passwordKnown: true });
      setDialog(null);
      setNotice({ kind: 'info', text: 'Password accepted: credentials are shown.' });
      return null;
    } catch (err) {
      return (err as ApiError).message;
    } finally {
      setBusy(null);
    }
  }

  function showIssues(err: ApiError) {
    setIssues(err.issues);
    const first = err.issues[0];
    if (first) revealPath(first.path);
    setNotice({
      kind: 'error',
      text: err.issues.length
        ? `Not saved: the server found ${err.issues.length} problem${err.issues.length === 1 ? '' : 's'} to fix (marked next to the fields).`
        : err.message,
    });
  }

  async function create(password: string): Promise<string | null> {
    setBusy('Saving…');
    const sent = configRef.current;
    try {
      const created = await api.create(sent, password);
      adopt(sent, {
        user: created.uuid,
        isAlias: false,
        secret: password,
        passwordKnown: true,
        token: created.encryptedPassword,
        etag: created.etag,
        fromLink: false,
      });
      history.replaceState(null, '', `/stremio/${created.uuid}/${created.encryptedPassword}/configure`);
      setNotice({ kind: 'ok', text: 'Configuration created.' });
      setDialog({ kind: 'installed', fresh: true });
      return null;
    } catch (err) {
      const e = err as ApiError;
      if (e.code === 'USER_NEW_PASSWORD_TOO_SHORT' || e.code === 'MISSING_REQUIRED_FIELDS') return e.message;
      setDialog(null);
      if (e.issues.length) showIssues(e);
      else setNotice({ kind: 'error', text: e.message });
      return null;
    } finally {
      setBusy(null);
    }
  }

  async function put(s: Session, etag: string | null) {
    const sent = configRef.current;
    const updated = await api.update(creds(s), sent, etag);
    setBaseline(JSON.stringify(sent));
    setSession({ ...s, etag: updated.etag });
    setIssues([]);
    setNotice({ kind: 'ok', text: 'Saved. Stremio uses the new settings on its next request; no need to reinstall.' });
  }

  /**
   * Save: refused on the page while a field is invalid (the first one is brought into view), and
   * confirmed when no addon is enabled; `withoutAddons` is that confirmation.
   */
  async function save(withoutAddons = false) {
    if (!session && pendingUser) {
      setDialog({ kind: 'load', user: pendingUser, message: `Enter the password of ${pendingUser} to keep editing it, or choose New to start another configuration.` });
      return;
    }
    // A field showing a value it could not take (typed text that is not a number, say); boxes
    // marked data-draft hold text not applied to the config yet and do not count.
    const shown = document.querySelector<HTMLElement>('main [aria-invalid="true"]:not([data-draft])');
    if (problems.length || shown) {
      const count = problems.length || 1;
      setNotice({ kind: 'error', text: `Not saved: ${count} problem${count === 1 ? '' : 's'} to fix first. The first one is shown.` });
      if (problems[0]) revealPath(problems[0].path);
      else shown!.focus();
      return;
    }
    if (!withoutAddons && !presetsOf(configRef.current).some((p) => p.enabled)) {
      setDialog({ kind: 'no-addons' });
      return;
    }
    if (!session) {
      setDialog({ kind: 'create' });
      return;
    }
    setDialog(null);
    setBusy('Saving…');
    try {
      await put(session, session.etag);
    } catch (err) {
      handleWriteError(err as ApiError);
    } finally {
      setBusy(null);
    }
  }

  function handleWriteError(e: ApiError) {
    if (e.status === 412) setDialog({ kind: 'conflict' });
    else if (e.status === 401) setDialog({ kind: 'load', user: session?.user ?? '', message: 'Your password no longer opens this configuration. Log in again; your changes stay on the page.' });
    else if (e.issues.length) showIssues(e);
    else setNotice({ kind: 'error', text: e.message });
  }

  /** Keep my version: read the current ETag, then PUT with it. */
  async function overwrite() {
    if (!session) return;
    setBusy('Overwriting…');
    try {
      const current = await api.load(creds(session));
      setDialog(null);
      await put({ ...session, token: current.encryptedPassword }, current.etag);
    } catch (err) {
      handleWriteError(err as ApiError);
    } finally {
      setBusy(null);
    }
  }

  /** Take their version: discard local edits. */
  async function reloadTheirs() {
    if (!session) return;
    setDialog(null);
    try {
      const loaded = await api.load(creds(session));
      adopt(loaded.config, { ...session, token: loaded.encryptedPassword, etag: loaded.etag });
      setNotice({ kind: 'info', text: 'Reloaded the saved configuration. Your unsaved changes were discarded.' });
    } catch (err) {
      handleWriteError(err as ApiError);
    }
  }

  async function changePassword(currentPassword: string, newPassword: string): Promise<string | null> {
    if (!session) return null;
    setBusy('Changing the password…');
    try {
      // The server takes only the raw current password here, never the install token.
      const { encryptedPassword } = await api.changePassword({ user: session.user, secret: currentPassword }, newPassword);
      const next = { ...session, secret: newPassword, passwordKnown: true, token: encryptedPassword };
      setSession(next);
      // The old install link in the address bar stops working: show the new one.
      if (!session.isAlias && TOKEN_PATH.test(location.pathname)) history.replaceState(null, '', `/stremio/${session.user}/${encryptedPassword}/configure`);
      setNotice({ kind: 'ok', text: 'Password changed. Your install link changed too: reinstall the addon in Stremio (the old link stops working).' });
      setDialog({ kind: 'installed', fresh: false });
      return null;
    } catch (err) {
      return (err as ApiError).message;
    } finally {
      setBusy(null);
    }
  }

  /** Deletes with the password typed now: the install link alone never deletes a config. */
  async function deleteConfig(password: string): Promise<string | null> {
    if (!session) return null;
    setBusy('Deleting…');
    try {
      await api.remove({ user: session.user, secret: password });
      startNew(true);
      setNotice({ kind: 'info', text: 'The configuration was deleted. Remove the addon from Stremio as well.' });
      return null;
    } catch (err) {
      return (err as ApiError).message;
    } finally {
      setBusy(null);
    }
  }

  function startNew(force = false) {
    if (!force && !confirmDiscard('Start a new configuration')) return;
    const fresh = newConfig();
    setConfig(fresh);
    setBaseline(JSON.stringify(fresh));
    setSession(null);
    setPendingUser(null);
    setIssues([]);
    setDialog(null);
    setTab('addons');
    history.replaceState(null, '', CONFIGURE);
  }

  // Manifests go through the server's proxy one at a time (it is rate limited); a 429 waits as
  // long as the server asks and tries again, so checking many addons never fails for that reason.
  const manifestCache = useRef<Record<string, ManifestState>>({});
  const manifestQueue = useRef<Promise<unknown>>(Promise.resolve());
  const fetchManifest = useCallback((url: string, force = false): Promise<ManifestState> => {
    if (!force) {
      const known = manifestCache.current[url];
      if (known) return Promise.resolve(known);
    }
    const set = (s: ManifestState) => {
      manifestCache.current = { ...manifestCache.current, [url]: s };
      setManifests(manifestCache.current);
      return s;
    };
    set({ status: 'loading' });
    const request = async (): Promise<ManifestState> => {
      for (let attempt = 0; ; attempt++) {
        try {
          return set({ status: 'ok', manifest: (await api.manifest(url)).manifest });
        } catch (err) {
          const e = err as ApiError;
          if (e.status !== 429 || attempt >= 5) return set({ status: 'error', error: e.message });
          await sleep((e.retryAfter ?? 2) * 1000);
        }
      }
    };
    const next = manifestQueue.current.then(request);
    manifestQueue.current = next;
    return next;
  }, []);

  // Boot: instance branding, the preset catalogue, the schema, then the config the address names
  // (Stremio's Configure button, or a config loaded before a reload).
  useEffect(() => {
    api.instance().then(setInstance, () => undefined);
    api.presets().then(setCatalogue, (err: Error) => setCatalogueError(err.message));
    api.schema().then(setSchema, () => undefined);
    const m = TOKEN_PATH.exec(location.pathname);
    const remembered = new URLSearchParams(location.search).get(USER_PARAM);
    if (m) {
      const user = decodeURIComponent(m[1]!);
      const token = decodeURIComponent(m[2]!);
      open(user, token, true).finally(() => setBooting(false));
      return;
    }
    if (remembered) {
      setPendingUser(remembered);
      setDialog({ kind: 'load', user: remembered, message: `Enter the password of ${remembered} to keep editing it.` });
    }
    setBooting(false);
  }, []);

  useEffect(() => {
    document.title = `Configure · ${instance.name}`;
  }, [instance.name]);

  // Back at the saved state: the last save's complaints no longer apply (the saved config is valid).
  useEffect(() => {
    if (!dirty) setIssues([]);
  }, [dirty]);

  // Leaving with unsaved changes asks first. The listener reads a ref set while rendering, so an
  // edit is covered from its first render on (effects run a frame later).
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (!dirtyRef.current) return;
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);

  return {
    instance,
    config,
    edit,
    replaceConfig,
    dirty,
    session,
    pendingUser,
    issues,
    problems,
    tab,
    setTab,
    reveal,
    revealPath,
    dialog,
    setDialog,
    notice,
    setNotice,
    busy,
    booting,
    catalogue,
    catalogueError,
    kinds,
    schema,
    manifests,
    fetchManifest,
    open,
    unlock,
    save,
    create,
    overwrite,
    reloadTheirs,
    changePassword,
    deleteConfig,
    startNew,
    confirmDiscard,
  };
}

export type Store = ReturnType<typeof useAppStore>;

const StoreContext = createContext<Store | null>(null);

export function StoreProvider({ store, children }: { store: Store; children: ComponentChildren }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function useStore(): Store {
  const s = useContext(StoreContext);
  if (!s) throw new Error('useStore outside StoreProvider');
  return s;
}

/** The addresses a saved config is installed from. */
export function installLinks(session: Session, origin: string) {
  const path = session.isAlias
    ? `/stremio/u/${encodeURIComponent(session.user)}/manifest.json`
    : `/stremio/${session.user}/${session.token}/manifest.json`;
  const manifestUrl = `${origin}${path}`;
  const host = new URL(origin).host;
  return {
    manifestUrl,
    stremio: `stremio://${host}${path}`,
    web: `https://web.stremio.com/#/addons?addon=${encodeURIComponent(manifestUrl)}`,
    configure: session.isAlias ? null : `${origin}/stremio/${session.user}/${session.token}/configure`,
  };
}
