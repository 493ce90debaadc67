/**
 * Chooses a risk filing by its title, unit, day and status from the filings the reader may see
 * (GET /api/risk-filings, searched as the user types); the filing's id stays behind the choice.
 */
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RiskFilingItem, RiskFilingPage } from '../../../../src/api/index.js';
import { api } from '../../api';
import { pick } from '../../i18n';
import { useLang } from '../../lang';

export function RiskFilingSelect(props: {
  readonly id?: string;
  readonly value?: string;
  readonly onChange?: (value: string) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [q, setQ] = useState('');
  const [items, setItems] = useState<readonly RiskFilingItem[]>([]);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      setLoading(true);
      const query = new URLSearchParams({ pageSize: '20', ...(q.trim() ? { q: q.trim() } : {}) });
      api<RiskFilingPage>('GET', `/api/risk-filings?${query.toString()}`)
        .then((page) => live && setItems(page.items))
        .catch(() => live && setItems([]))
        .finally(() => live && setLoading(false));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q]);
  return (
    <Select
      id={props.id}
      showSearch
      filterOption={false}
      onSearch={setQ}
      loading={loading}
      value={props.value}
      onChange={props.onChange}
      aria-label={t('desk.risk.pick')}
      placeholder={t('desk.risk.pickHelp')}
      notFoundContent={loading ? null : t('desk.risk.noneFound')}
      options={items.map((f) => ({
        value: f.id,
        label: `${f.title} · ${pick(f.unit.name, lang)} · ${f.filedOn} · ${t(`desk.risk.statuses.${f.status}`)}`,
      }))}
    />
  );
}
