/**
 * The decision document shown as it is printed: the issuing body in red, the number, a red rule,
 * the title, the addressee, the body with first-line indents, and the signature and date at the
 * bottom right, and the closing block (版记) between rules (the same layout as the PDF).
 */
import type { DecisionDocument, OfficialDocument } from './model';

export function DocumentSheet({ doc }: { readonly doc: DecisionDocument | OfficialDocument }) {
  const zh = doc.lang === 'zh';
  return (
    <article
      className="rc-doc-sheet"
      lang={zh ? 'zh-CN' : 'en'}
      aria-label={doc.title}
      data-testid="decision-document"
    >
      <p className="rc-doc-mark">{doc.issuingBody}</p>
      <p className="rc-doc-number" data-testid="document-number">
        {doc.documentNumber}
      </p>
      <hr className="rc-doc-rule" />
      <h3 className="rc-doc-title">{doc.title}</h3>
      {doc.addressee ? (
        <p className="rc-doc-addressee">
          {doc.addressee}
          {zh ? '：' : ':'}
        </p>
      ) : null}
      {doc.sections.map((s, i) => (
        <section key={i}>
          {s.heading ? <h4 className="rc-doc-heading">{s.heading}</h4> : null}
          {s.paragraphs.map((p, j) => (
            <p key={j} className="rc-doc-para">
              {p}
            </p>
          ))}
        </section>
      ))}
      <div className="rc-doc-sign">
        <p>{doc.signature}</p>
        <p>{doc.date}</p>
      </div>
      {doc.closing ? (
        <footer className="rc-doc-closing" data-testid="document-closing">
          {doc.closing.cc.length ? (
            <p>
              {zh ? '抄送：' : 'Copy to: '}
              {doc.closing.cc.join(zh ? '，' : ', ')}
              {zh ? '。' : '.'}
            </p>
          ) : null}
          <p className="rc-doc-printed">
            <span>{doc.closing.printer}</span>
            <span>
              {doc.closing.printedOn}
              {zh ? '印发' : ''}
            </span>
          </p>
        </footer>
      ) : null}
      {doc.notice ? (
        <p className="rc-doc-notice">
          {zh ? '注：' : 'Note: '}
          {doc.notice}
        </p>
      ) : null}
    </article>
  );
}
