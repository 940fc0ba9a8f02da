/** Field resolution, absence rules and derived fields (§2). */
import { describe, expect, it } from 'vitest';
import type { FormatterInput } from '../../src/formatter/index.js';
import { F1, F2, F3, F4, render, withStream } from './fixtures.js';

describe('fixture fields derived by the library', () => {
  it('F1 language lists', () => {
    expect(render('{stream.languageEmojis}|{stream.languageCodes}|{stream.smallLanguageCodes}', F1)).toBe('🇬🇧,🇫🇷|EN,FR|ᴇɴ,ғʀ');
  });

  it('F2 seasons, episodes and age', () => {
    expect(render('{stream.formattedSeasons}|{stream.formattedEpisodes}|{stream.seasonEpisode}|{stream.season}|{stream.episode}|{stream.age}', F2)).toBe(
      'S02|E03|S02,E03|2|3|3d',
    );
  });
});

describe('derived fields', () => {
  it('ranges pad to two digits and span first-last', () => {
    const input = withStream(F4, { seasons: [1, 2, 3, 4, 5], episodes: [1, 12], folderSeasons: [100], folderEpisodes: [7, 7] });
    expect(render('{stream.formattedSeasons} {stream.formattedEpisodes} {stream.formattedFolderSeasons} {stream.formattedFolderEpisodes}', input)).toBe(
      'S01-05 E01-12 S100 E07',
    );
  });

  it('seasonEpisode keeps the present parts; season 0 is absent', () => {
    const input = withStream(F4, { episodes: [4], seasons: [0] });
    expect(render(`{stream.seasonEpisode::join('/')}|{stream.season::default('none')}|{stream.seasons}`, input)).toBe('S00/E04|none|0');
    expect(render(`{stream.seasonEpisode::join('/')}`, withStream(F4, { episodes: [4] }))).toBe('E04');
  });

  it('age in hours under a day, else whole days', () => {
    const age = (ageHours: number): string => render('{stream.age::default(\'-\')}', withStream(F4, { ageHours }));
    expect([age(5), age(23.9), age(24), age(80), age(0)]).toEqual(['5h', '23h', '1d', '3d', '-']);
  });

  it('language twins: u…, subtitle…, unknown names, duplicates', () => {
    const input = withStream(F4, {
      languages: ['English', 'Klingon', 'Hindi', 'Tamil', 'Multi', 'Dual Audio'],
      uLanguages: ['English'],
      subtitles: ['Spanish', 'Portuguese (Brazil)'],
      uSubtitles: ['Latino'],
    });
    expect(render('{stream.languageEmojis}', input)).toBe('🇬🇧,Klingon,🇮🇳,🌎,Dual Audio');
    expect(render('{stream.languageCodes}', input)).toBe('EN,KLINGON,HI,TA,MULTI,DUAL AUDIO');
    expect(render('{stream.smallLanguageCodes}', input)).toBe('ᴇɴ,ᴋʟɪɴɢᴏɴ,ʜɪ,ᴛᴀ,ᴍᴜʟᴛɪ,ᴅᴜᴀʟ ᴀᴜᴅɪᴏ');
    expect(render('{stream.uLanguageEmojis}|{stream.uLanguageCodes}|{stream.uSmallLanguageCodes}', input)).toBe('🇬🇧|EN|ᴇɴ');
    expect(render('{stream.subtitleEmojis}|{stream.subtitleCodes}|{stream.smallSubtitleCodes}', input)).toBe('🇪🇸,🇧🇷|ES,PT-BR|ᴇꜱ,ᴘᴛ-ʙʀ');
    expect(render('{stream.uSubtitleEmojis}|{stream.uSubtitleCodes}|{stream.uSmallSubtitleCodes}', input)).toBe('💃🏻|ES-MX|ᴇꜱ-ᴍx');
    expect(render('{stream.wedontknowwhatakilometeris}|{stream.uWedontknowwhatakilometeris}', input)).toBe(
      '🇺🇸🦅,Klingon,🇮🇳,🌎,Dual Audio|🇺🇸🦅',
    );
  });

  it('edition is the first edition; remastered is always absent', () => {
    const input = withStream(F4, { editions: ['Extended', 'IMAX'] });
    expect(render(`{stream.edition}|{stream.remastered::default('gone')}`, input)).toBe('Extended|gone');
  });
});

describe('absence rules', () => {
  it('0 → absent only for the marked fields', () => {
    const input = withStream(F4, { size: 0, folderSize: 0, duration: 0, ageHours: 0, bitrate: 0, seeders: 0, regexScore: 0 });
    expect(render('{stream.size::exists}{stream.folderSize::exists}{stream.duration::exists}{stream.ageHours::exists}', input)).toBe(
      'falsefalsefalsefalse',
    );
    expect(render('{stream.bitrate}|{stream.seeders}|{stream.regexScore}', input)).toBe('0|0|0');
  });

  it('whitespace-only text and empty lists are absent', () => {
    const input = withStream(F4, { title: ' \t ', visualTags: [] });
    expect(render(`{stream.title::default('none')}|{stream.visualTags::default('none')}`, input)).toBe('none|none');
  });

  it('booleans are false when unknown, except service.cached and stream.freeleech', () => {
    expect(render('{stream.seadexBest}|{stream.hasChapters::exists}|{service.cached::exists}|{stream.freeleech::exists}', F4)).toBe(
      'false|true|false|false',
    );
    expect(render('{stream.freeleech}', withStream(F4, { freeleech: true }))).toBe('true');
  });

  it('service fields are absent without a service', () => {
    expect(render(`{service.id::default('-')}{service.shortName::default('-')}{service.name::default('-')}`, F2)).toBe('---');
    expect(render('{service.name} {service.id}', F3)).toBe('TorBox torbox');
  });
});

describe('sections', () => {
  it('config and addon', () => {
    const input: FormatterInput = { ...F1, addon: { name: 'Torrentio', presetId: 'torrentio', manifestUrl: 'https://x/manifest.json' } };
    expect(render('{CONFIG.ADDONNAME}|{addon.presetId}|{Addon.ManifestUrl}', input)).toBe('AIOStreams|torrentio|https://x/manifest.json');
  });

  it('metadata values are typed by what they hold and absent when unknown', () => {
    const input: FormatterInput = {
      ...F1,
      metadata: { title: 'Dune: Part Two', year: 2024, genres: ['Sci-Fi', 'Drama'], isAnime: false, episodeTitles: [], runtime: 166 },
    };
    expect(render(`{metadata.title} {metadata.year::>2020} {metadata.genres::join('/')} {metadata.isAnime}`, input)).toBe(
      'Dune: Part Two true Sci-Fi/Drama false',
    );
    expect(render(`{metadata.episodeTitles::default('-')}{metadata.malId::default('-')}`, input)).toBe('--');
    expect(render(`{metadata.title::default('?')}{metadata.hasSeaDex::exists}`, F1)).toBe('?false');
  });

  it('debug.json and debug.jsonf hold every value, absent ones as null', () => {
    const json = JSON.parse(render('{debug.json}')) as Record<string, Record<string, unknown>>;
    expect(json.config).toEqual({ addonName: 'AIOStreams' });
    expect(json.service).toEqual({ id: 'realdebrid', shortName: 'RD', name: 'Real-Debrid', cached: true });
    expect(json.stream).toMatchObject({ resolution: '2160p', visualTags: ['DV', 'HDR'], message: null, library: false, languageCodes: ['EN', 'FR'] });
    expect(json.metadata).toMatchObject({ title: null });
    expect(json).not.toHaveProperty('debug');
    const pretty = render('{debug.jsonf}');
    expect(pretty).toContain('\n  "stream": {\n    "filename": ');
    expect(JSON.parse(pretty)).toEqual(json);
  });
});
