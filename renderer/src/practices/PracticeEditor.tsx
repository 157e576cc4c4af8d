/**
 * The practice editor: German and Dutch side by side, each with a live
 * preview, checked before saving so the knowledge base only gets what it
 * accepts. The same form merges a practice in conflict (exchange/ConflictMerge).
 */
import { useId, useMemo, useState, type ClipboardEvent, type DragEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  LANGUAGES,
  otherLang,
  PRACTICE_SCOPES,
  type Lang,
  type Practice,
  type PracticeScope,
  type Source,
} from '../../../shared/model';
import type { PracticeInput } from '../../../shared/requests';
import type { DocumentDraft, PracticeDetail, StagedAttachment } from '../../../shared/responses';
import { ATTACHMENT_REF_PREFIX } from '../../../shared/attachments';
import { useNavigation } from '../app/navigation';
import { attachFiles, stageFiles } from '../attachments/AttachmentsSection';
import { filesOf } from '../attachments/attachmentFiles';
import { useOverview } from '../app/overview';
import { ErrorMessage } from '../components/ErrorMessage';
import { useFeedback } from '../components/Feedback';
import { Loading } from '../components/Loading';
import { Markdown } from '../components/Markdown';
import { OrganisationSelect } from '../components/OverviewSelect';
import { FormSaveCancel } from '../components/SaveCancelButtons';
import { TopicCheckboxes } from '../components/TopicCheckboxes';
import { TranslationBadge } from '../components/TranslationBadge';
import { SourcesField } from '../components/SourcesField';
import { ViewHeading } from '../components/ViewHeading';
import { useAction } from '../hooks/useAction';
import { useConfirmDiscard } from '../hooks/useConfirmDiscard';
import { useKbQuery } from '../hooks/useKbQuery';
import { useLang } from '../hooks/useLang';
import { useShortcut } from '../hooks/useShortcut';
import { useUnsavedGuard } from '../hooks/useUnsavedGuard';
import { call } from '../lib/kb';
import { TagField } from '../tags/TagField';
import { useTagLabels } from '../tags/useTagLabels';

type EditableText = { title: string; summary: string; body: string };
interface Draft {
  organisationId: string;
  topicIds: string[];
  tags: string;
  originalLanguage: Lang;
  texts: Record<Lang, EditableText>;
  sources: Source[];
  contact: string;
  /** '' while not stated. */
  scopeLevel: PracticeScope['level'] | '';
  scopeLabel: Record<Lang, string>;
}

const EMPTY_TEXT: EditableText = { title: '', summary: '', body: '' };
const hasText = (text: EditableText) => Boolean(text.title.trim() || text.summary.trim() || text.body.trim());

/** The draft of a practice; its tags in the reader's language (`tagName`), as they are edited. */
function toDraft(
  practice: Practice | undefined,
  fallbackOrg: string,
  lang: Lang,
  tagName: (tag: string) => string,
): Draft {
  return {
    organisationId: practice?.organisationId ?? fallbackOrg,
    topicIds: practice?.topicIds ?? [],
    tags: practice?.tags.map(tagName).join(', ') ?? '',
    originalLanguage: practice?.originalLanguage ?? lang,
    texts: {
      de: practice?.texts.de ? pick(practice.texts.de) : EMPTY_TEXT,
      nl: practice?.texts.nl ? pick(practice.texts.nl) : EMPTY_TEXT,
    },
    sources: practice?.sources ?? [],
    contact: practice?.contact ?? '',
    scopeLevel: practice?.scope?.level ?? '',
    scopeLabel: { de: practice?.scope?.label?.de ?? '', nl: practice?.scope?.label?.nl ?? '' },
  };
}
const pick = ({ title, summary, body }: EditableText): EditableText => ({ title, summary, body });
/** The items with distinct keys, the first of each kept, in order. */
const uniqueBy = <T,>(items: T[], key: (item: T) => string): T[] =>
  items.filter((item, index) => items.findIndex((other) => key(other) === key(item)) === index);

/** Creates a practice, or edits the one with `id` once it is loaded. */
export function PracticeEditor({ id, fromDocument }: { id?: string; fromDocument?: DocumentDraft | undefined }) {
  if (id) return <LoadedPracticeForm id={id} />;
  return fromDocument ? <PracticeForm fromDocument={fromDocument} /> : <PracticeForm />;
}

function LoadedPracticeForm({ id }: { id: string }) {
  const { data, error } = useKbQuery('getPractice', { id });
  if (error) return <ErrorMessage error={error} />;
  if (!data) return <Loading />;
  return <PracticeForm existing={data} />;
}

/** Editing a practice in conflict into one merged text: `intro` shows the versions, `onCancel` returns to them. */
export interface MergeMode {
  intro: ReactNode;
  onCancel: () => void;
}

export function PracticeForm({
  existing,
  merge,
  fromDocument,
}: {
  existing?: PracticeDetail;
  merge?: MergeMode;
  /** A document brought in: its text fills the form, its files are attached on save. */
  fromDocument?: DocumentDraft;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { overview, reload } = useOverview();
  const { navigate, back, canGoBack } = useNavigation();
  const { toast } = useFeedback();
  const confirmDiscard = useConfirmDiscard();
  const { run, busy, error } = useAction();
  // A new practice starts in the language and organisation of the moment the form opened: switching later must not reset it.
  const tagLabels = useTagLabels();
  const [defaults] = useState(() => ({
    organisationId: overview.settings.user?.organisationId ?? overview.organisations[0]!.id,
    lang,
    tagName: tagLabels.labelOf,
  }));
  const initial = useMemo(() => {
    const start = toDraft(existing?.practice, defaults.organisationId, defaults.lang, defaults.tagName);
    if (!fromDocument) return start;
    const text = { title: fromDocument.title, summary: '', body: fromDocument.body };
    return {
      ...start,
      originalLanguage: fromDocument.language,
      texts: { ...start.texts, [fromDocument.language]: text },
    };
  }, [existing, defaults, fromDocument]);
  const [draft, setDraft] = useState(initial);
  const [problem, setProblem] = useState<string>();
  const dirty = JSON.stringify(draft) !== JSON.stringify(initial);
  useUnsavedGuard(dirty);
  const formId = useId();

  const update = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));
  const updateText = (l: Lang, change: Partial<EditableText>) =>
    setDraft((d) => ({ ...d, texts: { ...d.texts, [l]: { ...d.texts[l], ...change } } }));
  // Attaching saves the practice (a new version): the text saved later builds on it, not on the version opened.
  const [baseUpdatedAt, setBaseUpdatedAt] = useState(existing?.practice.updatedAt);

  /** Images dropped into the text of a practice not saved yet: stored already, attached when it is first saved. */
  const [staged, setStaged] = useState<StagedAttachment[]>([]);

  /** Writes a reference to each image where the cursor was. */
  function insertImages(l: Lang, at: number, images: { sha256: string; alt: string }[]) {
    if (images.length === 0) return;
    const references = images.map(
      ({ sha256, alt }) => `![${alt.replace(/[[\]]/g, '')}](${ATTACHMENT_REF_PREFIX}${sha256})`,
    );
    setDraft((d) => {
      const body = d.texts[l].body;
      const insert = `\n${references.join('\n')}\n`;
      return { ...d, texts: { ...d.texts, [l]: { ...d.texts[l], body: body.slice(0, at) + insert + body.slice(at) } } };
    });
  }

  /**
   * Attaches images dropped or pasted into a body and writes a reference to
   * each where the cursor is. A practice not saved yet has nothing to attach
   * to: its images are stored at once and attached when it is first saved.
   */
  async function attachIntoText(l: Lang, files: File[], at: number) {
    if (!existing) {
      const stored = await run(() => stageFiles(files));
      if (!stored) return;
      const images = stored.filter((s) => s.type.startsWith('image/'));
      if (images.length < stored.length) toast({ message: t('attachments.documentsAfterSave') });
      setStaged((list) => [...list, ...images.filter((i) => !list.some((s) => s.sha256 === i.sha256))]);
      insertImages(
        l,
        at,
        uniqueBy(images, (i) => i.sha256).map((i) => ({ sha256: i.sha256, alt: i.name })),
      );
      return;
    }
    const id = existing.practice.id;
    const before = await run(() => call('getPractice', { id }));
    const attached = await run(() => attachFiles({ kind: 'practices', id }, files));
    if (!before || !attached) return;
    const after = await run(() => call('getPractice', { id }));
    if (after && before.practice.updatedAt === baseUpdatedAt) setBaseUpdatedAt(after.practice.updatedAt);
    insertImages(
      l,
      at,
      [...new Set(attached.hashes)].flatMap((hash) => {
        const a = attached.list.find((x) => x.sha256 === hash);
        return a?.type.startsWith('image/') ? [{ sha256: hash, alt: a.caption[l] ?? a.name }] : [];
      }),
    );
  }
  function onBodyDrop(l: Lang, event: DragEvent<HTMLTextAreaElement>) {
    const files = filesOf(event.dataTransfer);
    if (files.length === 0) return;
    event.preventDefault();
    event.stopPropagation();
    void attachIntoText(l, files, event.currentTarget.selectionStart);
  }
  function onBodyPaste(l: Lang, event: ClipboardEvent<HTMLTextAreaElement>) {
    const files = filesOf(event.clipboardData);
    if (files.length === 0) return;
    event.preventDefault();
    void attachIntoText(l, files, event.currentTarget.selectionStart);
  }

  function toInput(): PracticeInput | string {
    const written = LANGUAGES.filter((l) => hasText(draft.texts[l]));
    if (written.length === 0) return t('editor.problem.noText');
    // A new practice's original is the language it was written in, when only one was.
    const originalLanguage = !existing && written.length === 1 ? written[0]! : draft.originalLanguage;
    if (!written.includes(originalLanguage))
      return t('editor.problem.originalEmpty', { language: t(`content.languageName.${originalLanguage}`) });
    const untitled = written.find((l) => !draft.texts[l].title.trim());
    if (untitled) return t('editor.problem.titleMissing', { language: t(`content.languageName.${untitled}`) });
    if (draft.topicIds.length === 0) return t('editor.problem.noTopic');
    const badSource = draft.sources.find((s) => !s.title.trim() || !/^https?:\/\/\S+$/i.test(s.url.trim()));
    if (badSource) return t('editor.problem.badSource');
    return {
      organisationId: draft.organisationId,
      topicIds: draft.topicIds,
      // What was typed or picked, as the key an existing tag already has.
      tags: [
        ...new Set(
          draft.tags
            .split(',')
            .map((tag) => tag.trim())
            .filter(Boolean)
            .map(tagLabels.keyFor),
        ),
      ],
      originalLanguage,
      texts: Object.fromEntries(written.map((l) => [l, draft.texts[l]])),
      sources: draft.sources.map((s) => ({ title: s.title.trim(), url: s.url.trim() })),
      scope: draft.scopeLevel ? { level: draft.scopeLevel, label: draft.scopeLabel } : null,
      ...(draft.contact.trim() ? { contact: draft.contact.trim() } : {}),
    };
  }

  async function save() {
    const input = toInput();
    if (typeof input === 'string') {
      setProblem(input);
      return;
    }
    setProblem(undefined);
    const saved = await run(() =>
      call('savePractice', {
        ...(existing ? { id: existing.practice.id, baseUpdatedAt: baseUpdatedAt ?? existing.practice.updatedAt } : {}),
        ...(merge ? { resolvesConflict: true } : {}),
        practice: input,
      }),
    );
    if (!saved) return; // the error is shown; the text stays in the editor
    // A new practice gets the files stored for it: a document's, and the images its text still shows.
    const shown = (sha256: string) =>
      LANGUAGES.some((l) => draft.texts[l].body.includes(ATTACHMENT_REF_PREFIX + sha256));
    const files = existing
      ? []
      : uniqueBy([...(fromDocument?.attachments ?? []), ...staged.filter((s) => shown(s.sha256))], (f) => f.sha256).map(
          ({ sha256, name }) => ({ sha256, name }),
        );
    if (files.length > 0)
      await run(() => call('attachStored', { owner: { kind: 'practices', id: saved.practice.id }, files }));
    reload();
    toast({ message: t('editor.saved') });
    navigate({ view: 'practice', id: saved.practice.id }, { replace: true, force: true });
  }
  const cancel = merge
    ? // Returning to the conflict stays inside the view, so the navigation guard does not ask: ask here.
      async () => {
        if (!dirty || (await confirmDiscard())) merge.onCancel();
      }
    : () => (canGoBack ? back() : navigate({ view: 'practices', filter: {} }));

  useShortcut('s', () => void save(), { mod: true });
  useShortcut('Escape', cancel);

  const existingTitle = existing?.practice.texts[lang]?.title ?? existing?.practice.texts[otherLang(lang)]?.title;
  const title = merge
    ? t('exchange:merge.heading', { title: existingTitle })
    : existing
      ? t('editor.editTitle', { title: existingTitle })
      : t('editor.newTitle');

  return (
    <section aria-labelledby="view-heading">
      <ViewHeading>{title}</ViewHeading>
      <p className="hint">{t('editor.keys')}</p>
      {fromDocument && (
        <p className="message message-warning">
          {t('documents.check', {
            file: fromDocument.fileName,
            language: t(`content.languageName.${fromDocument.language}`),
            count: fromDocument.attachments.length,
          })}
        </p>
      )}
      {merge?.intro}
      <form
        noValidate
        id={formId}
        className="editor"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <fieldset>
          <legend>{t('editor.about')}</legend>
          <label>
            {t('practice.organisation')}
            <OrganisationSelect
              value={draft.organisationId}
              onChange={(organisationId) => update({ organisationId })}
            />
          </label>
          <TopicCheckboxes
            legend={t('practice.topics')}
            selected={draft.topicIds}
            onChange={(topicIds) => update({ topicIds })}
          />
          <TagField value={draft.tags} onChange={(tags) => update({ tags })} />
          <label>
            {t('practice.contact')}
            <input value={draft.contact} onChange={(e) => update({ contact: e.target.value })} />
          </label>
          <fieldset className="radios">
            <legend>{t('editor.originalLanguage')}</legend>
            {LANGUAGES.map((l) => (
              <label key={l}>
                <input
                  type="radio"
                  name={`${formId}-original`}
                  checked={draft.originalLanguage === l}
                  onChange={() => update({ originalLanguage: l })}
                />
                {t(`content.languageName.${l}`)}
              </label>
            ))}
          </fieldset>
          <SourcesField sources={draft.sources} onChange={(sources) => update({ sources })} />
          <fieldset className="scope" aria-describedby={`${formId}-scope`}>
            <legend>{t('editor.scope')}</legend>
            <p id={`${formId}-scope`} className="hint">
              {t('editor.scopeHint')}
            </p>
            <label>
              {t('editor.scopeLevel')}
              <select
                value={draft.scopeLevel}
                onChange={(e) => update({ scopeLevel: e.target.value as Draft['scopeLevel'] })}
              >
                <option value="">{t('editor.scopeLevelNone')}</option>
                {PRACTICE_SCOPES.map((level) => (
                  <option key={level} value={level}>
                    {t(`practice.scopeLevel.${level}`)}
                  </option>
                ))}
              </select>
            </label>
            {draft.scopeLevel !== '' &&
              LANGUAGES.map((l) => (
                <label key={l}>
                  {t('editor.scopeLabel', { language: t(`content.languageName.${l}`) })}
                  <input
                    lang={l}
                    value={draft.scopeLabel[l]}
                    maxLength={200}
                    onChange={(e) => update({ scopeLabel: { ...draft.scopeLabel, [l]: e.target.value } })}
                  />
                </label>
              ))}
          </fieldset>
        </fieldset>

        <div className="editor-columns">
          {LANGUAGES.map((l) => (
            <fieldset key={l} className="editor-column">
              <legend>
                {t(`content.languageName.${l}`)}{' '}
                {existing && (
                  <TranslationBadge
                    status={existing.translation[l]}
                    lang={l}
                    original={existing.practice.originalLanguage === l}
                  />
                )}
              </legend>
              <label>
                {t('editor.title')}
                <input
                  lang={l}
                  value={draft.texts[l].title}
                  onChange={(e) => updateText(l, { title: e.target.value })}
                />
              </label>
              <label>
                {t('editor.summary')}
                <textarea
                  lang={l}
                  rows={3}
                  value={draft.texts[l].summary}
                  onChange={(e) => updateText(l, { summary: e.target.value })}
                />
              </label>
              <label>
                {t('editor.body')}
                <textarea
                  lang={l}
                  rows={14}
                  value={draft.texts[l].body}
                  aria-describedby={`${formId}-images-${l}`}
                  onChange={(e) => updateText(l, { body: e.target.value })}
                  onDrop={(e) => onBodyDrop(l, e)}
                  onPaste={(e) => onBodyPaste(l, e)}
                />
              </label>
              <p id={`${formId}-images-${l}`} className="hint">
                {t('attachments.dropIntoText')}
              </p>
              <section
                className="preview"
                aria-label={t('editor.preview', { language: t(`content.languageName.${l}`) })}
              >
                <h3 lang={l}>{draft.texts[l].title}</h3>
                <Markdown source={draft.texts[l].body} lang={l} />
              </section>
            </fieldset>
          ))}
        </div>

        {problem && (
          <p className="message message-error" role="alert">
            {problem}
          </p>
        )}
        {error && <ErrorMessage error={error} />}
        <FormSaveCancel busy={busy} onCancel={cancel} />
      </form>
    </section>
  );
}
