/** A plain JSON object (not null, not an array): what config and upstream checks need first. */
export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
