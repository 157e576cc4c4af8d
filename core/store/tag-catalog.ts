/**
 * How the store's tags read: practices carry tags as plain keys; a label
 * record per tag (TagLabel) says what it is called in German and Dutch and
 * which tag it was merged into. The services list and change tags with it,
 * and the search index names them with it.
 */
import type { TagInfo } from '../../shared/responses';
import type { Lang, Practice, TagLabel } from '../../shared/model';
import type { Store } from './store';

/**
 * The tags as they read: the label record speaking for each tag (of two
 * for one tag, the latest, then the smaller id, the same everywhere) and the
 * tag each key counts under.
 */
export class TagCatalog {
  readonly labels = new Map<string, TagLabel>();

  constructor(records: readonly TagLabel[]) {
    for (const record of records) {
      const other = this.labels.get(record.tag);
      if (
        !other ||
        record.updatedAt > other.updatedAt ||
        (record.updatedAt === other.updatedAt && record.id < other.id)
      )
        this.labels.set(record.tag, record);
    }
  }

  static of(store: Store): TagCatalog {
    return new TagCatalog(store.all('tagLabels'));
  }

  /**
   * The tag `tag` counts under: itself, or the tag it was merged into (and
   * so on). Merges made at the same time on two installations can make a
   * circle; every installation then takes the circle's smallest key.
   */
  resolve(tag: string): string {
    const { path, circle } = this.#walk(tag);
    return circle ? circle.reduce((a, b) => (b < a ? b : a)) : path.at(-1)!;
  }

  /** What the tag a key counts under is called in `lang`, if it has a label. */
  labelOf(key: string, lang: Lang): string | undefined {
    return this.labels.get(this.resolve(key))?.label[lang];
  }

  /** Whether `key` is `tag` or was merged into it, directly or through other tags. */
  leadsThrough(key: string, tag: string): boolean {
    return this.#walk(key).path.includes(tag);
  }

  /** The tags `tag` leads through by its merges, itself first, and the circle they end in, if they do. */
  #walk(tag: string): { path: string[]; circle?: string[] } {
    const path: string[] = [];
    for (let current: string | undefined = tag; current !== undefined; current = this.labels.get(current)?.sameAs) {
      if (path.includes(current)) return { path, circle: path.slice(path.indexOf(current)) };
      path.push(current);
    }
    return { path };
  }

  /** Whether the practice carries `tag` or a tag merged into it. */
  carries(practice: Practice, tag: string): boolean {
    return practice.tags.some((t) => this.resolve(t) === tag);
  }

  /** Every tag the practices carry, most used first (then by key), with labels and merged keys. */
  summarize(practices: readonly Practice[]): TagInfo[] {
    const counts = new Map<string, number>();
    const aliases = new Map<string, Set<string>>();
    for (const practice of practices) {
      const resolved = new Set<string>();
      for (const tag of practice.tags) {
        const target = this.resolve(tag);
        resolved.add(target);
        if (target !== tag) aliases.set(target, (aliases.get(target) ?? new Set()).add(tag));
      }
      for (const target of resolved) counts.set(target, (counts.get(target) ?? 0) + 1);
    }
    return [...counts]
      .map(([tag, count]): TagInfo => {
        const label = this.labels.get(tag)?.label;
        return { tag, ...(label ? { label } : {}), aliases: [...(aliases.get(tag) ?? [])].sort(), count };
      })
      .sort((a, b) => b.count - a.count || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  }
}
