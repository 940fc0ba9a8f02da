// presets.md §19. Easynews login plus fixed search settings, as percent-encoded JSON in the path.
import { recordBase } from '../addon-record.js';
import { chooseBase, manifestAt, originOf } from '../base-url.js';
import { json, pct } from '../encode.js';
import { booleanOption, commonOptions } from '../options.js';
import { credential } from '../services.js';
import type { PresetKind } from '../types.js';

const DEFAULT_BASE = 'https://easynews-cloudflare-worker.jqrw92fchz.workers.dev';

export const easynewsPlusPlus: PresetKind = {
  meta: {
    id: 'easynewsPlusPlus',
    name: 'Easynews++',
    description: 'Searches Easynews usenet with your Easynews account, with quality and title matching controls.',
    category: 'streams',
    baseUrls: [DEFAULT_BASE],
    services: ['easynews'],
    requiresService: true,
    resources: ['stream'],
    streamTypes: ['usenet'],
    options: [
      ...commonOptions('Easynews++', ['stream']),
      booleanOption('strictTitleMatching', 'Strict Title Matching', 'Only keep results whose title matches exactly', false, true),
    ],
    parse: { usenetService: 'easynews' },
  },
  expand(options, ctx) {
    const base = recordBase(this.meta, options);
    const choice = chooseBase(options, DEFAULT_BASE, 'strip');
    if ('passThrough' in choice) return [{ ...base, manifestUrl: choice.passThrough }];
    // The Easynews entry is read directly: its credentials count even when it is not enabled.
    const { username, password } = credential(ctx, 'easynews') as { username: string; password: string };
    const url = options.url as string | undefined;
    const config = {
      uiLanguage: 'eng',
      username,
      password,
      strictTitleMatching: options.strictTitleMatching ? 'on' : 'off',
      // The addon builds its own links from this, so it must be where it is served from.
      baseUrl: url ? originOf(url) : DEFAULT_BASE,
      preferredLanguage: '',
      sortingPreference: 'quality_first',
      showQualities: '4k,1080p,720p,480p',
      maxResultsPerQuality: '',
      maxFileSize: '',
    };
    return [{ ...base, manifestUrl: manifestAt(choice.base, pct(json(config))) }];
  },
};
