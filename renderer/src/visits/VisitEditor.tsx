/**
 * The visit editor: who visited whom, when, who took part, its topics, and
 * notes in either language. A page of its own, guarded like the practice
 * editor against leaving with unsaved edits.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Lang, type Visit } from '../../../shared/model';
import type { VisitInput } from '../../../shared/requests';
import { useNavigation } from '../app/navigation';
import { useOverview } from '../app/overview';
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

/** Creates a visit, or edits the one with `id` once it is loaded. */
export function VisitEditor({ id }: { id?: string }) {
  return id ? <LoadedVisitForm id={id} /> : <VisitForm />;
}

function LoadedVisitForm({ id }: { id: string }) {
  const { data, error } = useKbQuery('getVisit', { id });
  if (error) return <ErrorMessage error={error} />;
  if (!data) return <Loading />;
  return <VisitForm existing={data} />;
}

interface Draft {
  hostOrganisationId: string;
  guestOrganisationId: string;
  status: Visit['status'];
  startDate: string;
  endDate: string;
  participants: string;
  topicIds: string[];
  notes: Record<Lang, string>;
}

function VisitForm({ existing }: { existing?: Visit }) {
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
      participants: existing?.participants.join('\n') ?? '',
      topicIds: existing?.topicIds ?? [],
      notes: { de: existing?.notes.de ?? '', nl: existing?.notes.nl ?? '' },
    }),
    [existing, host, guest],
  );
  const [draft, setDraft] = useState(initial);
  useUnsavedGuard(JSON.stringify(draft) !== JSON.stringify(initial));
  const update = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));

  async function save() {
    const visit: VisitInput = {
      hostOrganisationId: draft.hostOrganisationId,
      guestOrganisationId: draft.guestOrganisationId,
      status: draft.status,
      ...(draft.startDate ? { startDate: draft.startDate } : {}),
      ...(draft.endDate ? { endDate: draft.endDate } : {}),
      participants: draft.participants
        .split('\n')
        .map((p) => p.trim())
        .filter(Boolean),
      topicIds: draft.topicIds,
      notes: Object.fromEntries(LANGUAGES.filter((l) => draft.notes[l].trim()).map((l) => [l, draft.notes[l]])),
      sources: existing?.sources ?? [],
    };
    const saved = await run(() => call('saveVisit', { ...(existing ? { id: existing.id } : {}), visit }));
    if (!saved) return;
    navigate({ view: 'visit', id: saved.id }, { replace: true, force: true });
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
          <label>
            {t('visit.start')}
            <input type="date" value={draft.startDate} onChange={(e) => update({ startDate: e.target.value })} />
          </label>
          <label>
            {t('visit.end')}
            <input type="date" value={draft.endDate} onChange={(e) => update({ endDate: e.target.value })} />
          </label>
        </div>
        <label>
          {t('visit.participantsLabel')}
          <textarea rows={4} value={draft.participants} onChange={(e) => update({ participants: e.target.value })} />
        </label>
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
        {error && <ErrorMessage error={error} />}
        <FormSaveCancel busy={busy} onCancel={cancel} />
      </form>
    </section>
  );
}
