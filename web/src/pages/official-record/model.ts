/**
 * The official's record screen's shapes, as the server declares them (src/api/official-record.ts),
 * and the record laid out in date order for its timeline.
 */
import type { OfficialRecord, RecordCase } from '../../../../src/api/index.js';

export type { OfficialRecord, RecordCase };

/** One dated line of the timeline: `key` names its text in the record area, `values` fill it. */
export interface RecordEvent {
  readonly on: string;
  readonly key: string;
  readonly caseId: string | null;
  readonly caseNumber: string | null;
  readonly values: Readonly<Record<string, string>>;
}

/** The events of one case: opened, decided, notified, talks, corrections, visits, clearings. */
function caseEvents(c: RecordCase): RecordEvent[] {
  const ev = (on: string | null, key: string, values: Record<string, string> = {}) =>
    on ? [{ on, key, caseId: c.id, caseNumber: c.number, values }] : [];
  const d = c.decision;
  return [
    ...ev(c.openedOn, 'opened', { title: c.title }),
    ...ev(d?.decidedOn ?? null, 'decided', { document: d?.documentNumber ?? '' }),
    ...ev(c.notifiedOn, 'notified'),
    ...ev(d?.application?.impactPeriod?.endsOn ?? null, 'impactEnds'),
    ...c.talks.flatMap((t) => ev(t.heldOn, `talk.${t.kind}`, { participants: t.participants })),
    ...c.corrections.flatMap((k) => [
      ...ev(k.issuedOn, 'correctionIssued', { document: k.documentNumber }),
      ...ev(k.reviewedOn, 'correctionReviewed'),
    ]),
    ...c.visits.flatMap((v) =>
      v.visitedOn ? ev(v.visitedOn, 'visitDone') : ev(v.dueOn, 'visitDue'),
    ),
    ...c.clearings.flatMap((k) => [
      ...ev(k.recordedOn, 'clearingRecorded'),
      ...ev(k.noticeIssuedOn, 'clearingNotice', { notice: k.noticeNumber ?? '' }),
    ]),
  ];
}

/** Every dated event of the record, oldest first (a stable order within a day). */
export function recordEvents(r: OfficialRecord): RecordEvent[] {
  const matters = r.matters.map((m): RecordEvent => ({
    on: m.openedOn,
    key: 'matterOpened',
    caseId: m.caseId,
    caseNumber: r.cases.find((c) => c.id === m.caseId)?.number ?? null,
    values: { summary: m.summary },
  }));
  return [...r.cases.flatMap(caseEvents), ...matters]
    .map((e, i) => ({ e, i }))
    .sort((a, b) => (a.e.on < b.e.on ? -1 : a.e.on > b.e.on ? 1 : a.i - b.i))
    .map(({ e }) => e);
}

/** The official whose record `/officials/:id` shows: `me` is the signed-in official. */
export function recordOfficialId(param: string | undefined, own: string | null): string | null {
  if (param === 'me') return own;
  return param ?? null;
}
