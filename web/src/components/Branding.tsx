import { useState } from 'preact/hooks';
import { useStore } from '../store.js';
import { Field } from './ui.js';

/** The schema's limit on `addonName` (config.md §10): longer names are refused, never cut. */
const MAX_NAME = 300;

export function Branding() {
  const { config, edit, instance } = useStore();
  const text = (key: string) => (typeof config[key] === 'string' ? (config[key] as string) : '');
  const setText = (key: string, value: string) =>
    edit((d) => {
      // Optional keys are omitted when unset: an empty box means "use the default".
      if (value === '') delete d[key];
      else d[key] = value;
    });
  const logo = text('addonLogo');
  const [broken, setBroken] = useState('');
  let logoProblem: string | null = null;
  if (logo) {
    try {
      new URL(logo);
    } catch {
      logoProblem = 'Enter a full URL, like https://example.com/logo.png';
    }
  }
  const shown = logo && !logoProblem ? logo : instance.logo;
  const nameLength = [...text('addonName')].length;

  return (
    <section aria-labelledby="branding-h">
      <h2 id="branding-h" tabIndex={-1}>
        Branding
      </h2>
      <p class="lead">How the addon appears in Stremio. Leave a box empty to use this server's defaults.</p>
      <div class="card branding">
        <div class="branding-preview" aria-hidden="true">
          {shown && broken !== shown ? (
            <img src={shown} alt="" width={72} height={72} referrerPolicy="no-referrer" onError={() => setBroken(shown)} />
          ) : (
            <span class="logo placeholder big">{(text('addonName') || instance.name).slice(0, 1).toUpperCase()}</span>
          )}
          <div>
            <strong>{text('addonName') || instance.name}</strong>
            <p class="hint">{text('addonDescription') || instance.description}</p>
          </div>
        </div>
        <Field
          label="Addon name"
          id="addon-name"
          path="addonName"
          hint={
            <>
              Shown in Stremio's addon list and as config.addonName in formatter templates.{' '}
              <span class={nameLength > MAX_NAME ? 'error' : ''} data-testid="addon-name-count">
                {nameLength} / {MAX_NAME} characters
              </span>
            </>
          }
        >
          <input
            id="addon-name"
            data-path="addonName"
            aria-describedby="addon-name-hint"
            aria-invalid={nameLength > MAX_NAME || undefined}
            type="text"
            value={text('addonName')}
            placeholder={instance.name}
            onInput={(e) => setText('addonName', e.currentTarget.value)}
          />
        </Field>
        <Field label="Description" id="addon-description" path="addonDescription">
          <textarea
            id="addon-description"
            rows={3}
            data-path="addonDescription"
            value={text('addonDescription')}
            placeholder={instance.description}
            onInput={(e) => setText('addonDescription', (e.currentTarget as HTMLTextAreaElement).value)}
          />
        </Field>
        <Field label="Logo URL" id="addon-logo" path="addonLogo" hint={logoProblem ?? 'A square PNG or SVG works best.'}>
          <input
            id="addon-logo"
            data-path="addonLogo"
            aria-describedby="addon-logo-hint"
            type="url"
            inputMode="url"
            value={logo}
            placeholder={instance.logo ?? 'https://example.com/logo.png'}
            aria-invalid={logoProblem ? true : undefined}
            onInput={(e) => setText('addonLogo', (e.currentTarget as HTMLInputElement).value.trim())}
          />
        </Field>
      </div>
    </section>
  );
}
