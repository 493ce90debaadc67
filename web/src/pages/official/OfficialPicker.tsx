/**
 * Choosing the official an application is for, for a unit's party organization (or an
 * accountability matter is about, for an intake officer or investigator: `ability`): a search by
 * name over GET /api/officials (the server keeps it to the officials the user may see), a page
 * at a time, more pages loaded as the list is scrolled. Officials the user may not apply for are
 * shown but cannot be chosen.
 */
import { DEFAULT_PAGE_SIZE, type Locale } from '../../shared';
import { Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { pick } from '../../i18n';
import { useLang } from '../../lang';
import type { OfficialOption, OfficialsPage } from './types';

export function officialLine(o: OfficialOption, lang: Locale): string {
  const position = pick(o.position, lang);
  const unit = pick(o.unit.name, lang);
  return lang === 'en'
    ? `${o.name} (${[position, unit].filter(Boolean).join(', ')})`
    : `${o.name}（${[position, unit].filter(Boolean).join('，')}）`;
}

/**
 * The officials offered: the first page, then a search as the user types (debounced, older
 * requests cancelled) and the next page when the list is scrolled to its end.
 */
function useOfficialSearch(first: OfficialsPage) {
  const [q, setQ] = useState('');
  const [items, setItems] = useState<readonly OfficialOption[]>(first.items);
  const [total, setTotal] = useState(first.total);
  const [page, setPage] = useState(1);
  const [loading, setLoading] = useState(false);
  const known = useRef(new Map(first.items.map((o) => [o.id, o])));
  const searchTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const request = useRef<AbortController | null>(null);

  async function load(query: string, pageNo: number) {
    request.current?.abort();
    const ctrl = new AbortController();
    request.current = ctrl;
    setLoading(true);
    try {
      const params = new URLSearchParams({
        page: String(pageNo),
        pageSize: String(DEFAULT_PAGE_SIZE),
      });
      if (query) params.set('q', query);
      const r = await api<OfficialsPage>('GET', `/api/officials?${params.toString()}`, undefined, {
        signal: ctrl.signal,
      });
      for (const o of r.items) known.current.set(o.id, o);
      setItems((prev) => (pageNo === 1 ? r.items : [...prev, ...r.items]));
      setTotal(r.total);
      setPage(pageNo);
    } catch {
      // A failed search keeps the list as it was; typing again asks again.
    } finally {
      if (request.current === ctrl) setLoading(false);
    }
  }

  useEffect(
    () => () => {
      clearTimeout(searchTimer.current);
      request.current?.abort();
    },
    [],
  );

  const search = (text: string) => {
    setQ(text);
    clearTimeout(searchTimer.current);
    searchTimer.current = setTimeout(() => void load(text.trim(), 1), 300);
  };
  const more = () => {
    if (!loading && items.length < total) void load(q.trim(), page + 1);
  };
  return { items, loading, known: known.current, search, more };
}

export function OfficialPicker({
  id,
  value,
  onChange,
  onPicked,
  first,
  ability = 'apply',
}: {
  readonly id?: string;
  readonly value?: string;
  readonly onChange?: (v: string) => void;
  /** The chosen official in full (their jurisdiction's pack decides the questions). */
  readonly onPicked: (o: OfficialOption) => void;
  /** The first page, already loaded by the page. */
  readonly first: OfficialsPage;
  /** What the user opens for the official (the officials they may not are shown disabled). */
  readonly ability?: keyof OfficialOption['abilities'];
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { items, loading, known, search, more } = useOfficialSearch(first);
  return (
    <Select<string>
      id={id}
      showSearch={{ filterOption: false, onSearch: search }}
      value={value}
      placeholder={t('official.apply.officialPlaceholder')}
      loading={loading}
      notFoundContent={loading ? t('common.loading') : t('official.apply.noOfficials')}
      onChange={(v) => {
        onChange?.(v);
        const o = known.get(v);
        if (o) onPicked(o);
      }}
      onPopupScroll={(e) => {
        const el = e.currentTarget;
        if (el.scrollTop + el.clientHeight >= el.scrollHeight - 24) more();
      }}
      options={items.map((o) => ({
        value: o.id,
        label: officialLine(o, lang),
        disabled: !o.abilities[ability],
      }))}
    />
  );
}
