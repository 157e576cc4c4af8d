/**
 * The IPC contract: every channel between renderer and main, with the zod
 * schema of its request and the type of its response. Main validates
 * against these schemas, the preload builds `window.kb` from this list, and
 * the renderer's types derive from it. Nothing else knows channel strings.
 */
import { z } from 'zod';
import {
  type Annotation,
  AnnotationKind,
  Author,
  BilingualLabel,
  CalendarDate,
  Id,
  Lang,
  type Organisation,
  type Practice,
  PracticeText,
  type PracticeRevision,
  Source,
  Timestamp,
  type Topic,
  type TranslationStatus,
  type Visit,
  Visit as VisitSchema,
} from './model';

/** Error codes a call can fail with; the renderer shows `errors:<code>`. */
export const ERROR_CODES = [
  'invalidRequest',
  'forbiddenSender',
  'notFound',
  'storeWriteFailed',
  'identityRequired',
  'notYours',
  'editConflict',
  'invalidReference',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
export interface KbErrorInfo {
  code: ErrorCode;
  /** Technical detail for logs and bug reports; never the message shown. */
  detail?: string;
}
/** Calls never reject across IPC: failures travel as values, typed. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: KbErrorInfo };

// --- Response shapes -------------------------------------------------------

export interface Settings {
  language: Lang;
  /** Who writes on this installation; null until given. */
  user: Author | null;
}

/** Something the user must be told once, e.g. that a damaged store was set aside. */
export type Notice = { kind: 'storeRecovered'; movedTo: string };

export interface Overview {
  settings: Settings;
  installationId: string;
  organisations: (Organisation & { practiceCount: number })[];
  topics: (Topic & { practiceCount: number })[];
  /** Every tag in use, with how many practices carry it, most used first. */
  tags: { tag: string; count: number }[];
  practiceCount: number;
  trashCount: number;
  notices: Notice[];
}

export type TranslationStatuses = Record<Lang, TranslationStatus>;

/** What a practice list shows: both languages' titles and summaries, no bodies. */
export interface PracticeSummary {
  id: string;
  organisationId: string;
  topicIds: string[];
  tags: string[];
  originalLanguage: Lang;
  titles: Partial<Record<Lang, string>>;
  summaries: Partial<Record<Lang, string>>;
  translation: TranslationStatuses;
  annotationCount: number;
  updatedAt: string;
  deletedAt?: string;
  starter: boolean;
}

export interface Page<T> {
  total: number;
  offset: number;
  items: T[];
}

export interface PracticeDetail {
  practice: Practice;
  translation: TranslationStatuses;
}

/** An annotation with what its lists show about the practice it belongs to. */
export interface AnnotationView extends Annotation {
  practiceTitles: Partial<Record<Lang, string>>;
  /** Written on this installation: its author may edit or delete it here. */
  mine: boolean;
}

// --- Requests --------------------------------------------------------------

const Paging = { offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100) };
const ById = z.object({ id: Id }).strict();
const NoRequest = z.undefined();

export const PracticeQuery = z
  .object({
    topicId: Id.optional(),
    organisationId: Id.optional(),
    tag: z.string().min(1).max(60).optional(),
    needsTranslationInto: Lang.optional(),
    ...Paging,
  })
  .strict();

const EditableText = PracticeText.omit({ basedOn: true });
export const PracticeInput = z
  .object({
    organisationId: Id,
    topicIds: z.array(Id).min(1).max(20),
    tags: z.array(z.string().trim().min(1).max(60)).max(50),
    originalLanguage: Lang,
    texts: z.object({ de: EditableText.optional(), nl: EditableText.optional() }).strict(),
    sources: z.array(Source).max(50),
    contact: z.string().max(500).optional(),
  })
  .strict();
export type PracticeInput = z.infer<typeof PracticeInput>;

export const AnnotationInput = z
  .object({
    practiceId: Id,
    kind: AnnotationKind,
    text: z.string().trim().min(1).max(20_000),
    language: Lang,
    visitId: Id.optional(),
  })
  .strict();
export type AnnotationInput = z.infer<typeof AnnotationInput>;

export const AnnotationQuery = z
  .object({
    practiceId: Id.optional(),
    visitId: Id.optional(),
    topicId: Id.optional(),
    organisationId: Id.optional(),
    kind: AnnotationKind.optional(),
    ...Paging,
  })
  .strict();

export const VisitInput = VisitSchema.pick({
  hostOrganisationId: true,
  guestOrganisationId: true,
  status: true,
  participants: true,
  topicIds: true,
  notes: true,
  sources: true,
})
  .extend({ startDate: CalendarDate.optional(), endDate: CalendarDate.optional() })
  .strict();
export type VisitInput = z.infer<typeof VisitInput>;

// --- Channels --------------------------------------------------------------

/** Declares a channel: `channel<Response>()(requestSchema)`. */
const channel =
  <Res>() =>
  <Req extends z.ZodType>(request: Req) => ({ request, response: undefined as unknown as Res });

export const contract = {
  getOverview: channel<Overview>()(NoRequest),
  setLanguage: channel<Settings>()(z.object({ language: Lang }).strict()),
  setUser: channel<Settings>()(Author),
  addOrganisation: channel<Organisation>()(
    z.object({ name: BilingualLabel, country: z.string().regex(/^[A-Z]{2}$/) }).strict(),
  ),

  listPractices: channel<Page<PracticeSummary>>()(PracticeQuery),
  getPractice: channel<PracticeDetail>()(ById),
  /** Creates (no id) or updates a practice; `baseUpdatedAt` guards against overwriting a newer version. */
  savePractice: channel<PracticeDetail>()(
    z.object({ id: Id.optional(), baseUpdatedAt: Timestamp.optional(), practice: PracticeInput }).strict(),
  ),
  markTranslationChecked: channel<PracticeDetail>()(z.object({ id: Id, language: Lang }).strict()),
  deletePractice: channel<null>()(ById),
  restorePractice: channel<PracticeDetail>()(ById),
  purgePractice: channel<null>()(ById),
  listTrash: channel<PracticeSummary[]>()(NoRequest),
  listRevisions: channel<PracticeRevision[]>()(ById),
  restoreRevision: channel<PracticeDetail>()(z.object({ id: Id, revisionId: Id }).strict()),

  listAnnotations: channel<Page<AnnotationView>>()(AnnotationQuery),
  saveAnnotation: channel<AnnotationView>()(z.object({ id: Id.optional(), annotation: AnnotationInput }).strict()),
  deleteAnnotation: channel<null>()(ById),
  restoreAnnotation: channel<AnnotationView>()(ById),

  listVisits: channel<Visit[]>()(NoRequest),
  getVisit: channel<Visit>()(ById),
  saveVisit: channel<Visit>()(z.object({ id: Id.optional(), visit: VisitInput }).strict()),
  deleteVisit: channel<null>()(ById),
  restoreVisit: channel<Visit>()(ById),

  /** Opens an http(s) link in the system browser after the user confirms in main. */
  openExternal: channel<boolean>()(
    z.object({ url: z.url({ protocol: /^https?$/ }).max(2_000) }).strict(),
  ),
};

export type Channel = keyof typeof contract;
export const CHANNELS = Object.keys(contract) as Channel[];
export type RequestOf<C extends Channel> = z.input<(typeof contract)[C]['request']>;
export type ParsedRequestOf<C extends Channel> = z.output<(typeof contract)[C]['request']>;
export type ResponseOf<C extends Channel> = (typeof contract)[C]['response'];

/** The IPC channel string for a contract entry. */
export const ipcChannel = (name: Channel): string => `kb:${name}`;

/** The shape of `window.kb`: one method per channel. */
export type KbApi = {
  [C in Channel]: RequestOf<C> extends undefined
    ? () => Promise<Result<ResponseOf<C>>>
    : (request: RequestOf<C>) => Promise<Result<ResponseOf<C>>>;
};

/** Builds `window.kb` over an `invoke(channel, payload)` transport. */
export function createKbApi(invoke: (channel: string, payload: unknown) => Promise<unknown>): KbApi {
  const api: Record<string, (payload?: unknown) => Promise<unknown>> = {};
  for (const name of CHANNELS) api[name] = (payload) => invoke(ipcChannel(name), payload);
  return api as unknown as KbApi;
}
