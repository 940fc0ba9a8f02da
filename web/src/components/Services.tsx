import { move, type Config, type ServiceEntry } from '../lib/config.js';
import { CREDENTIAL_LABELS, isSecretKey, materialiseServices, serviceRows, type ServiceRow } from '../lib/service-rows.js';
import { useStore } from '../store.js';
import { FieldIssues, RowControls, SecretInput, Switch } from './ui.js';

function editService(edit: (fn: (d: Config) => void) => void, id: string, fn: (s: ServiceEntry) => void) {
  edit((d) => {
    const entry = materialiseServices(d).find((s) => s.id === id);
    if (entry) fn(entry);
  });
}

export function Services() {
  const { config, session, setDialog } = useStore();
  const rows = serviceRows(config);
  const locked = !!session && !session.passwordKnown;
  return (
    <section aria-labelledby="services-h">
      <h2 id="services-h" tabIndex={-1}>
        Services
      </h2>
      <p class="lead">
        Your debrid and usenet accounts. Addons use the services that are on and have their credentials, in this order: it also
        ranks streams for the <em>service</em> sort key and de-duplication. Credentials are stored encrypted and left out of exports
        unless you ask.
      </p>
      {locked ? (
        <div class="notice info" data-testid="credentials-locked">
          <p>This configuration was opened from its install link, so its credentials stay hidden.</p>
          <button type="button" class="secondary" onClick={() => setDialog({ kind: 'unlock' })}>
            Enter the password to show them
          </button>
        </div>
      ) : null}
      <FieldIssues path="services" exact />
      <ol class="stack" aria-label="Services, in priority order">
        {rows.map((row, i) => (
          <ServiceCard key={row.id} row={row} index={i} count={rows.length} locked={locked} />
        ))}
      </ol>
    </section>
  );
}

function status(row: ServiceRow): { text: string; tone: 'ok' | 'warn' | 'off' } {
  const filled = row.keys.filter((k) => row.credentials[k]);
  if (!row.enabled) return { text: filled.length ? 'Off' : 'Not set up', tone: 'off' };
  return filled.length ? { text: 'On', tone: 'ok' } : { text: 'On, but no credentials yet', tone: 'warn' };
}

function ServiceCard({ row, index, count, locked }: { row: ServiceRow; index: number; count: number; locked: boolean }) {
  const { edit } = useStore();
  const state = status(row);
  return (
    <li class={`card service ${row.enabled ? '' : 'disabled'}`} data-testid={`service-${row.id}`} data-path={`services.${index}`}>
      <div class="addon-head">
        <span class="logo placeholder" aria-hidden="true">
          {row.shortName}
        </span>
        <div class="addon-title">
          <h3 class="card-title">{row.name}</h3>
          <span class={`badge tone-${state.tone}`} data-testid="service-status">
            {state.text}
          </span>
        </div>
        <RowControls name={row.name} index={index} count={count} onMove={(delta) => edit((d) => (d.services = move(materialiseServices(d), index, delta)))} />
        <Switch checked={row.enabled} onChange={(on) => editService(edit, row.id, (s) => (s.enabled = on))} label={<span class="sr-only">Use {row.name}</span>} testId="service-enabled" />
      </div>
      <div class="cred-grid">
        {row.keys.map((k) => {
          const id = `svc-${row.id}-${k}`;
          const label = CREDENTIAL_LABELS[k] ?? k;
          return (
            <div class="field compact" key={k}>
              <label for={id}>
                {label}
                <span class="sr-only"> ({row.name})</span>
              </label>
              <SecretInput
                id={id}
                name={`${row.name} ${label}`}
                secret={isSecretKey(k)}
                locked={locked}
                path={`services.${index}.credentials.${k}`}
                value={row.credentials[k] ?? ''}
                onChange={(v) => editService(edit, row.id, (s) => (s.credentials = { ...s.credentials, [k]: v }))}
              />
            </div>
          );
        })}
      </div>
      <FieldIssues path={`services.${index}`} />
    </li>
  );
}
