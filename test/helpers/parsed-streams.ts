import { emptyStreamFields, type AddonRef, type ParsedStream } from '../../src/addon/pipeline/types.js';

/** Fixtures for pipeline stage tests: an addon reference and a parsed stream with neutral defaults. */
export function addonRef(id: string, index: number, over: Partial<AddonRef> = {}): AddonRef {
  return {
    presetInstanceId: id,
    presetType: 'custom',
    addonId: `${id}e3b0`,
    addonName: id,
    label: id,
    addonIndex: index,
    manifestUrl: `https://${id}.example.org/manifest.json`,
    libraryAddon: false,
    formatPassthrough: false,
    resultPassthrough: false,
    ...over,
  };
}

/** A cached Real-Debrid stream with empty lists and no flags; `over` sets what a test is about. */
export function parsedStream(addon: AddonRef, over: Partial<ParsedStream> = {}): ParsedStream {
  return {
    original: {},
    addon,
    type: 'debrid',
    service: { id: 'realdebrid', cached: true },
    ...emptyStreamFields(),
    ...over,
  };
}
