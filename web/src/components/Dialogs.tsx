import { useState } from 'preact/hooks';
import { MIN_PASSWORD_LENGTH } from '../lib/config.js';
import { useStore } from '../store.js';
import { InstallPanel } from './Account.js';
import { CopyButton, Modal } from './ui.js';

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
  }
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
        {error ? (
          <p class="error" role="alert">
            {error}
          </p>
        ) : null}
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
        {error ? (
          <p class="error" role="alert">
            {error}
          </p>
        ) : null}
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
          <CopyButton text={session.user} label="Copy UUID" class="secondary" testId="copy-uuid" />
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
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal title="Delete this configuration?" onClose={() => setDialog(null)} testId="delete-dialog">
      <p>
        Configuration <code>{session?.user}</code> will be deleted from this server. The addon stops working in Stremio. This cannot be
        undone.
      </p>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      <div class="modal-actions">
        <button type="button" class="secondary" onClick={() => setDialog(null)}>
          Keep it
        </button>
        <button type="button" class="danger" disabled={!!busy} onClick={async () => setError(await deleteConfig())}>
          Delete permanently
        </button>
      </div>
    </Modal>
  );
}
