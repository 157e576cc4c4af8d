/**
 * The programme editor: days, each with its items (time from–to, title,
 * place, who hosts, linked practices and topics, a note), the texts in
 * German and Dutch side by side. Days and items move up and down with
 * buttons or, inside an item, Alt+↑ / Alt+↓; focus stays on what moved and
 * the new place is announced.
 */
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Lang } from '../../../shared/model';
import { DateField } from '../components/DateField';
import { TopicCheckboxes } from '../components/TopicCheckboxes';
import { useKbQuery } from '../hooks/useKbQuery';
import { useLang } from '../hooks/useLang';
import { pickText } from '../lib/texts';
import { moved, newDay, newItem, type DayDraft, type ItemDraft, type Texts } from './programmeDraft';

export function ProgrammeEditor({ days, onChange }: { days: DayDraft[]; onChange: (days: DayDraft[]) => void }) {
  const { t } = useTranslation('visits');
  const [announcement, setAnnouncement] = useState('');
  const [focusKey, setFocusKey] = useState<string>();
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const practices = useKbQuery('listPractices', { limit: 500 });

  useEffect(() => {
    if (!focusKey) return;
    buttons.current.get(focusKey)?.focus();
    setFocusKey(undefined);
  }, [focusKey, days]);

  const buttonRef = (key: string) => (el: HTMLButtonElement | null) => {
    if (el) buttons.current.set(key, el);
    else buttons.current.delete(key);
  };
  const setDay = (dayId: string, change: Partial<DayDraft>) =>
    onChange(days.map((d) => (d.id === dayId ? { ...d, ...change } : d)));
  const setItem = (dayId: string, itemId: string, change: Partial<ItemDraft>) =>
    onChange(
      days.map((d) =>
        d.id === dayId ? { ...d, items: d.items.map((i) => (i.id === itemId ? { ...i, ...change } : i)) } : d,
      ),
    );

  function moveDay(index: number, by: number, focus: string) {
    const next = moved(days, index, by);
    const to = next.indexOf(days[index]!);
    onChange(next);
    setFocusKey(focus);
    setAnnouncement(t('programme.dayMoved', { position: to + 1, count: days.length }));
  }
  function moveItem(dayIndex: number, index: number, by: number, focus: string) {
    const day = days[dayIndex]!;
    const items = moved(day.items, index, by);
    const to = items.indexOf(day.items[index]!);
    setDay(day.id, { items });
    setFocusKey(focus);
    setAnnouncement(t('programme.itemMoved', { position: to + 1, count: items.length }));
  }
  function addItem(day: DayDraft) {
    const item = newItem();
    setDay(day.id, { items: [...day.items, item] });
    setFocusKey(`${item.id}:up`);
  }
  function addDay() {
    const day = newDay();
    onChange([...days, day]);
    setFocusKey(`${day.id}:remove`);
  }

  return (
    <section className="programme-editor" aria-labelledby="programme-editor-heading">
      <h2 id="programme-editor-heading">{t('programme.heading')}</h2>
      <p className="hint">{t('programme.keys')}</p>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      {days.length === 0 && <p>{t('programme.empty')}</p>}
      {days.map((day, dayIndex) => (
        <fieldset key={day.id} className="programme-day">
          <legend>{t('programme.day', { n: dayIndex + 1 })}</legend>
          <DateField
            label={t('programme.dayDate', { n: dayIndex + 1 })}
            value={day.date}
            onChange={(date) => setDay(day.id, { date })}
          />
          <div className="toolbar">
            <button
              type="button"
              ref={buttonRef(`${day.id}:up`)}
              aria-disabled={dayIndex === 0 || undefined}
              onClick={() => dayIndex > 0 && moveDay(dayIndex, -1, `${day.id}:up`)}
            >
              {t('programme.dayUp', { n: dayIndex + 1 })}
            </button>
            <button
              type="button"
              ref={buttonRef(`${day.id}:down`)}
              aria-disabled={dayIndex === days.length - 1 || undefined}
              onClick={() => dayIndex < days.length - 1 && moveDay(dayIndex, 1, `${day.id}:down`)}
            >
              {t('programme.dayDown', { n: dayIndex + 1 })}
            </button>
            <button
              type="button"
              ref={buttonRef(`${day.id}:remove`)}
              onClick={() => onChange(days.filter((d) => d.id !== day.id))}
            >
              {t('programme.dayRemove', { n: dayIndex + 1 })}
            </button>
          </div>
          <ol className="programme-items">
            {day.items.map((item, index) => (
              <li key={item.id}>
                <ItemEditor
                  item={item}
                  label={t('programme.item', { day: dayIndex + 1, n: index + 1 })}
                  practices={practices.data?.items ?? []}
                  onChange={(change) => setItem(day.id, item.id, change)}
                  onKeyDown={(event: KeyboardEvent) => {
                    if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
                    event.preventDefault();
                    const by = event.key === 'ArrowUp' ? -1 : 1;
                    moveItem(dayIndex, index, by, `${item.id}:${by < 0 ? 'up' : 'down'}`);
                  }}
                  buttons={
                    <div className="toolbar">
                      <button
                        type="button"
                        ref={buttonRef(`${item.id}:up`)}
                        aria-disabled={index === 0 || undefined}
                        onClick={() => index > 0 && moveItem(dayIndex, index, -1, `${item.id}:up`)}
                      >
                        {t('programme.itemUp', { day: dayIndex + 1, n: index + 1 })}
                      </button>
                      <button
                        type="button"
                        ref={buttonRef(`${item.id}:down`)}
                        aria-disabled={index === day.items.length - 1 || undefined}
                        onClick={() => index < day.items.length - 1 && moveItem(dayIndex, index, 1, `${item.id}:down`)}
                      >
                        {t('programme.itemDown', { day: dayIndex + 1, n: index + 1 })}
                      </button>
                      <button
                        type="button"
                        onClick={() => {
                          setDay(day.id, { items: day.items.filter((i) => i.id !== item.id) });
                          setFocusKey(`${day.id}:add`);
                        }}
                      >
                        {t('programme.itemRemove', { day: dayIndex + 1, n: index + 1 })}
                      </button>
                    </div>
                  }
                />
              </li>
            ))}
          </ol>
          <button type="button" ref={buttonRef(`${day.id}:add`)} onClick={() => addItem(day)}>
            {t('programme.itemAdd', { n: dayIndex + 1 })}
          </button>
        </fieldset>
      ))}
      <button type="button" onClick={addDay}>
        {t('programme.dayAdd')}
      </button>
    </section>
  );
}

function ItemEditor({
  item,
  label,
  practices,
  onChange,
  onKeyDown,
  buttons,
}: {
  item: ItemDraft;
  label: string;
  practices: { id: string; titles: Partial<Record<Lang, string>> }[];
  onChange: (change: Partial<ItemDraft>) => void;
  onKeyDown: (event: KeyboardEvent) => void;
  buttons: ReactNode;
}) {
  const { t } = useTranslation('visits');
  const lang = useLang();
  const [chosen, setChosen] = useState('');
  const texts = (field: 'title' | 'place' | 'note', labelKey: string, multiline = false) => (
    <div className="editor-columns">
      {LANGUAGES.map((l) => {
        const props = {
          lang: l,
          value: item[field][l],
          onChange: (e: { target: { value: string } }) =>
            onChange({ [field]: { ...item[field], [l]: e.target.value } as Texts }),
        };
        return (
          <label key={l}>
            {t(labelKey, { item: label, language: t(`app:content.languageName.${l}`) })}
            {multiline ? <textarea rows={2} {...props} /> : <input {...props} />}
          </label>
        );
      })}
    </div>
  );
  const titleOf = (id: string) => pickText(practices.find((p) => p.id === id)?.titles ?? {}, lang);
  return (
    <fieldset className="programme-item" onKeyDown={onKeyDown}>
      <legend>{label}</legend>
      {buttons}
      <div className="form-row">
        <label>
          {t('programme.from', { item: label })}
          <input
            className="time-input"
            inputMode="numeric"
            placeholder={t('programme.timeFormat')}
            value={item.from}
            onChange={(e) => onChange({ from: e.target.value })}
          />
        </label>
        <label>
          {t('programme.to', { item: label })}
          <input
            className="time-input"
            inputMode="numeric"
            placeholder={t('programme.timeFormat')}
            value={item.to}
            onChange={(e) => onChange({ to: e.target.value })}
          />
        </label>
        <label>
          {t('programme.host', { item: label })}
          <input value={item.host} onChange={(e) => onChange({ host: e.target.value })} />
        </label>
      </div>
      {texts('title', 'programme.titleIn')}
      {texts('place', 'programme.placeIn')}
      <div className="linked-practices">
        <ul aria-label={t('programme.practicesOf', { item: label })}>
          {item.practiceIds.map((id) => {
            const title = titleOf(id);
            return (
              <li key={id}>
                <span lang={title?.lang}>{title?.value ?? id}</span>{' '}
                <button
                  type="button"
                  onClick={() => onChange({ practiceIds: item.practiceIds.filter((x) => x !== id) })}
                >
                  {t('programme.unlink', { title: title?.value ?? id })}
                </button>
              </li>
            );
          })}
        </ul>
        <label>
          {t('programme.linkPractice', { item: label })}
          <select value={chosen} onChange={(e) => setChosen(e.target.value)}>
            <option value="">{t('programme.choosePractice')}</option>
            {practices
              .filter((p) => !item.practiceIds.includes(p.id))
              .map((p) => {
                const title = pickText(p.titles, lang);
                return (
                  <option key={p.id} value={p.id} lang={title?.lang}>
                    {title?.value ?? p.id}
                  </option>
                );
              })}
          </select>
        </label>
        <button
          type="button"
          disabled={!chosen}
          onClick={() => {
            onChange({ practiceIds: [...item.practiceIds, chosen] });
            setChosen('');
          }}
        >
          {t('programme.link')}
        </button>
      </div>
      <TopicCheckboxes
        legend={t('programme.topicsOf', { item: label })}
        selected={item.topicIds}
        onChange={(topicIds) => onChange({ topicIds })}
      />
      {texts('note', 'programme.noteIn', true)}
    </fieldset>
  );
}
