// presets.md §23. `"on"` flags per language provider, plus the user's MediaFlow proxy, as
// percent-encoded JSON.
import { recordBase } from '../addon-record.js';
import { chooseBase, manifestAt } from '../base-url.js';
import { json, pct } from '../encode.js';
import { booleanOption, commonOptions, multiSelectOption } from '../options.js';
import type { PresetKind } from '../types.js';

const PROVIDERS = ['multi', 'en', 'de', 'es', 'fr', 'hi', 'it', 'mx'];

/** The user's proxy, when it is an enabled MediaFlow proxy with credentials. */
function mediaFlow(proxy: unknown): { url: unknown; credentials: unknown } | undefined {
  if (typeof proxy !== 'object' || proxy === null) return undefined;
  const p = proxy as Record<string, unknown>;
  return p.enabled === true && p.id === 'mediaflow' && p.credentials ? { url: p.url, credentials: p.credentials } : undefined;
}

export const webstreamr: PresetKind = {
  meta: {
    id: 'webstreamr',
    name: 'WebStreamr',
    description: 'Direct HTTP streams scraped from streaming websites, by language.',
    category: 'streams',
    baseUrls: ['https://webstreamr.hayd.uk'],
    services: [],
    requiresService: false,
    resources: ['stream'],
    streamTypes: ['http'],
    options: [
      ...commonOptions('WebStreamr', ['stream']),
      multiSelectOption('providers', 'Providers', 'Which language groups of websites to search', PROVIDERS, { default: ['multi', 'en'] }),
      booleanOption('includeExternalUrls', 'Include External URLs', 'Also list links that open outside the player', false),
      booleanOption('showErrors', 'Show Errors', 'Show scraping errors as streams', false),
    ],
  },
  expand(options, ctx) {
    const base = recordBase(this.meta, options);
    const choice = chooseBase(options, this.meta.baseUrls[0]!, 'strip');
    if ('passThrough' in choice) return [{ ...base, manifestUrl: choice.passThrough }];
    const on = [
      ...((options.providers as string[] | undefined) ?? []),
      ...(options.includeExternalUrls ? ['includeExternalUrls'] : []),
      ...(options.showErrors ? ['showErrors'] : []),
    ];
    const proxy = mediaFlow(ctx.proxy);
    const config = {
      ...Object.fromEntries(on.map((key) => [key, 'on'])),
      ...(proxy ? { mediaFlowProxyUrl: proxy.url, mediaFlowProxyPassword: proxy.credentials } : {}),
    };
    return [{ ...base, manifestUrl: manifestAt(choice.base, pct(json(config))) }];
  },
};
