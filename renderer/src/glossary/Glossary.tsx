/**
 * The German–Dutch glossary: browsed alphabetically or by topic, searched
 * without regard to diacritics, and edited term by term in a dialog, with
 * each term's versions.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SourceList } from '../components/SourceList';
import { foldDiacritics } from '../../../shared/fold';
import { LANGUAGES, otherLang, type GlossaryTerm, type Lang } from '../../../shared/model';
import { useOverview } from '../app/overview';
import { ErrorMessage } from '../components/ErrorMessage';
import { useFeedback } from '../components/Feedback';
import { Loading } from '../components/Loading';
import { TopicSelect } from '../components/OverviewSelect';
import { RecordHistory } from '../components/RecordHistory';
import { ViewHeading } from '../components/ViewHeading';
import { useAction } from '../hooks/useAction';
import { useKbQuery } from '../hooks/useKbQuery';
import { useLang } from '../hooks/useLang';
import { call } from '../lib/kb';
import { GlossaryEditor } from './GlossaryEditor';

type Arrangement = 'alphabetical' | 'topic';

const searchText = (term: GlossaryTerm) =>
  foldDiacritics(LANGUAGES.flatMap((l) => [term.term[l], term.definition[l], term.note?.[l] ?? '']).join('\n'));
const editButtonId = (termId: string) => `edit-${termId}`;

export function Glossary() {
  const { t } = useTranslation('compare');
  const lang = useLang();
  const { overview } = useOverview();
  const { confirm, toast } = useFeedback();
  const glossary = useKbQuery('listGlossary');
  const remove = useAction();
  const hintId = useId();
  const [query, setQuery] = useState('');
  const [arrangement, setArrangement] = useState<Arrangement>('alphabetical');
  const [topicId, setTopicId] = useState('');
  const [editing, setEditing] = useState<{ term?: GlossaryTerm }>();
  const [focusId, setFocusId] = useState<string>();
  const [history, setHistory] = useState<GlossaryTerm>();

  useEffect(() => {
    if (focusId && document.getElementById(focusId)) {
      document.getElementById(focusId)!.focus();
      setFocusId(undefined);
    }
  }, [focusId, glossary.data]);

  const needle = foldDiacritics(query.trim());
  const matching = useMemo(
    () =>
      (glossary.data ?? [])
        .filter(
          (term) => (!topicId || term.topicIds.includes(topicId)) && (!needle || searchText(term).includes(needle)),
        )
        .sort((a, b) => a.term[lang].localeCompare(b.term[lang], lang)),
    [glossary.data, topicId, needle, lang],
  );

  const groups = useMemo(() => {
    if (arrangement === 'topic') {
      return [
        ...overview.topics.map((topic) => ({
          key: topic.id,
          label: topic.name[lang],
          terms: matching.filter((term) => term.topicIds.includes(topic.id)),
        })),
        { key: 'none', label: t('glossary.noTopic'), terms: matching.filter((term) => term.topicIds.length === 0) },
      ].filter((g) => g.terms.length > 0);
    }
    const byLetter = new Map<string, GlossaryTerm[]>();
    for (const term of matching) {
      const first = foldDiacritics(term.term[lang]).charAt(0).toLocaleUpperCase(lang);
      const letter = /\p{L}/u.test(first) ? first : '#';
      byLetter.set(letter, [...(byLetter.get(letter) ?? []), term]);
    }
    return [...byLetter].map(([letter, terms]) => ({ key: letter, label: letter, terms }));
  }, [arrangement, matching, overview.topics, lang, t]);

  async function deleteTerm(term: GlossaryTerm) {
    const name = term.term[lang];
    const ok = await confirm({
      title: t('glossary.deleteTitle'),
      message: t('glossary.deleteMessage', { term: name }),
      confirmLabel: t('glossary.delete'),
      danger: true,
    });
    if (!ok) return;
    if ((await remove.run(() => call('deleteGlossaryTerm', { id: term.id }))) === undefined) return;
    toast({ message: t('glossary.deleted', { term: name }) });
    setFocusId('view-heading');
    glossary.reload();
  }

  return (
    <section aria-labelledby="view-heading" className="glossary">
      <ViewHeading>{t('glossary.heading')}</ViewHeading>
      <p>{t('glossary.intro')}</p>
      <div className="filters">
        <label>
          {t('glossary.search')}
          <input
            type="search"
            value={query}
            aria-describedby={hintId}
            onChange={(event) => setQuery(event.target.value)}
          />
        </label>
        <label>
          {t('glossary.topic')}
          <TopicSelect value={topicId} onChange={setTopicId} anyLabel={t('glossary.allTopics')} />
        </label>
        <fieldset className="glossary-arrangement">
          <legend>{t('glossary.arrange')}</legend>
          {(['alphabetical', 'topic'] as const).map((a) => (
            <label key={a}>
              <input
                type="radio"
                name="glossary-arrangement"
                checked={arrangement === a}
                onChange={() => setArrangement(a)}
              />
              {t(`glossary.arrangement.${a}`)}
            </label>
          ))}
        </fieldset>
        <div>
          <button type="button" className="primary" onClick={() => setEditing({})}>
            {t('glossary.new')}
          </button>
        </div>
      </div>
      <p id={hintId} className="hint">
        {t('glossary.searchHint')}
      </p>
      {remove.error && <ErrorMessage error={remove.error} />}
      {glossary.error && <ErrorMessage error={glossary.error} />}
      <p className="list-count" role="status">
        {glossary.data ? t('glossary.count', { count: matching.length }) : ''}
      </p>
      {!glossary.data ? (
        !glossary.error && <Loading />
      ) : matching.length === 0 ? (
        <p>{t('glossary.empty')}</p>
      ) : (
        groups.map((group) => (
          <section key={group.key} aria-labelledby={`glossary-group-${group.key}`}>
            <h2 id={`glossary-group-${group.key}`}>{group.label}</h2>
            <ul className="glossary-list">
              {group.terms.map((term) => (
                <GlossaryEntry
                  key={term.id}
                  term={term}
                  onEdit={() => setEditing({ term })}
                  onDelete={() => void deleteTerm(term)}
                  onHistory={() => setHistory(term)}
                />
              ))}
            </ul>
          </section>
        ))
      )}
      {history && (
        <RecordHistory
          collection="glossary"
          current={history}
          title={t('visits:history.termTitle', { term: history.term[lang] })}
          onClose={() => setHistory(undefined)}
          onRestored={() => {
            setHistory(undefined);
            glossary.reload();
          }}
          author={(record) => record.updatedBy?.name}
          text={(record) =>
            LANGUAGES.map((l) => (
              <p key={l} lang={l}>
                <strong>{record.term[l]}</strong>: {record.definition[l]}
              </p>
            ))
          }
        />
      )}
      {editing && (
        <GlossaryEditor
          term={editing.term}
          onClose={() => setEditing(undefined)}
          onSaved={(term) => {
            setEditing(undefined);
            toast({ message: t('glossary.saved', { term: term.term[lang] }) });
            setFocusId(editButtonId(term.id));
            glossary.reload();
          }}
        />
      )}
    </section>
  );
}

function GlossaryEntry({
  term,
  onEdit,
  onDelete,
  onHistory,
}: {
  term: GlossaryTerm;
  onEdit: () => void;
  onDelete: () => void;
  onHistory: () => void;
}) {
  const { t } = useTranslation('compare');
  const lang = useLang();
  const other = otherLang(lang);
  const { overview } = useOverview();
  const topics = overview.topics.filter((topic) => term.topicIds.includes(topic.id));
  const name = term.term[lang];
  const languageName = (l: Lang) => t(`app:content.languageName.${l}`);
  return (
    <li className="glossary-entry">
      <h3 lang={lang}>{name}</h3>
      <p className="glossary-other">
        {languageName(other)}: <strong lang={other}>{term.term[other]}</strong>
        {term.starter && <span className="badge">{t('app:content.starter')}</span>}
      </p>
      <dl className="facts">
        {[lang, other].map(
          (l) =>
            term.definition[l] && (
              <div key={l} className="glossary-fact">
                <dt>{t('glossary.definitionIn', { language: languageName(l) })}</dt>
                <dd lang={l}>{term.definition[l]}</dd>
              </div>
            ),
        )}
        {term.note &&
          [lang, other].map(
            (l) =>
              term.note![l] && (
                <div key={`note-${l}`} className="glossary-fact">
                  <dt>{t('glossary.noteIn', { language: languageName(l) })}</dt>
                  <dd lang={l}>{term.note![l]}</dd>
                </div>
              ),
          )}
        {topics.length > 0 && (
          <div className="glossary-fact">
            <dt>{t('glossary.topics')}</dt>
            <dd>{topics.map((topic) => topic.name[lang]).join(', ')}</dd>
          </div>
        )}
        {term.sources && term.sources.length > 0 && (
          <div className="glossary-fact">
            <dt>{t('app:practice.sources')}</dt>
            <dd>
              <SourceList sources={term.sources} label={t('glossary.sourcesLabel', { term: name })} />
            </dd>
          </div>
        )}
      </dl>
      <div className="toolbar">
        <button
          type="button"
          id={editButtonId(term.id)}
          aria-label={t('glossary.editLabel', { term: name })}
          onClick={onEdit}
        >
          {t('glossary.edit')}
        </button>
        <button type="button" aria-label={t('visits:history.termLabel', { term: name })} onClick={onHistory}>
          {t('app:history.open')}
        </button>
        <button
          type="button"
          className="danger"
          aria-label={t('glossary.deleteLabel', { term: name })}
          onClick={onDelete}
        >
          {t('glossary.delete')}
        </button>
      </div>
    </li>
  );
}
