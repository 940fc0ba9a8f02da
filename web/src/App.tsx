import { useEffect, useRef, useState } from 'preact/hooks';
import { Account } from './components/Account.js';
import { Addons } from './components/Addons.js';
import { Backup } from './components/Backup.js';
import { Branding } from './components/Branding.js';
import { Dialogs } from './components/Dialogs.js';
import { Filters } from './components/Filters.js';
import { Formatter } from './components/Formatter.js';
import { Services } from './components/Services.js';
import { Sorting } from './components/Sorting.js';
import { useExplain } from './components/ui.js';
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

/**
 * Brings the field a config path names into view and focuses it: the element with that
 * `data-path`, else the closest enclosing one, else the first inside it; closed <details> around
 * it are opened. False when the section shows nothing for the path.
 */
function revealElement(path: string): boolean {
  const all = [...document.querySelectorAll<HTMLElement>('main [data-path]')];
  const pathOf = (e: HTMLElement) => e.dataset.path ?? '';
  const match =
    all.find((e) => pathOf(e) === path) ??
    all.filter((e) => path.startsWith(`${pathOf(e)}.`)).sort((a, b) => pathOf(b).length - pathOf(a).length)[0] ??
    all.find((e) => pathOf(e).startsWith(`${path}.`));
  if (!match) return false;
  for (let d = match.closest('details'); d; d = d.parentElement?.closest('details') ?? null) d.open = true;
  const focusable = 'input:not([disabled]), select, textarea, button:not([disabled])';
  const target = match.matches(focusable) ? match : (match.querySelector<HTMLElement>(focusable) ?? match);
  target.scrollIntoView({ block: 'center' });
  target.focus();
  return true;
}

function Shell() {
  const { tab, setTab, booting, issues, reveal } = useStore();
  const mainRef = useRef<HTMLElement>(null);
  const first = useRef(true);
  const revealed = useRef(0);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (reveal && reveal.seq !== revealed.current) {
      revealed.current = reveal.seq;
      if (revealElement(reveal.path)) return;
    }
    mainRef.current?.querySelector<HTMLElement>('h2')?.focus();
    document.querySelector('.tabs [aria-current="page"]')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [tab, reveal]);
  const Section = SECTIONS[tab];
  const issueTabs = new Set(issues.map((i) => tabOfPath(i.path)));

  return (
    <>
      <a class="skip" href="#main">
        Skip to the settings
      </a>
      <Header />
      <WhoBanner />
      <PendingBanner />
      <div class="layout">
        <TabStrip current={tab} onPick={setTab} flagged={issueTabs} />
        <main id="main" ref={mainRef} tabIndex={-1}>
          {booting ? <p class="loading">Loading your configuration…</p> : <Section />}
        </main>
      </div>
      <SaveBar />
      <Dialogs />
    </>
  );
}

/**
 * The sections. On a phone they scroll sideways: faded edges and arrows show there is more, and
 * the current one is kept in view.
 */
function TabStrip({ current, onPick, flagged }: { current: TabId; onPick: (t: TabId) => void; flagged: ReadonlySet<TabId> }) {
  const listRef = useRef<HTMLUListElement>(null);
  const [more, setMore] = useState({ left: false, right: false });
  useEffect(() => {
    const list = listRef.current;
    if (!list) return;
    const update = () => setMore({ left: list.scrollLeft > 2, right: list.scrollLeft + list.clientWidth < list.scrollWidth - 2 });
    update();
    list.addEventListener('scroll', update, { passive: true });
    window.addEventListener('resize', update);
    return () => {
      list.removeEventListener('scroll', update);
      window.removeEventListener('resize', update);
    };
  }, []);
  const scroll = (direction: number) => listRef.current?.scrollBy({ left: direction * listRef.current.clientWidth * 0.7, behavior: 'smooth' });
  return (
    <nav class={`tabs ${more.left ? 'more-left' : ''} ${more.right ? 'more-right' : ''}`} aria-label="Sections" data-testid="tabs">
      <button type="button" class="tab-scroll left" aria-hidden="true" tabIndex={-1} onClick={() => scroll(-1)}>
        ‹
      </button>
      <ul ref={listRef}>
        {TABS.map((t) => (
          <li key={t.id}>
            <button type="button" aria-current={current === t.id ? 'page' : undefined} onClick={() => onPick(t.id)} data-testid={`tab-${t.id}`}>
              {t.label}
              {flagged.has(t.id) ? (
                <span class="dot" aria-label="(has problems)">
                  !
                </span>
              ) : null}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" class="tab-scroll right" aria-hidden="true" tabIndex={-1} onClick={() => scroll(1)}>
        ›
      </button>
    </nav>
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
  const { session, config, setDialog } = useStore();
  if (!session) return null;
  const name = typeof config.addonName === 'string' && config.addonName ? config.addonName : null;
  return (
    <div class="who" data-testid="who">
      {/* Spaces between the parts for copy and screen readers; the layout spaces them itself. */}
      <span class="who-text">
        <span>{session.fromLink ? 'Opened from your install link: editing' : 'Editing'}</span>{' '}
        {name ? (
          <strong class="who-name" title={name} data-testid="who-name">
            “{name}”
          </strong>
        ) : (
          <span>the configuration</span>
        )}{' '}
        <span>{session.isAlias ? 'with alias' : 'with UUID'}</span> <code data-testid="who-uuid">{session.user}</code>
      </span>
      {session.passwordKnown ? null : (
        <button type="button" class="link" onClick={() => setDialog({ kind: 'unlock' })}>
          Enter the password to show credentials
        </button>
      )}
    </div>
  );
}

/** After a reload: the config the address names, waiting for its password. */
function PendingBanner() {
  const { pendingUser, session, setDialog, startNew } = useStore();
  if (!pendingUser || session) return null;
  return (
    <div class="who pending" data-testid="pending">
      <span>
        You were editing <code>{pendingUser}</code>. Its password is needed to open it again.
      </span>{' '}
      <button type="button" class="link" onClick={() => setDialog({ kind: 'load', user: pendingUser })}>
        Enter the password
      </button>{' '}
      <button type="button" class="link" onClick={() => startNew(true)}>
        Start a new configuration instead
      </button>
    </div>
  );
}

function SaveBar() {
  const { dirty, session, save, busy, notice, setNotice, issues, revealPath, setDialog } = useStore();
  const explain = useExplain();
  const explained = explain(issues.slice(0, 20));
  return (
    <footer class="savebar">
      {issues.length ? (
        <details class="issue-summary" data-testid="issue-summary">
          <summary>
            {issues.length} problem{issues.length === 1 ? '' : 's'} to fix before saving
          </summary>
          <ul>
            {explained.map((i) => (
              <li key={`${i.path}:${i.message}`}>
                <button type="button" class="link" onClick={() => revealPath(i.path)}>
                  {i.where}
                </button>
                : {i.text}
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
