/**
 * Who takes part in a visit, one person a row: name, organisation, role or
 * function, and optionally e-mail and phone, which are personal data: kept
 * here and sent to the partner only when the exporting user ticks it.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

export interface ParticipantDraft {
  key: string;
  /** The participant's id once saved: links them to their contact. */
  id?: string;
  name: string;
  organisation: string;
  role: string;
  email: string;
  phone: string;
}

export const newParticipant = (): ParticipantDraft => ({
  key: crypto.randomUUID(),
  name: '',
  organisation: '',
  role: '',
  email: '',
  phone: '',
});

export function ParticipantsEditor({
  participants,
  onChange,
}: {
  participants: ParticipantDraft[];
  onChange: (participants: ParticipantDraft[]) => void;
}) {
  const { t } = useTranslation('visits');
  const personalDataId = useId();
  const set = (key: string, change: Partial<ParticipantDraft>) =>
    onChange(participants.map((p) => (p.key === key ? { ...p, ...change } : p)));
  return (
    <fieldset className="participants-editor">
      <legend>{t('participants.heading')}</legend>
      <p id={personalDataId} className="hint">
        {t('participants.personalData')}
      </p>
      {participants.length === 0 && <p className="hint">{t('participants.none')}</p>}
      {participants.map((p, index) => (
        <div
          key={p.key}
          className="participant-row"
          role="group"
          aria-label={t('participants.person', { n: index + 1 })}
        >
          <label>
            {t('participants.name', { n: index + 1 })}
            <input value={p.name} aria-required onChange={(e) => set(p.key, { name: e.target.value })} />
          </label>
          <label>
            {t('participants.organisation', { n: index + 1 })}
            <input value={p.organisation} onChange={(e) => set(p.key, { organisation: e.target.value })} />
          </label>
          <label>
            {t('participants.role', { n: index + 1 })}
            <input value={p.role} onChange={(e) => set(p.key, { role: e.target.value })} />
          </label>
          <label>
            {t('participants.email', { n: index + 1 })}
            <input
              type="text"
              inputMode="email"
              autoComplete="off"
              value={p.email}
              aria-describedby={personalDataId}
              onChange={(e) => set(p.key, { email: e.target.value })}
            />
          </label>
          <label>
            {t('participants.phone', { n: index + 1 })}
            <input
              type="text"
              inputMode="tel"
              autoComplete="off"
              value={p.phone}
              aria-describedby={personalDataId}
              onChange={(e) => set(p.key, { phone: e.target.value })}
            />
          </label>
          <button type="button" onClick={() => onChange(participants.filter((x) => x.key !== p.key))}>
            {t('participants.remove', { n: index + 1 })}
          </button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...participants, newParticipant()])}>
        {t('participants.add')}
      </button>
    </fieldset>
  );
}
