/**
 * Who writes here: the person (asked on first start, stamped on every
 * record they save) and the installation (counted in every version vector).
 */
import type { Author, VersionVector } from '../../shared/model';
import { KbError } from '../base/errors';
import { nextVersion } from '../base/versioning';
import type { Store } from '../store/store';

export class Identity {
  readonly #store: Store;

  constructor(store: Store) {
    this.#store = store;
  }

  /** Who is writing; writing is refused until the user has said who they are. */
  author(): Author {
    const user = this.#store.settings.user;
    if (!user) throw new KbError('identityRequired');
    return user;
  }

  /**
   * The version stamp of a change made here on top of `previous` (nothing,
   * for a new record) and of any other versions it includes (those of a
   * conflict it resolves).
   */
  stamp(
    previous?: { version: VersionVector },
    ...included: VersionVector[]
  ): { version: VersionVector; changedBy: string } {
    const installationId = this.#store.installationId;
    return { version: nextVersion(installationId, previous?.version ?? {}, ...included), changedBy: installationId };
  }
}
