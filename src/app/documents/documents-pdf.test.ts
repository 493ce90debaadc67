/**
 * Every document of the set, from a real case, as a PDF: issued by the officers whose job it is,
 * then rendered with the system's fonts. The files are written to test-artifacts/documents/ (not
 * committed) to be looked at page by page (`pdftoppm -png -r 60`).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { DOCUMENT_TYPES, type DocumentType } from '../../shared/documents.js';
import { describeStores } from '../../store/testing/harness.js';
import { decideChallenge } from '../cases/decide-challenge.js';
import { issueDocument } from '../cases/issue-document.js';
import { issueCorrection } from '../corrections/issue-opinion.js';
import { issueClearingNotice } from '../clearings/issue-notice.js';
import { recordClearing } from '../clearings/record-clearing.js';
import type { CaseRow } from '../cases/record.js';
import { refuseCase } from '../cases/refuse.js';
import { requestChallenge } from '../cases/request-challenge.js';
import { startPublicity } from '../cases/start-publicity.js';
import { schema, type Schema } from '../tables.js';
import { driveTo, voteToUphold } from '../testing/steps.js';
import { buildWorld, type World } from '../testing/world.js';
import { listCaseDocuments, loadCaseDocument } from './case-documents.js';
import { documentPdf, findDocumentFonts } from './pdf.js';
import { pdfText } from './testing/pdf-text.js';

const v = (c: CaseRow) => ({ caseId: c.id, expectedVersion: c.version });
const OUT = 'test-artifacts/documents';

describeStores<Schema>(
  'the full set of documents as PDFs',
  (getStore) => {
    let w: World;
    beforeAll(async () => {
      w = await buildWorld(getStore());
    });

    it('issues and renders every type, each with its number, in zh and en', async () => {
      expect(findDocumentFonts(), 'apt-get install fonts-noto-cjk').toBeDefined();
      const a = w.actors;
      w.clock.setDay('2025-03-03');
      const s = await driveTo(w, 'submitted');
      const refused = (
        await refuseCase(w.ctx, a.intake!, {
          ...v(s),
          reasons: '申请事项已超过申请期限，且未说明正当理由',
        })
      ).case;
      await issueDocument(w.ctx, a.intake!, { ...v(refused), type: 'refusal' });

      let c = await driveTo(w, 'notified', {
        title: '老旧小区改造项目未经招标先行施工',
        summary: '本人认为当时情况紧急，不得不先行施工。',
      });
      const issue = async (type: DocumentType, by: keyof World['actors'] & string) => {
        c = (await issueDocument(w.ctx, a[by]!, { ...v(c), type })).case;
      };
      await issue('acceptance', 'intake');
      await issue('delivery_receipt', 'intake');
      c = (await startPublicity(w.ctx, a.liaison!, v(c))).case;
      await issue('publicity', 'liaison');
      w.clock.setDay('2025-03-05');
      c = (
        await requestChallenge(w.ctx, a.official!, {
          ...v(c),
          kind: 'review',
          grounds: '认定书对挽回损失情况的认定与事实不符，请求复核。',
        })
      ).case;
      c = await voteToUphold(w, c);
      c = (
        await decideChallenge(w.ctx, a.chair!, {
          ...v(c),
          result: 'upheld',
          reasons: '经复核，原认定事实清楚、证据确实、程序合规，申请人所提理由不能成立。',
        })
      ).case;
      await issue('review_decision', 'chair');
      c = (
        await requestChallenge(w.ctx, a.official!, {
          ...v(c),
          kind: 'appeal',
          grounds: '对复核决定不服，向上一级提出申诉。',
        })
      ).case;
      c = (
        await decideChallenge(w.ctx, a.cityChair!, {
          ...v(c),
          result: 'upheld',
          reasons: '经审查，原认定和复核决定认定事实清楚，适用规定正确，予以维持。',
        })
      ).case;
      await issue('appeal_decision', 'cityChair');
      // The correction opinion (纠错意见书), issued by the deciding body with its actions.
      c = (
        await issueCorrection(w.ctx, a.chair!, {
          ...v(c),
          problem: '老旧小区改造项目未经招标先行施工，程序存在瑕疵。',
          requirement: '补办招标相关手续，完善应急工程采购管理制度。',
          actions: [
            { task: '补办项目招标备案手续', evidenceRequired: '备案回执', owner: 'unit' },
            { task: '提交书面情况说明', evidenceRequired: '本人签字的说明', owner: 'official' },
          ],
        })
      ).case;
      // The clearing notice (澄清正名通报): recorded by the liaison, issued by the chair.
      c = (
        await recordClearing(w.ctx, a.liaison!, {
          ...v(c),
          finding: 'false_accusation',
          alleged: '反映该同志在老旧小区改造中收受施工单位好处。',
          found: '经核实，先行施工系应急处置，经集体研究决定，该同志未收受任何财物。',
          manner: 'circular',
          scope: '区住房和城乡建设系统各单位',
        })
      ).case;
      c = (await issueClearingNotice(w.ctx, a.chair!, v(c))).case;

      mkdirSync(OUT, { recursive: true });
      const seen = new Set<DocumentType>();
      for (const [caseId, items] of [
        [s.id, await listCaseDocuments(w.ctx, a.chair!, s.id)],
        [c.id, await listCaseDocuments(w.ctx, a.cityChair!, c.id)],
      ] as const) {
        for (const item of items) {
          expect(item.status, item.type).toBe('issued');
          // The appeal is decided, numbered and issued by the level above (某市).
          expect(item.number).toMatch(
            item.type === 'appeal_decision' ? /^某市容诉〔2025〕/ : /^X新容/,
          );
          for (const lang of ['zh', 'en'] as const) {
            const d = await loadCaseDocument(
              w.ctx,
              a.cityChair!,
              caseId,
              item.type,
              item.subjectId,
              lang,
            );
            expect(d.documentNumber).toBe(item.number);
            const { pdf, filename } = await documentPdf(d, new Date('2025-03-10T02:00:00Z'));
            expect(filename).toBe(`${item.number}.pdf`);
            const read = pdfText(pdf);
            expect(read.lines.join('\n')).toContain(item.number!);
            if (lang === 'zh') {
              expect(d.text.replace(d.notice ?? '', ''), item.type).not.toMatch(/[A-Za-z]{2,}/);
              expect(read.lines.join('\n')).toContain('印发');
            }
            writeFileSync(`${OUT}/${item.type}-${lang}.pdf`, pdf);
          }
          seen.add(item.type);
        }
      }
      expect([...seen].sort()).toEqual([...DOCUMENT_TYPES].sort());
    });
  },
  { open: { schema } },
);
