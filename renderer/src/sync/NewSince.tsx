/** "New since your last visit": what colleagues and the partner added or changed, with who and when. */
import { useTranslation } from 'react-i18next';
import { useNavigation } from '../app/navigation';
import { useOverview } from '../app/overview';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { ViewHeading } from '../components/ViewHeading';
import { useAction } from '../hooks/useAction';
import { useKbQuery } from '../hooks/useKbQuery';
import { useLang } from '../hooks/useLang';
import { call } from '../lib/kb';
import { withinBrackets } from '../lib/withinBrackets';

export function NewSince() {
  const { t } = useTranslation('exchange');
  const lang = useLang();
  const { overview } = useOverview();
  const { navigate } = useNavigation();
  const query = useKbQuery('getNewSince');
  const action = useAction();
  const organisation = (id: string) => overview.organisations.find((o) => o.id === id)?.name[lang] ?? id;

  async function markSeen() {
    if (await action.run(() => call('markNewSinceSeen'))) query.reload();
  }

  return (
    <section aria-labelledby="view-heading">
      <ViewHeading>{t('sync.newSince.heading')}</ViewHeading>
      <p>
        {query.data?.seenUntil
          ? t('sync.newSince.since', { date: new Date(query.data.seenUntil) })
          : t('sync.newSince.explain')}
      </p>
      {query.error && <ErrorMessage error={query.error} />}
      {!query.data && !query.error && <Loading />}
      {query.data && query.data.items.length === 0 && <p role="status">{t('sync.newSince.none')}</p>}
      {query.data && query.data.items.length > 0 && (
        <>
          <ul className="new-since">
            {query.data.items.map((item) => (
              <li key={`${item.collection}:${item.id}`}>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => navigate({ view: 'practice', id: item.practiceId })}
                >
                  {item.label[lang] ?? item.label[lang === 'de' ? 'nl' : 'de'] ?? item.id}
                </button>{' '}
                <span>
                  {t(`sync.newSince.${item.collection}.${item.kind}`, {
                    name: item.by.name ?? t('sync.newSince.someone'),
                    organisation: withinBrackets(organisation(item.by.organisationId)),
                  })}
                  {', '}
                  <time dateTime={item.changedAt}>{t('sync.newSince.at', { date: new Date(item.changedAt) })}</time>
                </span>
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => void markSeen()} disabled={action.busy} aria-busy={action.busy}>
            {t('sync.newSince.markSeen')}
          </button>
        </>
      )}
      {action.error && <ErrorMessage error={action.error} />}
    </section>
  );
}
