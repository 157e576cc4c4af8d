// @vitest-environment jsdom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import type { Notice } from '../../shared/responses';
import { Notices } from '../../renderer/src/app/Notices';
import { initI18n } from '../../renderer/src/lib/i18n';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function render(notices: Notice[], language: 'de' | 'nl'): string {
  const i18n = initI18n(language);
  void i18n.changeLanguage(language);
  const container = document.createElement('div');
  const root = createRoot(container);
  act(() => root.render(<Notices notices={notices} />));
  const text = container.textContent ?? '';
  // Unmounted, so the next test's language change re-renders nothing outside act().
  act(() => root.unmount());
  return text;
}

afterEach(() => {
  document.body.innerHTML = '';
});

const movedTo = 'damaged-2026-11-25T08-00-00';
const backupTakenAt = '2026-11-24T16:30:00.000Z';

describe('the notice after a damaged store', () => {
  it('names the folder of the damaged files when the store started afresh', () => {
    expect(render([{ kind: 'storeRecovered', movedTo }], 'de')).toContain(movedTo);
  });

  it('says in German when the backup restored everything and when changes may be missing', () => {
    const complete = render([{ kind: 'storeRestoredFromBackup', movedTo, backupTakenAt, complete: true }], 'de');
    expect(complete).toContain('vollständig wiederhergestellt');
    expect(complete).toContain('24.11.2026');
    expect(complete).toContain(movedTo);
    const partial = render([{ kind: 'storeRestoredFromBackup', movedTo, backupTakenAt, complete: false }], 'de');
    expect(partial).toContain('können fehlen');
  });

  it('says in Dutch until when the damaged journal could be read', () => {
    const text = render([{ kind: 'storePartlyRestored', movedTo, restoredUntil: backupTakenAt }], 'nl');
    expect(text).toContain('latere wijzigingen kunnen ontbreken');
    expect(text).toContain('24 nov 2026');
    expect(text).toContain(movedTo);
  });
});
