/**
 * The decision document as it would read for the outcome the chair is about to decide
 * (POST /api/cases/:id/decision-preview): a draft in the layout of the document — issuing body,
 * title, number, addressee, body, signature and date — marked as a preview. The real document,
 * its PDF and its download come with the document panel once the decision is made.
 */
import { Alert, Button, Modal, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useLang } from '../../../lang';
import type { CaseView } from '../../../types';

/** The document's shape, as the server renders it. */
export interface DecisionDocumentDraft {
  readonly issuingBody: string;
  readonly title: string;
  readonly documentNumber: string;
  readonly addressee: string;
  readonly sections: readonly {
    readonly heading: string;
    readonly paragraphs: readonly string[];
  }[];
  readonly signature: string;
  readonly date: string;
  readonly notice?: string;
}

type State =
  | { readonly status: 'closed' }
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly error: unknown }
  | { readonly status: 'ok'; readonly doc: DecisionDocumentDraft };

export function DocumentPreviewButton({
  view,
  read,
}: {
  readonly view: CaseView;
  /** The outcome and reasons to preview, or null when the form has no outcome yet. */
  readonly read: () => Promise<{ outcome: string; departureReasons: string } | null>;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [state, setState] = useState<State>({ status: 'closed' });

  const open = async () => {
    const values = await read();
    if (!values) return;
    setState({ status: 'loading' });
    try {
      const answer = await api<{ document: DecisionDocumentDraft }>(
        'POST',
        `/api/cases/${encodeURIComponent(view.id)}/decision-preview`,
        {
          outcome: values.outcome,
          ...(values.departureReasons ? { departureReasons: values.departureReasons } : {}),
          lang,
        },
      );
      setState({ status: 'ok', doc: answer.document });
    } catch (error) {
      setState({ status: 'error', error });
    }
  };

  return (
    <>
      <Button onClick={() => void open()} data-testid="preview-document">
        {t('committee.preview.button')}
      </Button>
      <Modal
        open={state.status !== 'closed'}
        title={t('committee.preview.title')}
        width={820}
        onCancel={() => setState({ status: 'closed' })}
        footer={
          <Button onClick={() => setState({ status: 'closed' })} data-testid="preview-close">
            {t('committee.preview.close')}
          </Button>
        }
      >
        {state.status === 'loading' ? (
          <div className="rc-loading" role="status">
            <Spin />
            <span className="rc-visually-hidden">{t('common.loading')}</span>
          </div>
        ) : state.status === 'error' ? (
          <ErrorAlert error={state.error} />
        ) : state.status === 'ok' ? (
          <DocumentDraft doc={state.doc} />
        ) : null}
      </Modal>
    </>
  );
}

function DocumentDraft({ doc }: { readonly doc: DecisionDocumentDraft }) {
  const { t } = useTranslation();
  return (
    <div data-testid="document-preview">
      <Alert type="warning" showIcon className="rc-gap" title={t('committee.preview.draft')} />
      {doc.notice ? <Alert type="info" showIcon className="rc-gap" title={doc.notice} /> : null}
      <article className="rc-deliberation-document">
        <p className="rc-deliberation-document-body">{doc.issuingBody}</p>
        <Typography.Title level={4} className="rc-deliberation-document-title">
          {doc.title}
        </Typography.Title>
        <p className="rc-deliberation-document-number">{doc.documentNumber}</p>
        <p>{doc.addressee}</p>
        {doc.sections.map((s, i) => (
          <section key={`${s.heading}-${i}`}>
            {s.heading ? <Typography.Text strong>{s.heading}</Typography.Text> : null}
            {s.paragraphs.map((p, j) => (
              <p key={j} className="rc-deliberation-document-paragraph">
                {p}
              </p>
            ))}
          </section>
        ))}
        <p className="rc-deliberation-document-signature">{doc.signature}</p>
        <p className="rc-deliberation-document-signature">{doc.date}</p>
      </article>
    </div>
  );
}
