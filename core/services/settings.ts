/** The settings of this installation: the interface language and who writes here. */
import type { Author, Lang } from '../../shared/model';
import type { Settings } from '../../shared/responses';
import { changeSettings } from '../store/store';
import type { KbContext } from '../write/context';
import { requireReference } from '../write/references';

export class SettingsService {
  readonly #ctx: KbContext;

  constructor(ctx: KbContext) {
    this.#ctx = ctx;
  }

  /** German until the first start has picked a language. */
  get(): Settings {
    const { language, user } = this.#ctx.store.settings;
    return { language: language ?? 'de', user };
  }

  /** Whether the first start has picked a language yet. */
  get languageChosen(): boolean {
    return this.#ctx.store.settings.language !== null;
  }

  async setLanguage(language: Lang): Promise<Settings> {
    await this.#ctx.writer.apply([changeSettings({ language })]);
    return this.get();
  }

  async setUser(user: Author): Promise<Settings> {
    requireReference(this.#ctx.store, 'organisations', user.organisationId);
    await this.#ctx.writer.apply([
      changeSettings({ user: { name: user.name.trim(), organisationId: user.organisationId } }),
    ]);
    return this.get();
  }
}
