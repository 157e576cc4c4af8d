/**
 * The visits between the partners, planned ones first (earliest first, the
 * next one pointed out), then held ones (latest first), each named by who
 * went where and when, with the way to add one.
 */
import { useTranslation } from 'react-i18next';
import type { Visit } from '../../../shared/model';
import { useNavigation } from '../app/navigation';
import { useOverview } from '../app/overview';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { ViewHeading } from '../components/ViewHeading';
import { useKbQuery } from '../hooks/useKbQuery';
import { useLang } from '../hooks/useLang';
import { visitLabel } from '../lib/visitLabel';

/** Today as YYYY-MM-DD where the user is. */
const today = () => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
};

export function VisitList() {
  const { t } = useTranslation();
  const visits = useKbQuery('listVisits');
  const { navigate } = useNavigation();
  // The knowledge base lists visits earliest first, undated last.
  const planned = visits.data?.filter((v) => v.status === 'planned') ?? [];
  const held = (visits.data?.filter((v) => v.status === 'held') ?? []).sort(
    (a, b) => Number(!a.startDate) - Number(!b.startDate) || (b.startDate ?? '').localeCompare(a.startDate ?? ''),
  );
  const now = today();
  // The next visit: the first planned one that has not ended yet (a month alone counts to its end).
  const next = planned.find((v) => {
    const last = v.endDate ?? v.startDate;
    return last !== undefined && last >= now.slice(0, last.length);
  });
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
        <>
          <VisitGroup
            heading={t('visits:list.planned')}
            visits={planned}
            next={next}
            empty={t('visits:list.noPlanned')}
          />
          <VisitGroup heading={t('visits:list.held')} visits={held} empty={t('visits:list.noHeld')} />
        </>
      )}
    </section>
  );
}

function VisitGroup({
  heading,
  visits,
  next,
  empty,
}: {
  heading: string;
  visits: Visit[];
  next?: Visit;
  empty: string;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { overview } = useOverview();
  const { navigate } = useNavigation();
  return (
    <section aria-label={heading}>
      <h2>{heading}</h2>
      {visits.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <ul className="practice-list">
          {visits.map((visit) => (
            <li key={visit.id} className={visit === next ? 'practice-card visit-next' : 'practice-card'}>
              <h3>
                <button type="button" className="link-button" onClick={() => navigate({ view: 'visit', id: visit.id })}>
                  {visitLabel(visit, lang, overview.organisations, t)}
                </button>
              </h3>
              <p className="meta">
                {visit === next && <span className="badge badge-next">{t('visits:list.next')}</span>}
                <span className="badge">{t(`visit.status.${visit.status}`)}</span>
                {visit.programme.length > 0 && <span>{t('visits:list.days', { count: visit.programme.length })}</span>}
                {visit.starter && <span className="badge">{t('content.starter')}</span>}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
