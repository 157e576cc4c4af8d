/**
 * How the conflicts screen names a record of any kind, so a person knows
 * which practice, visit or glossary term two partners both changed.
 */
import { useTranslation } from 'react-i18next';
import type { BundleCollection, BundleRecord } from '../../../shared/bundle';
import type { Lang } from '../../../shared/model';
import { useOverview } from '../app/overview';
import { useLang } from '../hooks/useLang';
import { pickText } from '../lib/texts';
import { visitLabel } from '../lib/visitLabel';

/** The record's name as a person knows it, with the language it is in (absent for interface-language names). */
export function useRecordTitle(): (
  collection: BundleCollection,
  record: BundleRecord,
) => { value: string; lang?: Lang } {
  const { t } = useTranslation('exchange');
  const lang = useLang();
  const { overview } = useOverview();
  const orgName = (id: string) => overview.organisations.find((o) => o.id === id)?.name[lang] ?? id;
  return (collection, record) => {
    switch (collection) {
      case 'practices': {
        const text = pickText((record as BundleRecord<'practices'>).texts, lang);
        return text ? { value: text.value.title, lang: text.lang } : { value: record.id };
      }
      case 'annotations': {
        const a = record as BundleRecord<'annotations'>;
        return { value: a.text.length > 80 ? `${a.text.slice(0, 79)}…` : a.text, lang: a.language };
      }
      case 'visits':
        return {
          value: visitLabel(record as BundleRecord<'visits'>, lang, overview.organisations, (key, options) =>
            t(`app:${key}`, options),
          ),
        };
      case 'contacts': {
        const contact = record as BundleRecord<'contacts'>;
        return { value: t('contactOf', { contact: [contact.email, contact.phone].filter(Boolean).join(' · ') }) };
      }
      case 'glossary':
        return { value: (record as BundleRecord<'glossary'>).term[lang] };
      case 'comparison': {
        const c = record as BundleRecord<'comparison'>;
        return { value: `${c.dimension} · ${orgName(c.organisationId)}` };
      }
      case 'tagLabels':
        return { value: (record as BundleRecord<'tagLabels'>).label[lang] };
      case 'organisations':
      case 'topics':
        return { value: (record as BundleRecord<'organisations' | 'topics'>).name[lang] };
    }
  };
}
