// What the bundled server code (src/presets) may use of Node's globals in the page: exactly what
// ./buffer.ts provides.
declare var Buffer: {
  from(text: string, encoding: 'utf8'): { toString(encoding: 'base64' | 'base64url'): string };
};
