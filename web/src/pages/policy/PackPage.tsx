/**
 * One policy pack: its header and lint badge, the versions on a timeline, and for the version
 * shown (?version=, else the one in force today, else the latest): clauses beside rules, the
 * decision ladder, the procedure, the lint findings and the scenario evaluator.
 */
import { inTitleMarks } from '../../shared';
import { Alert, Button, Descriptions, Result, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { pick } from '../../i18n';
import { useLang } from '../../lang';
import { useApi } from '../../useApi';
import { ClausesAndRules } from './ClausesAndRules';
import { SOLID } from './colors';
import { PackContext, type PackPageContext, type Selection } from './context';
import { DecisionLadder } from './DecisionLadder';
import { AppliesIn, ExtendsLink } from './PackList';
import { LintBadge, LintStatus } from './LintStatus';
import { chinaToday, inForceOn, type LintAnswer, type PackDetailAnswer } from './model';
import { ProcedureView } from './ProcedureView';
import { ResultsView } from './ResultsView';
import { TryScenario } from './TryScenario';
import { VersionTimeline } from './VersionTimeline';
import { WindowBars } from './WindowBars';

type TabKey = 'rules' | 'ladder' | 'procedure' | 'results' | 'lint' | 'try';

function PackNotFound({ id }: { readonly id: string }) {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('policy.notFoundTitle')}
      subTitle={t('policy.notFound', { id })}
      extra={
        <Link to="/policy">
          <Button type="primary">{t('policy.back')}</Button>
        </Link>
      }
    />
  );
}

function Loaded({
  answer,
  lint,
}: {
  readonly answer: PackDetailAnswer;
  readonly lint: ReturnType<typeof useApi<LintAnswer>>;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [, setParams] = useSearchParams();
  const [tab, setTab] = useState<TabKey>('rules');
  const [selection, setSelection] = useState<Selection | null>(null);
  const { pack, effective: eff } = answer;
  const today = chinaToday();

  const select = useCallback((kind: 'rule' | 'clause', id: string) => {
    setSelection((s) => ({ kind, id, seq: (s?.seq ?? 0) + 1 }));
    setTab('rules');
  }, []);

  const ctx = useMemo<PackPageContext>(() => {
    const rulesByClause = new Map<string, string[]>();
    for (const r of eff.rules)
      for (const c of r.clauses) rulesByClause.set(c, [...(rulesByClause.get(c) ?? []), r.id]);
    const outcomes = new Map([...eff.outcomes, ...eff.otherResults].map((o) => [o.id, o.label]));
    const titles = new Map(eff.chain.map((c) => [c.pack, c.title]));
    return {
      packId: pack.id,
      packTitle: (id) => {
        const title = titles.get(id);
        if (!title) return id;
        return lang === 'zh' ? inTitleMarks(pick(title, lang)) : pick(title, lang);
      },
      eff,
      lang,
      facts: new Map(eff.facts.map((f) => [f.id, f])),
      rules: new Map(eff.rules.map((r) => [r.id, r])),
      predicates: new Map(eff.predicates.map((p) => [p.id, p])),
      clauses: new Map(eff.clauses.map((c) => [c.id, c])),
      rulesByClause,
      outcomeLabel: (id) => {
        const l = outcomes.get(id);
        return l ? pick(l, lang) : id;
      },
      selection,
      select,
      clearSelection: () => setSelection(null),
    };
  }, [pack.id, eff, lang, selection, select]);

  const shown = eff.version;
  // The evaluator starts on a date the shown version covers: today if it is in force, else its first day.
  const defaultDate = inForceOn(shown, today) ? today : shown.from;

  return (
    <PackContext.Provider value={ctx}>
      <Typography.Title level={3} data-testid="pack-title">
        {pick(pack.title, lang)}
      </Typography.Title>
      <Space wrap className="rc-gap">
        <Tag color={pack.status === 'published' ? SOLID.success : SOLID.neutral}>
          {t(`policy.status.${pack.status}`)}
        </Tag>
        <LintBadge lint={lint} />
      </Space>
      {pack.notice ? (
        <Alert type="warning" showIcon className="rc-gap" title={pick(pack.notice, lang)} />
      ) : null}
      <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered className="rc-gap">
        <Descriptions.Item label={t('policy.col.authority')}>
          {pick(pack.authority, lang)}
        </Descriptions.Item>
        <Descriptions.Item label={t('policy.col.documentNumber')}>
          {pack.documentNumber}
        </Descriptions.Item>
        <Descriptions.Item label={t('policy.col.jurisdiction')}>
          <AppliesIn pack={pack} />
        </Descriptions.Item>
        <Descriptions.Item label={t('policy.col.extends')}>
          <ExtendsLink pack={pack} />
        </Descriptions.Item>
      </Descriptions>

      <Typography.Title level={4}>{t('policy.versions.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('policy.versions.hint')}</Typography.Paragraph>
      <WindowBars versions={pack.versions} shown={shown.id} today={today} />
      <VersionTimeline
        versions={pack.versions}
        shown={shown.id}
        today={today}
        onShow={(id) => {
          setSelection(null);
          setParams({ version: id });
        }}
      />
      <Typography.Paragraph type="secondary" className="rc-policy-small">
        {t('policy.versions.chain', {
          chain: eff.chain.map((c) => `${pick(c.title, lang)} ${c.version}`).join(' → '),
        })}
      </Typography.Paragraph>

      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as TabKey)}
        items={[
          { key: 'rules', label: t('policy.tabs.rules'), children: <ClausesAndRules /> },
          { key: 'ladder', label: t('policy.tabs.ladder'), children: <DecisionLadder /> },
          { key: 'procedure', label: t('policy.tabs.procedure'), children: <ProcedureView /> },
          { key: 'results', label: t('policy.tabs.results'), children: <ResultsView /> },
          { key: 'lint', label: t('policy.tabs.lint'), children: <LintStatus lint={lint} /> },
          // Keyed by version: another version brings its own facts, so the form starts afresh.
          {
            key: 'try',
            label: t('policy.tabs.try'),
            children: <TryScenario key={shown.id} defaultDate={defaultDate} />,
          },
        ]}
      />
    </PackContext.Provider>
  );
}

export function PackPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const version = params.get('version');
  const path = `/api/policy/packs/${encodeURIComponent(id)}${version ? `?version=${encodeURIComponent(version)}` : ''}`;
  const answer = useApi<PackDetailAnswer>(path);
  const lint = useApi<LintAnswer>(`/api/policy/packs/${encodeURIComponent(id)}/lint`);
  return (
    <div>
      <Link to="/policy">{t('policy.back')}</Link>
      {answer.status === 'loading' ? (
        <div className="rc-loading">
          <Spin aria-label={t('common.loading')} />
        </div>
      ) : answer.status === 'error' ? (
        answer.error instanceof ApiError &&
        (answer.error.status === 404 || answer.error.status === 400) ? (
          <PackNotFound id={id} />
        ) : (
          <ErrorAlert error={answer.error} title={t('policy.loadFailed')} />
        )
      ) : (
        <Loaded answer={answer.data} lint={lint} />
      )}
    </div>
  );
}
