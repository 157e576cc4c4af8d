/**
 * The IPC contract: every channel between renderer and main, with the zod
 * schema of its request and the type of its response. Main validates
 * against these schemas, the preload builds `window.kb` from this list, and
 * the renderer's types derive from it. Nothing else knows channel strings.
 */
import { z } from 'zod';
import {
  Id,
  Lang,
  type Organisation,
  type Practice,
  type Topic,
} from './model';

/** Error codes a call can fail with; the renderer shows `errors:<code>`. */
export const ERROR_CODES = [
  'invalidRequest',
  'forbiddenSender',
  'notFound',
  'storeWriteFailed',
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
}

/** Something the user must be told once, e.g. that a damaged store was set aside. */
export type Notice = { kind: 'storeRecovered'; movedTo: string };

export interface Overview {
  settings: Settings;
  organisations: (Organisation & { practiceCount: number })[];
  topics: (Topic & { practiceCount: number })[];
  /** Every tag in use, with how many practices carry it, most used first. */
  tags: { tag: string; count: number }[];
  practiceCount: number;
  notices: Notice[];
}

/** What a practice list shows: both languages' titles and summaries, no bodies. */
export interface PracticeSummary {
  id: string;
  organisationId: string;
  topicIds: string[];
  tags: string[];
  originalLanguage: Lang;
  titles: Partial<Record<Lang, string>>;
  summaries: Partial<Record<Lang, string>>;
  updatedAt: string;
  starter: boolean;
}

export interface PracticePage {
  total: number;
  offset: number;
  items: PracticeSummary[];
}

// --- Requests --------------------------------------------------------------

export const PracticeQuery = z
  .object({
    topicId: Id.optional(),
    organisationId: Id.optional(),
    tag: z.string().min(1).max(60).optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();

const NoRequest = z.undefined();

// --- Channels --------------------------------------------------------------

/** Declares a channel: `channel<Response>()(requestSchema)`. */
const channel =
  <Res>() =>
  <Req extends z.ZodType>(request: Req) => ({ request, response: undefined as unknown as Res });

export const contract = {
  getOverview: channel<Overview>()(NoRequest),
  setLanguage: channel<Settings>()(z.object({ language: Lang }).strict()),
  listPractices: channel<PracticePage>()(PracticeQuery),
  getPractice: channel<Practice>()(z.object({ id: Id }).strict()),
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
