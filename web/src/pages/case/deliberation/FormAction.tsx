/**
 * A deliberation action behind a button: the button opens a dialog with a form that validates as
 * the user types; sending asks for confirmation first when the action cannot be undone
 * (`confirm`), and a failure shows the server's message in the dialog.
 */
import { App, Button, Form, Modal } from 'antd';
import type { FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert';
import type { CaseView } from '../../../types';
import { useDeliberationAction } from './useDeliberationAction';

export type Values = Record<string, unknown>;

export interface FormActionProps {
  readonly view: CaseView;
  readonly onChanged: () => void;
  /** The button's text and the dialog's title. */
  readonly label: string;
  /** Path below /api/cases/:id/. */
  readonly path: string;
  readonly toBody: (values: Values) => Record<string, unknown>;
  readonly children: (form: FormInstance<Values>) => ReactNode;
  /** Asked before sending: for actions that cannot be undone. */
  readonly confirm?: string;
  readonly intro?: ReactNode;
  readonly primary?: boolean;
  readonly danger?: boolean;
  readonly testId: string;
  readonly initialValues?: Values;
  /** A small button (in a table row). */
  readonly small?: boolean;
}

/** Trimmed text, for the server's "required" and length checks to mean what the user sees. */
export const trimmed = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

export function FormAction(props: FormActionProps) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const action = useDeliberationAction(props.view, props.onChanged);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();

  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (values === null) return;
    const send = async () => {
      if (await action.run(props.path, props.toBody(values))) {
        setOpen(false);
        form.resetFields();
      }
    };
    if (props.confirm) {
      modal.confirm({
        title: props.label,
        content: props.confirm,
        okText: t('committee.action.confirmOk'),
        cancelText: t('committee.action.cancel'),
        okButtonProps: { danger: props.danger ?? false },
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
        danger={props.danger ?? false}
        size={props.small ? 'small' : 'middle'}
        data-testid={props.testId}
        onClick={() => {
          action.clearError();
          setOpen(true);
        }}
      >
        {props.label}
      </Button>
      <Modal
        open={open}
        title={props.label}
        okText={t('committee.action.submit')}
        cancelText={t('committee.action.cancel')}
        okButtonProps={{
          danger: props.danger ?? false,
          loading: action.busy,
          'data-testid': `${props.testId}-submit`,
        }}
        onOk={() => void submit()}
        onCancel={() => setOpen(false)}
      >
        {props.intro ? <div className="rc-gap">{props.intro}</div> : null}
        <Form
          form={form}
          layout="vertical"
          initialValues={props.initialValues}
          name={`deliberation-${props.testId}`}
        >
          {props.children(form)}
        </Form>
        {action.error ? <ErrorAlert error={action.error} /> : null}
      </Modal>
    </>
  );
}
