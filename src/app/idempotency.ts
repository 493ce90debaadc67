/**
 * Idempotent creating requests: the same key with the same request returns the first result
 * instead of creating twice; the same key with a different request is refused.
 */
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../domain/roles.js';
import { canonicalJson } from '../domain/audit-chain.js';
import { sqlState, type Tx } from '../store/index.js';
import type { AppContext } from './context.js';
import { AppError, invalid } from './errors.js';
import { cases, idempotencyKeys, type Schema } from './tables.js';
import type { CaseRow } from './cases/record.js';

export async function withIdempotency(
  ctx: AppContext,
  actor: Actor,
  operation: string,
  key: string | undefined,
  request: unknown,
  create: (tx: Tx<Schema>) => Promise<CaseRow>,
): Promise<{ case: CaseRow; replayed: boolean }> {
  if (key === undefined) return { case: await ctx.store.tx(create), replayed: false };
  if (!/^[A-Za-z0-9_.:-]{8,128}$/.test(key)) {
    throw invalid(
      'Idempotency-Key',
      '应为 8–128 个字母、数字或 _ . : -。',
      'use 8–128 letters, digits or _ . : -.',
    );
  }
  const requestHash = createHash('sha256')
    .update(operation)
    .update(canonicalJson(request))
    .digest('hex');
  const replay = async (): Promise<{ case: CaseRow; replayed: boolean } | undefined> =>
    ctx.store.tx(async (tx) => {
      const [k] = await tx
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.userId, actor.userId), eq(idempotencyKeys.key, key)));
      if (!k) return undefined;
      if (k.requestHash !== requestHash) throw new AppError('IDEMPOTENCY_MISMATCH', { key });
      const caseId = (k.response as { caseId: string }).caseId;
      const [row] = await tx.select().from(cases).where(eq(cases.id, caseId));
      return { case: row!, replayed: true };
    });
  const earlier = await replay();
  if (earlier) return earlier;
  try {
    const row = await ctx.store.tx(async (tx) => {
      const created = await create(tx);
      await tx.insert(idempotencyKeys).values({
        userId: actor.userId,
        key,
        requestHash,
        status: 201,
        response: { caseId: created.id },
      });
      return created;
    });
    return { case: row, replayed: false };
  } catch (e) {
    // A concurrent retry with the same key won the race: return its result.
    if (sqlState(e) === '23505') {
      const won = await replay();
      if (won) return won;
    }
    throw e;
  }
}
