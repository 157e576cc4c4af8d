/**
 * Settings: the shared folders this knowledge base syncs with. Connect one
 * with everything (the office's folder) or with a selection of topics (a
 * folder shared with the partner), see how each goes and what problems were
 * found, sync now, disconnect (everything stays here).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../shared/error-message';
import type { SyncConnectionStatus } from '../../../shared/responses';
import { useOverview } from '../app/overview';
import { ErrorMessage } from '../components/ErrorMessage';
import { useFeedback } from '../components/Feedback';
import { TopicCheckboxes } from '../components/TopicCheckboxes';
import { useAction } from '../hooks/useAction';
import { useKbQuery } from '../hooks/useKbQuery';
import { useLang } from '../hooks/useLang';
import { call } from '../lib/kb';
import { SyncStatusLine } from './SyncStatusLine';

export function SyncSettings() {
  const { t } = useTranslation('exchange');
  const status = useKbQuery('getSyncStatus');
  const action = useAction();
  const { confirm, toast } = useFeedback();
  const [limited, setLimited] = useState(false);
  const [topicIds, setTopicIds] = useState<string[]>([]);

  async function connect() {
    const result = await action.run(() =>
      call('connectSyncFolder', { selection: limited && topicIds.length > 0 ? { topicIds } : {} }),
    );
    if (result) {
      toast({ message: t('sync.connected') });
      status.reload();
    }
  }

  async function disconnect(connection: SyncConnectionStatus) {
    const ok = await confirm({
      title: t('sync.disconnectTitle'),
      message: t('sync.disconnectMessage', { folder: connection.folder }),
      confirmLabel: t('sync.disconnect'),
    });
    if (ok && (await action.run(() => call('disconnectSyncFolder', { id: connection.id })))) status.reload();
  }

  async function syncNow() {
    if (await action.run(() => call('syncNow'))) status.reload();
  }

  const connections = status.data?.connections ?? [];
  return (
    <section aria-labelledby="sync-heading">
      <h2 id="sync-heading">{t('sync.heading')}</h2>
      <p>{t('sync.explain')}</p>
      {status.error && <ErrorMessage error={status.error} />}
      {status.data && connections.length === 0 && <p>{t('sync.none')}</p>}
      {connections.length > 0 && (
        <>
          <SyncStatusLine status={status.data!} />
          <ul className="sync-folders">
            {connections.map((connection) => (
              <SyncFolder
                key={connection.id}
                connection={connection}
                onDisconnect={() => void disconnect(connection)}
              />
            ))}
          </ul>
          <button type="button" onClick={() => void syncNow()} disabled={action.busy} aria-busy={action.busy}>
            {t('sync.now')}
          </button>
        </>
      )}
      <h3>{t('sync.connectHeading')}</h3>
      <label>
        <input type="checkbox" checked={limited} onChange={(e) => setLimited(e.target.checked)} />
        {t('sync.limit')}
      </label>
      {limited && <TopicCheckboxes legend={t('sync.limitTopics')} selected={topicIds} onChange={setTopicIds} />}
      <button type="button" onClick={() => void connect()} disabled={action.busy || (limited && topicIds.length === 0)}>
        {t('sync.connect')}
      </button>
      {action.error && <ErrorMessage error={action.error} />}
    </section>
  );
}

function SyncFolder({ connection, onDisconnect }: { connection: SyncConnectionStatus; onDisconnect: () => void }) {
  const { t } = useTranslation('exchange');
  const { t: tErrors } = useTranslation('errors');
  const lang = useLang();
  const { overview } = useOverview();
  const topics = (connection.selection?.topicIds ?? []).map(
    (id) => overview.topics.find((topic) => topic.id === id)?.name[lang] ?? id,
  );
  return (
    <li>
      <p>
        <strong>{connection.folder}</strong>
        <br />
        {topics.length > 0 ? t('sync.selection', { topics: topics.join(', ') }) : t('sync.everything')}
      </p>
      {connection.error && (
        <p className="message message-error">{errorMessage(tErrors, connection.error.code, connection.error.params)}</p>
      )}
      {connection.problems.length > 0 && (
        <>
          <p>{t('sync.problemsExplain', { count: connection.problems.length })}</p>
          <ul>
            {connection.problems.map((problem) => (
              <li key={problem.file}>
                <code>{problem.file}</code>: {errorMessage(tErrors, problem.error.code, problem.error.params)}
              </li>
            ))}
          </ul>
        </>
      )}
      {connection.foreignFiles > 0 && <p>{t('sync.foreignFiles', { count: connection.foreignFiles })}</p>}
      <button type="button" className="danger" onClick={onDisconnect}>
        {t('sync.disconnect')}
      </button>
    </li>
  );
}
