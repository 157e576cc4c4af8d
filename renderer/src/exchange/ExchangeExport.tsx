/**
 * Exporting a bundle for the partner: everything, one topic, one
 * organisation's records, or what changed since a day, saved through main's
 * save dialog, then summed up. Participants' e-mail addresses and phone
 * numbers (personal data) go along only when the user ticks it.
 */
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BUNDLE_COLLECTIONS, type BundleSelection } from '../../../shared/bundle';
import type { ExportSummary } from '../../../shared/responses';
import { useOverview } from '../app/overview';
import { DateField } from '../components/DateField';
import { ErrorMessage } from '../components/ErrorMessage';
import { OrganisationSelect, TopicSelect } from '../components/OverviewSelect';
import { useAction } from '../hooks/useAction';
import { call } from '../lib/kb';
import { TransferProgress } from './TransferProgress';

type Scope = 'everything' | 'topic' | 'organisation' | 'changedSince';
const SCOPES: Scope[] = ['everything', 'topic', 'organisation', 'changedSince'];

export function ExchangeExport() {
  const { t } = useTranslation('exchange');
  const { overview } = useOverview();
  const { run, busy, error } = useAction();
  const [scope, setScope] = useState<Scope>('everything');
  const [topicId, setTopicId] = useState(overview.topics[0]?.id ?? '');
  const [organisationId, setOrganisationId] = useState(
    overview.settings.user?.organisationId ?? overview.organisations[0]?.id ?? '',
  );
  const [since, setSince] = useState<string | null>('');
  const [includeContacts, setIncludeContacts] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [summary, setSummary] = useState<ExportSummary>();
  const [withAttachments, setWithAttachments] = useState(true);
  const dateRef = useRef<HTMLInputElement>(null);
  const id = useId();

  function selection(): BundleSelection | undefined {
    switch (scope) {
      case 'everything':
        return {};
      case 'topic':
        return { topicIds: [topicId] };
      case 'organisation':
        return { organisationIds: [organisationId] };
      case 'changedSince':
        // The start of that day where the user is, as the date input means it.
        return since ? { changedSince: new Date(`${since}T00:00:00`).toISOString() } : undefined;
    }
  }

  async function exportBundle() {
    const scoped = selection();
    const chosen = scoped && (includeContacts ? { ...scoped, includeContacts: true } : scoped);
    setSummary(undefined);
    if (!chosen) {
      setProblem(t('export.dateMissing'));
      dateRef.current?.focus();
      return;
    }
    setProblem(undefined);
    const result = await run(() => call('exportBundle', { selection: chosen, withAttachments }));
    if (result) setSummary(result); // null: the save dialog was cancelled, nothing to say
  }

  const kinds = summary ? BUNDLE_COLLECTIONS.filter((c) => summary.counts[c] > 0) : [];
  const empty = summary !== undefined && kinds.length === 0 && summary.tombstones === 0 && summary.conflicts === 0;
  return (
    <section aria-labelledby={`${id}-heading`} className="exchange-section">
      <h2 id={`${id}-heading`}>{t('export.heading')}</h2>
      <form
        noValidate
        className="editor"
        onSubmit={(event) => {
          event.preventDefault();
          void exportBundle();
        }}
      >
        <fieldset className="radios">
          <legend>{t('export.scope')}</legend>
          {SCOPES.map((s) => (
            <div key={s} className="scope-option">
              <label>
                <input type="radio" name={`${id}-scope`} checked={scope === s} onChange={() => setScope(s)} />
                {t(`export.${s}`)}
              </label>
              {scope === 'topic' && s === 'topic' && (
                <label className="scope-detail">
                  {t('export.topicLabel')}
                  <TopicSelect value={topicId} onChange={setTopicId} />
                </label>
              )}
              {scope === 'organisation' && s === 'organisation' && (
                <label className="scope-detail">
                  {t('export.organisationLabel')}
                  <OrganisationSelect value={organisationId} onChange={setOrganisationId} />
                </label>
              )}
              {scope === 'changedSince' && s === 'changedSince' && (
                <DateField
                  className="scope-detail"
                  label={t('export.changedSinceLabel')}
                  inputRef={dateRef}
                  value={since}
                  required
                  onChange={setSince}
                />
              )}
            </div>
          ))}
          <p className="hint">{t('export.hint')}</p>
        </fieldset>
        <label className="checkbox">
          <input type="checkbox" checked={withAttachments} onChange={(e) => setWithAttachments(e.target.checked)} />
          {t('export.withAttachments')}
        </label>
        <p className="hint">{t('export.withAttachmentsHint')}</p>
        <div className="personal-data">
          <label>
            <input
              type="checkbox"
              checked={includeContacts}
              aria-describedby={`${id}-contacts-hint`}
              onChange={(e) => setIncludeContacts(e.target.checked)}
            />
            {t('export.includeContacts')}
          </label>
          <p id={`${id}-contacts-hint`} className="hint">
            {t('export.includeContactsHint')}
          </p>
        </div>
        {problem && (
          <p className="message message-error" role="alert">
            {problem}
          </p>
        )}
        {error && <ErrorMessage error={error} />}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('export.submit')}
          </button>
        </div>
      </form>
      <div role="status" className="exchange-status">
        {busy && <p className="loading">{t('export.busy')}</p>}
        {summary && (
          <div className="message message-success">
            <p>
              {empty
                ? t('export.empty', { fileName: summary.fileName })
                : t('export.done', { fileName: summary.fileName })}
            </p>
            {!empty && (
              <ul>
                {kinds.map((c) => (
                  <li key={c}>{t(`kindCount.${c}`, { count: summary.counts[c] })}</li>
                ))}
                {summary.tombstones > 0 && <li>{t('export.tombstones', { count: summary.tombstones })}</li>}
                {summary.conflicts > 0 && <li>{t('export.conflicts', { count: summary.conflicts })}</li>}
                {summary.attachments !== undefined && (
                  <li>{t('export.attachments', { count: summary.attachments })}</li>
                )}
              </ul>
            )}
          </div>
        )}
      </div>
      <TransferProgress operation="export" active={busy} />
    </section>
  );
}
