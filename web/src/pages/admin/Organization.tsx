/**
 * The organization an administrator manages (GET /api/admin/organization): jurisdictions and
 * their units as one tree table, each jurisdiction with its policy pack and working-day calendar
 * (years published or provisional) and whether its applicants see the preliminary assessment
 * (POST /api/admin/jurisdictions/:id/applicant-assessment); renaming and adding a unit below,
 * and a jurisdiction's document numbering (Numbering.tsx), where `abilities` allow.
 */
import { TEXT_LIMITS, UNIT_KINDS } from '../../shared';
import {
  App,
  Button,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { pick } from '../../i18n';
import { useLang } from '../../lang';
import type { OrgJurisdiction, OrgTree } from '../../types';
import { useApi } from '../../useApi';
import { showOnField } from './formErrors';
import { NumberingDialog } from './Numbering';
import { buildTree, type OrgNode } from './orgTree';

type Row = { key: string; node: OrgNode; children?: Row[] };
type Dialog = { mode: 'rename' | 'addUnit'; node: OrgNode } | null;

function rows(nodes: readonly OrgNode[]): Row[] {
  return nodes.map((n) => {
    const children = rows(n.children);
    return children.length > 0 ? { key: n.key, node: n, children } : { key: n.key, node: n };
  });
}

export default function Organization() {
  const { t } = useTranslation();
  const lang = useLang();
  const result = useApi<OrgTree>('/api/admin/organization');
  const [dialog, setDialog] = useState<Dialog>(null);
  const [numbering, setNumbering] = useState<string | null>(null);
  const [folded, setFolded] = useState<ReadonlySet<string>>(new Set());
  const data = useMemo(
    () => (result.status === 'ok' ? rows(buildTree(result.data)) : []),
    [result],
  );
  const allKeys = useMemo(() => {
    const keys: string[] = [];
    const walk = (list: readonly Row[]) =>
      list.forEach((r) => {
        keys.push(r.key);
        if (r.children) walk(r.children);
      });
    walk(data);
    return keys;
  }, [data]);

  const columns: TableColumnsType<Row> = [
    {
      title: t('admin.org.name'),
      key: 'name',
      // Room for a nested unit's name beside its indentation (the actions column no longer takes it).
      width: 240,
      render: (_: unknown, r) => (
        <Typography.Text strong={r.node.kind === 'jurisdiction'}>
          {pick(r.node.item.name, lang)}
        </Typography.Text>
      ),
    },
    {
      title: t('admin.org.kind'),
      key: 'kind',
      render: (_: unknown, r) =>
        r.node.kind === 'jurisdiction'
          ? t(`admin.org.jurisdictionLevel.${r.node.item.level}`, {
              defaultValue: r.node.item.level,
            })
          : t(`admin.org.unitKind.${r.node.item.kind}`, { defaultValue: r.node.item.kind }),
    },
    {
      title: t('admin.org.pack'),
      key: 'pack',
      render: (_: unknown, r) =>
        r.node.kind === 'jurisdiction' ? (
          <span>
            {r.node.item.pack.title ? pick(r.node.item.pack.title, lang) : r.node.item.pack.id}
          </span>
        ) : null,
    },
    {
      title: t('admin.org.calendar'),
      key: 'calendar',
      render: (_: unknown, r) =>
        r.node.kind === 'jurisdiction' ? (
          <Space size={[4, 4]} wrap>
            <span>
              {t(`admin.org.calendarNames.${r.node.item.calendar.id}`, {
                defaultValue: r.node.item.calendar.id,
              })}
            </span>
            {r.node.item.calendar.years.map((y) => (
              <Tag
                key={y.year}
                className={y.status === 'provisional' ? 'rc-tag-provisional' : 'rc-tag-published'}
              >
                {y.year}{' '}
                {t(`admin.org.${y.status === 'provisional' ? 'provisional' : 'published'}`)}
              </Tag>
            ))}
          </Space>
        ) : null,
    },
    {
      title: <Tooltip title={t('admin.org.assessmentHelp')}>{t('admin.org.assessment')}</Tooltip>,
      key: 'assessment',
      render: (_: unknown, r) =>
        r.node.kind === 'jurisdiction' ? (
          <AssessmentSwitch jurisdiction={r.node.item} onDone={() => result.reload()} />
        ) : null,
    },
    {
      title: t('admin.org.officials'),
      key: 'officials',
      align: 'right',
      render: (_: unknown, r) => (r.node.kind === 'unit' ? r.node.item.officials : null),
    },
    {
      title: t('admin.org.actions'),
      key: 'actions',
      render: (_: unknown, r) => {
        const name = pick(r.node.item.name, lang);
        return (
          <Space wrap>
            {r.node.item.abilities.rename ? (
              <Button
                size="small"
                aria-label={`${t('admin.org.rename')} ${name}`}
                onClick={() => setDialog({ mode: 'rename', node: r.node })}
              >
                {t('admin.org.rename')}
              </Button>
            ) : null}
            {r.node.kind === 'jurisdiction' && r.node.item.abilities.rename ? (
              <Button
                size="small"
                aria-label={`${t('numbering.button')} ${name}`}
                data-testid={`numbering-${r.node.item.id}`}
                onClick={() => setNumbering(r.node.item.id)}
              >
                {t('numbering.button')}
              </Button>
            ) : null}
            {r.node.item.abilities.addUnit ? (
              <Button
                size="small"
                aria-label={`${t('admin.org.addUnit')} ${name}`}
                onClick={() => setDialog({ mode: 'addUnit', node: r.node })}
              >
                {t('admin.org.addUnit')}
              </Button>
            ) : null}
          </Space>
        );
      },
    },
  ];

  return (
    <section>
      <Typography.Title level={3}>{t('admin.org.heading')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('admin.org.intro')}</Typography.Paragraph>
      {result.status === 'error' ? (
        <ErrorAlert error={result.error} title={t('admin.org.loadFailed')} />
      ) : (
        <Table<Row>
          rowKey="key"
          data-testid="org-table"
          loading={result.status === 'loading'}
          columns={columns}
          dataSource={data}
          pagination={false}
          expandable={{
            // All open at first; each branch can be folded.
            expandedRowKeys: allKeys.filter((k) => !folded.has(k)),
            onExpand: (open, r) =>
              setFolded((f) => {
                const next = new Set(f);
                if (open) next.delete(r.key);
                else next.add(r.key);
                return next;
              }),
          }}
          scroll={{ x: 900 }}
          locale={{ emptyText: t('admin.org.empty') }}
        />
      )}
      {dialog ? (
        <OrgDialog
          dialog={dialog}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            result.reload();
          }}
        />
      ) : null}
      {numbering ? (
        <NumberingDialog jurisdictionId={numbering} onClose={() => setNumbering(null)} />
      ) : null}
    </section>
  );
}

/**
 * Whether the jurisdiction's applicants see the engine's preliminary assessment while applying
 * (off by default: the form shows which conditions the measure weighs).
 */
function AssessmentSwitch({
  jurisdiction,
  onDone,
}: {
  readonly jurisdiction: OrgJurisdiction;
  readonly onDone: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const name = pick(jurisdiction.name, lang);
  const change = async (enabled: boolean) => {
    setBusy(true);
    try {
      await api(
        'POST',
        `/api/admin/jurisdictions/${encodeURIComponent(jurisdiction.id)}/applicant-assessment`,
        { enabled },
      );
      message.success(t(enabled ? 'admin.org.assessmentOn' : 'admin.org.assessmentOff'));
      onDone();
    } catch (e) {
      message.error(e instanceof ApiError ? pick(e.text, lang) : t('errors.unexpected'));
    } finally {
      setBusy(false);
    }
  };
  // The state is written beside the switch, not inside it: white text on the grey of a switch
  // that is off falls short of the contrast the accessibility check asks for.
  return (
    <Space size={4}>
      <Switch
        size="small"
        checked={jurisdiction.applicantAssessment}
        loading={busy}
        disabled={!jurisdiction.abilities.rename}
        aria-label={`${t('admin.org.assessment')} ${name}`}
        data-testid={`assessment-switch-${jurisdiction.id}`}
        onChange={(v) => void change(v)}
      />
      <span>
        {t(
          jurisdiction.applicantAssessment
            ? 'admin.org.assessmentShown'
            : 'admin.org.assessmentHidden',
        )}
      </span>
    </Space>
  );
}

function OrgDialog({
  dialog,
  onClose,
  onDone,
}: {
  readonly dialog: NonNullable<Dialog>;
  readonly onClose: () => void;
  readonly onDone: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ nameZh: string; nameEn: string; kind?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { node, mode } = dialog;
  const name = pick(node.item.name, lang);

  const submit = async () => {
    let v: { nameZh: string; nameEn: string; kind?: string };
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const names = { nameZh: v.nameZh.trim(), nameEn: v.nameEn.trim() };
      if (mode === 'rename') {
        const base = node.kind === 'jurisdiction' ? 'jurisdictions' : 'units';
        await api('POST', `/api/admin/${base}/${encodeURIComponent(node.item.id)}/rename`, names);
        message.success(t('admin.org.renamed'));
      } else {
        await api('POST', '/api/admin/units', {
          ...names,
          kind: v.kind ?? 'department',
          jurisdictionId: node.kind === 'jurisdiction' ? node.item.id : node.item.jurisdictionId,
          parentId: node.kind === 'unit' ? node.item.id : null,
        });
        message.success(t('admin.org.added'));
      }
      onDone();
    } catch (e) {
      if (!showOnField(form, e, ['nameZh', 'nameEn', 'kind'], lang)) setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={
        mode === 'rename'
          ? t('admin.org.renameTitle', { name })
          : t('admin.org.addUnitTitle', { name })
      }
      okText={t('admin.org.save')}
      cancelText={t('admin.org.cancel')}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={
          mode === 'rename'
            ? { nameZh: node.item.name.zh, nameEn: node.item.name.en }
            : { kind: node.kind === 'unit' ? 'section' : 'department' }
        }
      >
        {error ? <ErrorAlert error={error} /> : null}
        <Form.Item
          name="nameZh"
          label={t('admin.org.nameZh')}
          rules={[{ required: true, whitespace: true, message: t('admin.org.nameZhRequired') }]}
        >
          <Input maxLength={TEXT_LIMITS.orgNameZh.max} />
        </Form.Item>
        <Form.Item
          name="nameEn"
          label={t('admin.org.nameEn')}
          rules={[{ required: true, whitespace: true, message: t('admin.org.nameEnRequired') }]}
        >
          <Input maxLength={TEXT_LIMITS.orgNameEn.max} />
        </Form.Item>
        {mode === 'addUnit' ? (
          <Form.Item name="kind" label={t('admin.org.kind')}>
            <Select
              options={UNIT_KINDS.map((k) => ({ value: k, label: t(`admin.org.unitKind.${k}`) }))}
            />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
