/** The native menu, labelled in the interface language. */
import type { MenuItemConstructorOptions } from 'electron';
import type { TFunction } from 'i18next';

export interface MenuActions {
  about(): void;
}

export function menuTemplate(
  t: TFunction,
  actions: MenuActions,
  platform: NodeJS.Platform,
): MenuItemConstructorOptions[] {
  const m = (key: string) => t(key, { ns: 'menu' });
  const mac = platform === 'darwin';
  return [
    ...(mac
      ? [
          {
            label: 'twinning-kb',
            submenu: [
              { role: 'about', label: m('about') },
              { type: 'separator' },
              { role: 'hide', label: m('hide') },
              { role: 'quit', label: m('quit') },
            ],
          } satisfies MenuItemConstructorOptions,
        ]
      : []),
    {
      label: m('file'),
      submenu: [mac ? { role: 'close', label: m('close') } : { role: 'quit', label: m('quit') }],
    },
    {
      label: m('edit'),
      submenu: [
        { role: 'undo', label: m('undo') },
        { role: 'redo', label: m('redo') },
        { type: 'separator' },
        { role: 'cut', label: m('cut') },
        { role: 'copy', label: m('copy') },
        { role: 'paste', label: m('paste') },
        { role: 'selectAll', label: m('selectAll') },
      ],
    },
    {
      label: m('view'),
      submenu: [
        { role: 'resetZoom', label: m('resetZoom') },
        { role: 'zoomIn', label: m('zoomIn') },
        { role: 'zoomOut', label: m('zoomOut') },
        { type: 'separator' },
        { role: 'togglefullscreen', label: m('fullscreen') },
      ],
    },
    {
      label: m('help'),
      role: 'help',
      submenu: [{ label: m('about'), click: () => actions.about() }],
    },
  ];
}
