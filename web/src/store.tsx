import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, ApiError, type Credentials, type InstanceInfo, type ManifestInfo } from './lib/api.js';
import { clone, newConfig, type Config, type Issue } from './lib/config.js';

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
  | null;

export type Notice = { kind: 'ok' | 'error' | 'info'; text: string } | null;

export type ManifestState = { status: 'loading' } | { status: 'ok'; manifest: ManifestInfo } | { status: 'error'; error: string };

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function useAppStore() {
  const [instance, setInstance] = useState<InstanceInfo>({ name: 'AIOStreams', description: '' });
  const [config, setConfig] = useState<Config>(newConfig);
  const [baseline, setBaseline] = useState<string>(() => JSON.stringify(newConfig()));
  const [session, setSession] = useState<Session | null>(null);
  const [issues, setIssues] = useState<Issue[]>([]);
  const [tab, setTab] = useState<TabId>('addons');
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [manifests, setManifests] = useState<Record<string, ManifestState>>({});
  const [booting, setBooting] = useState(true);

  const dirty = useMemo(() => JSON.stringify(config) !== baseline, [config, baseline]);
  const configRef = useRef(config);
  configRef.current = config;

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

  const creds = (s: Session): Credentials => ({ user: s.user, secret: s.secret });

  function adopt(loaded: Config, s: Session) {
    setConfig(clone(loaded));
    setBaseline(JSON.stringify(loaded));
    setSession(s);
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
        token: loaded.encryptedPassword,
        etag: loaded.etag,
        fromLink,
      });
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

  function showIssues(err: ApiError) {
    setIssues(err.issues);
    const first = err.issues[0];
    if (first) setTab(tabOfPath(first.path));
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
      adopt(sent, { user: created.uuid, isAlias: false, secret: password, token: created.encryptedPassword, etag: created.etag, fromLink: false });
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

  async function save() {
    if (!session) {
      setDialog({ kind: 'create' });
      return;
    }
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
      await open(session.user, session.secret, false);
      setNotice({ kind: 'info', text: 'Reloaded the saved configuration. Your unsaved changes were discarded.' });
    } catch (err) {
      setNotice({ kind: 'error', text: (err as Error).message });
    }
  }

  async function changePassword(currentPassword: string, newPassword: string): Promise<string | null> {
    if (!session) return null;
    setBusy('Changing the password…');
    try {
      // The server takes only the raw current password here, never the install token.
      const { encryptedPassword } = await api.changePassword({ user: session.user, secret: currentPassword }, newPassword);
      const next = { ...session, secret: newPassword, token: encryptedPassword };
      setSession(next);
      if (!session.isAlias) history.replaceState(null, '', `/stremio/${session.user}/${encryptedPassword}/configure`);
      setNotice({ kind: 'ok', text: 'Password changed. Your install link changed too: reinstall the addon in Stremio (the old link stops working).' });
      setDialog({ kind: 'installed', fresh: false });
      return null;
    } catch (err) {
      return (err as ApiError).message;
    } finally {
      setBusy(null);
    }
  }

  async function deleteConfig(): Promise<string | null> {
    if (!session) return null;
    setBusy('Deleting…');
    try {
      await api.remove(creds(session));
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
    setIssues([]);
    setDialog(null);
    setTab('addons');
    history.replaceState(null, '', '/stremio/configure');
  }

  const manifestCache = useRef<Record<string, ManifestState>>({});
  const fetchManifest = useCallback(async (url: string, force = false): Promise<ManifestState> => {
    if (!force) {
      const known = manifestCache.current[url];
      if (known && known.status !== 'error') return known;
    }
    const set = (s: ManifestState) => {
      manifestCache.current = { ...manifestCache.current, [url]: s };
      setManifests(manifestCache.current);
    };
    set({ status: 'loading' });
    try {
      const { manifest } = await api.manifest(url);
      const state: ManifestState = { status: 'ok', manifest };
      set(state);
      return state;
    } catch (err) {
      const state: ManifestState = { status: 'error', error: (err as Error).message };
      set(state);
      return state;
    }
  }, []);

  // Boot: instance branding, then the config named by the address (Stremio's Configure button).
  useEffect(() => {
    api.instance().then(setInstance, () => undefined);
    const m = /^\/stremio\/([^/]+)\/([^/]+)\/configure\/?$/.exec(location.pathname);
    if (m) {
      const user = decodeURIComponent(m[1]!);
      const token = decodeURIComponent(m[2]!);
      open(user, token, true).finally(() => setBooting(false));
    } else {
      setBooting(false);
    }
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
    issues,
    setIssues,
    tab,
    setTab,
    dialog,
    setDialog,
    notice,
    setNotice,
    busy,
    booting,
    manifests,
    fetchManifest,
    open,
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
