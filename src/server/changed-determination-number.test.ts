/**
 * A determination changed on review is a new 认定书 with a number of its own (decide-challenge.ts):
 * the case view lists it, and its document — JSON and PDF — carries it and is named by it.
 */
import { beforeAll, expect, it } from 'vitest';
import { decideChallenge } from '../app/cases/decide-challenge.js';
import { requestChallenge } from '../app/cases/request-challenge.js';
import { castReviewVote } from '../app/cases/vote-review.js';
import { pdfText } from '../app/documents/testing/pdf-text.js';
import { schema, type Schema } from '../app/tables.js';
import { driveTo } from '../app/testing/steps.js';
import { describeStores } from '../store/testing/harness.js';
import { buildHttpWorld, signIn, type HttpWorld } from './testing/http.js';

describeStores<Schema>(
  'the number of a determination changed on review, over HTTP',
  (getStore) => {
    let w: HttpWorld;
    let caseId: string;
    let number: string;
    let original: string;
    beforeAll(async () => {
      w = await buildHttpWorld(getStore());
      let c = await driveTo(w, 'notified');
      const a = w.actors;
      const v = () => ({ caseId: c.id, expectedVersion: c.version });
      const grounds = '对认定结果有异议，申请复核。';
      c = (await requestChallenge(w.ctx, a.official!, { ...v(), kind: 'review', grounds })).case;
      for (const m of [a.chair!, a.member1!, a.member2!]) {
        const vote = { ...v(), outcome: 'lighter', reason: '经研究，同意从轻。' };
        c = (await castReviewVote(w.ctx, m, vote)).case;
      }
      const reasons = '经复核，当事人未完全履行报告义务，变更为从轻处理。';
      const d = await decideChallenge(w.ctx, a.chair!, {
        ...v(),
        result: 'changed',
        outcome: 'lighter',
        reasons,
      });
      caseId = c.id;
      number = d.result.documentNumber;
      const view = (await (await signIn(w, 'official')).get(`/api/cases/${caseId}`)).json() as {
        determinations: { documentNumber: string }[];
      };
      original = view.determinations[0]!.documentNumber;
    }, 60_000);

    it('lists the new number beside the original in the case view', async () => {
      expect(number).toMatch(/^X新容认〔\d{4}〕\d+号$/);
      expect(number).not.toBe(original);
      expect(number).not.toContain('-R');
    });

    it('the changed determination’s document carries its own number, in the PDF and its name', async () => {
      const official = await signIn(w, 'official');
      const json = await official.get(`/api/cases/${caseId}/decision-document`);
      expect(json.statusCode, json.body.slice(0, 300)).toBe(200);
      expect(json.json().document.documentNumber).toBe(number);
      const res = await official.get(`/api/cases/${caseId}/decision-document?format=pdf`);
      expect(res.statusCode).toBe(200);
      expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent(number));
      expect(pdfText(res.rawPayload).lines.join('\n')).toContain(number);
    });
  },
  { open: { schema } },
);
