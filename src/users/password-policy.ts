import { AppError } from '../errors.js';

export const MIN_PASSWORD_LENGTH = 6;
/** Generous, so passphrases fit; bounded, so nobody makes the KDF hash megabytes. */
export const MAX_PASSWORD_BYTES = 4096;

export function checkPassword(password: string): void {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    throw new AppError('USER_NEW_PASSWORD_TOO_SHORT', `Password must be at least ${MIN_PASSWORD_LENGTH} characters long`);
  }
  if (Buffer.byteLength(password, 'utf8') > MAX_PASSWORD_BYTES) {
    throw new AppError('BAD_REQUEST', `The password must be at most ${MAX_PASSWORD_BYTES} bytes long`);
  }
}
