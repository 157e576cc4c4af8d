/** Types for the modules that ship none: turndown's GFM rules (tables, strikethrough). */
declare module '@joplin/turndown-plugin-gfm' {
  import type TurndownService from 'turndown';
  export const gfm: TurndownService.Plugin;
}

/** pdf.js's worker module, loaded in the main thread as its "fake worker"; only its presence matters here. */
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
