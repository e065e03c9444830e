/**
 * Every interface label the LinkedIn adapter reads, in the languages of LinkedIn's interface
 * that reps use most: English, German, French, Spanish, then Portuguese, Italian and Dutch.
 * LinkedIn serves the interface in the member's display language, whatever the browser asks
 * for, so a label read in English only is a field lost for every rep who set another language
 * (profile-german.html, profile-ember-pt-br.html).
 *
 * A label is read only where it is the only signal: the current-company button's aria-label,
 * the "Contact info" link's text once its address changes, and the words that tell a name's
 * neighbours (pronouns, connection degree, the verified badge) from the headline. Names,
 * headlines and places are never matched against words, and a label that is missing or worded
 * differently only loses a field: it can never make the adapter read another person.
 *
 * Each entry names the fixtures that show it. English and German are on the fixtures; French
 * "Coordonnées", the pronouns and "· 3e+" on profile-unicode.html; the German and French degree
 * forms ("· 1.", "Kontakt 1. Grades", "· 1er") also in a public connection-state detector's
 * per-locale tables. Portuguese on profile-ember-pt-br.html, Italian on profile-cyrillic-it.html,
 * Dutch ("bij") on profile-feed-first-nl.html. The current-company wording in French, Spanish,
 * Italian and Dutch, and the Italian and Dutch "Contact info", are LinkedIn's as commonly cited,
 * not seen on a live page: a wrong one loses a field, never names anyone. Re-check every entry
 * 2027-06.
 */
interface Languages<T> {
  readonly en: T;
  readonly de: T;
  readonly fr: T;
  readonly es: T;
  readonly [other: string]: T;
}

export const LABELS = {
  /**
   * The Ember top card's current-company button: `aria-label="Current company: X. Click to skip
   * to experience card"`. Prefixes without the colon: French puts a (no-break) space before it.
   * profile-hashed, -classic, -crowded, -contact-info, spa-profile-a (en), profile-german (de),
   * profile-ember-fr-2025 (fr), profile-ember-pt-br (pt).
   */
  currentCompany: {
    en: 'Current company',
    de: 'Aktuelles Unternehmen',
    fr: 'Entreprise actuelle',
    es: 'Empresa actual',
    pt: 'Empresa atual',
    it: 'Azienda attuale',
    nl: 'Huidig bedrijf',
  },
  /** The same aria-label's tail, cut off when the button shows no text of its own (same fixtures). */
  experienceCardTail: {
    en: 'Click to skip to experience card',
    de: 'Klicken Sie, um zur Karte „Berufserfahrung“ zu springen',
    fr: 'Cliquez pour passer à la carte Expérience',
    es: 'Haz clic para ir a la tarjeta de experiencia',
    pt: 'Clique para pular para o cartão de experiência',
    it: 'Fai clic per passare alla scheda Esperienza',
    nl: 'Klik om naar de ervaringskaart te gaan',
  },
  /**
   * The top card's "Contact info" link: the location line is the last line before it. Every
   * profile fixture (en), profile-german (de), profile-unicode (fr), profile-contact-info-es-text
   * (es), profile-ember-pt-br (pt), profile-cyrillic-it (it).
   */
  contactInfo: {
    en: 'Contact info',
    de: 'Kontaktinfo',
    fr: 'Coordonnées',
    es: 'Información de contacto',
    pt: 'Informações de contato',
    it: 'Informazioni di contatto',
    nl: 'Contactgegevens',
  },
  /** The verification badge's text beside the name (profile-sdui.html's badge, as an aria-label). */
  verified: { en: 'Verified', de: 'Verifiziert', fr: 'Vérifié', es: 'Verificado' },
  /** Pronoun words, shown as "She/Her", "(Il/Lui)" beside the name (profile-sdui, -german, -unicode). */
  pronouns: {
    en: 'he|him|his|she|her|hers|they|them|theirs|ze|zir|hir|xe|xem',
    de: 'er|ihm|sie|ihr',
    fr: 'il|lui|elle|iel',
    es: 'él|ella|elle',
    it: 'lui|lei|loro',
    nl: 'hij|hem|zij|haar',
    pt: 'ele|dele|ela|dela',
  },
  /**
   * Ordinal endings of the connection degree ("· 2nd", "· 2.", "· 2e", "· 2º"; "1st degree
   * connection", "Kontakt 1. Grades", "Relation de 1er niveau", "Contacto de 1er grado"):
   * profile-hashed-2025, -german, -unicode, salesnav-lead-bare.
   */
  ordinals: { en: 'st|nd|rd|th', de: '\\.', fr: 'er|re|e', es: 'º|°|o|\\.º|\\.er' },
  /**
   * "Title at Company" in a headline: the word before the current company (profile-classic,
   * -german, -ember-fr-2025, -contact-info-es-text, -ember-pt-br, -cyrillic-it); Dutch as
   * profile-feed-first-nl's headlines show it.
   */
  at: { en: 'at', de: 'bei', fr: 'chez', es: 'en', pt: 'na|no|em', it: 'presso', nl: 'bij' },
  /** Words of a school's name: a lone school badge is no employer (profile-sdui, -stale-title). */
  school: {
    en: 'universit|school|college|institut|academy|polytechn',
    de: 'hochschule|akademie',
    fr: 'école|ecole',
    es: 'escuela',
    pt: 'escola|faculdade',
    it: 'scuola',
    nl: 'hogeschool',
  },
} as const satisfies Record<string, Languages<string>>;

export type LabelKey = keyof typeof LABELS;

/** Every language's wording of one label. */
export function labels(key: LabelKey): string[] {
  return Object.values(LABELS[key]);
}

/** One alternation of every language's words of `key`, for a regular expression. */
export function labelWords(key: LabelKey): string {
  return labels(key).join('|');
}
