/** What the linter found in the pack (GET /api/policy/packs/:id/lint), and a badge for the header. */
import { Alert, Spin, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { pick } from '../../i18n';
import { useLang } from '../../lang';
import type { Loaded } from '../../useApi';
import { SOLID } from './colors';
import type { LintAnswer, LintFinding } from './model';

export function LintBadge({ lint }: { readonly lint: Loaded<LintAnswer> }) {
  const { t } = useTranslation();
  if (lint.status !== 'ok') return null;
  const { errors, warnings } = lint.data.lint;
  return errors + warnings === 0 ? (
    <Tag color={SOLID.success} data-testid="lint-badge">
      {t('policy.lint.badgeClean')}
    </Tag>
  ) : (
    <Tag color={errors ? SOLID.danger : SOLID.warning} data-testid="lint-badge">
      {t('policy.lint.badgeProblems', { errors, warnings })}
    </Tag>
  );
}

export function LintStatus({ lint }: { readonly lint: Loaded<LintAnswer> }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (lint.status === 'loading') {
    return (
      <div className="rc-loading">
        <Spin aria-label={t('common.loading')} />
      </div>
    );
  }
  if (lint.status === 'error')
    return <ErrorAlert error={lint.error} title={t('policy.lint.loadFailed')} />;
  const { errors, warnings, diagnostics } = lint.data.lint;
  const columns: TableColumnsType<LintFinding & { key: number }> = [
    {
      title: t('policy.lint.severity.error') + ' / ' + t('policy.lint.severity.warning'),
      key: 'severity',
      width: 110,
      render: (_, d) => (
        <Tag color={d.severity === 'error' ? SOLID.danger : SOLID.warning}>
          {t(`policy.lint.severity.${d.severity}`)}
        </Tag>
      ),
    },
    {
      title: t('policy.lint.code'),
      dataIndex: 'code',
      width: 220,
      render: (c: string) => <code>{c}</code>,
    },
    { title: t('policy.lint.message'), key: 'message', render: (_, d) => pick(d.message, lang) },
    {
      title: t('policy.lint.where'),
      key: 'at',
      width: 240,
      render: (_, d) =>
        d.at ? (
          <span className="rc-policy-small">
            <code>
              {d.at.file}
              {d.at.line > 0 ? `:${d.at.line}:${d.at.col}` : ''}
            </code>
            {d.at.path.length ? (
              <>
                <br />
                {d.at.path.join('.')}
              </>
            ) : null}
          </span>
        ) : (
          '—'
        ),
    },
  ];
  return (
    <div data-testid="lint-status">
      {errors + warnings === 0 ? (
        <Alert
          type="success"
          showIcon
          title={t('policy.lint.clean')}
          description={t('policy.lint.cleanHelp')}
        />
      ) : (
        <>
          <Alert
            type={errors ? 'error' : 'warning'}
            showIcon
            title={t('policy.lint.summary', { errors, warnings })}
            className="rc-gap"
          />
          <Table
            rowKey="key"
            size="small"
            columns={columns}
            dataSource={diagnostics.map((d, i) => ({ ...d, key: i }))}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
          />
        </>
      )}
    </div>
  );
}
