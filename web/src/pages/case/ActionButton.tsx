/**
 * One case action behind a button. With `fields`, the button opens a form in a dialog that
 * validates as the user types and shows the server's message when the action fails; without, the
 * action runs at once (or after `confirm`). A destructive action (`confirm`) always asks first.
 */
import { App, Button, Form, Modal, Popconfirm } from 'antd';
import type { FormInstance } from 'antd';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useCaseAction } from './useCaseAction';

type Values = Record<string, unknown>;

export interface ActionButtonProps {
  /** The button's text; also the dialog's title unless `title` is given. */
  readonly label: string;
  readonly title?: string;
  /** Path below /api/cases/:id/. */
  readonly path: string;
  readonly fields?: ReactNode;
  /** The request body from the form's values (default: the values as they are). */
  readonly toBody?: (values: Values) => Record<string, unknown> | Promise<Record<string, unknown>>;
  /** Asks this question before sending: for destructive or irreversible actions. */
  readonly confirm?: string;
  readonly primary?: boolean;
  readonly danger?: boolean;
  /** What the dialog says above the fields. */
  readonly intro?: ReactNode;
  readonly testId?: string;
  readonly initialValues?: Values;
  /** Called with the form when the dialog opens (e.g. to preset values). */
  readonly onOpen?: (form: FormInstance) => void;
}

/** Drops empty optional strings, so that the server's "optional" means what it says. */
export function compact(values: Values): Values {
  const out: Values = {};
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined || (typeof v === 'string' && v.trim() === '')) continue;
    out[k] = typeof v === 'string' ? v.trim() : v;
  }
  return out;
}

export function ActionButton(props: ActionButtonProps) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const action = useCaseAction();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  // Unique per button: several dialogs of the same action (one per element, per consultation)
  // are rendered at once, and the form's name prefixes its fields' ids.
  const uid = useId();
  const formName = `case-${props.path.replace(/\W+/g, '-')}-${uid.replace(/\W+/g, '')}`;
  const toBody = props.toBody ?? compact;

  if (!props.fields) {
    const button = (
      <Button
        type={props.primary ? 'primary' : 'default'}
        danger={props.danger}
        loading={action.busy}
        data-testid={props.testId}
        onClick={props.confirm ? undefined : () => void action.run(props.path)}
      >
        {props.label}
      </Button>
    );
    return (
      <>
        {props.confirm ? (
          <Popconfirm
            title={props.title ?? props.label}
            description={props.confirm}
            okText={t('desk.action.confirmOk')}
            cancelText={t('desk.action.cancel')}
            okButtonProps={{ danger: props.danger }}
            onConfirm={() => action.run(props.path)}
          >
            {button}
          </Popconfirm>
        ) : (
          button
        )}
        {action.error ? (
          <Modal
            open
            title={props.title ?? props.label}
            onCancel={action.clearError}
            onOk={action.clearError}
            cancelButtonProps={{ style: { display: 'none' } }}
          >
            <ErrorAlert error={action.error} />
          </Modal>
        ) : null}
      </>
    );
  }

  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (values === null) return;
    const send = async () => {
      if (await action.run(props.path, await toBody(values))) {
        setOpen(false);
        form.resetFields();
      }
    };
    if (props.confirm) {
      modal.confirm({
        title: props.title ?? props.label,
        content: props.confirm,
        okText: t('desk.action.confirmOk'),
        cancelText: t('desk.action.cancel'),
        okButtonProps: { danger: props.danger },
        onOk: send,
      });
    } else {
      await send();
    }
  };

  return (
    <>
      <Button
        type={props.primary ? 'primary' : 'default'}
        danger={props.danger}
        data-testid={props.testId}
        onClick={() => {
          action.clearError();
          setOpen(true);
          props.onOpen?.(form);
        }}
      >
        {props.label}
      </Button>
      <Modal
        open={open}
        title={props.title ?? props.label}
        okText={t('desk.action.submit')}
        cancelText={t('desk.action.cancel')}
        okButtonProps={{ danger: props.danger, loading: action.busy }}
        onOk={() => void submit()}
        onCancel={() => setOpen(false)}
        forceRender
      >
        {props.intro ? <div className="rc-gap">{props.intro}</div> : null}
        <Form form={form} layout="vertical" initialValues={props.initialValues} name={formName}>
          {props.fields}
        </Form>
        {action.error ? <ErrorAlert error={action.error} /> : null}
      </Modal>
    </>
  );
}
