/**
 * The formatter goldens (shared/spec/formatter-goldens.json): for every recorded upstream stream and
 * every formatter, the exact name and description AIOStreams answered, zero-width characters
 * included, from the raw upstream object through parsing and formatting.
 */
import { describe, expect, it } from 'vitest';
import { replayGoldens } from '../helpers/formatter-goldens.js';

const cases = replayGoldens();

describe.each([...new Set(cases.map((c) => c.label))])('%s', (label) => {
  it.each(cases.filter((c) => c.label === label).map((c) => [c.key, c] as const))('%s', (_key, c) => {
    expect(c.actual).toEqual(c.expected);
  });
});
