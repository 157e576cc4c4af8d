/**
 * Tags: practices carry them as plain keys (in whatever language they were
 * first typed); a small record per tag (TagLabel) says what it is called in
 * German and Dutch and which tag it was merged into. This module reads them
 * together (which key counts under which tag, with which labels) and does the
 * settings' work on them: rename (the labels), merge and delete (rewriting
 * the practices through the writer, each keeping its replaced version).
 */
import { createHash } from 'node:crypto';
import type { TagRenameInput } from '../../shared/requests';
import type { TagChange, TagInfo } from '../../shared/responses';
import { LANGUAGES, type BilingualLabel, type Practice, type TagLabel } from '../../shared/model';
import type { KbContext } from '../write/context';
import { KbError } from '../base/errors';
import { put, type Change } from '../store/store';
import { TagCatalog } from '../store/tag-catalog';

/**
 * The id of the label record of `tag`: the same on every installation, so
 * that two installations labelling one tag edit versions of one record.
 */
export const tagLabelId = (tag: string): string =>
  `tag-${createHash('sha256').update(tag, 'utf8').digest('hex').slice(0, 40)}`;

/** Compares labels as a reader would: case and spacing do not make another tag. */
const sameLabel = (a: string, b: string) => fold(a) === fold(b);
const fold = (text: string) => text.replace(/\s+/g, ' ').trim().toLocaleLowerCase('de');

export class Tags {
  readonly #ctx: KbContext;

  constructor(ctx: KbContext) {
    this.#ctx = ctx;
  }

  /** Every tag live practices carry, most used first. */
  list(): TagInfo[] {
    return TagCatalog.of(this.#ctx.store).summarize(this.#live());
  }

  /**
   * Gives a tag its German and Dutch labels. The practices keep the tag
   * itself, so nothing else changes and no edit of the partner's collides.
   * A label another tag already has is refused: that is a merge.
   */
  async rename({ tag, label }: TagRenameInput): Promise<TagInfo> {
    const author = this.#ctx.identity.author();
    const info = this.#inUse(tag);
    const catalog = TagCatalog.of(this.#ctx.store);
    const wanted: BilingualLabel = { de: label.de.replace(/\s+/g, ' '), nl: label.nl.replace(/\s+/g, ' ') };
    for (const other of this.list()) {
      if (other.tag === tag) continue;
      for (const lang of LANGUAGES) {
        const shown = other.label?.[lang] ?? other.tag;
        if (sameLabel(shown, wanted[lang]))
          throw new KbError('tagExists', `${lang} label of ${other.tag}`, { params: { tag: shown } });
      }
    }
    await this.#ctx.writer.apply([this.#labelChange(catalog.labels.get(tag), tag, { label: wanted }, author)]);
    return { ...info, label: wanted };
  }

  /**
   * Merges `tag` into `into`: every live practice carrying it (or a tag
   * merged into it) carries `into` instead, and the label record of `tag`
   * says where it went, so that practices arriving later with it count there too.
   */
  async merge(tag: string, into: string): Promise<TagChange> {
    const author = this.#ctx.identity.author();
    if (tag === into) throw new KbError('invalidRequest', 'a tag cannot be merged into itself');
    this.#inUse(tag);
    this.#inUse(into);
    const catalog = TagCatalog.of(this.#ctx.store);
    const previous = catalog.labels.get(tag);
    const rewrite = this.#rewrite(catalog, tag, (tags) =>
      unique(tags.map((t) => (catalog.resolve(t) === tag ? into : t))),
    );
    await this.#ctx.writer.apply([
      ...rewrite.changes,
      this.#labelChange(previous, tag, { label: previous?.label ?? { de: tag, nl: tag }, sameAs: into }, author),
    ]);
    return { tag, into, practices: rewrite.undo };
  }

  /** Takes `tag` (and the tags merged into it) off every live practice. */
  async delete(tag: string): Promise<TagChange> {
    this.#ctx.identity.author();
    this.#inUse(tag);
    const catalog = TagCatalog.of(this.#ctx.store);
    const rewrite = this.#rewrite(catalog, tag, (tags) => tags.filter((t) => catalog.resolve(t) !== tag));
    await this.#ctx.writer.apply(rewrite.changes);
    return { tag, practices: rewrite.undo };
  }

  /**
   * Takes back a merge or deletion: each practice still as the change left it
   * gets its tags back (as a new save, with the replaced version kept); one
   * edited since is left alone and counted. A merge's label record no longer
   * points anywhere.
   */
  async undo(change: TagChange): Promise<{ restored: number; skipped: number }> {
    const author = this.#ctx.identity.author();
    const { store, history, identity, clock } = this.#ctx;
    const now = clock.now();
    const changes: Change[] = [];
    let skipped = 0;
    for (const { id, tags, updatedAt } of change.practices) {
      const practice = store.get('practices', id);
      if (!practice || practice.deletedAt || practice.updatedAt !== updatedAt) {
        skipped += 1;
        continue;
      }
      changes.push(history.keep('practices', practice, now));
      changes.push(
        put('practices', { ...practice, ...identity.stamp(practice), tags, updatedAt: now, updatedBy: author }),
      );
    }
    const label = TagCatalog.of(store).labels.get(change.tag);
    if (change.into !== undefined && label?.sameAs === change.into) {
      const { sameAs: _sameAs, ...rest } = label;
      changes.push(this.#labelChange(label, change.tag, { label: rest.label }, author));
    }
    if (changes.length > 0) await this.#ctx.writer.apply(changes);
    return { restored: change.practices.length - skipped, skipped };
  }

  #live(): Practice[] {
    return this.#ctx.store.all('practices').filter((p) => !p.deletedAt);
  }

  #inUse(tag: string): TagInfo {
    const info = this.list().find((t) => t.tag === tag);
    if (!info) throw new KbError('notFound', `tag ${tag} is on no practice`);
    return info;
  }

  /** Each live practice carrying `tag` rewritten by `retag`, its replaced version kept; and how to take it back. */
  #rewrite(
    catalog: TagCatalog,
    tag: string,
    retag: (tags: string[]) => string[],
  ): { changes: Change[]; undo: TagChange['practices'] } {
    const author = this.#ctx.identity.author();
    const { history, identity, clock } = this.#ctx;
    const now = clock.now();
    const changes: Change[] = [];
    const undo: TagChange['practices'] = [];
    for (const practice of this.#live().filter((p) => catalog.carries(p, tag))) {
      const updated: Practice = {
        ...practice,
        ...identity.stamp(practice),
        tags: retag(practice.tags),
        updatedAt: now,
        updatedBy: author,
      };
      changes.push(history.keep('practices', practice, now), put('practices', updated));
      undo.push({ id: practice.id, tags: practice.tags, updatedAt: now });
    }
    return { changes, undo };
  }

  /** A new version of the label record of `tag` (a first one when it has none). */
  #labelChange(
    previous: TagLabel | undefined,
    tag: string,
    fields: { label: BilingualLabel; sameAs?: string },
    author: NonNullable<TagLabel['updatedBy']>,
  ): Change {
    const now = this.#ctx.clock.now();
    const record: TagLabel = {
      id: previous?.id ?? tagLabelId(tag),
      ...this.#ctx.identity.stamp(previous),
      tag,
      label: fields.label,
      ...(fields.sameAs !== undefined ? { sameAs: fields.sameAs } : {}),
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
      ...(previous?.createdBy ? { createdBy: previous.createdBy } : previous ? {} : { createdBy: author }),
      updatedBy: author,
    };
    return put('tagLabels', record);
  }
}

const unique = (items: string[]) => [...new Set(items)];
