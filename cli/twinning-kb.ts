/**
 * The `twinning-kb` command: checks and describes exchange bundles without
 * the app, with the app's own validation, in German or Dutch (from LANG).
 * Exit codes: 0 valid, 1 invalid bundle, 2 usage or I/O error.
 */
import path from 'node:path';
import i18next, { type TFunction } from 'i18next';
import { BUNDLE_COLLECTIONS, type Bundle } from '../shared/bundle';
import { errorDetail, errorMessage } from '../shared/error-message';
import { i18nOptions } from '../shared/i18n';
import { pickLanguage } from '../shared/language';
import { LANGUAGES, type Lang } from '../shared/model';
import { readBundleFile } from '../core/bundle/bundle-file';
import { readBundle } from '../core/bundle/read-bundle';
import { isContainerFile, readContainer } from '../core/bundle/container';
import { KbError } from '../core/base/errors';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: Record<string, string | undefined>;
  /** Shows how far reading a large container is (a terminal line rewritten in place); absent when not a terminal. */
  progress?: (line: string) => void;
}

export const EXIT = { valid: 0, invalid: 1, usage: 2 } as const;

export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const language = pickLanguage([io.env.LC_ALL, io.env.LC_MESSAGES, io.env.LANG].filter((l): l is string => !!l));
  const i18n = i18next.createInstance();
  await i18n.init(i18nOptions(language));
  const t = i18n.t.bind(i18n) as TFunction;

  const [command, file, ...rest] = args;
  if ((command !== 'validate' && command !== 'inspect') || !file || rest.length > 0) {
    io.err(t('cli:usage'));
    return EXIT.usage;
  }
  let bundle: Bundle;
  let attachments: Map<string, number> | undefined;
  try {
    if (await isContainer(file)) {
      const progress = io.progress;
      ({ bundle, attachments } = await readContainer(file, {
        ...(progress
          ? { onProgress: (done: number, total: number) => progress(t('cli:progress', { percent: done / total })) }
          : {}),
      }));
    } else {
      bundle = readBundle(await readBundleFile(file));
    }
  } catch (error) {
    if (!(error instanceof KbError)) {
      io.err(t('cli:unexpected', { detail: error instanceof Error ? error.message : String(error) }));
      return EXIT.usage;
    }
    // One line, with the technical detail (line, column) that partner IT needs after the plain message.
    const detail = errorDetail(t, error.code, error.params);
    io.err(`${path.basename(file)}: ${errorMessage(t, error.code, error.params)}${detail ? ` ${detail}` : ''}`);
    return error.code === 'fileReadFailed' ? EXIT.usage : EXIT.invalid;
  }
  const files = attachments
    ? t('cli:attachments', {
        count: attachments.size,
        sizeMB: Math.round([...attachments.values()].reduce((a, b) => a + b, 0) / 1024 / 1024) || 0,
      })
    : undefined;
  if (command === 'validate') {
    const summary = [countsLine(t, bundle), ...(files ? [files] : [])].join(', ');
    io.out(t('cli:valid', { file: path.basename(file), summary }));
  } else {
    inspect(t, language, bundle, io);
    if (files) io.out(t('cli:container', { files }));
  }
  return EXIT.valid;
}

/** The collections a bundle holds records of; contacts and tag labels only when it carries them (they are optional). */
const shownCollections = (bundle: Bundle) =>
  BUNDLE_COLLECTIONS.filter((c) => (c !== 'contacts' && c !== 'tagLabels') || bundle.content[c] !== undefined);

/** A container is told by its content (a ZIP), not its name; a file that cannot be read is an I/O error. */
async function isContainer(file: string): Promise<boolean> {
  try {
    return await isContainerFile(file);
  } catch (error) {
    throw new KbError('fileReadFailed', (error as Error).message, {
      params: { reason: (error as NodeJS.ErrnoException).code ?? 'EIO' },
    });
  }
}

function countsLine(t: TFunction, bundle: Bundle): string {
  return shownCollections(bundle)
    .map((c) => t(`cli:count.${c}`, { count: bundle.content[c]?.length ?? 0 }))
    .join(', ');
}

function inspect(t: TFunction, language: Lang, bundle: Bundle, io: CliIo): void {
  const { content } = bundle;
  const name = (id: string) => content.organisations.find((o) => o.id === id)?.name[language] ?? id;
  const date = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short' }).format(
    new Date(bundle.exportedAt),
  );
  io.out(t('cli:format', { version: bundle.schemaVersion }));
  io.out(
    t('cli:exported', {
      date,
      organisation: name(bundle.exportedBy.organisationId),
      installation: bundle.exportedBy.installationId,
    }),
  );
  io.out(t('cli:contents'));
  for (const c of shownCollections(bundle)) io.out(`  ${t(`cli:count.${c}`, { count: content[c]?.length ?? 0 })}`);
  io.out(`  ${t('cli:count.tombstones', { count: content.tombstones.length })}`);
  io.out(`  ${t('cli:count.conflicts', { count: content.conflicts.length })}`);
  io.out(t('cli:organisations', { list: content.organisations.map((o) => o.name[language]).join(', ') || '–' }));
  const practices = [
    ...content.practices,
    ...content.tombstones.filter((x) => x.collection === 'practices').map((x) => x.record),
  ];
  const byLanguage = LANGUAGES.map((lang) =>
    t('cli:languageCount', {
      language: lang.toUpperCase(),
      count: practices.filter((p) => 'texts' in p && p.texts[lang]).length,
    }),
  );
  io.out(t('cli:languages', { list: byLanguage.join(', ') }));
  io.out(t('cli:checksum', { value: bundle.checksum.value }));
}
