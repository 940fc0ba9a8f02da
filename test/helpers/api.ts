/** A small client for the User API, over real HTTP (Node's fetch). */
export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: { success: boolean; detail: string; error: { code: string; message: string; issues?: unknown[] } | null; data: T };
  text: string;
}

export const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;

export async function call<T = any>(
  base: string,
  method: string,
  path = '/api/v1/user',
  init: { headers?: Record<string, string>; body?: unknown; rawBody?: string | Buffer } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...init.headers };
  let body: string | Buffer | undefined;
  if (init.rawBody !== undefined) body = init.rawBody;
  else if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(base + path, { method, headers, body });
  const text = await res.text();
  let parsed: any = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

export const MINIMAL_CONFIG = { presets: [], formatter: { id: 'prism' }, sortCriteria: { global: [] } };

export async function createUser(base: string, password = 'correct horse', config: unknown = MINIMAL_CONFIG) {
  const res = await call<{ uuid: string; encryptedPassword: string }>(base, 'POST', '/api/v1/user', { body: { config, password } });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${res.text}`);
  return { uuid: res.body.data.uuid, token: res.body.data.encryptedPassword, password };
}
