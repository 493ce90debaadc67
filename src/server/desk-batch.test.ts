import { beforeAll, expect, it } from 'vitest';
import { schema, type Schema } from '../app/tables.js';
import { EXEMPTED_FACTS } from '../app/testing/steps.js';
import { describeStores } from '../store/testing/harness.js';
import { buildHttpWorld, signIn, type HttpWorld } from './testing/http.js';

interface CaseJson {
  id: string;
  version: number;
  facts: { fact: string; source: string }[];
  evidence: { id: string; withdrawn: { reason: string; by: { name: string } | null } | null }[];
  events: { type: string }[];
}

describeStores<Schema>(
  'batch work over HTTP: confirming facts, removing a file',
  (getStore) => {
    let w: HttpWorld;
    beforeAll(async () => {
      w = await buildHttpWorld(getStore());
    });

    it('an official removes a file they uploaded by mistake; an investigator confirms facts', async () => {
      const official = await signIn(w, 'official');
      const intake = await signIn(w, 'intake');
      const investigator = await signIn(w, 'investigator');
      let c = (
        await official.post('/api/cases', {
          officialId: w.ids.official,
          title: '招商项目提前开工',
          summary: '为抢抓项目落地，在用地手续完备前组织开工，事后补办手续。',
          conductDate: '2024-11-05',
          facts: { ...EXEMPTED_FACTS },
        })
      ).json().case as CaseJson;
      const url = `/api/cases/${c.id}`;
      const post = async (who: typeof official, path: string, body: object) => {
        const res = await who.post(`${url}/${path}`, { expectedVersion: c.version, ...body });
        if (res.statusCode === 200) c = (res.json() as { case: CaseJson }).case;
        return res;
      };
      const added = await post(official, 'evidence', {
        filename: '错传.txt',
        mediaType: 'text/plain',
        contentBase64: Buffer.from('不相关的文件').toString('base64'),
      });
      const eid = (added.json() as { result: { evidenceId: string } }).result.evidenceId;
      const noReason = await post(official, `evidence/${eid}/remove`, {});
      expect(noReason.statusCode).toBe(400);
      const notMine = await post(intake, `evidence/${eid}/remove`, { reason: '代为撤除' });
      expect(notMine.statusCode).toBe(403);
      const removed = await post(official, `evidence/${eid}/remove`, { reason: '上传错了文件' });
      expect(removed.statusCode, removed.body).toBe(200);
      expect(c.evidence.find((e) => e.id === eid)?.withdrawn).toMatchObject({
        reason: '上传错了文件',
      });
      expect(c.events.at(-1)?.type).toBe('case.evidence_removed');

      expect((await post(intake, 'accept', {})).statusCode).toBe(200);
      const confirmed = await post(investigator, 'facts/confirm', {
        facts: ['privateGain', 'cooperated'],
      });
      expect(confirmed.statusCode, confirmed.body).toBe(200);
      const sources = new Map(c.facts.map((f) => [f.fact, f.source]));
      expect(sources.get('privateGain')).toBe('investigator');
      expect(sources.get('cooperated')).toBe('investigator');
      expect(sources.get('lossAmount')).toBe('applicant');
      const again = await post(investigator, 'facts/confirm', { facts: ['privateGain'] });
      expect(again.statusCode).toBe(400);
      expect(again.json().error.code).toBe('VALIDATION');
      const empty = await post(investigator, 'facts/confirm', { facts: [] });
      expect(empty.statusCode).toBe(400);
    });
  },
  { open: { schema } },
);
