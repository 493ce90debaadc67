/**
 * The procedure's next steps the user may take now, each shown only when the case's `abilities`
 * say so: accept or refuse (intake), withdraw (a party), complete verification (investigator),
 * notify, start and end publicity, file upward, close. Refusing, withdrawing, completing a step
 * and closing cannot be undone: they ask first.
 */
import { Card, Form, Input, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { pick } from '../../i18n';
import { useLang } from '../../lang';
import { ActionButton } from './ActionButton';
import { NoteField, ReasonField } from './fields';
import { SIX_ELEMENT_LABEL, SIX_ELEMENTS, TEXT_LIMITS } from '../../shared';
import { useCase } from './useCaseAction';

export function CaseActions() {
  const { t } = useTranslation();
  const lang = useLang();
  const { c } = useCase();
  const a = c.abilities;
  const assessed = new Set((c.assessments ?? []).map((x) => x.element));
  const missing = SIX_ELEMENTS.filter((e) => !assessed.has(e));

  const buttons = [
    a['accept'] ? (
      <ActionButton
        key="accept"
        label={t('desk.actions.accept')}
        path="accept"
        primary
        testId="action-accept"
        intro={t('desk.actions.acceptIntro')}
        fields={<NoteField />}
      />
    ) : null,
    a['refuse'] ? (
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
      />
    ) : null,
    a['completeVerification'] ? (
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
      />
    ) : null,
    a['notify'] ? (
      <ActionButton
        key="notify"
        label={t('desk.actions.notify')}
        path="notify"
        primary
        testId="action-notify"
        confirm={t('desk.actions.notifyConfirm')}
      />
    ) : null,
    a['startPublicity'] ? (
      <ActionButton
        key="startPublicity"
        label={t('desk.actions.startPublicity')}
        path="publicity/start"
        testId="action-start-publicity"
        confirm={t('desk.actions.startPublicityConfirm')}
      />
    ) : null,
    a['endPublicity'] ? (
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
      />
    ) : null,
    a['fileUpward'] ? (
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
      />
    ) : null,
    a['close'] ? (
      <ActionButton
        key="close"
        label={t('desk.actions.close')}
        path="close"
        primary
        testId="action-close"
        confirm={t('desk.actions.closeConfirm')}
        fields={<NoteField max={TEXT_LIMITS.closeNote.max} />}
      />
    ) : null,
    a['withdraw'] ? (
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
      />
    ) : null,
  ].filter(Boolean);

  return (
    <Card title={t('desk.actions.title')} className="rc-gap" data-testid="case-actions">
      {buttons.length > 0 ? (
        <Space wrap>{buttons}</Space>
      ) : (
        <Typography.Text type="secondary">
          {c.view === 'party'
            ? t('desk.actions.noneParty')
            : Object.entries(a).some(([k, v]) => v && k !== 'read')
              ? t('desk.actions.elsewhere')
              : t('desk.actions.none')}
        </Typography.Text>
      )}
    </Card>
  );
}
