/**
 * The report of a visit: what came of it. The visit with its programme and
 * participants, and the lessons learned, questions and comments linked to it,
 * grouped by topic and then by practice, for the report view and its printout.
 */
import { AnnotationKind, LANGUAGES, type Lang } from '../../shared/model';
import type { ReportPractice, VisitReport } from '../../shared/responses';
import type { KbContext } from '../write/context';
import type { Annotations } from './annotations';
import type { Visits } from './visits';

const titlesOf = (texts: Partial<Record<Lang, { title: string } | undefined>>) => {
  const titles: Partial<Record<Lang, string>> = {};
  for (const lang of LANGUAGES) {
    const title = texts[lang]?.title;
    if (title) titles[lang] = title;
  }
  return titles;
};

export class VisitReports {
  readonly #ctx: KbContext;
  readonly #visits: Visits;
  readonly #annotations: Annotations;

  constructor(ctx: KbContext, visits: Visits, annotations: Annotations) {
    this.#ctx = ctx;
    this.#visits = visits;
    this.#annotations = annotations;
  }

  report(id: string): VisitReport {
    const { store } = this.#ctx;
    const detail = this.#visits.detail(id);
    const { visit } = detail;
    const annotations = this.#annotations.list({ visitId: id, offset: 0, limit: Number.MAX_SAFE_INTEGER }).items;
    // Each practice under one topic: the first of its topics the visit is about, else its first.
    const groups = new Map<string | null, Map<string, ReportPractice>>();
    for (const annotation of annotations) {
      const practice = store.get('practices', annotation.practiceId)!;
      const topicId = practice.topicIds.find((t) => visit.topicIds.includes(t)) ?? practice.topicIds[0] ?? null;
      const practices = groups.get(topicId) ?? new Map<string, ReportPractice>();
      groups.set(topicId, practices);
      const entry = practices.get(practice.id) ?? {
        practiceId: practice.id,
        titles: titlesOf(practice.texts),
        annotations: [],
      };
      practices.set(practice.id, entry);
      entry.annotations.push(annotation);
    }
    const topicRank = (topicId: string | null) => {
      const index = topicId === null ? -1 : visit.topicIds.indexOf(topicId);
      return index < 0 ? visit.topicIds.length + (topicId === null ? 1 : 0) : index;
    };
    // Lessons learned first, then questions, then comments.
    const kindRank = (kind: AnnotationKind) => AnnotationKind.options.indexOf(kind);
    const practiceTitles: VisitReport['practiceTitles'] = {};
    for (const item of visit.programme.flatMap((day) => day.items)) {
      for (const practiceId of item.practiceIds) {
        const practice = store.get('practices', practiceId);
        if (practice) practiceTitles[practiceId] = titlesOf(practice.texts);
      }
    }
    return {
      ...detail,
      groups: [...groups.entries()]
        .sort(([a], [b]) => topicRank(a) - topicRank(b) || (a ?? '').localeCompare(b ?? ''))
        .map(([topicId, practices]) => ({
          topicId,
          practices: [...practices.values()].map((p) => ({
            ...p,
            annotations: p.annotations.sort(
              (a, b) =>
                kindRank(a.kind) - kindRank(b.kind) ||
                a.createdAt.localeCompare(b.createdAt) ||
                a.id.localeCompare(b.id),
            ),
          })),
        })),
      practiceTitles,
    };
  }
}
