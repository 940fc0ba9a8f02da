import { useState } from 'preact/hooks';
import { MIN_PASSWORD_LENGTH } from '../lib/config.js';
import { useStore } from '../store.js';
import { InstallPanel } from './Account.js';
import { AddonDialog } from './Addons.js';
import { CopyButton, ErrorLine, Modal } from './ui.js';

export function Dialogs() {
  const { dialog } = useStore();
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'load':
      return <LoadDialog user={dialog.user} message={dialog.message} />;
    case 'create':
      return <CreateDialog />;
    case 'installed':
      return <InstalledDialog fresh={dialog.fresh} />;
    case 'conflict':
      return <ConflictDialog />;
    case 'delete':
      return <DeleteDialog />;
    case 'unlock':
      return <UnlockDialog />;
    case 'no-addons':
      return <NoAddonsDialog />;
    case 'addon':
      return <AddonDialog index={dialog.index} />;
  }
}

/** The password, typed now: what destructive actions and hidden credentials ask for. */
function PasswordField({ id, value, onInput, autoFocus = true }: { id: string; value: string; onInput: (v: string) => void; autoFocus?: boolean }) {
  return (
    <div class="field">
      <label for={id}>Password of this configuration</label>
      <input id={id} autoFocus={autoFocus} type="password" autoComplete="current-password" required value={value} onInput={(e) => onInput(e.currentTarget.value)} />
    </div>
  );
}

function UnlockDialog() {
  const { unlock, setDialog, busy } = useStore();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal title="Show the credentials" onClose={() => setDialog(null)} testId="unlock-dialog">
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          setError(await unlock(password));
        }}
      >
        <p>This page was opened from the install link, which anyone you share it with has. Enter the password to show and change credentials.</p>
        <PasswordField id="unlock-password" value={password} onInput={setPassword} />
        <ErrorLine error={error} />
        <div class="modal-actions">
          <button type="button" class="secondary" onClick={() => setDialog(null)}>
            Cancel
          </button>
          <button type="submit" class="primary" disabled={!!busy || !password}>
            Show credentials
          </button>
        </div>
      </form>
    </Modal>
  );
}

function NoAddonsDialog() {
  const { save, setDialog, session } = useStore();
  return (
    <Modal title="No addon is enabled" onClose={() => setDialog(null)} testId="no-addons-dialog">
      <p>
        Every stream comes from your addons: with none enabled, Stremio gets no streams, catalogs or subtitles from this configuration.
      </p>
      <div class="modal-actions">
        <button type="button" class="secondary" onClick={() => void save(true)}>
          {session ? 'Save without addons' : 'Save & Install without addons'}
        </button>
        <button type="button" class="primary" onClick={() => setDialog({ kind: 'addon' })}>
          Add an addon
        </button>
      </div>
    </Modal>
  );
}

function LoadDialog({ user: initialUser, message }: { user?: string | undefined; message?: string | undefined }) {
  const { open, setDialog, busy, confirmDiscard } = useStore();
  const [user, setUser] = useState(initialUser ?? '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal title="Load a configuration" onClose={() => setDialog(null)} testId="load-dialog">
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          if (!confirmDiscard('Load another configuration')) return;
          try {
            await open(user.trim(), password, false);
          } catch (err) {
            setError((err as Error).message);
          }
        }}
      >
        {message ? <p class="notice info">{message}</p> : null}
        <div class="field">
          <label for="load-user">UUID or alias</label>
          <input id="load-user" autoFocus={!initialUser} type="text" autoComplete="username" spellcheck={false} required value={user} onInput={(e) => setUser((e.currentTarget as HTMLInputElement).value)} />
        </div>
        <div class="field">
          <label for="load-password">Password</label>
          <input id="load-password" autoFocus={!!initialUser} type="password" autoComplete="current-password" required value={password} onInput={(e) => setPassword((e.currentTarget as HTMLInputElement).value)} />
        </div>
        <ErrorLine error={error} />
        <div class="modal-actions">
          <button type="button" class="secondary" onClick={() => setDialog(null)}>
            Cancel
          </button>
          <button type="submit" class="primary" disabled={!!busy || !user.trim() || !password}>
            {busy ? 'Loading…' : 'Load'}
          </button>
        </div>
      </form>
    </Modal>
  );
}

function CreateDialog() {
  const { create, setDialog, busy } = useStore();
  const [pw, setPw] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const short = pw.length > 0 && [...pw].length < MIN_PASSWORD_LENGTH;
  const differ = again.length > 0 && again !== pw;
  return (
    <Modal title="Choose a password" onClose={() => setDialog(null)} testId="create-dialog">
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          if (short || differ || !pw) return;
          setError(await create(pw));
        }}
      >
        <p>
          Your configuration is stored encrypted with this password. You need it (with the UUID you get next) to edit the
          configuration later. <strong>It cannot be recovered.</strong>
        </p>
        <div class="field">
          <label for="create-pw">Password</label>
          <input id="create-pw" autoFocus type="password" autoComplete="new-password" required value={pw} aria-describedby="create-pw-hint" onInput={(e) => setPw((e.currentTarget as HTMLInputElement).value)} />
          <p class="hint" id="create-pw-hint">
            At least {MIN_PASSWORD_LENGTH} characters. A password manager is a good home for it.
          </p>
        </div>
        <div class="field">
          <label for="create-pw2">Repeat the password</label>
          <input id="create-pw2" type="password" autoComplete="new-password" required value={again} onInput={(e) => setAgain((e.currentTarget as HTMLInputElement).value)} />
        </div>
        {short ? <p class="error">At least {MIN_PASSWORD_LENGTH} characters.</p> : differ ? <p class="error">The two passwords differ.</p> : null}
        <ErrorLine error={error} />
        <div class="modal-actions">
          <button type="button" class="secondary" onClick={() => setDialog(null)}>
            Cancel
          </button>
          <button type="submit" class="primary" disabled={!!busy || !pw || pw !== again || short}>
            {busy ? 'Saving…' : 'Save & Install'}
          </button>
        </div>
      </form>
    </Modal>
  );
}

function InstalledDialog({ fresh }: { fresh: boolean }) {
  const { session, setDialog } = useStore();
  if (!session) return null;
  return (
    <Modal title={fresh ? 'Saved! Now install it' : 'Reinstall the addon'} onClose={() => setDialog(null)} wide testId="installed-dialog">
      <div class="uuid-box">
        <span class="uuid-label">{session.isAlias ? 'Your alias' : 'Your UUID'}</span>
        <div class="inline">
          <code class="uuid" id="uuid-out" data-testid="uuid">
            {session.user}
          </code>
          <CopyButton text={session.user} label="Copy UUID" class="secondary" testId="copy-uuid" source={() => document.getElementById('uuid-out')} />
        </div>
      </div>
      <div class="notice warn" role="note">
        <strong>Keep your UUID and password somewhere safe.</strong> The password cannot be recovered or reset: without it, this
        configuration can no longer be edited.
      </div>
      <InstallPanel session={session} />
      <div class="modal-actions">
        <button type="button" class="secondary" onClick={() => setDialog(null)}>
          Done
        </button>
      </div>
    </Modal>
  );
}

function ConflictDialog() {
  const { overwrite, reloadTheirs, setDialog, busy } = useStore();
  return (
    <Modal title="Someone else saved this configuration" onClose={() => setDialog(null)} testId="conflict-dialog">
      <p role="alert" data-testid="conflict-message">
        This configuration was saved elsewhere (another tab, device or app) after you opened it. Your changes are <strong>not saved yet</strong>.
      </p>
      <ul class="plain">
        <li>
          <strong>Overwrite</strong> saves your version over theirs.
        </li>
        <li>
          <strong>Reload</strong> shows their version and discards your changes.
        </li>
      </ul>
      <div class="modal-actions">
        <button type="button" class="secondary" onClick={() => void reloadTheirs()}>
          Reload theirs
        </button>
        <button type="button" class="primary" disabled={!!busy} onClick={() => void overwrite()}>
          Overwrite with mine
        </button>
      </div>
    </Modal>
  );
}

function DeleteDialog() {
  const { deleteConfig, setDialog, busy, session } = useStore();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal title="Delete this configuration?" onClose={() => setDialog(null)} testId="delete-dialog">
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          setError(await deleteConfig(password));
        }}
      >
        <p>
          Configuration <code>{session?.user}</code> will be deleted from this server. The addon stops working in Stremio. This cannot be
          undone.
        </p>
        <PasswordField id="delete-password" value={password} onInput={setPassword} />
        <ErrorLine error={error} />
        <div class="modal-actions">
          <button type="button" class="secondary" onClick={() => setDialog(null)}>
            Keep it
          </button>
          <button type="submit" class="danger" disabled={!!busy || !password}>
            Delete permanently
          </button>
        </div>
      </form>
    </Modal>
  );
}
