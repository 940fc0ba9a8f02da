import { useId, useState } from 'preact/hooks';
import { MIN_PASSWORD_LENGTH } from '../lib/config.js';
import { installLinks, useStore, type Session } from '../store.js';
import { CopyButton } from './ui.js';

/** The install choices for a saved config. */
export function InstallPanel({ session }: { session: Session }) {
  const links = installLinks(session, location.origin);
  // The panel shows in the Install tab and in the install dialog at once: ids must differ.
  const outId = useId();
  return (
    <div class="install" data-testid="install-panel">
      <div class="install-actions">
        <a class="button primary" href={links.stremio} data-testid="install-stremio">
          Install in Stremio
        </a>
        <a class="button secondary" href={links.web} target="_blank" rel="noopener noreferrer" data-testid="install-web">
          Install on Stremio Web
        </a>
      </div>
      <label for={outId}>Manifest URL (for other apps, or to install by hand)</label>
      <div class="inline">
        <input id={outId} class="mono" type="text" readOnly value={links.manifestUrl} data-testid="manifest-url" onFocus={(e) => e.currentTarget.select()} />
        <CopyButton text={links.manifestUrl} label="Copy manifest URL" source={() => document.getElementById(outId)} />
      </div>
      <p class="hint">This link contains an encrypted key to your configuration: share it only with devices you own.</p>
      {links.configure ? (
        <p class="hint">
          To edit later, open{' '}
          <a href={links.configure} data-testid="configure-link">
            your configure link
          </a>{' '}
          (Stremio's Configure button opens it too), or load with your UUID and password.
        </p>
      ) : null}
    </div>
  );
}

export function Account() {
  const store = useStore();
  const { session, setDialog } = store;
  if (!session) {
    return (
      <section aria-labelledby="account-h">
        <h2 id="account-h" tabIndex={-1}>
          Install & account
        </h2>
        <div class="card">
          <p>This configuration is not saved yet. Press <strong>Save & Install</strong> to create it; you will choose a password and get your install links.</p>
          <p>
            Already have one?{' '}
            <button type="button" class="link" onClick={() => setDialog({ kind: 'load' })}>
              Load an existing configuration
            </button>
          </p>
        </div>
      </section>
    );
  }
  return (
    <section aria-labelledby="account-h">
      <h2 id="account-h" tabIndex={-1}>
        Install & account
      </h2>
      <div class="card">
        <h3 class="card-title">Install</h3>
        <p class="hint">
          {session.isAlias ? 'Alias' : 'UUID'}: <code data-testid="session-uuid">{session.user}</code>
        </p>
        <InstallPanel session={session} />
      </div>
      <PasswordCard />
      <div class="card danger-zone">
        <h3 class="card-title">Delete this configuration</h3>
        <p class="hint">Removes it from this server for good. The addon stops working in Stremio.</p>
        <button type="button" class="danger" onClick={() => setDialog({ kind: 'delete' })}>
          Delete configuration…
        </button>
      </div>
    </section>
  );
}

function PasswordCard() {
  const { changePassword, busy } = useStore();
  const [current, setCurrent] = useState('');
  const [pw, setPw] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const problem = pw && [...pw].length < MIN_PASSWORD_LENGTH ? `At least ${MIN_PASSWORD_LENGTH} characters.` : again && again !== pw ? 'The two passwords differ.' : null;
  return (
    <form
      class="card"
      onSubmit={async (e) => {
        e.preventDefault();
        if (problem || !current || !pw || pw !== again) return;
        const err = await changePassword(current, pw);
        setError(err);
        if (!err) {
          setCurrent('');
          setPw('');
          setAgain('');
        }
      }}
    >
      <h3 class="card-title">Change password</h3>
      <p class="hint">Your install link changes with it: reinstall the addon afterwards. The install link alone cannot change the password: type the current one.</p>
      <div class="field">
        <label for="current-pw">Current password</label>
        <input id="current-pw" type="password" autoComplete="current-password" value={current} onInput={(e) => setCurrent((e.currentTarget as HTMLInputElement).value)} />
      </div>
      <div class="two-col">
        <div class="field">
          <label for="new-pw">New password</label>
          <input id="new-pw" type="password" autoComplete="new-password" value={pw} onInput={(e) => setPw((e.currentTarget as HTMLInputElement).value)} />
        </div>
        <div class="field">
          <label for="new-pw2">Repeat it</label>
          <input id="new-pw2" type="password" autoComplete="new-password" value={again} onInput={(e) => setAgain((e.currentTarget as HTMLInputElement).value)} />
        </div>
      </div>
      {problem || error ? <p class="error">{problem ?? error}</p> : null}
      <button type="submit" class="secondary" disabled={!!busy || !current || !pw || pw !== again || !!problem}>
        Change password
      </button>
    </form>
  );
}
