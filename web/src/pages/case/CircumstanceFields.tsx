/**
 * The form fields of an accountability matter's circumstances (Art. 17/18/19 of the
 * accountability regulation, grouped by article) and its lifelong-accountability flag with the
 * major decision: in the case page's dialog (MatterCard.tsx) and on the ex-officio registration
 * screen (intake/ExOfficio.tsx), and the request body they make.
 */
import {
  CIRCUMSTANCE_ARTICLE,
  CIRCUMSTANCE_LABEL,
  MATTER_ARTICLE_LABEL,
  MATTER_ARTICLES,
  MATTER_CIRCUMSTANCES,
  TEXT_LIMITS,
} from '../../shared';
import { Checkbox, DatePicker, Form, Input, Space, Switch, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { pick } from '../../i18n';
import { useLang } from '../../lang';
import { compact } from './ActionButton';

/** The circumstances as checkboxes, grouped by article; with the lifelong flag and its decision. */
export function CircumstanceFields() {
  const { t } = useTranslation();
  const lang = useLang();
  const lifelong = Form.useWatch<boolean | undefined>('lifelong');
  return (
    <>
      <Form.Item name="circumstances" label={t('matter.circumstances')}>
        <Checkbox.Group>
          <Space direction="vertical">
            {MATTER_ARTICLES.map((article) => (
              <Space direction="vertical" size={2} key={article}>
                <Typography.Text strong>
                  {pick(MATTER_ARTICLE_LABEL[article], lang)}
                </Typography.Text>
                {MATTER_CIRCUMSTANCES.filter((c) => CIRCUMSTANCE_ARTICLE[c] === article).map(
                  (c) => (
                    <Checkbox key={c} value={c}>
                      {pick(CIRCUMSTANCE_LABEL[c], lang)}
                    </Checkbox>
                  ),
                )}
              </Space>
            ))}
          </Space>
        </Checkbox.Group>
      </Form.Item>
      <Form.Item name="lifelong" label={t('matter.lifelong')} valuePropName="checked">
        <Switch />
      </Form.Item>
      {lifelong ? (
        <>
          <Form.Item
            name="majorDecisionName"
            label={t('matter.decisionName')}
            rules={[
              { required: true, whitespace: true, message: t('matter.decisionNameRequired') },
            ]}
          >
            <Input maxLength={TEXT_LIMITS.majorDecisionName.max} />
          </Form.Item>
          <Form.Item
            name="majorDecisionOn"
            label={t('matter.decisionOn')}
            rules={[{ required: true, message: t('matter.decisionOnRequired') }]}
          >
            <DatePicker />
          </Form.Item>
          <Form.Item
            name="majorDecisionBody"
            label={t('matter.decisionBody')}
            rules={[
              { required: true, whitespace: true, message: t('matter.decisionBodyRequired') },
            ]}
          >
            <Input
              maxLength={TEXT_LIMITS.majorDecisionBody.max}
              placeholder={t('matter.decisionBodyHint')}
            />
          </Form.Item>
        </>
      ) : null}
    </>
  );
}

/** The form's circumstance values as the API takes them (the decision only with the flag). */
export function circumstancesBody(v: Record<string, unknown>): Record<string, unknown> {
  const lifelong = v['lifelong'] === true;
  const on = v['majorDecisionOn'] as Dayjs | undefined;
  return {
    circumstances: (v['circumstances'] as string[] | undefined) ?? [],
    lifelong,
    ...(lifelong
      ? {
          ...compact({
            majorDecisionName: v['majorDecisionName'],
            majorDecisionBody: v['majorDecisionBody'],
          }),
          majorDecisionOn: on?.format('YYYY-MM-DD'),
        }
      : {}),
  };
}
