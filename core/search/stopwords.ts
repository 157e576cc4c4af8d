/**
 * Function words left out of the index and the query: they carry no meaning
 * for search and would make every multi-word query match everything.
 * Based on the Snowball stop word lists for German and Dutch.
 */
import type { Lang } from '../../shared/model';
import { foldWord } from '../../shared/fold';

const GERMAN = `aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes
anderm andern anders auch auf aus bei bin bis bist da damit dann das dass dasselbe dazu dein deine deinem
deinen deiner deines dem demselben den denn denselben der derer derselbe derselben des desselben dessen
dich die dies diese dieselbe dieselben diesem diesen dieser dieses dir doch dort du durch ein eine einem
einen einer eines einig einige einigem einigen einiger einiges einmal er es etwas euch euer eure eurem
euren eurer eures für gegen gewesen hab habe haben hat hatte hatten hier hin hinter ich ihm ihn ihnen ihr
ihre ihrem ihren ihrer ihres im in indem ins ist jede jedem jeden jeder jedes jene jenem jenen jener jenes
jetzt kann kein keine keinem keinen keiner keines können könnte machen man manche manchem manchen mancher
manches mein meine meinem meinen meiner meines mich mir mit muss musste nach nicht nichts noch nun nur ob
oder ohne sehr sein seine seinem seinen seiner seines selbst sich sie sind so solche solchem solchen
solcher solches soll sollte sondern sonst über um und uns unser unsere unserem unseren unserer unseres
unter viel vom von vor während war waren warst was weil weiter welche welchem welchen welcher welches
wenn werde werden wie wieder will wir wird wirst wo wollen wollte würde würden zu zum zur zwar zwischen`;

const DUTCH = `aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door dus een
eens en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand iets ik in is ja je kan
kon kunnen maar me meer men met mij mijn moet na naar niet niets nog nu of om omdat onder ons ook op over
reeds te tegen toch toen tot u uit uw van veel voor want waren was wat werd wezen wie wil worden wordt zal
ze zelf zich zij zijn zo zonder zou`;

const STOPWORDS: Record<Lang, ReadonlySet<string>> = {
  de: new Set(GERMAN.split(/\s+/).map((word) => foldWord(word, 'de'))),
  nl: new Set(DUTCH.split(/\s+/).map((word) => foldWord(word, 'nl'))),
};

/** Whether a folded word is a stop word in `lang`. */
export function isStopword(folded: string, lang: Lang): boolean {
  return STOPWORDS[lang].has(folded);
}
