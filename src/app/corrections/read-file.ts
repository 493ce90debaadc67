/**
 * A file submitted with a correction action, for anyone who may read the case's correction (its
 * staff and parties; not a consulted department's officer, who does not see the correction).
 * Each download is logged.
 */
import { and, eq } from 'drizzle-orm';
import { isUuid } from '../cases/text-input.js';
import type { Actor } from '../../domain/roles.js';
import { loadCase, withConsultations, withCorrection } from '../cases/record.js';
import { authorizeCase } from '../cases/transition.js';
import type { AppContext } from '../context.js';
import { blobContent, SEALED_COLUMNS } from '../blobs/store.js';
import { AppError } from '../errors.js';
import { correctionFiles, evidenceBlobs, readLog } from '../tables.js';
import { consulted, isParty, inScope, STAFF } from '../../domain/policies.js';

export interface CorrectionFile {
  readonly filename: string;
  readonly mediaType: string;
  readonly sha256: string;
  readonly content: Uint8Array;
}

export async function readCorrectionFile(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  fileId: string,
): Promise<CorrectionFile> {
  return ctx.store.tx(async (tx) => {
    const loaded = await withCorrection(
      ctx,
      tx,
      await withConsultations(tx, await loadCase(ctx, tx, caseId), actor),
    );
    authorizeCase(actor, 'read', loaded.subject);
    const s = loaded.subject;
    const onlyConsulted =
      consulted(actor, s) && !isParty(actor, s) && !inScope(actor, [...STAFF, 'unit_party'], s);
    if (onlyConsulted || !isUuid(fileId)) throw new AppError('NOT_FOUND', { fileId });
    const [found] = await tx
      .select({
        filename: correctionFiles.filename,
        mediaType: correctionFiles.mediaType,
        sha256: correctionFiles.sha256,
        ...SEALED_COLUMNS,
      })
      .from(correctionFiles)
      .innerJoin(evidenceBlobs, eq(evidenceBlobs.sha256, correctionFiles.sha256))
      .where(and(eq(correctionFiles.id, fileId), eq(correctionFiles.caseId, loaded.row.id)));
    if (!found) throw new AppError('NOT_FOUND', { fileId });
    await tx.insert(readLog).values({
      userId: actor.userId,
      caseId: loaded.row.id,
      jurisdictionId: loaded.row.jurisdictionId,
      what: 'correction.file.download',
      at: ctx.now(),
    });
    const content = blobContent(ctx, found.sha256, found);
    return {
      filename: found.filename,
      mediaType: found.mediaType,
      sha256: found.sha256,
      content,
    };
  });
}
