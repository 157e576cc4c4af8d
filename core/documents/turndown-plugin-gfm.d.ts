/** The GitHub-flavoured Markdown rules for turndown (tables, strikethrough); the package ships no types. */
declare module '@joplin/turndown-plugin-gfm' {
  import type TurndownService from 'turndown';
  export const gfm: TurndownService.Plugin;
}
