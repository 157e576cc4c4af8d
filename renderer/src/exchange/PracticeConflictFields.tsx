/**
 * Where the versions of a practice in conflict differ, field by field: each
 * version's value with the words that differ marked, and for each field a
 * choice of the version the merged practice starts from. The editor then
 * opens with those fields, so nobody copies text by hand.
 */
import { diffWords } from 'diff';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { scopeText } from '../practices/PracticeScopeText';
import type { Practice } from '../../../shared/model';
import { useOverview } from '../app/overview';
import { useLang } from '../hooks/useLang';
import { composePractice, practiceFields, type PracticeField, type PracticeFieldKey } from './practiceFields';
import { useTagLabels } from '../tags/useTagLabels';
import { useExchangeLabels } from './useExchangeLabels';

export function PracticeConflictFields({
  versions,
  title,
  busy,
  onMerge,
}: {
  versions: Practice[];
  title: string;
  busy: boolean;
  onMerge: (start: Practice) => void;
}) {
  const { t } = useTranslation('exchange');
  const lang = useLang();
  const { overview } = useOverview();
  const labels = useExchangeLabels();
  const tagLabels = useTagLabels();
  const id = useId();
  const [choices, setChoices] = useState<Partial<Record<PracticeFieldKey, number>>>({});
  const { differing, same } = practiceFields(versions, {
    organisation: labels.organisation,
    topic: (topicId) => overview.topics.find((topic) => topic.id === topicId)?.name[lang] ?? topicId,
    scope: (scope) => scopeText(scope, lang, t),
    tag: tagLabels.labelOf,
  });
  const label = (field: PracticeField) =>
    field.text
      ? t(`conflicts.fields.${field.text.part}`, { language: t(`app:content.languageName.${field.text.lang}`) })
      : t(`conflicts.field.${field.key}`);

  return (
    <section className="conflict-fields" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t('conflicts.fields.heading')}</h3>
      <p className="hint">{t('conflicts.fields.hint')}</p>
      {differing.map((field) => (
        <fieldset key={field.key} className="conflict-field">
          <legend>{label(field)}</legend>
          <div className="conflict-field-versions">
            {field.values.map((_, n) => {
              const inputId = `${id}-${field.key}-${n}`;
              return (
                <div key={n} className="conflict-field-version">
                  <div className="choice">
                    <input
                      type="radio"
                      id={inputId}
                      name={`${id}-${field.key}`}
                      checked={(choices[field.key] ?? 0) === n}
                      onChange={() => setChoices((c) => ({ ...c, [field.key]: n }))}
                    />
                    <label htmlFor={inputId}>{t('conflicts.other', { n: n + 1 })}</label>
                  </div>
                  <FieldValue field={field} n={n} />
                </div>
              );
            })}
          </div>
        </fieldset>
      ))}
      {same.length > 0 && <p className="hint">{t('conflicts.fields.same', { fields: same.map(label).join(', ') })}</p>}
      <div className="toolbar">
        <button type="button" disabled={busy} onClick={() => onMerge(composePractice(versions, choices))}>
          {t('conflicts.merge', { title })}
        </button>
      </div>
    </section>
  );
}

/**
 * Version `n`'s value, with what differs from version 1 marked: words only
 * version 1 has are struck through in it (when there are two versions), words
 * a later version adds are marked in that one.
 */
function FieldValue({ field, n }: { field: PracticeField; n: number }) {
  const { t } = useTranslation('exchange');
  const value = field.values[n]!;
  if (value === '') return <p className="hint">{t('conflicts.fields.empty')}</p>;
  const first = field.values[0]!;
  const compareWith = n === 0 ? (field.values.length === 2 ? field.values[1]! : first) : first;
  const parts = n === 0 ? diffWords(value, compareWith) : diffWords(first, value);
  return (
    <p className="diff-text" lang={field.text?.lang}>
      {parts.map((part, i) =>
        n === 0 && part.removed ? (
          <del key={i} aria-label={t('app:history.deleted', { text: part.value })}>
            {part.value}
          </del>
        ) : n > 0 && part.added ? (
          <ins key={i} aria-label={t('app:history.inserted', { text: part.value })}>
            {part.value}
          </ins>
        ) : (n === 0 && part.added) || (n > 0 && part.removed) ? null : (
          <span key={i}>{part.value}</span>
        ),
      )}
    </p>
  );
}
