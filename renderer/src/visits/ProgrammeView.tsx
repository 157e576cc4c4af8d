/**
 * A visit's programme and participants as read and printed: day by day, each
 * item with its time, title, place, host, practices, topics and note, in one
 * language (the other's text shown, marked, where it has none) or both side by side.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { type Lang, type Participant, type ProgrammeDay } from '../../../shared/model';
import { useOverview } from '../app/overview';
import { FallbackBadge } from '../components/FallbackBadge';
import { modeLanguages, pickText, type ReadingMode } from '../lib/texts';
import { formatCalendarDate } from '../lib/visitLabel';

/** A short text in the reading language, else the other one, marked. */
function Localized({
  texts,
  lang,
  block = false,
}: {
  texts: Partial<Record<Lang, string>>;
  lang: Lang;
  block?: boolean;
}) {
  const picked = pickText(texts, lang);
  if (!picked) return null;
  const badge = picked.fallback && (
    <>
      {' '}
      <FallbackBadge lang={picked.lang} />
    </>
  );
  return block ? (
    <p>
      <span lang={picked.lang}>{picked.value}</span>
      {badge}
    </p>
  ) : (
    <>
      <span lang={picked.lang}>{picked.value}</span>
      {badge}
    </>
  );
}

export function ProgrammeView({
  programme,
  mode,
  practiceTitles,
  renderPractice,
}: {
  programme: ProgrammeDay[];
  mode: ReadingMode;
  practiceTitles: Record<string, Partial<Record<Lang, string>>>;
  /** How a linked practice is shown (a link on screen); its title by default. */
  renderPractice?: (practiceId: string, title: Partial<Record<Lang, string>>) => ReactNode;
}) {
  const { t } = useTranslation('visits');
  const { i18n } = useTranslation();
  const ui = i18n.language as Lang;
  const { overview } = useOverview();
  if (programme.length === 0) return <p>{t('programme.empty')}</p>;
  return (
    <div className="programme">
      {programme.map((day, d) => (
        <section key={day.id} className="programme-day-view" aria-labelledby={`day-${day.id}`}>
          <h3 id={`day-${day.id}`}>
            {day.date
              ? t('programme.dayWithDate', { n: d + 1, date: formatCalendarDate(day.date, ui, true) })
              : t('programme.day', { n: d + 1 })}
          </h3>
          {day.items.length === 0 ? (
            <p>{t('programme.noItems')}</p>
          ) : (
            <ol className="programme-list">
              {day.items.map((item) => {
                const topics = overview.topics.filter((topic) => item.topicIds.includes(topic.id));
                return (
                  <li key={item.id} className="programme-entry">
                    <p className="programme-time">
                      {item.from || item.to ? t('programme.time', { from: item.from ?? '', to: item.to ?? '' }) : ''}
                    </p>
                    <div className={mode === 'both' ? 'side-by-side' : undefined}>
                      {modeLanguages(mode).map((lang) => (
                        <div key={lang}>
                          <p className="programme-title">
                            <strong>
                              <Localized texts={item.title} lang={lang} />
                            </strong>
                          </p>
                          {(item.place.de || item.place.nl) && (
                            <p>
                              {t('programme.placeLabel')} <Localized texts={item.place} lang={lang} />
                            </p>
                          )}
                          {(item.note.de || item.note.nl) && (
                            <div className="notes">
                              <Localized texts={item.note} lang={lang} block />
                            </div>
                          )}
                        </div>
                      ))}
                    </div>
                    {item.host && (
                      <p>
                        {t('programme.hostLabel')} {item.host}
                      </p>
                    )}
                    {item.practiceIds.length > 0 && (
                      <p>
                        {t('programme.practicesLabel')}{' '}
                        {item.practiceIds.map((id, i) => (
                          <span key={id}>
                            {i > 0 && ', '}
                            {renderPractice ? (
                              renderPractice(id, practiceTitles[id] ?? {})
                            ) : (
                              <Localized texts={practiceTitles[id] ?? {}} lang={ui} />
                            )}
                          </span>
                        ))}
                      </p>
                    )}
                    {topics.length > 0 && (
                      <p>
                        {t('programme.topicsLabel')} {topics.map((topic) => topic.name[ui]).join(', ')}
                      </p>
                    )}
                  </li>
                );
              })}
            </ol>
          )}
        </section>
      ))}
    </div>
  );
}

/** The participants; with their contacts where given (on screen here, never in a report for the partner). */
export function ParticipantList({
  participants,
  contacts = {},
}: {
  participants: Participant[];
  contacts?: Record<string, { email?: string; phone?: string }>;
}) {
  const { t } = useTranslation('visits');
  if (participants.length === 0) return <p>{t('participants.none')}</p>;
  return (
    <ul className="participant-list">
      {participants.map((p, i) => (
        <li key={`${p.name}-${i}`}>
          <strong>{p.name}</strong>
          {p.role && ` · ${p.role}`}
          {p.organisation && ` · ${p.organisation}`}
          {p.id && contacts[p.id]?.email && ` · ${contacts[p.id]!.email}`}
          {p.id && contacts[p.id]?.phone && ` · ${contacts[p.id]!.phone}`}
        </li>
      ))}
    </ul>
  );
}
