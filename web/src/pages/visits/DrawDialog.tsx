/**
 * The draw (POST /api/visits/draws): the share and the size of the sample before, an optional seed
 * (e.g. a number drawn in public; random when left empty), and the draw itself.
 */
import { Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { pick } from '../../i18n';
import { useLang } from '../../lang';
import { sampleSize, VISIT_SEED_MAX_LENGTH } from '../../shared';
import type { DrawAnswer, VisitsView } from './model';

export function DrawDialog({
  open,
  view,
  onClose,
  onDrawn,
}: {
  readonly open: boolean;
  readonly view: VisitsView;
  readonly onClose: () => void;
  readonly onDrawn: (draw: DrawAnswer['draw']) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [seed, setSeed] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const share = view.rule?.sampleShare ?? 0;
  const n = view.upcoming.length;
  // What the server will draw: ⌈share × n⌉ (src/shared/visits.ts).
  const k = sampleSize(share, n);

  async function draw() {
    setBusy(true);
    setError(null);
    try {
      const r = await api<DrawAnswer>('POST', '/api/visits/draws', {
        jurisdictionId: view.jurisdiction.id,
        ...(seed.trim() ? { seed: seed.trim() } : {}),
      });
      setSeed('');
      onDrawn(r.draw);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      title={t('visits.draw.title')}
      okText={t('visits.draw.confirm')}
      cancelText={t('visits.cancel')}
      confirmLoading={busy}
      onOk={() => void draw()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'confirm-draw' } as Record<string, string>}
      destroyOnHidden
    >
      <Typography.Paragraph data-testid="draw-summary">
        {t('visits.draw.summary', {
          where: pick(view.jurisdiction.name, lang),
          n,
          share: Math.round(share * 100),
          k,
        })}
      </Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t('visits.draw.seedLabel')} extra={t('visits.draw.seedHelp')}>
          <Input
            value={seed}
            maxLength={VISIT_SEED_MAX_LENGTH}
            data-testid="draw-seed"
            onChange={(e) => setSeed(e.target.value)}
          />
        </Form.Item>
      </Form>
      {error ? <ErrorAlert error={error} /> : null}
    </Modal>
  );
}
