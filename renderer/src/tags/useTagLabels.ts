/**
 * Tags as a reader sees them: practices carry keys (in whatever language a
 * tag was first typed); this shows each in the reader's language when it has
 * labels, counts a merged key under the tag it went into, and maps what
 * someone types back to the key an existing tag already has, so that
 * "Kreisverkehr" typed in German finds the tag "rotonde" instead of making a twin.
 */
import { useMemo } from 'react';
import { LANGUAGES } from '../../../shared/model';
import type { TagInfo } from '../../../shared/responses';
import { useOverview } from '../app/overview';
import { useLang } from '../hooks/useLang';

export interface TagLabels {
  /** The tag's name in the reader's language (the key itself while it has no labels). */
  labelOf: (tag: string) => string;
  /** The tag a key counts under (the tag it was merged into, or itself): what a list filters by. */
  resolve: (tag: string) => string;
  /** The key an existing tag has for what was typed (its key, a merged key, or a label in either language), or the text itself. */
  keyFor: (typed: string) => string;
  /** Every tag in use, most used first, with its name in the reader's language. */
  tags: (TagInfo & { text: string })[];
  /** Compares names as a reader of the interface language sorts them. */
  collator: Intl.Collator;
}

const fold = (text: string) => text.replace(/\s+/g, ' ').trim().toLocaleLowerCase();

export function useTagLabels(): TagLabels {
  const lang = useLang();
  const { overview } = useOverview();
  return useMemo(() => {
    const byKey = new Map<string, TagInfo>();
    const byTyped = new Map<string, string>();
    for (const info of overview.tags) {
      byKey.set(info.tag, info);
      for (const alias of info.aliases) byKey.set(alias, info);
    }
    // Keys first, then labels in the reader's language, then the other's: the first claim wins.
    const claim = (text: string, tag: string) => {
      if (!byTyped.has(fold(text))) byTyped.set(fold(text), tag);
    };
    for (const info of overview.tags) claim(info.tag, info.tag);
    for (const info of overview.tags) for (const alias of info.aliases) claim(alias, info.tag);
    for (const l of [lang, ...LANGUAGES.filter((x) => x !== lang)])
      for (const info of overview.tags) if (info.label) claim(info.label[l], info.tag);

    const labelOf = (tag: string) => {
      const info = byKey.get(tag);
      return info?.label ? info.label[lang] : (info?.tag ?? tag);
    };
    return {
      labelOf,
      resolve: (tag: string) => byKey.get(tag)?.tag ?? tag,
      keyFor: (typed: string) => byTyped.get(fold(typed)) ?? typed.trim(),
      tags: overview.tags.map((info) => ({ ...info, text: labelOf(info.tag) })),
      collator: new Intl.Collator(lang, { sensitivity: 'base', numeric: true }),
    };
  }, [overview.tags, lang]);
}
