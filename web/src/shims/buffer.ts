/**
 * The one piece of Node's Buffer the preset code (src/presets/encode.ts) uses, for the browser:
 * `Buffer.from(text, 'utf8').toString('base64' | 'base64url')`. Installed on globalThis only where
 * there is no Buffer (Node keeps its own); lib/expansion.ts imports this before it expands.
 */
type Base64 = 'base64' | 'base64url';

function toBase64(text: string, encoding: Base64): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  const plain = btoa(binary);
  return encoding === 'base64' ? plain : plain.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const pageBuffer = {
  from: (text: string, _encoding: 'utf8') => ({ toString: (encoding: Base64) => toBase64(text, encoding) }),
};

const scope = globalThis as { Buffer?: unknown };
scope.Buffer ??= pageBuffer;
