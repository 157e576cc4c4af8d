/**
 * One cell: the text in the interface language (or the other, marked), its
 * translation state and actions; an empty cell invites a contribution. A
 * topic row links to the practices of that topic and organisation.
 */
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Lang } from '../../../shared/model';
import type { ComparisonCell } from '../../../shared/responses';
import { useNavigation } from '../app/navigation';
import { FallbackBadge } from '../components/FallbackBadge';
import { Markdown } from '../components/Markdown';
import { SourceList } from '../components/SourceList';
import { TranslationBadge } from '../components/TranslationBadge';
import { useLang } from '../hooks/useLang';
import { pickText } from '../lib/texts';
import type { CompareRow } from './useCompareRows';

/** Ids of a cell's buttons, so focus can be put back on them after the table reloads. */
export const cellButtonId = (kind: 'edit' | 'add', row: CompareRow, organisationId: string) =>
  `${kind}-${row.dimension}-${organisationId}`;

export function CompareCell({
  row,
  organisation,
  cell,
  practiceCount,
  onEdit,
  onHistory,
  onChecked,
}: {
  row: CompareRow;
  organisation: { id: string; name: string };
  cell: ComparisonCell | undefined;
  practiceCount: number;
  onEdit: () => void;
  onHistory: () => void;
  onChecked: (lang: Lang) => void;
}) {
  const { t } = useTranslation('compare');
  const lang = useLang();
  const { navigate } = useNavigation();
  const text = cell ? pickText(cell.entry.text, lang) : null;
  const context = { dimension: row.label, organisation: organisation.name };
  const needs = cell ? LANGUAGES.filter((l) => cell.translation[l] !== 'current') : [];

  return (
    <td>
      {text ? (
        <>
          {text.fallback && <FallbackBadge lang={text.lang} />}
          {cell!.entry.starter && <span className="badge">{t('app:content.starter')}</span>}
          <Markdown source={text.value} lang={text.lang} />
          <SourceList sources={cell!.entry.sources} label={t('cell.sourcesLabel', context)} />
          {needs.length > 0 && (
            <p className="cell-translation no-print">
              {needs.map((l) => (
                <span key={l}>
                  <TranslationBadge status={cell!.translation[l]} lang={l} original={false} />
                  {cell!.translation[l] === 'outdated' && (
                    <button type="button" className="link-button" onClick={() => onChecked(l)}>
                      {t('cell.markChecked', { language: t(`app:content.languageName.${l}`) })}
                    </button>
                  )}
                </span>
              ))}
            </p>
          )}
          <p className="cell-actions no-print">
            <button
              type="button"
              id={cellButtonId('edit', row, organisation.id)}
              aria-label={t('cell.editLabel', context)}
              onClick={onEdit}
            >
              {t('cell.edit')}
            </button>
            <button type="button" aria-label={t('cell.historyLabel', context)} onClick={onHistory}>
              {t('cell.history')}
            </button>
          </p>
        </>
      ) : (
        <>
          <button
            type="button"
            className="cell-empty no-print"
            id={cellButtonId('add', row, organisation.id)}
            aria-label={t('cell.emptyLabel', context)}
            onClick={onEdit}
          >
            {t('cell.empty')}
          </button>
          <span className="print-only">{t('cell.none')}</span>
          {cell && (
            <button type="button" className="no-print" aria-label={t('cell.historyLabel', context)} onClick={onHistory}>
              {t('cell.history')}
            </button>
          )}
        </>
      )}
      {row.topicId && (
        <p className="cell-practices">
          {practiceCount > 0 ? (
            <button
              type="button"
              className="link-button"
              onClick={() =>
                navigate({ view: 'practices', filter: { topicId: row.topicId, organisationId: organisation.id } })
              }
            >
              {t('cell.practices', { count: practiceCount, organisation: organisation.name })}
            </button>
          ) : (
            t('cell.noPractices')
          )}
        </p>
      )}
    </td>
  );
}
