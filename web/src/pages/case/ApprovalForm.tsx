/**
 * The approval form (呈批表) of a case, laid out as the paper form an office passes up for
 * signatures: number, applicant with unit and post, summary of the matter, verification,
 * consultation, the deciding body's opinion (the conclusion), then blank cells for the handling
 * officer and department, the leader in charge and the principal leader to sign and date. Filled
 * from GET /api/cases/:id as it stands (no rule of its own); printed with the browser's print
 * (print.css sets A4 and hides the menu and the buttons).
 */
import { Alert, Button, Space, Spin, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { pick, type Lang } from '../../i18n';
import { useLang } from '../../lang';
import { SIX_ELEMENT_LABEL, SIX_ELEMENTS, writtenDate, type SixElement } from '../../shared';
import { useApi } from '../../useApi';
import { factValue } from './factValue';
import { recommendedInWords } from './recommendedBand';
import type { CaseFile, PackDetail, PackFact } from './model';

export default function ApprovalForm() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const loaded = useApi<CaseFile>(`/api/cases/${encodeURIComponent(id)}`);
  if (loaded.status === 'loading') return <Spin />;
  if (loaded.status === 'error') {
    const missing = loaded.error instanceof ApiError && loaded.error.status === 404;
    return missing ? (
      <Alert type="warning" showIcon title={t('caseView.notFound')} />
    ) : (
      <ErrorAlert error={loaded.error} title={t('caseView.loadFailed')} />
    );
  }
  return <Form c={loaded.data} />;
}

function Form({ c }: { readonly c: CaseFile }) {
  const { t } = useTranslation();
  const lang = useLang();
  const pack = useApi<PackDetail>(
    `/api/policy/packs/${encodeURIComponent(c.packId)}` +
      (c.packVersion ? `?version=${encodeURIComponent(c.packVersion)}` : ''),
  );
  const decls = new Map<string, PackFact>(
    (pack.status === 'ok' ? pack.data.effective.facts : []).map((f) => [f.id, f]),
  );
  const inForce = c.determinations.find((d) => d.inForce);
  return (
    <article className="rc-approval" data-testid="approval-form">
      <Space className="rc-no-print rc-gap" wrap>
        <Link to={`/cases/${c.id}`}>{t('find.approval.back')}</Link>
        <Button type="primary" onClick={() => window.print()} data-testid="approval-print">
          {t('find.approval.print')}
        </Button>
      </Space>
      {c.view !== 'full' ? (
        <Alert
          type="info"
          showIcon
          className="rc-no-print rc-gap"
          title={t('find.approval.partyView')}
        />
      ) : null}
      <h1 className="rc-approval-title">{t('find.approval.title')}</h1>
      <div className="rc-approval-meta">
        <span>
          {t('find.approval.number')}
          <span data-testid="approval-number">{c.number}</span>
        </span>
        <span>{t('find.approval.filledOn')}</span>
      </div>
      <table className="rc-approval-table">
        <colgroup>
          <col className="rc-approval-label" />
          <col />
          <col className="rc-approval-label" />
          <col />
        </colgroup>
        <tbody>
          <Row label={t('find.approval.subject')}>{c.title}</Row>
          <tr>
            <th scope="row">{t('find.approval.applicant')}</th>
            <td>{c.official.name}</td>
            <th scope="row">{t('find.approval.unitPost')}</th>
            <td>
              {unitAndPost(pick(c.official.unit.name, lang), pick(c.official.position, lang))}
            </td>
          </tr>
          <tr>
            <th scope="row">{t('find.approval.route')}</th>
            <td>{t(`routes.${c.route}`)}</td>
            <th scope="row">{t('find.approval.state')}</th>
            <td>{pick(c.stateLabel, lang)}</td>
          </tr>
          <Row label={t('find.approval.summary')}>
            <p className="rc-approval-text">{c.summary}</p>
          </Row>
          <Row label={t('find.approval.verification')} testId="approval-verification">
            <Verification c={c} decls={decls} lang={lang} />
          </Row>
          <Row label={t('find.approval.consultation')} testId="approval-consultation">
            {c.consultations.length === 0 ? (
              <span>{t('find.approval.none')}</span>
            ) : (
              <ul className="rc-approval-list">
                {c.consultations.map((x) => (
                  <li key={x.id}>
                    {t('find.approval.line', {
                      label: department(t, x.department),
                      value: x.responded
                        ? (x.opinion ?? t('find.approval.answered'))
                        : t('find.approval.awaiting'),
                    })}
                    {x.transcribed
                      ? t('find.approval.transcribed', {
                          reference: x.transcribed.replyReference,
                        })
                      : null}
                  </li>
                ))}
              </ul>
            )}
          </Row>
          <Row label={t('find.approval.conclusion')} testId="approval-conclusion">
            {inForce ? (
              <p className="rc-approval-text">
                {t('find.approval.decided', {
                  date: writtenDate(inForce.decidedOn)[lang],
                  outcome: pick(inForce.outcomeLabel, lang) || inForce.outcome,
                })}
                {inForce.documentNumber
                  ? t('find.approval.documentNumber', { number: inForce.documentNumber })
                  : ''}
                {inForce.recommended.length > 0
                  ? t('find.approval.considered', {
                      outcome: recommendedInWords(inForce, lang, t),
                    })
                  : ''}
              </p>
            ) : (
              <span>{t('find.approval.notDecided')}</span>
            )}
          </Row>
          <SignatureRow label={t('find.approval.handler')} />
          <SignatureRow label={t('find.approval.leaderInCharge')} />
          <SignatureRow label={t('find.approval.principalLeader')} />
        </tbody>
      </table>
    </article>
  );
}

function Row(props: {
  readonly label: string;
  readonly children: ReactNode;
  readonly testId?: string;
}) {
  return (
    <tr>
      <th scope="row">{props.label}</th>
      <td colSpan={3} data-testid={props.testId}>
        {props.children}
      </td>
    </tr>
  );
}

/** A cell left blank for an opinion, a signature and a date, written by hand on paper. */
function SignatureRow({ label }: { readonly label: string }) {
  const { t } = useTranslation();
  return (
    <tr className="rc-approval-sign">
      <th scope="row">{label}</th>
      <td colSpan={3}>
        <div className="rc-approval-blank" />
        <div className="rc-approval-signline">
          <span>{t('find.approval.signature')}</span>
          <span>{t('find.approval.date')}</span>
        </div>
      </td>
    </tr>
  );
}

/** The unit and the post, the unit named once when the post already begins with it. */
function unitAndPost(unit: string, post: string): string {
  if (!post) return unit;
  return post.startsWith(unit) || post.includes(`, ${unit}`) ? post : `${unit} · ${post}`;
}

function department(t: (key: string) => string, d: string): string {
  const key = `desk.departments.${d}`;
  const text = t(key);
  return text === key ? d : text;
}

/** The verification: the facts the investigator confirmed, then the six-element assessment. */
function Verification(props: {
  readonly c: CaseFile;
  readonly decls: ReadonlyMap<string, PackFact>;
  readonly lang: Lang;
}) {
  const { t } = useTranslation();
  const { c, decls, lang } = props;
  const words = { yes: t('common.yes'), no: t('common.no'), unknown: t('desk.facts.unknown') };
  const verified = c.facts.filter((f) => f.source !== 'applicant');
  if (verified.length === 0 && c.assessments.length === 0) {
    return <span>{t('find.approval.notVerified')}</span>;
  }
  return (
    <>
      {verified.length > 0 ? (
        <ul className="rc-approval-list">
          {verified.map((f) => (
            <li key={f.fact}>
              {t(f.note ? 'find.approval.lineWithNote' : 'find.approval.line', {
                label: pick(decls.get(f.fact)?.label, lang) || f.fact,
                value: factValue(f.value, decls.get(f.fact), lang, words),
                note: f.note,
              })}
            </li>
          ))}
        </ul>
      ) : null}
      {c.assessments.length > 0 ? (
        <>
          <Typography.Text strong>{t('find.approval.sixElements')}</Typography.Text>
          <ul className="rc-approval-list">
            {inOrder(c.assessments).map((a) => (
              <li key={a.element}>
                {t(a.notes ? 'find.approval.assessedWithNotes' : 'find.approval.line', {
                  label: pick(a.label ?? SIX_ELEMENT_LABEL[a.element as SixElement], lang),
                  value: t(`desk.six.ratings.${a.rating}`, { defaultValue: a.rating }),
                  notes: a.notes,
                })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

/** The assessments in the six elements' own order (motive first), as the guidance lists them. */
function inOrder(assessments: CaseFile['assessments']): CaseFile['assessments'] {
  const at = (e: string) => SIX_ELEMENTS.indexOf(e as SixElement);
  return [...assessments].sort((a, b) => at(a.element) - at(b.element));
}
