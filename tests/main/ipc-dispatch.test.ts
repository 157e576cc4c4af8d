import { describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../shared/contract';
import { createDispatcher, type Handlers } from '../../electron/main/ipc/dispatch';
import { KbError } from '../../core/base/errors';

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const unused = () => {
    throw new Error('not called in this test');
  };
  return { ...Object.fromEntries(CHANNELS.map((channel) => [channel, unused])), ...overrides } as Handlers;
}

describe('the IPC dispatcher', () => {
  it('passes a valid payload, with defaults applied, to its handler', async () => {
    const listPractices = vi.fn(() => ({ total: 0, offset: 0, items: [] }));
    const dispatch = createDispatcher(handlers({ listPractices }));
    expect(await dispatch('listPractices', { topicId: 'topic-roundabouts' })).toEqual({
      ok: true,
      value: { total: 0, offset: 0, items: [] },
    });
    expect(listPractices).toHaveBeenCalledWith(
      { topicId: 'topic-roundabouts', offset: 0, limit: 100 },
      expect.objectContaining({ progress: expect.any(Function) }),
    );
  });

  it.each([
    ['an unknown channel', 'deleteEverything', {}],
    ['an inherited property name', 'constructor', {}],
    ['a payload of the wrong type', 'getPractice', 'practice-1'],
    ['a missing field', 'getPractice', {}],
    ['an extra field', 'getPractice', { id: 'x', admin: true }],
    ['a prototype-pollution key', 'getPractice', JSON.parse('{"id":"x","__proto__":{"polluted":1}}')],
    ['a language that does not exist', 'setLanguage', { language: 'en' }],
    ['a javascript: link', 'openExternal', { url: 'javascript:alert(1)' }],
    ['a file: link', 'openExternal', { url: 'file:///etc/passwd' }],
    ['a payload for a channel without one', 'getOverview', { sneaky: 1 }],
    ['staged bytes with an extra field', 'stageAttachment', { name: 'a.png', data: new Uint8Array(1), owner: {} }],
    ['staged bytes that are not bytes', 'stageAttachment', { name: 'a.png', data: 'iVBORw0KGgo=' }],
  ])('refuses %s as invalidRequest without calling a handler', async (_name, channel, payload) => {
    const spy = vi.fn();
    const all = Object.fromEntries(CHANNELS.map((c) => [c, spy])) as unknown as Handlers;
    const result = await createDispatcher(all)(channel, payload);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalidRequest' } });
    expect(spy).not.toHaveBeenCalled();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('returns a KbError from a handler as its typed error', async () => {
    const dispatch = createDispatcher(
      handlers({
        getPractice: () => {
          throw new KbError('notFound', 'practice x');
        },
      }),
    );
    expect(await dispatch('getPractice', { id: 'x' })).toEqual({
      ok: false,
      error: { code: 'notFound', detail: 'practice x' },
    });
  });

  it('turns an unexpected exception into an internal error and logs it', async () => {
    const log = vi.fn();
    const dispatch = createDispatcher(
      handlers({
        getOverview: () => {
          throw new TypeError('boom');
        },
      }),
      log,
    );
    expect(await dispatch('getOverview', undefined)).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(log).toHaveBeenCalledOnce();
  });
});
