/**
 * The visit editor: who visits whom, when, who takes part, its topics, the
 * programme day by day, notes in either language and sources. A page of its
 * own, guarded like the practice editor against leaving with unsaved edits;
 * checked before saving so the knowledge base only gets what it accepts.
 */
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmailAddress, LANGUAGES, PhoneNumber, type Lang, type Visit } from '../../../shared/model';
import type { VisitDetail } from '../../../shared/responses';
import type { VisitInput } from '../../../shared/requests';
import { useNavigation } from '../app/navigation';
import { useOverview } from '../app/overview';
import { DateField } from '../components/DateField';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { OrganisationSelect } from '../components/OverviewSelect';
import { FormSaveCancel } from '../components/SaveCancelButtons';
import { TopicCheckboxes } from '../components/TopicCheckboxes';
import { ViewHeading } from '../components/ViewHeading';
import { useAction } from '../hooks/useAction';
import { useKbQuery } from '../hooks/useKbQuery';
import { useShortcut } from '../hooks/useShortcut';
import { useUnsavedGuard } from '../hooks/useUnsavedGuard';
import { call } from '../lib/kb';
import { isCompleteSource, SourcesField } from '../components/SourcesField';
import { ParticipantsEditor, type ParticipantDraft } from './ParticipantsEditor';
import { ProgrammeEditor } from './ProgrammeEditor';
import { programmeDraft, programmeInput, type DayDraft } from './programmeDraft';

/** Creates a visit, or edits the one with `id` once it is loaded. */
export function VisitEditor({ id }: { id?: string }) {
  return id ? <LoadedVisitForm id={id} /> : <VisitForm />;
}

function LoadedVisitForm({ id }: { id: string }) {
  const { data, error } = useKbQuery('getVisit', { id });
  if (error) return <ErrorMessage error={error} />;
  if (!data) return <Loading />;
  return <VisitForm existing={data.visit} contacts={data.contacts} />;
}

interface Draft {
  hostOrganisationId: string;
  guestOrganisationId: string;
  status: Visit['status'];
  /** null while what is typed is no date. */
  startDate: string | null;
  endDate: string | null;
  participants: ParticipantDraft[];
  topicIds: string[];
  notes: Record<Lang, string>;
  programme: DayDraft[];
  sources: Visit['sources'];
}

function VisitForm({ existing, contacts = {} }: { existing?: Visit; contacts?: VisitDetail['contacts'] }) {
  const { t } = useTranslation();
  const { overview } = useOverview();
  const { navigate, back, canGoBack } = useNavigation();
  const { run, busy, error } = useAction();
  const [host, guest] = overview.organisations;
  const initial = useMemo<Draft>(
    () => ({
      hostOrganisationId: existing?.hostOrganisationId ?? host!.id,
      guestOrganisationId: existing?.guestOrganisationId ?? (guest ?? host)!.id,
      status: existing?.status ?? 'planned',
      startDate: existing?.startDate ?? '',
      endDate: existing?.endDate ?? '',
      participants: (existing?.participants ?? []).map((p) => ({
        key: crypto.randomUUID(),
        ...(p.id ? { id: p.id } : {}),
        name: p.name,
        organisation: p.organisation ?? '',
        role: p.role ?? '',
        email: (p.id && contacts[p.id]?.email) || '',
        phone: (p.id && contacts[p.id]?.phone) || '',
      })),
      topicIds: existing?.topicIds ?? [],
      notes: { de: existing?.notes.de ?? '', nl: existing?.notes.nl ?? '' },
      programme: programmeDraft(existing?.programme ?? []),
      sources: existing?.sources ?? [],
    }),
    [existing, contacts, host, guest],
  );
  const [draft, setDraft] = useState(initial);
  useUnsavedGuard(JSON.stringify(draft) !== JSON.stringify(initial));
  const update = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));

  const [problem, setProblem] = useState<string>();
  const problemRef = useRef<HTMLParagraphElement>(null);

  function toInput(): VisitInput | string {
    if (draft.startDate === null || draft.endDate === null) return t('visits:editor.problem.date');
    if (draft.startDate && draft.endDate && draft.endDate < draft.startDate)
      return t('visits:editor.problem.endBeforeStart');
    const unnamed = draft.participants.findIndex(
      (p) => !p.name.trim() && [p.organisation, p.role, p.email, p.phone].some((x) => x.trim()),
    );
    if (unnamed >= 0) return t('visits:editor.problem.participantName', { n: unnamed + 1 });
    const badEmail = draft.participants.findIndex(
      (p) => p.email.trim() && !EmailAddress.safeParse(p.email.trim()).success,
    );
    if (badEmail >= 0) return t('visits:editor.problem.email', { n: badEmail + 1 });
    const badPhone = draft.participants.findIndex(
      (p) => p.phone.trim() && !PhoneNumber.safeParse(p.phone.trim()).success,
    );
    if (badPhone >= 0) return t('visits:editor.problem.phone', { n: badPhone + 1 });
    if (!draft.sources.every(isCompleteSource)) return t('editor.problem.badSource');
    const programme = programmeInput(draft.programme);
    if (!Array.isArray(programme)) return t(`visits:editor.problem.programme.${programme.kind}`, programme);
    return {
      hostOrganisationId: draft.hostOrganisationId,
      guestOrganisationId: draft.guestOrganisationId,
      status: draft.status,
      ...(draft.startDate ? { startDate: draft.startDate } : {}),
      ...(draft.endDate ? { endDate: draft.endDate } : {}),
      participants: draft.participants
        .filter((p) => p.name.trim())
        .map((p) => ({
          ...(p.id ? { id: p.id } : {}),
          name: p.name.trim(),
          ...(p.organisation.trim() ? { organisation: p.organisation.trim() } : {}),
          ...(p.role.trim() ? { role: p.role.trim() } : {}),
          ...(p.email.trim() ? { email: p.email.trim() } : {}),
          ...(p.phone.trim() ? { phone: p.phone.trim() } : {}),
        })),
      topicIds: draft.topicIds,
      notes: Object.fromEntries(LANGUAGES.filter((l) => draft.notes[l].trim()).map((l) => [l, draft.notes[l]])),
      programme,
      sources: draft.sources.map((s) => ({ title: s.title.trim(), url: s.url.trim() })),
    };
  }

  async function save() {
    const visit = toInput();
    if (typeof visit === 'string') {
      setProblem(visit);
      requestAnimationFrame(() => problemRef.current?.focus());
      return;
    }
    setProblem(undefined);
    const saved = await run(() => call('saveVisit', { ...(existing ? { id: existing.id } : {}), visit }));
    if (!saved) return;
    navigate({ view: 'visit', id: saved.visit.id }, { replace: true, force: true });
  }
  const cancel = () => (canGoBack ? back() : navigate({ view: 'visits' }));
  useShortcut('s', () => void save(), { mod: true });
  useShortcut('Escape', cancel);

  return (
    <section aria-labelledby="view-heading">
      <ViewHeading>{existing ? t('visit.editHeading') : t('visit.new')}</ViewHeading>
      <p className="hint">{t('editor.keys')}</p>
      <form
        noValidate
        className="editor"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <label>
          {t('visit.host')}
          <OrganisationSelect
            value={draft.hostOrganisationId}
            onChange={(hostOrganisationId) => update({ hostOrganisationId })}
          />
        </label>
        <label>
          {t('visit.guest')}
          <OrganisationSelect
            value={draft.guestOrganisationId}
            onChange={(guestOrganisationId) => update({ guestOrganisationId })}
          />
        </label>
        <fieldset className="radios">
          <legend>{t('visit.statusLabel')}</legend>
          {(['planned', 'held'] as const).map((status) => (
            <label key={status}>
              <input
                type="radio"
                name="visit-status"
                checked={draft.status === status}
                onChange={() => update({ status })}
              />
              {t(`visit.status.${status}`)}
            </label>
          ))}
        </fieldset>
        <div className="form-row">
          <DateField
            label={t('visit.start')}
            allowMonth
            value={draft.startDate}
            onChange={(startDate) => update({ startDate })}
          />
          <DateField
            label={t('visit.end')}
            allowMonth
            value={draft.endDate}
            onChange={(endDate) => update({ endDate })}
          />
        </div>
        <ParticipantsEditor participants={draft.participants} onChange={(participants) => update({ participants })} />
        <TopicCheckboxes
          legend={t('practice.topics')}
          selected={draft.topicIds}
          onChange={(topicIds) => update({ topicIds })}
        />
        <div className="editor-columns">
          {LANGUAGES.map((l) => (
            <label key={l}>
              {t('visit.notesIn', { language: t(`content.languageName.${l}`) })}
              <textarea
                lang={l}
                rows={6}
                value={draft.notes[l]}
                onChange={(e) => update({ notes: { ...draft.notes, [l]: e.target.value } })}
              />
            </label>
          ))}
        </div>
        <ProgrammeEditor days={draft.programme} onChange={(programme) => update({ programme })} />
        <SourcesField sources={draft.sources} onChange={(sources) => update({ sources })} />
        {problem && (
          <p ref={problemRef} tabIndex={-1} className="message message-error" role="alert">
            {problem}
          </p>
        )}
        {error && <ErrorMessage error={error} />}
        <FormSaveCancel busy={busy} onCancel={cancel} />
      </form>
    </section>
  );
}
