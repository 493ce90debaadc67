/**
 * A creating POST with an Idempotency-Key header, so that a retry after a lost answer returns the
 * case first created instead of opening a second one.
 */
import { api } from '../../api';

/** A fresh key in the form the server accepts (8–128 of A–Z a–z 0–9 _ . : -). */
export function newIdempotencyKey(): string {
  return `apply-${crypto.randomUUID()}`;
}

export function postIdempotent<T>(path: string, body: unknown, key: string): Promise<T> {
  return api<T>('POST', path, body, { headers: { 'idempotency-key': key } });
}
