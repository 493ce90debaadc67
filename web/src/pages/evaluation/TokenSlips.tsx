/**
 * The tokens just issued, shown this once as slips to print and hand out in a meeting room: each
 * with the survey link, the token in groups for typing, and its QR code (qrcode's toDataURL, a
 * data: image the app's CSP allows). The print stylesheet (evaluation.css) lays eight slips on
 * each A4 sheet with cutting lines; on screen a warning says the tokens cannot be shown again, and
 * the browser asks before the page is left or reloaded while they are shown.
 */
import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Space } from 'antd';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { groupedToken, surveyLink } from './slips';

export function TokenSlips({
  tokens,
  title,
  closesOn,
  onDismiss,
}: {
  readonly tokens: readonly string[];
  readonly title: string;
  readonly closesOn: string;
  readonly onDismiss: () => void;
}) {
  const { t } = useTranslation();
  const codes = useQrCodes(tokens);
  useUnloadPrompt(true);
  return (
    <section className="rc-slips-area" aria-labelledby="slips-heading">
      <div className="rc-no-print">
        <h2 id="slips-heading" className="rc-eval-h2">
          {t('evaluation.slips.heading', { count: tokens.length })}
        </h2>
        <Alert
          type="warning"
          showIcon
          role="alert"
          className="rc-gap"
          data-testid="slips-warning"
          title={t('evaluation.slips.onceTitle')}
          description={t('evaluation.slips.onceBody')}
        />
        <Space wrap className="rc-gap">
          <Button
            type="primary"
            icon={<PrinterOutlined />}
            data-testid="print-slips"
            onClick={() => window.print()}
          >
            {t('evaluation.slips.print')}
          </Button>
          <Button data-testid="dismiss-slips" onClick={onDismiss}>
            {t('evaluation.slips.dismiss')}
          </Button>
        </Space>
      </div>
      <ol className="rc-slips" data-testid="slips">
        {tokens.map((token, i) => {
          const link = surveyLink(window.location.origin, token);
          return (
            <li key={token} className="rc-slip" data-testid="slip">
              <div className="rc-slip-head">{t('evaluation.slips.slipHeading')}</div>
              <div className="rc-slip-title">{title}</div>
              <div className="rc-slip-body">
                {codes[i] ? (
                  <img
                    className="rc-slip-qr"
                    src={codes[i]}
                    alt={t('evaluation.slips.qrAlt', { n: i + 1 })}
                  />
                ) : (
                  <div className="rc-slip-qr" />
                )}
                <div className="rc-slip-text">
                  <div>{t('evaluation.slips.how')}</div>
                  <div className="rc-slip-link" data-testid="slip-link">
                    {link}
                  </div>
                </div>
              </div>
              <div className="rc-slip-code">
                <span className="rc-slip-label">{t('evaluation.slips.token')}</span>
                <span className="rc-slip-token" data-testid="slip-token">
                  {groupedToken(token)}
                </span>
              </div>
              <div className="rc-slip-foot">{t('evaluation.slips.foot', { date: closesOn })}</div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** The QR code of each token's link, as data: URLs (empty until drawn). */
function useQrCodes(tokens: readonly string[]): string[] {
  const [codes, setCodes] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    const origin = window.location.origin;
    void Promise.all(
      tokens.map((token) =>
        QRCode.toDataURL(surveyLink(origin, token), {
          errorCorrectionLevel: 'M',
          margin: 1,
          width: 240,
        }),
      ),
    ).then((urls) => {
      if (live) setCodes(urls);
    });
    return () => {
      live = false;
    };
  }, [tokens]);
  return codes;
}

/** The browser's own prompt before the page is closed or reloaded while `active`. */
function useUnloadPrompt(active: boolean): void {
  useEffect(() => {
    if (!active) return undefined;
    const ask = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [active]);
}
