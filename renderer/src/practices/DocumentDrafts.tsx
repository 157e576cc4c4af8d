/**
 * Bringing existing documents in: the button that asks main for files (a
 * Word file, a PDF, Markdown or text; several at once, such as a folder of
 * minutes), and the list of drafts they became, each opened in the editor to
 * be checked before it is saved. A file that could not be read says why.
 */
import { useTranslation } from 'react-i18next';
import type { DraftResult } from '../../../shared/responses';
import { useNavigation } from '../app/navigation';
import { ErrorMessage } from '../components/ErrorMessage';
import { ViewHeading } from '../components/ViewHeading';
import { useAction } from '../hooks/useAction';
import { call, KbCallError } from '../lib/kb';

export function ImportDocumentsButton() {
  const { t } = useTranslation();
  const { navigate } = useNavigation();
  const action = useAction();
  async function choose() {
    const results = await action.run(() => call('importDocuments'));
    if (results) navigate({ view: 'documentDrafts', results });
  }
  return (
    <>
      <button type="button" className="import-documents" disabled={action.busy} onClick={() => void choose()}>
        {action.busy ? t('documents.reading') : t('documents.import')}
      </button>
      {action.error && <ErrorMessage error={action.error} />}
    </>
  );
}

export function DocumentDrafts({ results }: { results: DraftResult[] }) {
  const { t } = useTranslation();
  const { navigate } = useNavigation();
  return (
    <section aria-labelledby="view-heading">
      <ViewHeading>{t('documents.heading', { count: results.length })}</ViewHeading>
      <p className="hint">{t('documents.hint')}</p>
      <ul className="document-drafts">
        {results.map((result, i) =>
          result.ok ? (
            <li key={i}>
              <strong lang={result.draft.language}>{result.draft.title}</strong>{' '}
              <span className="hint">
                {t('documents.from', {
                  file: result.draft.fileName,
                  language: t(`content.languageName.${result.draft.language}`),
                  count: result.draft.attachments.length,
                })}
              </span>{' '}
              <button type="button" onClick={() => navigate({ view: 'practiceEdit', fromDocument: result.draft })}>
                {t('documents.review', { title: result.draft.title })}
              </button>
            </li>
          ) : (
            <li key={i}>
              <strong>{result.fileName}</strong>
              <ErrorMessage
                error={new KbCallError(result.error.code, result.error.detail, result.error.params ?? {})}
              />
            </li>
          ),
        )}
      </ul>
    </section>
  );
}
