import { useState } from 'preact/hooks';
import { SERVICES } from '../../../src/config/services.js';
import { move, servicesOf, type Config, type ServiceEntry } from '../lib/config.js';
import { useStore } from '../store.js';
import { FieldIssues, RowControls, Switch } from './ui.js';

const INFO = new Map(SERVICES.map((s) => [s.id as string, s]));

const KEY_LABELS: Record<string, string> = {
  apiKey: 'API key',
  email: 'Email',
  password: 'Password',
  username: 'Username',
  token: 'Token',
  clientId: 'Client ID',
  url: 'URL',
  publicUrl: 'Public URL',
  aiostreamsAuth: 'AIOStreams auth',
  servers: 'Servers',
  encodedToken: 'Encoded token',
  authToken: 'Auth token',
};

function editService(edit: (fn: (d: Config) => void) => void, index: number, fn: (s: ServiceEntry) => void) {
  edit((d) => {
    const list = servicesOf(d);
    const s = list[index];
    if (s) fn(s);
    d.services = list;
  });
}

export function Services() {
  const { config, edit } = useStore();
  const services = servicesOf(config);
  const available = SERVICES.filter((s) => !services.some((x) => x.id === s.id));
  const [pick, setPick] = useState('');

  return (
    <section aria-labelledby="services-h">
      <h2 id="services-h" tabIndex={-1}>
        Services
      </h2>
      <p class="lead">
        Your debrid and usenet accounts. Order is priority: the <em>service</em> sort key and de-duplication prefer services higher
        in the list. Credentials are stored encrypted and never shown in exports unless you ask.
      </p>
      <form
        class="card inline wrap"
        onSubmit={(e) => {
          e.preventDefault();
          const info = INFO.get(pick);
          if (!info) return;
          edit((d) => {
            const list = servicesOf(d);
            list.push({ id: info.id, enabled: true, credentials: Object.fromEntries(info.credentialKeys.map((k) => [k, ''])) });
            d.services = list;
          });
          setPick('');
        }}
      >
        <label for="add-service">Add a service</label>
        <select id="add-service" value={pick} onChange={(e) => setPick((e.currentTarget as HTMLSelectElement).value)}>
          <option value="">Choose…</option>
          {available.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
        <button type="submit" class="primary" disabled={!pick}>
          Add
        </button>
      </form>
      <FieldIssues path="services" exact />
      {services.length === 0 ? (
        <p class="empty">No services. Addons then return peer-to-peer streams only.</p>
      ) : (
        <ol class="stack" aria-label="Your services">
          {services.map((s, i) => (
            <ServiceCard key={s.id} service={s} index={i} count={services.length} />
          ))}
        </ol>
      )}
    </section>
  );
}

function ServiceCard({ service, index, count }: { service: ServiceEntry; index: number; count: number }) {
  const { edit } = useStore();
  const info = INFO.get(service.id);
  const name = info?.name ?? service.id;
  const creds = service.credentials && typeof service.credentials === 'object' ? service.credentials : {};
  const keys = [...new Set([...(info?.credentialKeys ?? []), ...Object.keys(creds)])];
  return (
    <li class={`card service ${service.enabled ? '' : 'disabled'}`}>
      <div class="addon-head">
        <span class="logo placeholder" aria-hidden="true">
          {info?.shortName ?? '?'}
        </span>
        <h3 class="card-title">{name}</h3>
        <Switch
          checked={service.enabled === true}
          onChange={(on) => editService(edit, index, (s) => (s.enabled = on))}
          label={<span class="sr-only">Use {name}</span>}
        />
      </div>
      <div class="cred-grid">
        {keys.map((k) => (
          <SecretInput
            key={k}
            id={`svc-${service.id}-${k}`}
            label={`${name} ${KEY_LABELS[k] ?? k}`}
            shortLabel={KEY_LABELS[k] ?? k}
            value={typeof creds[k] === 'string' ? creds[k]! : ''}
            onChange={(v) =>
              editService(edit, index, (s) => {
                s.credentials = { ...(s.credentials ?? {}), [k]: v };
              })
            }
          />
        ))}
      </div>
      <div class="addon-row">
        <div class="spacer" />
        <RowControls
          name={name}
          index={index}
          count={count}
          onMove={(delta) => edit((d) => (d.services = move(servicesOf(d), index, delta)))}
          onRemove={() => edit((d) => (d.services = servicesOf(d).filter((_, i) => i !== index)))}
        />
      </div>
      <FieldIssues path={`services.${index}`} />
    </li>
  );
}

function SecretInput({ id, label, shortLabel, value, onChange }: { id: string; label: string; shortLabel: string; value: string; onChange: (v: string) => void }) {
  const [shown, setShown] = useState(false);
  return (
    <div class="field compact">
      <label for={id}>
        {shortLabel}
        <span class="sr-only"> ({label})</span>
      </label>
      <div class="inline">
        <input
          id={id}
          type={shown ? 'text' : 'password'}
          autoComplete="off"
          spellcheck={false}
          value={value}
          onInput={(e) => onChange((e.currentTarget as HTMLInputElement).value)}
        />
        <button type="button" class="secondary small" aria-pressed={shown} aria-label={`Show ${label}`} onClick={() => setShown(!shown)}>
          {shown ? 'Hide' : 'Show'}
        </button>
      </div>
    </div>
  );
}
