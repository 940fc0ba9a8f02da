import { useEffect, useState } from 'preact/hooks';
import { exportConfig, importConfig, isRecord, migrateLegacy, presetsOf, servicesOf, type Config, type Issue } from '../lib/config.js';
import { explainIssue, localIssues, type Explained } from '../lib/issues.js';
import { checkSchema } from '../lib/schema-check.js';
import { useStore } from '../store.js';
import { CopyButton, IssueList, Switch, useExplain } from './ui.js';

export function Backup() {
  return (
    <section aria-labelledby="backup-h">
      <h2 id="backup-h" tabIndex={-1}>
        Backup & JSON
      </h2>
      <ExportCard />
      <ImportCard />
      <JsonEditor />
    </section>
  );
}

/** Opened by the install link: the password has to be given before credentials show. */
function useLocked(): boolean {
  const { session } = useStore();
  return !!session && !session.passwordKnown;
}

function ExportCard() {
  const { config } = useStore();
  const locked = useLocked();
  const [asked, setWithCreds] = useState(false);
  const withCreds = asked && !locked;
  const text = JSON.stringify(exportConfig(config, withCreds), null, 2);
  const download = () => {
    const blob = new Blob([text], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    const name = typeof config.addonName === 'string' && config.addonName ? config.addonName.replace(/[^\w.-]+/g, '-') : 'config';
    a.download = `${name}${withCreds ? '' : '-no-credentials'}.json`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  };
  return (
    <div class="card">
      <h3 class="card-title">Export</h3>
      <p class="hint">Download this configuration (as currently edited) to keep a copy or move it to another server.</p>
      <Switch
        checked={withCreds}
        onChange={setWithCreds}
        label="Include credentials"
        description={
          locked
            ? 'Enter the password (see the banner at the top) to export credentials.'
            : 'Off: service keys are blanked and a parent config’s password is left out, so the file is safe to share.'
        }
        testId="export-credentials"
        disabled={locked}
      />
      <div class="inline wrap">
        <button type="button" class="primary" onClick={download}>
          Download JSON
        </button>
        <CopyButton text={text} label="Copy JSON" />
      </div>
    </div>
  );
}

interface Checked {
  config: Config;
  notes: string[];
  problems: Explained[];
}

/**
 * Import: the file is read, migrated and checked against the published schema and the preset
 * rules first; nothing on the page changes until it is valid and the user confirms.
 */
function ImportCard() {
  const { replaceConfig, setNotice, revealPath, schema, kinds } = useStore();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [checked, setChecked] = useState<Checked | null>(null);
  const [notes, setNotes] = useState<string[]>([]);

  const read = (raw: string) => {
    setNotes([]);
    try {
      const { config, notes } = importConfig(raw, new Set(kinds.keys()));
      // Services and credentials are not checked: an export usually leaves the credentials out.
      const problems = localIssues(config, schema, undefined, 'shape').map((i) => explainIssue(i, { config, kinds }));
      setChecked({ config, notes, problems });
      setError(schema ? null : 'The server’s schema could not be loaded, so only the addons were checked; the server checks the rest when you save.');
    } catch (err) {
      setChecked(null);
      setError((err as Error).message);
    }
  };
  const confirm = () => {
    if (!checked) return;
    replaceConfig(checked.config);
    setNotes(checked.notes);
    setChecked(null);
    setText('');
    setNotice({ kind: 'info', text: 'Imported. Check the sections, then save to keep it.' });
  };

  return (
    <div class="card" data-testid="import-card">
      <h3 class="card-title">Import</h3>
      <p class="hint">
        Load a configuration exported from this page or from AIOStreams. It is checked first; once you confirm, it replaces what is on the
        page (not what is saved) until you save.
      </p>
      <div class="field">
        <label for="import-file">From a file</label>
        <input
          id="import-file"
          type="file"
          accept="application/json,.json"
          onChange={async (e) => {
            // The event's target is gone after the await: keep the input itself.
            const input = e.currentTarget;
            const file = input.files?.[0];
            // Cleared at once, so choosing the same file again reads it again.
            input.value = '';
            if (file) read(await file.text());
          }}
        />
      </div>
      <div class="field">
        <label for="import-text">Or paste the JSON</label>
        <textarea id="import-text" class="mono" rows={4} spellcheck={false} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      </div>
      <button type="button" class="secondary" disabled={!text.trim()} onClick={() => read(text)}>
        Check pasted JSON
      </button>
      {error ? (
        <p class={checked ? 'hint' : 'error'} role="alert" data-testid="import-error">
          {error}
        </p>
      ) : null}
      {checked ? <ImportVerdict checked={checked} onConfirm={confirm} onCancel={() => setChecked(null)} /> : null}
      {notes.length ? (
        <div class="notes" role="status">
          <ul>
            {notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
          <button type="button" class="link" onClick={() => revealPath('presets')}>
            Review the addons
          </button>
        </div>
      ) : null}
    </div>
  );
}

function ImportVerdict({ checked, onConfirm, onCancel }: { checked: Checked; onConfirm: () => void; onCancel: () => void }) {
  const { problems, config } = checked;
  if (problems.length) {
    return (
      <div class="notice warn" data-testid="import-problems">
        <p>
          <strong>Not imported:</strong> the file has {problems.length} problem{problems.length === 1 ? '' : 's'}. Nothing on the page changed.
        </p>
        <IssueList issues={problems.slice(0, 30)} showWhere />
      </div>
    );
  }
  const addons = presetsOf(config).length;
  const services = servicesOf(config).filter((s) => s.enabled).length;
  const formatter = isRecord(config.formatter) && typeof config.formatter.id === 'string' ? config.formatter.id : '?';
  return (
    <div class="notice info" data-testid="import-ready">
      <p>
        Ready to import: {addons} addon{addons === 1 ? '' : 's'}, {services} enabled service{services === 1 ? '' : 's'}, the {formatter} formatter.
        This replaces the configuration on the page.
      </p>
      <div class="inline wrap">
        <button type="button" class="primary" onClick={onConfirm}>
          Replace the page’s configuration
        </button>
        <button type="button" class="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

function JsonEditor() {
  const { config, replaceConfig, issues, setNotice, schema, kinds, setDialog } = useStore();
  const locked = useLocked();
  const explain = useExplain();
  const current = JSON.stringify(config, null, 2);
  const [text, setText] = useState(current);
  const [touched, setTouched] = useState(false);
  const [problems, setProblems] = useState<Explained[] | null>(null);
  const [parseError, setParseError] = useState<string | null>(null);

  // Follow the form while the text is untouched.
  useEffect(() => {
    if (!touched) setText(current);
  }, [current, touched]);

  if (locked) {
    return (
      <div class="card">
        <h3 class="card-title">JSON editor</h3>
        <p class="hint">The raw configuration holds your credentials: enter the password to see and edit it.</p>
        <button type="button" class="secondary" onClick={() => setDialog({ kind: 'unlock' })}>
          Enter the password
        </button>
      </div>
    );
  }

  function validate(): { value: Config; problems: Issue[] } | null {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      setParseError(`Not valid JSON: ${(err as Error).message}`);
      setProblems(null);
      return null;
    }
    if (!isRecord(value)) {
      setParseError('The configuration must be a JSON object.');
      setProblems(null);
      return null;
    }
    setParseError(null);
    migrateLegacy(value);
    const found = schema ? checkSchema(schema, value) : [];
    setProblems(found.map((i) => explainIssue(i, { config: value as Config, kinds })));
    return { value, problems: found };
  }

  const apply = (force = false) => {
    const r = validate();
    if (!r || (r.problems.length && !force)) return;
    replaceConfig(r.value);
    setTouched(false);
    setNotice({ kind: 'info', text: 'JSON applied to the page. Save to keep it.' });
  };

  return (
    <div class="card">
      <h3 class="card-title">JSON editor</h3>
      <p class="hint">
        The whole configuration as JSON, including keys the form does not show. It is checked against the published{' '}
        <a href="/api/v1/schema/config.json" target="_blank" rel="noopener">
          JSON Schema
        </a>
        ; the server checks again when you save.
      </p>
      <label for="json-editor" class="sr-only">
        Configuration JSON
      </label>
      <textarea
        id="json-editor"
        class="mono json"
        data-draft
        rows={18}
        spellcheck={false}
        value={text}
        aria-invalid={parseError || problems?.length ? true : undefined}
        aria-describedby="json-status"
        onInput={(e) => {
          setText(e.currentTarget.value);
          setTouched(true);
          setProblems(null);
        }}
      />
      <div id="json-status" aria-live="polite">
        {parseError ? <p class="error">{parseError}</p> : null}
        {!schema ? <p class="hint">The server’s schema could not be loaded; the server checks when you save.</p> : null}
        {problems && problems.length ? (
          <>
            <p class="error">The schema reports {problems.length} problem{problems.length === 1 ? '' : 's'}:</p>
            <IssueList issues={problems.slice(0, 50)} showWhere />
          </>
        ) : problems ? (
          <p class="ok-text">Matches the schema.</p>
        ) : null}
        {issues.length ? (
          <>
            <p class="error">To fix before saving:</p>
            <IssueList issues={explain(issues)} showWhere />
          </>
        ) : null}
      </div>
      <div class="inline wrap">
        <button type="button" class="secondary" onClick={() => validate()}>
          Check
        </button>
        <button type="button" class="primary" disabled={!touched} onClick={() => apply()}>
          Apply to the page
        </button>
        {problems?.length ? (
          <button type="button" class="secondary" onClick={() => apply(true)}>
            Apply anyway
          </button>
        ) : null}
        {touched ? (
          <button
            type="button"
            class="link"
            onClick={() => {
              setTouched(false);
              setText(current);
              setProblems(null);
              setParseError(null);
            }}
          >
            Discard JSON edits
          </button>
        ) : null}
      </div>
    </div>
  );
}
