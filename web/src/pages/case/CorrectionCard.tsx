/**
 * Correction (纠错) and talks on the case page, once a determination is made: the correction
 * opinion (its number, what went wrong, what must be corrected), its state and round, the review's
 * dates, and each action with its owner, deadline, submission, files and verification. Who may do
 * what comes from the server (`abilities`, and per action `maySubmit` / `mayVerify`): the chair
 * issues the opinion and reviews its effectiveness when due; the organization liaison or the chair
 * adds actions and verifies; the owner — the official or their unit — submits. Talks are listed
 * below, and recorded by the liaison or the chair.
 */
import {
  MAX_ACTION_DAYS,
  MAX_ACTIONS_AT_ONCE,
  REVIEW_FINDING_LABEL,
  REVIEW_FINDINGS,
  TALK_KIND_LABEL,
  TALK_KINDS,
  TEXT_LIMITS,
  VERDICT_LABEL,
  VERDICTS,
} from '../../shared';
import {
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  List,
  Radio,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import type { TableColumnsType, UploadFile } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { pick } from '../../i18n';
import { useLang } from '../../lang';
import { TAG } from '../../components/tagColors';
import { mediaTypeOf, readAsBase64 } from '../../components/evidenceFiles';
import { chinaToday } from '../policy/model';
import { ActionButton, compact } from './ActionButton';
import { ReasonField } from './fields';
import type { CaseFile } from './model';
import { useCase } from './useCaseAction';

type Correction = NonNullable<CaseFile['correction']>;
type Action = Correction['actions'][number];

const STATE_COLOR: Readonly<Record<string, string>> = {
  open: TAG.warning,
  submitted: TAG.info,
  confirmed: TAG.success,
  watch: TAG.accent,
  in_progress: TAG.warning,
  awaiting_review: TAG.info,
  effective: TAG.success,
};

export function CorrectionCard() {
  const { t } = useTranslation();
  const { c } = useCase();
  const a = c.abilities;
  const k = c.correction;
  if (!k && !a['issueCorrection'] && !a['recordTalk'] && c.talks.length === 0) return null;
  return (
    <Card
      title={t('correction.title')}
      className="rc-gap"
      data-testid="case-correction"
      extra={
        <Space wrap>
          {a['issueCorrection'] ? <IssueButton /> : null}
          {a['addCorrectionActions'] ? <AddActionsButton /> : null}
          {a['reviewCorrection'] ? <ReviewButton /> : null}
          {a['recordTalk'] ? <TalkButton /> : null}
        </Space>
      }
    >
      {k ? (
        <Opinion k={k} />
      ) : (
        <Typography.Text type="secondary">{t('correction.none')}</Typography.Text>
      )}
      <Talks />
    </Card>
  );
}

function Opinion({ k }: { readonly k: Correction }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <div data-testid="correction-opinion">
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} className="rc-gap">
        <Descriptions.Item label={t('correction.number')}>{k.documentNumber}</Descriptions.Item>
        <Descriptions.Item label={t('correction.state')}>
          <Tag color={STATE_COLOR[k.state]} data-testid="correction-state">
            {pick(k.stateLabel, lang)}
          </Tag>
          {k.round > 1 ? <Tag>{t('correction.round', { round: k.round })}</Tag> : null}
        </Descriptions.Item>
        <Descriptions.Item label={t('correction.issuedOn')}>{k.issuedOn}</Descriptions.Item>
        {k.closedOn ? (
          <Descriptions.Item label={t('correction.closedOn')}>{k.closedOn}</Descriptions.Item>
        ) : null}
        {k.reviewDueOn ? (
          <Descriptions.Item label={t('correction.reviewDueOn')}>{k.reviewDueOn}</Descriptions.Item>
        ) : null}
        {k.reviewedOn ? (
          <Descriptions.Item label={t('correction.reviewedOn')}>
            {k.reviewedOn}
            {k.reviewedBy ? `（${k.reviewedBy.name}）` : ''}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      <Typography.Paragraph>
        <Typography.Text strong>{t('correction.problem')}：</Typography.Text>
        <span className="rc-prewrap">{k.problem}</span>
      </Typography.Paragraph>
      <Typography.Paragraph>
        <Typography.Text strong>{t('correction.requirement')}：</Typography.Text>
        <span className="rc-prewrap">{k.requirement}</span>
      </Typography.Paragraph>
      {k.reviewFinding ? (
        <Typography.Paragraph>
          <Typography.Text strong>{t('correction.reviewFinding')}：</Typography.Text>
          <span className="rc-prewrap">{k.reviewFinding}</span>
        </Typography.Paragraph>
      ) : null}
      <ActionsTable actions={k.actions} />
    </div>
  );
}

function ActionsTable({ actions }: { readonly actions: readonly Action[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { c } = useCase();
  const today = chinaToday();
  const columns: TableColumnsType<Action> = [
    { title: t('correction.seq'), dataIndex: 'seq', key: 'seq', width: 56 },
    {
      title: t('correction.task'),
      key: 'task',
      render: (_: unknown, x) => (
        <Space direction="vertical" size={2}>
          <span className="rc-prewrap">{x.task}</span>
          <Typography.Text type="secondary">
            {t('correction.evidenceRequired')}：{x.evidenceRequired}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('correction.owner'),
      key: 'owner',
      render: (_: unknown, x) =>
        x.owner === 'official' ? c.official.name : pick(c.official.unit.name, lang),
    },
    {
      title: t('correction.dueOn'),
      key: 'dueOn',
      render: (_: unknown, x) => (
        <Space size={4} wrap>
          <span>{x.dueOn}</span>
          {x.state === 'open' && today > x.dueOn ? (
            <Tag color={TAG.danger}>{t('correction.overdue')}</Tag>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('correction.actionState'),
      key: 'state',
      render: (_: unknown, x) => (
        <Space direction="vertical" size={2}>
          <Tag color={STATE_COLOR[x.state]} data-testid={`action-state-${x.seq}`}>
            {pick(x.stateLabel, lang)}
          </Tag>
          {x.returnedCount > 0 ? (
            <Typography.Text type="secondary">
              {t('correction.returned', { n: x.returnedCount })}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('correction.progress'),
      key: 'progress',
      render: (_: unknown, x) => <Progress x={x} />,
    },
    {
      title: t('correction.operations'),
      key: 'ops',
      render: (_: unknown, x) => (
        <Space wrap>
          {x.maySubmit ? <SubmitButton x={x} /> : null}
          {x.mayVerify ? <VerifyButton x={x} /> : null}
        </Space>
      ),
    },
  ];
  return (
    <Table
      size="small"
      rowKey="id"
      columns={columns}
      dataSource={[...actions]}
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid="correction-actions"
    />
  );
}

/** The submission and the verification, as the record says them. */
function Progress({ x }: { readonly x: Action }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { c } = useCase();
  return (
    <Space direction="vertical" size={2}>
      {x.submittedOn ? (
        <span className="rc-prewrap">
          {t('correction.submittedOn', { on: x.submittedOn, by: x.submittedBy?.name ?? '' })}
          {x.submission}
        </span>
      ) : null}
      {x.files.map((f) => (
        <a
          key={f.id}
          href={`/api/cases/${encodeURIComponent(c.id)}/correction/files/${f.id}`}
          data-testid="correction-file"
        >
          {f.filename}
        </a>
      ))}
      {x.verdict && x.verdictLabel ? (
        <span className="rc-prewrap">
          {t('correction.verifiedOn', { on: x.verifiedOn ?? '', by: x.verifiedBy?.name ?? '' })}
          {pick(x.verdictLabel, lang)}
          {x.verdictReasons ? `：${x.verdictReasons}` : ''}
        </span>
      ) : null}
    </Space>
  );
}

/** The actions' fields, one block per action, as many as the user adds (at least one). */
function ActionsFields({ name = 'actions' }: { readonly name?: string }) {
  const { t } = useTranslation();
  return (
    <Form.List name={name} initialValue={[{ owner: 'unit' }]}>
      {(fields, { add, remove }) => (
        <>
          {fields.map((f, n) => (
            <Card
              key={f.key}
              size="small"
              className="rc-gap"
              title={t('correction.actionN', { n: n + 1 })}
              extra={
                fields.length > 1 ? (
                  <Button size="small" onClick={() => remove(f.name)}>
                    {t('correction.removeAction')}
                  </Button>
                ) : null
              }
            >
              <Form.Item
                name={[f.name, 'task']}
                label={t('correction.task')}
                rules={[
                  { required: true, whitespace: true, message: t('correction.taskRequired') },
                  { min: TEXT_LIMITS.correctionTask.min, message: t('correction.taskRequired') },
                ]}
              >
                <Input.TextArea rows={2} maxLength={TEXT_LIMITS.correctionTask.max} />
              </Form.Item>
              <Form.Item
                name={[f.name, 'evidenceRequired']}
                label={t('correction.evidenceRequired')}
                rules={[
                  {
                    required: true,
                    whitespace: true,
                    message: t('correction.evidenceRequiredMissing'),
                  },
                ]}
              >
                <Input maxLength={TEXT_LIMITS.correctionEvidence.max} />
              </Form.Item>
              <Form.Item name={[f.name, 'owner']} label={t('correction.owner')}>
                <Radio.Group>
                  <Radio value="unit">{t('correction.owners.unit')}</Radio>
                  <Radio value="official">{t('correction.owners.official')}</Radio>
                </Radio.Group>
              </Form.Item>
              <Form.Item
                name={[f.name, 'dueDays']}
                label={t('correction.dueDays')}
                extra={t('correction.dueDaysHelp')}
              >
                <InputNumber min={1} max={MAX_ACTION_DAYS} precision={0} />
              </Form.Item>
            </Card>
          ))}
          {fields.length < MAX_ACTIONS_AT_ONCE ? (
            <Button onClick={() => add({ owner: 'unit' })} data-testid="correction-add-action">
              {t('correction.addAction')}
            </Button>
          ) : null}
        </>
      )}
    </Form.List>
  );
}

/** The actions as the server takes them: empty day counts left out (the measure's default). */
function actionsOf(values: Record<string, unknown>): Record<string, unknown>[] {
  return ((values['actions'] as Record<string, unknown>[] | undefined) ?? []).map((x) =>
    compact(x),
  );
}

function IssueButton() {
  const { t } = useTranslation();
  return (
    <ActionButton
      label={t('correction.issue')}
      path="correction"
      primary
      testId="correction-issue"
      intro={t('correction.issueIntro')}
      toBody={(v) => ({ ...compact(v), actions: actionsOf(v) })}
      fields={
        <>
          <ReasonField
            name="problem"
            label={t('correction.problem')}
            required={t('correction.problemRequired')}
            max={TEXT_LIMITS.correctionProblem.max}
            rows={3}
          />
          <ReasonField
            name="requirement"
            label={t('correction.requirement')}
            required={t('correction.requirementRequired')}
            max={TEXT_LIMITS.correctionRequirement.max}
            rows={3}
          />
          <ActionsFields />
        </>
      }
    />
  );
}

function AddActionsButton() {
  const { t } = useTranslation();
  return (
    <ActionButton
      label={t('correction.addActions')}
      path="correction/actions"
      testId="correction-add-actions"
      toBody={(v) => ({ actions: actionsOf(v) })}
      fields={<ActionsFields />}
    />
  );
}

function ReviewButton() {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <ActionButton
      label={t('correction.review')}
      path="correction/review"
      primary
      testId="correction-review"
      intro={t('correction.reviewIntro')}
      toBody={(v) =>
        v['finding'] === 'not_effective'
          ? { ...compact(v), actions: actionsOf(v) }
          : { finding: v['finding'], reasons: String(v['reasons'] ?? '').trim() }
      }
      initialValues={{ finding: 'effective' }}
      fields={
        <>
          <Form.Item name="finding" label={t('correction.finding')}>
            <Radio.Group>
              {REVIEW_FINDINGS.map((f) => (
                <Radio key={f} value={f}>
                  {pick(REVIEW_FINDING_LABEL[f], lang)}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
          <ReasonField
            name="reasons"
            label={t('correction.reviewReasons')}
            required={t('correction.reasonsRequired')}
            max={TEXT_LIMITS.correctionReasons.max}
          />
          <Form.Item noStyle shouldUpdate={(a, b) => a['finding'] !== b['finding']}>
            {({ getFieldValue }) =>
              getFieldValue('finding') === 'not_effective' ? <ActionsFields /> : null
            }
          </Form.Item>
        </>
      }
    />
  );
}

function SubmitButton({ x }: { readonly x: Action }) {
  const { t } = useTranslation();
  return (
    <ActionButton
      label={t('correction.submit')}
      path={`correction/actions/${x.id}/submit`}
      primary
      testId={`correction-submit-${x.seq}`}
      intro={t('correction.submitIntro', { evidence: x.evidenceRequired })}
      toBody={async (v) => {
        const list = (v['files'] as UploadFile[] | undefined) ?? [];
        const files = await Promise.all(
          list
            .flatMap((u) => (u.originFileObj ? [u.originFileObj as File] : []))
            .map(async (f) => ({
              filename: f.name,
              mediaType: mediaTypeOf(f) ?? f.type,
              contentBase64: await readAsBase64(f),
            })),
        );
        return {
          submission: String(v['submission'] ?? '').trim(),
          ...(files.length > 0 ? { files } : {}),
        };
      }}
      fields={
        <>
          <ReasonField
            name="submission"
            label={t('correction.submission')}
            required={t('correction.submissionRequired')}
            max={TEXT_LIMITS.correctionSubmission.max}
          />
          <Form.Item
            name="files"
            label={t('correction.files')}
            valuePropName="fileList"
            getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList}
          >
            <Upload multiple beforeUpload={() => false} data-testid="correction-files">
              <Button>{t('correction.chooseFiles')}</Button>
            </Upload>
          </Form.Item>
        </>
      }
    />
  );
}

function VerifyButton({ x }: { readonly x: Action }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <ActionButton
      label={t('correction.verify')}
      path={`correction/actions/${x.id}/verify`}
      testId={`correction-verify-${x.seq}`}
      initialValues={{ verdict: 'confirmed' }}
      fields={
        <>
          <Form.Item name="verdict" label={t('correction.verdict')}>
            <Radio.Group>
              {VERDICTS.map((v) => (
                <Radio key={v} value={v} data-testid={`verdict-${v}`}>
                  {pick(VERDICT_LABEL[v], lang)}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a['verdict'] !== b['verdict']}>
            {({ getFieldValue }) =>
              getFieldValue('verdict') === 'confirmed' ? (
                <Form.Item name="reasons" label={t('correction.verifyNote')}>
                  <Input.TextArea rows={2} maxLength={TEXT_LIMITS.correctionReasons.max} />
                </Form.Item>
              ) : (
                <>
                  <ReasonField
                    name="reasons"
                    label={t('correction.verifyReasons')}
                    required={t('correction.reasonsRequired')}
                    max={TEXT_LIMITS.correctionReasons.max}
                  />
                  {getFieldValue('verdict') === 'not_confirmed' ? (
                    <Form.Item
                      name="dueDays"
                      label={t('correction.newDueDays')}
                      rules={[{ required: true, message: t('correction.newDueDaysRequired') }]}
                    >
                      <InputNumber min={1} max={MAX_ACTION_DAYS} precision={0} />
                    </Form.Item>
                  ) : null}
                </>
              )
            }
          </Form.Item>
        </>
      }
    />
  );
}

function TalkButton() {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <ActionButton
      label={t('correction.talk')}
      path="talks"
      testId="correction-talk"
      initialValues={{ kind: 'supportive' }}
      toBody={(v) => ({
        ...compact({ ...v, heldOn: undefined }),
        heldOn: (v['heldOn'] as Dayjs).format('YYYY-MM-DD'),
      })}
      fields={
        <>
          <Form.Item name="kind" label={t('correction.talkKind')}>
            <Radio.Group>
              {TALK_KINDS.map((k) => (
                <Radio key={k} value={k}>
                  {pick(TALK_KIND_LABEL[k], lang)}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item
            name="heldOn"
            label={t('correction.heldOn')}
            rules={[{ required: true, message: t('correction.heldOnRequired') }]}
          >
            <DatePicker />
          </Form.Item>
          <ReasonField
            name="participants"
            label={t('correction.participants')}
            required={t('correction.participantsRequired')}
            max={TEXT_LIMITS.talkParticipants.max}
            rows={1}
          />
          <ReasonField
            name="summary"
            label={t('correction.summary')}
            required={t('correction.summaryRequired')}
            max={TEXT_LIMITS.talkSummary.max}
          />
          <Form.Item name="followUp" label={t('correction.followUp')}>
            <Input.TextArea rows={2} maxLength={TEXT_LIMITS.talkFollowUp.max} />
          </Form.Item>
        </>
      }
    />
  );
}

function Talks() {
  const { t } = useTranslation();
  const lang = useLang();
  const { c } = useCase();
  if (c.talks.length === 0) return null;
  return (
    <div className="rc-gap" data-testid="correction-talks">
      <Typography.Title level={5}>{t('correction.talks')}</Typography.Title>
      <List
        size="small"
        dataSource={[...c.talks]}
        renderItem={(x) => (
          <List.Item>
            <Space direction="vertical" size={2}>
              <Space wrap>
                <Tag color={x.kind === 'reminder' ? TAG.warning : TAG.info}>
                  {pick(x.kindLabel, lang)}
                </Tag>
                <span>{x.heldOn}</span>
                <Typography.Text type="secondary">{x.participants}</Typography.Text>
              </Space>
              <span className="rc-prewrap">{x.summary}</span>
              {x.followUp ? (
                <Typography.Text type="secondary">
                  {t('correction.followUp')}：{x.followUp}
                </Typography.Text>
              ) : null}
            </Space>
          </List.Item>
        )}
      />
    </div>
  );
}
