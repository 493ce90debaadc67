/**
 * The action box: every task the user has on this case (the server's `tasks`, from the same rules
 * as `abilities`). The procedure's steps are done here: accept or refuse (intake), withdraw (a
 * party), complete verification (investigator), notify, start and end publicity, file upward,
 * close; the tasks done in another card (forming the panel, voting, deciding, answering a
 * consultation, applying for review, deciding a review or appeal…) are named with a button that
 * leads there. A task that cannot be done now is shown disabled, with the reason and the date it
 * becomes possible, never as a form that ends in a refusal. Refusing, withdrawing, completing a
 * step and closing cannot be undone: they ask first. The workbench links to `#task-<action>`.
 */
import { Button, Card, Form, Input, Space, Tooltip, Typography } from 'antd';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { pick } from '../../i18n';
import { useLang } from '../../lang';
import '../workbench/workbench.css';
import { ActionButton } from './ActionButton';
import { NoteField, ReasonField } from './fields';
import { SIX_ELEMENT_LABEL, SIX_ELEMENTS, TEXT_LIMITS } from '../../shared';
import type { CaseTask } from './model';
import { useCase } from './useCaseAction';

/** The tasks done in another card of the case page, and that card (its test id). */
const ELSEWHERE: Readonly<Partial<Record<CaseTask['action'], string>>> = {
  recordStatement: 'case-statements',
  addEvidence: 'case-evidence',
  recordFact: 'case-facts',
  assess: 'case-assessment',
  requestConsultation: 'case-consultations',
  recordOpinion: 'case-consultations',
  answerConsultation: 'case-consultations',
  completeConsultation: 'case-consultations',
  addMember: 'panel-members',
  vote: 'panel-members',
  decide: 'deliberation-panel',
  requestReview: 'case-challenges',
  requestAppeal: 'case-challenges',
  decideReview: 'case-challenges',
  decideAppeal: 'case-challenges',
  resume: 'case-clock',
  recordClearing: 'case-clearing',
  issueClearingNotice: 'case-clearing',
  publicizeClearing: 'case-clearing',
  closeClearing: 'case-clearing',
  referAccuser: 'case-clearing',
};

/** The card a task or the decision document is done in, if it is on the page. */
function cardOf(task: string): Element | null {
  const id =
    task === 'document' ? 'decision-document-panel' : ELSEWHERE[task as CaseTask['action']];
  return id ? document.querySelector(`[data-testid="${id}"]`) : null;
}

/** A task that cannot be done now: the button disabled, why and from when beside it. */
function NotNow({ task, label }: { readonly task: CaseTask; readonly label: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const why = pick(task.reason?.text, lang);
  const from = task.reason?.date ?? undefined;
  return (
    <div data-task={task.action} data-date={from} data-testid={`task-not-now-${task.action}`}>
      <Tooltip title={from ? t('workbench.actions.from', { date: from }) : why}>
        {/* A disabled button takes no pointer events: the span carries the tooltip. */}
        <span>
          <Button disabled>{label}</Button>
        </span>
      </Tooltip>
      <Typography.Text type="secondary" className="rc-task-reason" data-testid="task-reason">
        {t('workbench.actions.notNow', { why })}
      </Typography.Text>
    </div>
  );
}

export function CaseActions() {
  const { t } = useTranslation();
  const lang = useLang();
  const { c } = useCase();
  const a = c.abilities;
  const tasks = new Map(c.tasks.map((x) => [x.action, x]));
  const box = useRef<HTMLDivElement>(null);
  const { hash } = useLocation();
  useEffect(() => {
    const wanted = /^#task-(\w+)$/.exec(hash)?.[1];
    if (!wanted) return;
    const target = box.current?.querySelector(`[data-task="${wanted}"]`) ?? cardOf(wanted);
    target?.scrollIntoView({ block: 'center' });
  }, [hash]);
  /** The button when the task may be done now; disabled with its reason when not now. */
  const task = (action: CaseTask['action'], label: string, button: ReactNode) => {
    const x = tasks.get(action);
    if (a[action])
      return (
        <span key={action} data-task={action}>
          {button}
        </span>
      );
    return x && !x.allowed ? <NotNow key={action} task={x} label={label} /> : null;
  };
  const assessed = new Set((c.assessments ?? []).map((x) => x.element));
  const missing = SIX_ELEMENTS.filter((e) => !assessed.has(e));

  const buttons = [
    task(
      'accept',
      t('desk.actions.accept'),
      <ActionButton
        key="accept"
        label={t('desk.actions.accept')}
        path="accept"
        primary
        testId="action-accept"
        intro={t('desk.actions.acceptIntro')}
        fields={<NoteField />}
      />,
    ),
    task(
      'refuse',
      t('desk.actions.refuse'),
      <ActionButton
        key="refuse"
        label={t('desk.actions.refuse')}
        path="refuse"
        danger
        testId="action-refuse"
        confirm={t('desk.actions.refuseConfirm')}
        fields={
          <ReasonField
            name="reasons"
            label={t('desk.actions.refuseReasons')}
            required={t('desk.actions.reasonsRequired')}
            max={TEXT_LIMITS.refusalReasons.max}
          />
        }
      />,
    ),
    task(
      'completeVerification',
      t('desk.actions.completeVerification'),
      <ActionButton
        key="completeVerification"
        label={t('desk.actions.completeVerification')}
        path="complete-verification"
        primary
        testId="action-complete-verification"
        confirm={t('desk.actions.completeVerificationConfirm')}
        intro={
          missing.length > 0 ? (
            <Typography.Text type="danger">
              {t('desk.actions.sixMissing', {
                list: missing
                  .map((e) => pick(SIX_ELEMENT_LABEL[e], lang))
                  .join(t('common.listSeparator')),
              })}
            </Typography.Text>
          ) : (
            t('desk.actions.completeVerificationIntro')
          )
        }
        fields={<NoteField />}
      />,
    ),
    task(
      'notify',
      t('desk.actions.notify'),
      <ActionButton
        key="notify"
        label={t('desk.actions.notify')}
        path="notify"
        primary
        testId="action-notify"
        confirm={t('desk.actions.notifyConfirm')}
      />,
    ),
    task(
      'startPublicity',
      t('desk.actions.startPublicity'),
      <ActionButton
        key="startPublicity"
        label={t('desk.actions.startPublicity')}
        path="publicity/start"
        testId="action-start-publicity"
        confirm={t('desk.actions.startPublicityConfirm')}
      />,
    ),
    task(
      'endPublicity',
      t('desk.actions.endPublicity'),
      <ActionButton
        key="endPublicity"
        label={t('desk.actions.endPublicity')}
        path="publicity/end"
        testId="action-end-publicity"
        confirm={t('desk.actions.endPublicityConfirm')}
        fields={
          <Form.Item
            name="objections"
            label={t('desk.actions.objections')}
            extra={t('desk.actions.objectionsHelp')}
            rules={[
              {
                max: TEXT_LIMITS.objections.max,
                message: t('desk.form.tooLong', { max: TEXT_LIMITS.objections.max }),
              },
            ]}
          >
            <Input.TextArea rows={4} maxLength={TEXT_LIMITS.objections.max} showCount />
          </Form.Item>
        }
      />,
    ),
    task(
      'fileUpward',
      t('desk.actions.fileUpward'),
      <ActionButton
        key="fileUpward"
        label={t('desk.actions.fileUpward')}
        path="file-upward"
        testId="action-file-upward"
        fields={
          <Form.Item
            name="reference"
            label={t('desk.actions.reference')}
            extra={t('desk.actions.referenceHelp')}
            rules={[
              {
                max: TEXT_LIMITS.filingReference.max,
                message: t('desk.form.tooLong', { max: TEXT_LIMITS.filingReference.max }),
              },
            ]}
          >
            <Input maxLength={TEXT_LIMITS.filingReference.max} />
          </Form.Item>
        }
      />,
    ),
    task(
      'close',
      t('desk.actions.close'),
      <ActionButton
        key="close"
        label={t('desk.actions.close')}
        path="close"
        primary
        testId="action-close"
        confirm={t('desk.actions.closeConfirm')}
        fields={<NoteField max={TEXT_LIMITS.closeNote.max} />}
      />,
    ),
    task(
      'withdraw',
      t('desk.actions.withdraw'),
      <ActionButton
        key="withdraw"
        label={t('desk.actions.withdraw')}
        path="withdraw"
        danger
        testId="action-withdraw"
        confirm={t('desk.actions.withdrawConfirm')}
        fields={
          <ReasonField
            label={t('desk.actions.withdrawReason')}
            required={t('desk.actions.reasonRequired')}
            max={TEXT_LIMITS.withdrawalReason.max}
          />
        }
      />,
    ),
  ].filter(Boolean);

  // The tasks done in other cards: named here, with the way there or why not now.
  const elsewhere = [...tasks.values()]
    .filter((x) => ELSEWHERE[x.action] !== undefined)
    .map((x) => {
      const label = t(`workbench.task.${x.action}`);
      if (!x.allowed) return <NotNow key={x.action} task={x} label={label} />;
      return (
        <span key={x.action} data-task={x.action}>
          <Button
            data-testid={`task-go-${x.action}`}
            onClick={() => cardOf(x.action)?.scrollIntoView({ block: 'start' })}
          >
            {label}
          </Button>
        </span>
      );
    });

  return (
    <Card title={t('desk.actions.title')} className="rc-gap" data-testid="case-actions">
      <div ref={box}>
        {buttons.length > 0 ? (
          <Space wrap align="start">
            {buttons}
          </Space>
        ) : null}
        {elsewhere.length > 0 ? (
          <div className={buttons.length > 0 ? 'rc-gap-top' : undefined}>
            <Typography.Paragraph type="secondary">
              {t('workbench.actions.tasks')}
            </Typography.Paragraph>
            <Space wrap align="start">
              {elsewhere}
            </Space>
          </div>
        ) : null}
        {buttons.length === 0 && elsewhere.length === 0 ? (
          <Typography.Text type="secondary">
            {c.view === 'party'
              ? t('desk.actions.noneParty')
              : Object.entries(a).some(([k, v]) => v && k !== 'read')
                ? t('desk.actions.elsewhere')
                : t('desk.actions.none')}
          </Typography.Text>
        ) : null}
      </div>
    </Card>
  );
}
