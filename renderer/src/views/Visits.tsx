import { useTranslation } from 'react-i18next';
import type { Lang } from '../../../shared/model';
import { visitLabel } from '../components/AnnotationItem';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { ViewHeading } from '../components/ViewHeading';
import { useKbQuery } from '../hooks/useKbQuery';
import { useNavigation } from '../navigation';
import { useOverview } from '../overview';

export function Visits() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
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
