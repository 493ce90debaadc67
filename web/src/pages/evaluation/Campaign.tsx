/**
 * A survey campaign (GET /api/evaluation/campaigns/{id}): its facts and counts, opening and closing
 * it (POST …/open, …/close, with the version read) as its `abilities` allow — a button that may not
 * be used says why — and 发放令牌 (POST …/tokens): the tokens come back this once and are shown as
 * printable slips (TokenSlips). The analysis is on the report page (/evaluation/campaigns/{id}/report).
 */
import { App, Button, Card, Descriptions, InputNumber, Space, Statistic, Typography } from 'antd';
import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api';
import { useUser } from '../../auth';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../format';
import { pick } from '../../i18n';
import { useLang } from '../../lang';
import { MAX_TOKENS_PER_ISSUE } from '../../shared';
import { useApi } from '../../useApi';
import type { CampaignView, IssueTokensAnswer } from './model';
import { StateTag } from './StateTag';
import { TokenSlips } from './TokenSlips';
import './evaluation.css';

type T = (key: string, o?: Record<string, unknown>) => string;

export default function Campaign() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const view = useApi<CampaignView>(`/api/evaluation/campaigns/${encodeURIComponent(id)}`);
  const [issued, setIssued] = useState<string[] | null>(null);
  // While reloading after a change the campaign last read stays on screen (and the slips with it).
  const last = useRef<CampaignView | null>(null);
  if (view.status === 'ok') last.current = view.data;
  const c = view.status === 'error' ? null : last.current;
  return (
    <div className="rc-eval">
      <div className={issued ? 'rc-no-print' : undefined}>
        <Link to="/evaluation">{t('evaluation.back')}</Link>
        <Typography.Title level={1} className="rc-eval-title" data-testid="campaign-title">
          {c ? c.title : t('evaluation.campaign.heading')}
        </Typography.Title>
        {view.status === 'error' ? <ErrorAlert error={view.error} /> : null}
        {c ? (
          <>
            <Counts campaign={c} />
            <Actions campaign={c} onChanged={view.reload} onIssued={setIssued} />
            <Facts campaign={c} />
          </>
        ) : null}
      </div>
      {c && issued ? (
        <TokenSlips
          tokens={issued}
          title={c.title}
          closesOn={c.closesOn}
          onDismiss={() => setIssued(null)}
        />
      ) : null}
    </div>
  );
}

function Counts({ campaign: c }: { readonly campaign: CampaignView }) {
  const { t } = useTranslation();
  return (
    <div className="rc-eval-counts rc-gap" data-testid="campaign-counts">
      <Card size="small">
        <Statistic title={t('evaluation.counts.invited')} value={c.invitedCount} />
      </Card>
      <Card size="small">
        <Statistic
          title={t('evaluation.counts.issued')}
          value={c.counts.tokensIssued}
          valueRender={() => <span data-testid="count-issued">{c.counts.tokensIssued}</span>}
        />
      </Card>
      <Card size="small">
        <Statistic
          title={t('evaluation.counts.used')}
          value={c.counts.tokensUsed}
          valueRender={() => <span data-testid="count-used">{c.counts.tokensUsed}</span>}
        />
      </Card>
      <Card size="small">
        <Statistic
          title={t('evaluation.counts.responses')}
          value={c.counts.responses}
          valueRender={() => <span data-testid="count-responses">{c.counts.responses}</span>}
        />
      </Card>
    </div>
  );
}

/** Why the liaison cannot open, close or issue now (null: they can). */
function reasons(c: CampaignView, isLiaison: boolean, remaining: number) {
  const notLiaison = isLiaison ? null : 'notLiaison';
  return {
    open:
      notLiaison ??
      (c.abilities.open
        ? null
        : c.state === 'draft'
          ? 'closesPassed'
          : c.state === 'open'
            ? 'alreadyOpen'
            : 'closedForever'),
    close:
      notLiaison ??
      (c.abilities.close ? null : c.state === 'draft' ? 'notOpened' : 'alreadyClosed'),
    issue:
      notLiaison ??
      (!c.abilities.issueTokens ? 'closedNoTokens' : remaining <= 0 ? 'allIssued' : null),
  };
}

function Actions({
  campaign: c,
  onChanged,
  onIssued,
}: {
  readonly campaign: CampaignView;
  readonly onChanged: () => void;
  readonly onIssued: (tokens: string[]) => void;
}) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const user = useUser();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const remaining = Math.max(0, c.invitedCount - c.counts.tokensIssued);
  const most = Math.min(MAX_TOKENS_PER_ISSUE, remaining);
  const [count, setCount] = useState<number | null>(null);
  const why = reasons(c, user.roles.includes('org_liaison'), remaining);

  async function run(what: string, go: () => Promise<void>) {
    setBusy(what);
    setError(null);
    try {
      await go();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
      onChanged();
    }
  }
  const change = (path: 'open' | 'close') =>
    run(path, async () => {
      await api('POST', `/api/evaluation/campaigns/${c.id}/${path}`, {
        expectedVersion: c.version,
      });
    });
  const issue = (n: number) =>
    run('tokens', async () => {
      const r = await api<IssueTokensAnswer>('POST', `/api/evaluation/campaigns/${c.id}/tokens`, {
        count: n,
      });
      setCount(null);
      onIssued([...r.tokens]);
    });
  const confirmClose = () =>
    modal.confirm({
      title: t('evaluation.campaign.closeConfirmTitle'),
      content: t('evaluation.campaign.closeConfirmBody'),
      okText: t('evaluation.campaign.close'),
      cancelText: t('evaluation.cancel'),
      onOk: () => change('close'),
    });

  return (
    <Card className="rc-gap" title={t('evaluation.campaign.actions')}>
      {error ? (
        <div className="rc-gap">
          <ErrorAlert error={error} />
        </div>
      ) : null}
      <div className="rc-eval-actions">
        <Action reason={why.open} t={t}>
          <Button
            type="primary"
            data-testid="open-campaign"
            disabled={why.open !== null}
            loading={busy === 'open'}
            onClick={() => void change('open')}
          >
            {t('evaluation.campaign.open')}
          </Button>
        </Action>
        <Action reason={why.close} t={t}>
          <Button
            danger
            data-testid="close-campaign"
            disabled={why.close !== null}
            loading={busy === 'close'}
            onClick={confirmClose}
          >
            {t('evaluation.campaign.close')}
          </Button>
        </Action>
        <Action reason={why.issue} t={t} hint={t('evaluation.campaign.remaining', { remaining })}>
          <Space.Compact>
            <InputNumber<number>
              aria-label={t('evaluation.campaign.tokenCount')}
              data-testid="token-count"
              min={1}
              max={Math.max(1, most)}
              precision={0}
              disabled={why.issue !== null}
              value={count}
              placeholder={t('evaluation.campaign.tokenCountPlaceholder', { most })}
              onChange={setCount}
              className="rc-eval-token-count"
            />
            <Button
              data-testid="issue-tokens"
              disabled={why.issue !== null || count === null || count < 1 || count > most}
              loading={busy === 'tokens'}
              onClick={() => count !== null && void issue(count)}
            >
              {t('evaluation.campaign.issue')}
            </Button>
          </Space.Compact>
        </Action>
        <div>
          <Link to={`/evaluation/campaigns/${c.id}/report`} data-testid="report-link">
            {t('evaluation.campaign.report')}
          </Link>
        </div>
      </div>
    </Card>
  );
}

/** A control, with the reason it cannot be used now written under it (or a hint when it can). */
function Action({
  reason,
  hint,
  t,
  children,
}: {
  readonly reason: string | null;
  readonly hint?: string;
  readonly t: T;
  readonly children: ReactNode;
}) {
  const text = reason ? t(`evaluation.why.${reason}`) : hint;
  return (
    <div className="rc-eval-action">
      {children}
      {text ? (
        <Typography.Text type="secondary" className="rc-eval-why">
          {text}
        </Typography.Text>
      ) : null}
    </div>
  );
}

function Facts({ campaign: c }: { readonly campaign: CampaignView }) {
  const { t } = useTranslation();
  const lang = useLang();
  const sep = t('common.listSeparator');
  return (
    <Card title={t('evaluation.campaign.facts')} data-testid="campaign-facts">
      <Descriptions
        column={{ xs: 1, sm: 1, md: 2 }}
        size="small"
        items={[
          { key: 's', label: t('evaluation.col.state'), children: <StateTag campaign={c} /> },
          {
            key: 'j',
            label: t('evaluation.col.jurisdiction'),
            children: pick(c.jurisdiction.name, lang),
          },
          { key: 'i', label: t('evaluation.create.instrument'), children: c.instrumentId },
          { key: 'd', label: t('evaluation.col.days'), children: `${c.opensOn} – ${c.closesOn}` },
          {
            key: 'u',
            label: t('evaluation.create.units'),
            span: { xs: 1, sm: 1, md: 2 },
            children: c.invitedUnits.map((u) => pick(u.name, lang)).join(sep),
          },
          { key: 'n', label: t('evaluation.create.invitedCount'), children: c.invitedCount },
          { key: 'k', label: t('evaluation.create.k'), children: c.thresholdK },
          { key: 'f', label: t('evaluation.create.freeText'), children: c.freeTextThreshold },
          {
            key: 'day',
            label: t('evaluation.create.keepDay'),
            children: c.keepDay
              ? t('evaluation.create.keepDayYes')
              : t('evaluation.create.keepDayNo'),
          },
          {
            key: 'c',
            label: t('evaluation.campaign.createdAt'),
            children: formatDateTime(c.createdAt),
          },
        ]}
      />
    </Card>
  );
}
