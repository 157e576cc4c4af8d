/**
 * The saved versions of a visit in a dialog, each with its notes and
 * programme; an older one can be restored as a new version.
 */
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Visit } from '../../../shared/model';
import { RecordHistory } from '../components/RecordHistory';

export function VisitHistory({
  current,
  title,
  onClose,
  onRestored,
}: {
  current: Visit;
  title: string;
  onClose: () => void;
  onRestored: () => void;
}) {
  const { t } = useTranslation('visits');
  return (
    <RecordHistory
      collection="visits"
      current={current}
      title={t('history.visitTitle', { title })}
      onClose={onClose}
      onRestored={onRestored}
      author={(record) => record.updatedBy?.name}
      text={(record) => (
        <>
          {LANGUAGES.map((l) => (
            <div key={l}>
              <h3>{t(`app:content.languageName.${l}`)}</h3>
              <p className="diff-text" lang={l}>
                {record.notes[l] ?? '—'}
              </p>
              <ul>
                {record.programme.flatMap((day) =>
                  day.items.map((item) => (
                    <li key={item.id} lang={l}>
                      {[item.from, item.title[l]].filter(Boolean).join(' ') || '—'}
                    </li>
                  )),
                )}
              </ul>
            </div>
          ))}
          <p>{t('history.participants', { names: record.participants.map((p) => p.name).join(', ') || '—' })}</p>
        </>
      )}
    />
  );
}
