/** The visits between the partners, each named by who went where and when, with the way to add one. */
import { useTranslation } from 'react-i18next';
import { useNavigation } from '../app/navigation';
import { useOverview } from '../app/overview';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { ViewHeading } from '../components/ViewHeading';
import { useKbQuery } from '../hooks/useKbQuery';
import { useLang } from '../hooks/useLang';
import { visitLabel } from '../lib/visitLabel';

export function VisitList() {
  const { t } = useTranslation();
  const lang = useLang();
  const { overview } = useOverview();
  const { navigate } = useNavigation();
  const visits = useKbQuery('listVisits');
  return (
    <section aria-labelledby="view-heading">
      <ViewHeading>{t('visit.heading')}</ViewHeading>
      <button type="button" className="primary" onClick={() => navigate({ view: 'visitEdit' })}>
        {t('visit.new')}
      </button>
      {visits.error && <ErrorMessage error={visits.error} />}
      {!visits.data ? (
        <Loading />
      ) : visits.data.length === 0 ? (
        <p>{t('visit.empty')}</p>
      ) : (
        <ul className="practice-list">
          {visits.data.map((visit) => (
            <li key={visit.id} className="practice-card">
              <h2>
                <button type="button" className="link-button" onClick={() => navigate({ view: 'visit', id: visit.id })}>
                  {visitLabel(visit, lang, overview.organisations, t)}
                </button>
              </h2>
              <p className="meta">
                <span className="badge">{t(`visit.status.${visit.status}`)}</span>
                {visit.starter && <span className="badge">{t('content.starter')}</span>}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
