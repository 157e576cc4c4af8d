/**
 * A name put in brackets after another ("Erika Muster (…)") must not bring
 * brackets of its own: the Dutch name of Tempelhof-Schöneberg is
 * "Tempelhof-Schöneberg (Berlijn)", and "Erika Muster (Tempelhof-Schöneberg
 * (Berlijn))" reads badly. Inside brackets, its own bracketed part follows a
 * comma instead: "Erika Muster (Tempelhof-Schöneberg, Berlijn)".
 */
export function withinBrackets(name: string): string {
  return name
    .replace(/\s*\(([^()]*)\)/gu, (_, inner: string) => (inner.trim() ? `, ${inner.trim()}` : ''))
    .replace(/[()]/gu, '')
    .trim();
}
