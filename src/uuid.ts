const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A uuid in its 8-4-4-4-12 hexadecimal form (any version: existing AIOStreams ids are kept). */
export const isUuid = (text: string): boolean => UUID_RE.test(text);
