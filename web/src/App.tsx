import { useEffect, useRef } from 'preact/hooks';
import { Account } from './components/Account.js';
import { Addons } from './components/Addons.js';
import { Backup } from './components/Backup.js';
import { Branding } from './components/Branding.js';
import { Dialogs } from './components/Dialogs.js';
import { Filters } from './components/Filters.js';
import { Formatter } from './components/Formatter.js';
import { Services } from './components/Services.js';
import { Sorting } from './components/Sorting.js';
import { StoreProvider, TABS, tabOfPath, useAppStore, useStore, type TabId } from './store.js';

const SECTIONS: Record<TabId, () => preact.JSX.Element> = {
  addons: Addons,
  services: Services,
  filters: Filters,
  sorting: Sorting,
  formatter: Formatter,
  branding: Branding,
  account: Account,
  backup: Backup,
};

export function App() {
  const store = useAppStore();
  return (
    <StoreProvider store={store}>
      <Shell />
    </StoreProvider>
  );
}

function Shell() {
  const { tab, setTab, booting, issues } = useStore();
  const mainRef = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    mainRef.current?.querySelector<HTMLElement>('h2')?.focus();
    document.querySelector('.tabs [aria-current="page"]')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [tab]);
  const Section = SECTIONS[tab];
  const issueTabs = new Set(issues.map((i) => tabOfPath(i.path)));

  return (
    <>
      <a class="skip" href="#main">
        Skip to the settings
      </a>
      <Header />
      <WhoBanner />
      <div class="layout">
        <nav class="tabs" aria-label="Sections">
          <ul>
            {TABS.map((t) => (
              <li key={t.id}>
                <button type="button" aria-current={tab === t.id ? 'page' : undefined} onClick={() => setTab(t.id)} data-testid={`tab-${t.id}`}>
                  {t.label}
                  {issueTabs.has(t.id) ? (
                    <span class="dot" aria-label="(has problems)">
                      !
                    </span>
                  ) : null}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" ref={mainRef} tabIndex={-1}>
          {booting ? <p class="loading">Loading your configuration…</p> : <Section />}
        </main>
      </div>
      <SaveBar />
      <Dialogs />
    </>
  );
}

function Header() {
  const { instance, session, setDialog, startNew } = useStore();
  return (
    <header class="topbar">
      <div class="brand">
        {instance.logo ? <img src={instance.logo} alt="" width={32} height={32} referrerPolicy="no-referrer" /> : <span class="logo placeholder small" aria-hidden="true">{instance.name.slice(0, 1)}</span>}
        <div>
          <h1>{instance.name}</h1>
          <p class="subtitle">{session ? 'Edit your configuration' : 'Set up your addon'}</p>
        </div>
      </div>
      <div class="top-actions">
        <button type="button" class="secondary" onClick={() => setDialog({ kind: 'load' })}>
          Load
        </button>
        {session ? (
          <button type="button" class="secondary" onClick={() => startNew()}>
            New
          </button>
        ) : null}
      </div>
    </header>
  );
}

function WhoBanner() {
  const { session, config } = useStore();
  if (!session) return null;
  const name = typeof config.addonName === 'string' && config.addonName ? config.addonName : null;
  return (
    <div class="who" data-testid="who">
      <span>
        {session.fromLink ? 'Opened from your install link: editing ' : 'Editing '}
        {name ? <strong>“{name}”</strong> : 'the configuration'} {session.isAlias ? 'with alias' : 'with UUID'}{' '}
        <code data-testid="who-uuid">{session.user}</code>
      </span>
    </div>
  );
}

function SaveBar() {
  const { dirty, session, save, busy, notice, setNotice, issues, setTab, setDialog } = useStore();
  return (
    <footer class="savebar">
      {issues.length ? (
        <details class="issue-summary" open data-testid="issue-summary">
          <summary>
            {issues.length} problem{issues.length === 1 ? '' : 's'} from the server
          </summary>
          <ul>
            {issues.slice(0, 20).map((i) => (
              <li key={`${i.path}:${i.message}`}>
                <button type="button" class="link" onClick={() => setTab(tabOfPath(i.path))}>
                  <code>{i.path || '(config)'}</code>
                </button>{' '}
                {i.message}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <div class="savebar-inner">
        <div class="status" role="status" aria-live="polite" data-testid="status">
          {busy ? (
            <span>{busy}</span>
          ) : notice ? (
            <span class={`notice-text ${notice.kind}`}>
              {notice.text}{' '}
              <button type="button" class="icon small" aria-label="Dismiss message" onClick={() => setNotice(null)}>
                ✕
              </button>
            </span>
          ) : dirty ? (
            <span>Unsaved changes</span>
          ) : session ? (
            <span class="muted">All changes saved</span>
          ) : (
            <span class="muted">Not saved yet</span>
          )}
        </div>
        {session ? (
          <button type="button" class="secondary hide-narrow" onClick={() => setDialog({ kind: 'installed', fresh: false })}>
            Install
          </button>
        ) : null}
        <button type="button" class="primary save" data-testid="save" disabled={!!busy || (!!session && !dirty)} onClick={() => void save()}>
          {session ? (dirty ? 'Save changes' : 'Saved') : 'Save & Install'}
        </button>
      </div>
    </footer>
  );
}
