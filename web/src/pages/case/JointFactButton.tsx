/**
 * The investigator records a fact common to every official of the joint matter, once (POST
 * /api/joint-matters/:id/facts): it is recorded in each case but where the case has a value of its
 * own, which stands. The same inputs as recording a fact of this case (FactsCard.tsx); then the
 * case is read again, and the message says in how many cases the value was recorded.
 */
import { App, Button, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { pick } from '../../i18n';
import { useLang } from '../../lang';
import { TEXT_LIMITS } from '../../shared';
import type { JointMatterView } from '../../types';
import { FactSelect, ValueInput } from './FactsCard';
import type { CaseFile, PackFact } from './model';
import { useCase } from './useCaseAction';

interface Values {
  fact?: string;
  value?: boolean | string | number;
  note?: string;
}

export function JointFactButton(props: {
  readonly matter: JointMatterView;
  readonly decls: ReadonlyMap<string, PackFact>;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const { c, onFresh, onConflict } = useCase();
  const [form] = Form.useForm<Values>();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const send = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const r = await api<{ applied: string[]; kept: string[] }>(
        'POST',
        `/api/joint-matters/${encodeURIComponent(props.matter.id)}/facts`,
        {
          expectedVersion: props.matter.version,
          fact: v.fact,
          value: v.value,
          ...(v.note?.trim() ? { note: v.note.trim() } : {}),
        },
      );
      void message.success(t('joint.factDone', { applied: r.applied.length, kept: r.kept.length }));
      setOpen(false);
      onFresh(await api<CaseFile>('GET', `/api/cases/${encodeURIComponent(c.id)}`));
    } catch (e) {
      if (e instanceof ApiError && e.code === 'JOINT_MATTER_VERSION_CONFLICT') {
        setOpen(false);
        onConflict();
        return;
      }
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button data-testid="joint-record-fact" onClick={() => setOpen(true)}>
        {t('joint.recordFact')}
      </Button>
      <Modal
        open={open}
        title={t('joint.recordFact')}
        okText={t('joint.recordFactOk')}
        cancelText={t('desk.action.cancel')}
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('joint.recordFactIntro')}</Typography.Paragraph>
        <Form<Values> form={form} layout="vertical" name="joint-fact" onFinish={send}>
          <Form.Item
            name="fact"
            label={t('caseView.fact')}
            rules={[{ required: true, message: t('desk.facts.factRequired') }]}
          >
            <FactSelect decls={props.decls} />
          </Form.Item>
          <Form.Item noStyle shouldUpdate>
            {(f) => {
              const decl = props.decls.get(String(f.getFieldValue('fact') ?? ''));
              if (!decl) return null;
              return (
                <>
                  {decl.help ? (
                    <Typography.Paragraph type="secondary">
                      {pick(decl.help, lang)}
                    </Typography.Paragraph>
                  ) : null}
                  <ValueInput key={decl.id} decl={decl} />
                </>
              );
            }}
          </Form.Item>
          <Form.Item
            name="note"
            label={t('desk.facts.note')}
            rules={[{ max: TEXT_LIMITS.note.max }]}
          >
            <Input.TextArea rows={3} maxLength={TEXT_LIMITS.note.max} showCount />
          </Form.Item>
        </Form>
        {error ? <ErrorAlert error={error} /> : null}
      </Modal>
    </>
  );
}
