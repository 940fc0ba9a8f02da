import { useEffect, useState } from 'preact/hooks';
import { api } from '../lib/api.js';
import { exportConfig, importConfig, isRecord, type Issue } from '../lib/config.js';
import { checkSchema, type Schema } from '../lib/schema-check.js';
import { useStore } from '../store.js';
import { CopyButton, IssueList, Switch } from './ui.js';

let schemaPromise: Promise<Schema> | undefined;
const loadSchema = () => (schemaPromise ??= api.schema().catch((err) => {
  schemaPromise = undefined;
  throw err;
}));

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

function ExportCard() {
  const { config } = useStore();
  const [withCreds, setWithCreds] = useState(false);
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
        description="Off: service keys are blanked and a parent config's password is left out, so the file is safe to share."
        testId="export-credentials"
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

function ImportCard() {
  const { replaceConfig, confirmDiscard, setNotice, setTab } = useStore();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notes, setNotes] = useState<string[]>([]);
  const apply = (raw: string) => {
    try {
      const result = importConfig(raw);
      if (!confirmDiscard('Replace the configuration on the page')) return;
      replaceConfig(result.config);
      setError(null);
      setNotes(result.notes);
      setText('');
      setNotice({ kind: 'info', text: 'Imported. Check the sections, then save to keep it.' });
    } catch (err) {
      setError((err as Error).message);
      setNotes([]);
    }
  };
  return (
    <div class="card">
      <h3 class="card-title">Import</h3>
      <p class="hint">
        Load a configuration exported from this page or from AIOStreams. It replaces what is on the page (not what is saved) until you
        save.
      </p>
      <div class="field">
        <label for="import-file">From a file</label>
        <input
          id="import-file"
          type="file"
          accept="application/json,.json"
          onChange={async (e) => {
            const file = (e.currentTarget as HTMLInputElement).files?.[0];
            if (file) apply(await file.text());
            (e.currentTarget as HTMLInputElement).value = '';
          }}
        />
      </div>
      <div class="field">
        <label for="import-text">Or paste the JSON</label>
        <textarea id="import-text" class="mono" rows={4} spellcheck={false} value={text} onInput={(e) => setText((e.currentTarget as HTMLTextAreaElement).value)} />
      </div>
      <button type="button" class="secondary" disabled={!text.trim()} onClick={() => apply(text)}>
        Import pasted JSON
      </button>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      {notes.length ? (
        <div class="notes" role="status">
          <ul>
            {notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
          <button type="button" class="link" onClick={() => setTab('addons')}>
            Review the addons
          </button>
        </div>
      ) : null}
    </div>
  );
}

function JsonEditor() {
  const { config, replaceConfig, issues: serverIssues, setNotice } = useStore();
  const current = JSON.stringify(config, null, 2);
  const [text, setText] = useState(current);
  const [touched, setTouched] = useState(false);
  const [problems, setProblems] = useState<Issue[] | null>(null);
  const [parseError, setParseError] = useState<string | null>(null);
  const [schemaError, setSchemaError] = useState<string | null>(null);

  // Follow the form while the text is untouched.
  useEffect(() => {
    if (!touched) setText(current);
  }, [current, touched]);

  async function validate(): Promise<{ value: Record<string, unknown>; issues: Issue[] } | null> {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      setParseError(`Not valid JSON: ${(err as Error).message}`);
      setProblems(null);
      return null;
    }
    setParseError(null);
    if (!isRecord(value)) {
      setParseError('The configuration must be a JSON object.');
      return null;
    }
    try {
      const schema = await loadSchema();
      const found = checkSchema(schema, value);
      setSchemaError(null);
      setProblems(found);
      return { value, issues: found };
    } catch (err) {
      setSchemaError(`Could not load the schema (${(err as Error).message}); the server will check on save.`);
      setProblems([]);
      return { value, issues: [] };
    }
  }

  const apply = async (force = false) => {
    const r = await validate();
    if (!r || (r.issues.length && !force)) return;
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
        rows={18}
        spellcheck={false}
        value={text}
        aria-invalid={parseError || problems?.length ? true : undefined}
        aria-describedby="json-status"
        onInput={(e) => {
          setText((e.currentTarget as HTMLTextAreaElement).value);
          setTouched(true);
          setProblems(null);
        }}
      />
      <div id="json-status" aria-live="polite">
        {parseError ? <p class="error">{parseError}</p> : null}
        {schemaError ? <p class="hint">{schemaError}</p> : null}
        {problems && problems.length ? (
          <>
            <p class="error">The schema reports {problems.length} problem{problems.length === 1 ? '' : 's'}:</p>
            <IssueList issues={problems.slice(0, 50)} showPath />
          </>
        ) : problems ? (
          <p class="ok-text">Matches the schema.</p>
        ) : null}
        {serverIssues.length ? (
          <>
            <p class="error">The server rejected the last save:</p>
            <IssueList issues={serverIssues} showPath />
          </>
        ) : null}
      </div>
      <div class="inline wrap">
        <button type="button" class="secondary" onClick={() => void validate()}>
          Check
        </button>
        <button type="button" class="primary" disabled={!touched} onClick={() => void apply()}>
          Apply to the page
        </button>
        {problems?.length ? (
          <button type="button" class="secondary" onClick={() => void apply(true)}>
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
