/** Who am I: the name and organisation stamped on everything this user writes. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOverview } from '../app/overview';
import { ErrorMessage } from '../components/ErrorMessage';
import { useFeedback } from '../components/Feedback';
import { useAction } from '../hooks/useAction';
import { useLang } from '../hooks/useLang';
import { call } from '../lib/kb';

const OTHER = '__other__';

export function UserForm({ onSaved }: { onSaved?: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { overview, reload } = useOverview();
  const { toast } = useFeedback();
  const user = overview.settings.user;
  const [name, setName] = useState(user?.name ?? '');
  const [organisationId, setOrganisationId] = useState(user?.organisationId ?? overview.organisations[0]!.id);
  const [otherName, setOtherName] = useState('');
  const [otherCountry, setOtherCountry] = useState('');
  const { run, busy, error } = useAction();

  async function save() {
    const saved = await run(async () => {
      let orgId = organisationId;
      if (orgId === OTHER) {
        const label = otherName.trim();
        orgId = (
          await call('addOrganisation', { name: { de: label, nl: label }, country: otherCountry.trim().toUpperCase() })
        ).id;
      }
      return call('setUser', { name: name.trim(), organisationId: orgId });
    });
    if (!saved) return;
    reload();
    toast({ message: t('user.saved') });
    onSaved?.();
  }

  const canSave =
    name.trim() && (organisationId !== OTHER || (otherName.trim() && /^[A-Za-z]{2}$/.test(otherCountry.trim())));
  return (
    <form
      noValidate
      className="editor user-form"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <label>
        {t('user.name')}
        <input value={name} onChange={(e) => setName(e.target.value)} required autoComplete="name" />
      </label>
      <fieldset className="radios">
        <legend>{t('user.organisation')}</legend>
        {overview.organisations.map((o) => (
          <label key={o.id}>
            <input
              type="radio"
              name="user-org"
              checked={organisationId === o.id}
              onChange={() => setOrganisationId(o.id)}
            />
            {o.name[lang]}
          </label>
        ))}
        <label>
          <input
            type="radio"
            name="user-org"
            checked={organisationId === OTHER}
            onChange={() => setOrganisationId(OTHER)}
          />
          {t('user.otherPartner')}
        </label>
      </fieldset>
      {organisationId === OTHER && (
        <div className="form-row">
          <label>
            {t('user.otherName')}
            <input value={otherName} onChange={(e) => setOtherName(e.target.value)} required />
          </label>
          <label>
            {t('user.otherCountry')}
            <input
              value={otherCountry}
              onChange={(e) => setOtherCountry(e.target.value)}
              maxLength={2}
              required
              size={3}
            />
          </label>
        </div>
      )}
      {error && <ErrorMessage error={error} />}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy || !canSave}>
          {t('action.save')}
        </button>
      </div>
    </form>
  );
}
