/**
 * The application window over HTTP (issue 13): the form reads it from
 * GET /api/officials/:id/application-window, and POST /api/cases refuses an application outside it.
 */
import { beforeAll, expect, it } from 'vitest';
import { schema, type Schema } from '../../app/tables.js';
import { describeStores } from '../../store/testing/harness.js';
import { buildHttpWorld, signIn, type HttpWorld } from '../testing/http.js';

describeStores<Schema>(
  'the application window over HTTP',
  (getStore) => {
    let w: HttpWorld;
    beforeAll(async () => {
      w = await buildHttpWorld(getStore());
    });
    const path = (q: string) => `/api/officials/${w.ids.official}/application-window?${q}`;

    it('gives the window in words with its clause, and its last day once the notification is known', async () => {
      const official = await signIn(w, 'official');
      const during = await official.get(path('conductDate=2024-11-05'));
      expect(during.statusCode).toBe(200);
      expect(during.json().window).toMatchObject({
        text: {
          zh: '问责调查期间，或者收到问责决定之日起15个工作日内',
          en: 'during the accountability investigation, or within 15 working days of being notified of the accountability decision',
        },
        from: 'notifiedOfAccountability',
        duringInvestigation: true,
        anchorOn: null,
        lastDay: null,
        inTime: true,
      });
      expect(during.json().window.basis.zh).toMatch(/第九条$/);
      const late = (
        await official.get(path('conductDate=2024-11-05&notifiedOn=2025-02-05'))
      ).json();
      expect(late.window).toMatchObject({
        anchorOn: '2025-02-05',
        lastDay: '2025-02-25',
        inTime: false,
      });
      const colleague = await signIn(w, 'colleague');
      expect((await colleague.get(path('conductDate=2024-11-05'))).statusCode).toBe(404);
    });

    it('POST /api/cases refuses an application outside the window with 422 and the reason', async () => {
      const official = await signIn(w, 'official');
      const res = await official.post('/api/cases', {
        officialId: w.ids.official,
        title: '招商项目提前开工',
        summary: '为抢抓项目落地，在用地手续完备前组织开工。',
        conductDate: '2024-11-05',
        accountabilityNotifiedOn: '2025-02-05',
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.code).toBe('APPLICATION_OUT_OF_TIME');
      expect(res.json().error.message.zh).toContain('最后一日为2025年2月25日');
      expect(res.json().error.details).toEqual({ anchorOn: '2025-02-05', lastDay: '2025-02-25' });
    });
  },
  { open: { schema } },
);
