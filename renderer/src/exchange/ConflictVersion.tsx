/**
 * One version of a record in conflict: who changed it, when and where, and
 * what it says. Texts carry their own language.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { BundleCollection, BundleRecord } from '../../../shared/bundle';
import { LANGUAGES, type Lang } from '../../../shared/model';
import { useOverview } from '../app/overview';
import { Markdown } from '../components/Markdown';
import { useLang } from '../hooks/useLang';
import { formatCalendarDate } from '../lib/visitLabel';
import { useTagLabels } from '../tags/useTagLabels';
import { useExchangeLabels } from './useExchangeLabels';
import { withinBrackets } from '../lib/withinBrackets';

type Record_<C extends BundleCollection> = BundleRecord<C>;
type Any = BundleRecord;

/** Who changed this version, when, and whether on this PC (people are named; installation ids are not for them). */
export function VersionOrigin({ record }: { record: Any }) {
  const { t } = useTranslation('exchange');
  const labels = useExchangeLabels();
  const by =
    'updatedBy' in record && record.updatedBy
      ? record.updatedBy
      : 'author' in record
        ? { name: record.author, organisationId: record.organisationId }
        : undefined;
  const at = 'updatedAt' in record ? record.updatedAt : undefined;
  const where = record.changedBy
    ? labels.isThisInstallation(record.changedBy)
      ? t('conflicts.thisInstallation')
      : t('conflicts.otherInstallation')
    : t('conflicts.starter');
  return (
    <p className="meta">
      {by &&
        `${t('conflicts.changedBy', { name: by.name, organisation: withinBrackets(labels.organisation(by.organisationId)) })} `}
      {at && (
        <>
          <time dateTime={at}>{t('conflicts.changedAt', { date: new Date(at) })}</time>{' '}
        </>
      )}
      {where}
    </p>
  );
}

/** What the version says, field by field as its kind of record has them. */
export function VersionContent({ collection, record }: { collection: BundleCollection; record: Any }) {
  const { t } = useTranslation('exchange');
  const lang = useLang();
  const { overview } = useOverview();
  const labels = useExchangeLabels();
  const tagLabels = useTagLabels();
  const topicNames = (ids: string[]) =>
    ids.map((id) => overview.topics.find((x) => x.id === id)?.name[lang] ?? id).join(', ');
  const fact = (key: string, value: ReactNode, valueLang?: Lang) =>
    value === undefined || value === '' ? null : (
      <div key={key}>
        <dt>{t(`conflicts.field.${key}`)}</dt>
        <dd lang={valueLang}>{value}</dd>
      </div>
    );
  const perLanguage = (texts: Partial<Record<Lang, ReactNode>>) =>
    LANGUAGES.filter((l) => texts[l] !== undefined).map((l) => (
      <section key={l} className="version-text">
        <h4>{t('conflicts.language', { language: t(`app:content.languageName.${l}`) })}</h4>
        <div lang={l}>{texts[l]}</div>
      </section>
    ));
  const pair = (value: Partial<Record<Lang, string>>) =>
    perLanguage(
      Object.fromEntries(LANGUAGES.filter((l) => value[l]).map((l) => [l, <p className="notes">{value[l]}</p>])),
    );

  switch (collection) {
    case 'practices': {
      const p = record as Record_<'practices'>;
      return (
        <>
          <dl className="facts">
            {fact('organisation', labels.organisation(p.organisationId))}
            {fact('topics', topicNames(p.topicIds))}
            {fact(
              'tags',
              p.tags.length === 0
                ? undefined
                : p.tags.map((key, n) => {
                    // A label speaks the reader's language; a tag without one is as it was typed.
                    const shown = tagLabels.labelOf(key);
                    return (
                      <span key={key} lang={shown === key ? p.originalLanguage : undefined}>
                        {n > 0 && ', '}
                        {shown}
                      </span>
                    );
                  }),
            )}
            {fact('contact', p.contact)}
            {fact('sources', p.sources.map((s) => s.title).join(', '), p.originalLanguage)}
            {fact('deleted', p.deletedAt && t('conflicts.changedAt', { date: new Date(p.deletedAt) }))}
          </dl>
          {perLanguage(
            Object.fromEntries(
              LANGUAGES.flatMap((l) => {
                const text = p.texts[l];
                return text
                  ? [
                      [
                        l,
                        <>
                          <p className="version-title">{text.title}</p>
                          {text.summary && <p className="summary">{text.summary}</p>}
                          <Markdown source={text.body} lang={l} />
                        </>,
                      ],
                    ]
                  : [];
              }),
            ),
          )}
        </>
      );
    }
    case 'annotations': {
      const a = record as Record_<'annotations'>;
      return (
        <>
          <dl className="facts">
            {fact('kind', t(`app:annotation.kind.${a.kind}`))}
            {fact('author', `${a.author} (${withinBrackets(labels.organisation(a.organisationId))})`)}
            {fact('deleted', a.deletedAt && t('conflicts.changedAt', { date: new Date(a.deletedAt) }))}
          </dl>
          <p className="annotation-text" lang={a.language}>
            {a.text}
          </p>
        </>
      );
    }
    case 'visits': {
      const v = record as Record_<'visits'>;
      const dates = [v.startDate, v.endDate]
        .filter((d): d is string => Boolean(d))
        .map((d) => formatCalendarDate(d, lang));
      return (
        <>
          <dl className="facts">
            {fact('status', t(`app:visit.status.${v.status}`))}
            {fact('dates', dates.join(' – '))}
            {fact('topics', topicNames(v.topicIds))}
            {fact('participants', v.participants.map((p) => p.name).join(', '))}
            {fact(
              'programme',
              v.programme.length > 0 ? t('conflicts.programmeDays', { count: v.programme.length }) : '',
            )}
            {fact('deleted', v.deletedAt && t('conflicts.changedAt', { date: new Date(v.deletedAt) }))}
          </dl>
          {pair(v.notes)}
        </>
      );
    }
    case 'contacts': {
      const c = record as Record_<'contacts'>;
      return (
        <dl className="facts">
          {fact('email', c.email)}
          {fact('phone', c.phone)}
        </dl>
      );
    }
    case 'glossary': {
      const g = record as Record_<'glossary'>;
      return (
        <>
          {perLanguage(
            Object.fromEntries(
              LANGUAGES.map((l) => [
                l,
                <>
                  <p className="version-title">{g.term[l]}</p>
                  <p>{g.definition[l]}</p>
                  {g.note?.[l] && <p className="hint">{g.note[l]}</p>}
                </>,
              ]),
            ),
          )}
        </>
      );
    }
    case 'comparison': {
      const c = record as Record_<'comparison'>;
      return (
        <>
          <dl className="facts">
            {fact('dimension', c.dimension)}
            {fact('organisation', labels.organisation(c.organisationId))}
          </dl>
          {pair(c.text)}
        </>
      );
    }
    case 'tagLabels': {
      const l = record as Record_<'tagLabels'>;
      return (
        <>
          <dl className="facts">{fact('mergedInto', l.sameAs)}</dl>
          {pair(l.label)}
        </>
      );
    }
    case 'organisations':
    case 'topics': {
      const o = record as Record_<'organisations' | 'topics'>;
      return <>{pair(o.name)}</>;
    }
  }
}
