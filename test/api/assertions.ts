import { expect } from 'vitest';
import { JSON_CONTENT_TYPE, type ApiResponse } from '../helpers/api.js';

/** Assertions on the API's envelope, shared by the User API suites. */

/** A body that shows internals: a stack frame, a source path, a module path. */
export function expectNoInternals(text: string): void {
  expect(text).not.toMatch(/\n\s+at\s/);
  expect(text).not.toMatch(/node_modules|\/work\/|\.ts:\d|\.js:\d/);
}

/** An error answer: exact status, JSON content type, exactly the envelope keys, the code, no internals. */
export function expectError(res: ApiResponse, status: number, code: string, message?: string | RegExp): void {
  expect({ status: res.status, text: res.text }).toMatchObject({ status });
  expect(res.headers.get('content-type')).toMatch(JSON_CONTENT_TYPE);
  expect(res.body, res.text).not.toBeNull();
  expect(Object.keys(res.body).sort()).toEqual(['data', 'detail', 'error', 'success']);
  expect(res.body.success).toBe(false);
  expect(res.body.data).toBeNull();
  expect(res.body.error?.code).toBe(code);
  expect(typeof res.body.detail).toBe('string');
  expect(res.body.detail.length).toBeGreaterThan(0);
  expect(res.body.error?.message).toBe(res.body.detail);
  if (message !== undefined) {
    if (typeof message === 'string') expect(res.body.detail).toBe(message);
    else expect(res.body.detail).toMatch(message);
  }
  expectNoInternals(res.text);
}

/** A success answer: exact status, JSON content type, `{success: true, detail, error: null, data}`. */
export function expectOk<T = any>(res: ApiResponse<T>, status: number, detail: string): T {
  expect({ status: res.status, text: res.text }).toMatchObject({ status });
  expect(res.headers.get('content-type')).toMatch(JSON_CONTENT_TYPE);
  expect(Object.keys(res.body).sort()).toEqual(['data', 'detail', 'error', 'success']);
  expect(res.body.success).toBe(true);
  expect(res.body.detail).toBe(detail);
  expect(res.body.error).toBeNull();
  return res.body.data;
}
