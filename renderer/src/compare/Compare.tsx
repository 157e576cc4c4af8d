/**
 * The comparison: the partner administrations side by side, one column per
 * organisation, rows for structure and for each exchange topic. Cells are
 * edited in both languages and have a history; the table prints (or saves as
 * PDF) on its own, saying where its entries come from.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { foldDiacritics } from '../../../shared/fold';
import { comparisonCellKey, LANGUAGES, topicDimension, type Lang } from '../../../shared/model';
import type { ComparisonCell, ComparisonTable } from '../../../shared/responses';
import { useOverview } from '../app/overview';
import { ErrorMessage } from '../components/ErrorMessage';
import { useFeedback } from '../components/Feedback';
import { Loading } from '../components/Loading';
import { ViewHeading } from '../components/ViewHeading';
import { RecordHistory } from '../components/RecordHistory';
import { useAction } from '../hooks/useAction';
import { useKbQuery } from '../hooks/useKbQuery';
import { useLang } from '../hooks/useLang';
import { call } from '../lib/kb';
import { cellButtonId, CompareCell } from './CompareCell';
import { CompareCellEditor } from './CompareCellEditor';
import { ROW_GROUPS, useCompareRows, useShowEmptyRows, type CompareRow, type RowGroup } from './useCompareRows';
import { withinBrackets } from '../lib/withinBrackets';

interface Target {
  row: CompareRow;
  organisation: { id: string; name: string };
}

export function Compare() {
  const { t } = useTranslation('compare');
  const lang = useLang();
  const { overview } = useOverview();
  const { toast } = useFeedback();
  const table = useKbQuery('getComparison');
  const { rows, move } = useCompareRows();
  const [filter, setFilter] = useState('');
  const [group, setGroup] = useState<RowGroup | 'all'>('all');
  const [showEmpty, setShowEmpty] = useShowEmptyRows();
  const [editing, setEditing] = useState<Target>();
  const [history, setHistory] = useState<Target>();
  const [focusId, setFocusId] = useState<string>();
  const [moved, setMoved] = useState('');
  const print = useAction();
  const check = useAction();

  const organisations = overview.organisations.map((o) => ({ id: o.id, name: o.name[lang] }));
  const cells = useMemo(
    () =>
      new Map((table.data?.cells ?? []).map((c) => [comparisonCellKey(c.entry.dimension, c.entry.organisationId), c])),
    [table.data],
  );
  // Keyed by the cell of the topic's row they are shown in.
  const practiceCounts = useMemo(
    () =>
      new Map(
        (table.data?.practiceCounts ?? []).map((p) => [
          comparisonCellKey(topicDimension(p.topicId), p.organisationId),
          p.count,
        ]),
      ),
    [table.data],
  );
  const cellOf = (row: CompareRow, organisationId: string) =>
    cells.get(comparisonCellKey(row.dimension, organisationId));

  // Focus goes to a button that exists only after the table reloaded or the rows moved.
  useEffect(() => {
    if (!focusId) return;
    const target = document.getElementById(focusId);
    if (target) {
      target.focus();
      setFocusId(undefined);
    }
  }, [focusId, table.data, rows]);

  const hasEntries = (row: CompareRow) =>
    organisations.some((o) => LANGUAGES.some((l) => cellOf(row, o.id)?.entry.text[l]?.trim()));
  const emptyCount = table.data ? rows.filter((row) => !hasEntries(row)).length : 0;
  const needle = foldDiacritics(filter.trim());
  const visible = rows.filter((row) => {
    if (group !== 'all' && row.group !== group) return false;
    if (!showEmpty && !hasEntries(row)) return false;
    if (!needle) return true;
    const texts = [
      row.label,
      ...organisations.flatMap((o) => LANGUAGES.map((l) => cellOf(row, o.id)?.entry.text[l] ?? '')),
    ];
    return texts.some((text) => foldDiacritics(text).includes(needle));
  });

  function moveRow(row: CompareRow, by: -1 | 1) {
    const groupRows = rows.filter((r) => r.group === row.group);
    const position = groupRows.indexOf(row) + by;
    if (position < 0 || position >= groupRows.length) return;
    move(row.dimension, by);
    setMoved(t('moved', { row: row.label, position: position + 1, total: groupRows.length }));
    // At the end of its group the pressed button is disabled: focus its partner instead.
    const atEnd = position === 0 || position === groupRows.length - 1;
    setFocusId(`${atEnd ? (by === -1 ? 'down' : 'up') : by === -1 ? 'up' : 'down'}-${row.dimension}`);
  }

  async function printTable() {
    const fileName = t('print.fileName', { date: new Date().toISOString().slice(0, 10) });
    const result = await print.run(() => call('printComparison', { fileName }));
    if (result) toast({ message: t('print.saved', { fileName: result.fileName }) });
  }

  function saved(target: Target, cell: ComparisonCell) {
    setEditing(undefined);
    const cleared = !cell.entry.text.de && !cell.entry.text.nl;
    setFocusId(cellButtonId(cleared ? 'add' : 'edit', target.row, target.organisation.id));
    toast({ message: t('editor.saved', { dimension: target.row.label, organisation: target.organisation.name }) });
    table.reload();
  }

  async function markChecked(cell: ComparisonCell, l: Lang) {
    if (await check.run(() => call('markComparisonChecked', { id: cell.entry.id, language: l }))) table.reload();
  }

  const title = (target: Target) =>
    t('editor.title', { dimension: target.row.label, organisation: target.organisation.name });

  return (
    <section aria-labelledby="view-heading" className="compare">
      <ViewHeading>{t('heading')}</ViewHeading>
      <p className="no-print">{t('intro')}</p>
      <div className="filters no-print">
        <label>
          {t('filter.text')}
          <input type="search" value={filter} onChange={(event) => setFilter(event.target.value)} />
        </label>
        <label>
          {t('filter.group')}
          <select value={group} onChange={(event) => setGroup(event.target.value as RowGroup | 'all')}>
            <option value="all">{t('filter.allGroups')}</option>
            {ROW_GROUPS.map((g) => (
              <option key={g} value={g}>
                {t(`group.${g}`)}
              </option>
            ))}
          </select>
        </label>
        {(emptyCount > 0 || showEmpty) && (
          <label className="filter-check">
            <input type="checkbox" checked={showEmpty} onChange={(event) => setShowEmpty(event.target.checked)} />
            {t('filter.showEmpty', { count: emptyCount })}
          </label>
        )}
        <div className="compare-print">
          <button type="button" onClick={() => void printTable()} disabled={print.busy} aria-busy={print.busy}>
            {print.busy ? t('print.busy') : t('print.button')}
          </button>
        </div>
      </div>
      <p className="list-count no-print" role="status">
        {t('rowCount', { count: visible.length })}
      </p>
      <p className="visually-hidden" role="status">
        {moved}
      </p>
      {print.error && <ErrorMessage error={print.error} />}
      {check.error && <ErrorMessage error={check.error} />}
      {table.error && <ErrorMessage error={table.error} />}
      {!table.data ? (
        !table.error && <Loading />
      ) : visible.length === 0 ? (
        <p>{t('noRows')}</p>
      ) : (
        <table className="compare-table">
          <caption>{t('caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dimensionColumn')}</th>
              {organisations.map((o) => (
                <th scope="col" key={o.id}>
                  {o.name}
                </th>
              ))}
            </tr>
          </thead>
          {ROW_GROUPS.map((g) => {
            const groupRows = rows.filter((row) => row.group === g);
            const shown = visible.filter((row) => row.group === g);
            if (shown.length === 0) return null;
            return (
              <tbody key={g}>
                <tr className="compare-group">
                  <th scope="rowgroup" colSpan={organisations.length + 1}>
                    {t(`group.${g}`)}
                  </th>
                </tr>
                {shown.map((row) => {
                  const index = groupRows.indexOf(row);
                  return (
                    <tr key={row.dimension}>
                      <th scope="row">
                        <span className="row-label">{row.label}</span>
                        <span className="row-move no-print">
                          <button
                            type="button"
                            id={`up-${row.dimension}`}
                            aria-label={t('moveUp', { row: row.label })}
                            disabled={index === 0}
                            onClick={() => moveRow(row, -1)}
                          >
                            ↑
                          </button>
                          <button
                            type="button"
                            id={`down-${row.dimension}`}
                            aria-label={t('moveDown', { row: row.label })}
                            disabled={index === groupRows.length - 1}
                            onClick={() => moveRow(row, 1)}
                          >
                            ↓
                          </button>
                        </span>
                      </th>
                      {organisations.map((organisation) => {
                        const cell = cellOf(row, organisation.id);
                        return (
                          <CompareCell
                            key={organisation.id}
                            row={row}
                            organisation={organisation}
                            cell={cell}
                            practiceCount={practiceCounts.get(comparisonCellKey(row.dimension, organisation.id)) ?? 0}
                            onEdit={() => setEditing({ row, organisation })}
                            onHistory={() => setHistory({ row, organisation })}
                            onChecked={(l) => void markChecked(cell!, l)}
                          />
                        );
                      })}
                    </tr>
                  );
                })}
              </tbody>
            );
          })}
        </table>
      )}
      {table.data && <PrintOrigin table={table.data} organisations={organisations} />}

      {editing && (
        <CompareCellEditor
          dimension={editing.row.dimension}
          label={editing.row.label}
          organisation={editing.organisation}
          cell={cellOf(editing.row, editing.organisation.id)}
          onClose={() => setEditing(undefined)}
          onSaved={(cell) => saved(editing, cell)}
        />
      )}
      {history && cellOf(history.row, history.organisation.id) && (
        <RecordHistory
          collection="comparison"
          current={cellOf(history.row, history.organisation.id)!.entry}
          title={t('history.title', { dimension: history.row.label, organisation: history.organisation.name })}
          onClose={() => setHistory(undefined)}
          onRestored={() => {
            setHistory(undefined);
            table.reload();
          }}
          restoredMessage={(when) => t('history.restored', { when, cell: title(history) })}
          author={(entry) => entry.updatedBy?.name ?? (entry.starter ? t('app:content.starter') : undefined)}
          text={(entry) =>
            LANGUAGES.map((l) => (
              <div key={l}>
                <h3>{t(`app:content.languageName.${l}`)}</h3>
                <p className="diff-text" lang={l}>
                  {entry.text[l] ?? '—'}
                </p>
              </div>
            ))
          }
        />
      )}
    </section>
  );
}

/**
 * What a printout says about itself: when, by whom, and where the entries come from (starter content, written here,
 * taken over from a partner's bundle). Shown only in print.
 */
function PrintOrigin({
  table,
  organisations,
}: {
  table: ComparisonTable;
  organisations: { id: string; name: string }[];
}) {
  const { t } = useTranslation('compare');
  const { overview } = useOverview();
  const user = overview.settings.user;
  let starter = 0;
  let here = 0;
  const imported = new Map<string, number>();
  for (const { entry, origin } of table.cells) {
    if (entry.starter) starter += 1;
    else if (entry.changedBy === overview.installationId) here += 1;
    else {
      const from = origin?.exportedBy.organisationId ?? '';
      imported.set(from, (imported.get(from) ?? 0) + 1);
    }
  }
  const parts = [
    ...(starter ? [t('print.starter', { count: starter })] : []),
    ...(here ? [t('print.here', { count: here })] : []),
    ...[...imported].map(([organisationId, count]) => {
      const organisation = organisations.find((o) => o.id === organisationId);
      return organisation
        ? t('print.importedFrom', { count, organisation: organisation.name })
        : t('print.imported', { count });
    }),
  ];
  const organisation = organisations.find((o) => o.id === user?.organisationId)?.name ?? '';
  return (
    <footer className="compare-origin print-only">
      <p>
        {t('print.made', {
          date: new Date(),
          user: user?.name ?? '—',
          organisation: withinBrackets(organisation),
        })}
      </p>
      <p>{t('print.sources', { parts: parts.length > 0 ? parts.join(', ') : t('print.noEntries') })}</p>
    </footer>
  );
}
