import PorterStemmerFr from 'natural/lib/natural/stemmers/porter_stemmer_fr';
import frenchLexicon from 'natural/lib/natural/sentiment/French/pattern-sentiment-fr.json';
import { Category, Classification, Intensity, noFlags } from '../classifier.types';

/**
 * French complaints, by rules: there is no labelled French complaint data here to train a model on,
 * so these cues are what a French-reading care agent looks for. Words are matched by natural's French
 * Porter stem ("arnaque", "arnaqué", "arnaques" → "arnaqu"), phrases on the lower-cased text with
 * accents removed; natural's French sentiment vocabulary (pattern-sentiment-fr) adds strongly
 * negative adjectives as weaker evidence. A complaint needs two points: one strong cue, or two weak.
 */

/** Stems that make a post a complaint on their own (2 points). */
const STRONG_STEMS = new Map<string, string>([
  ['inadmissibl', 'inadmissible'],
  ['inaccept', 'inacceptable'],
  ['scandal', 'scandaleux'],
  ['arnaqu', 'arnaque'],
  ['escroc', 'escroc'],
  ['escroqu', 'escroquerie'],
  ['honteux', 'honteux'],
  ['lamentabl', 'lamentable'],
  ['dégueulass', 'dégueulasse'],
  ['pitoyabl', 'pitoyable'],
  ['catastroph', 'catastrophique'],
]);

/** Stems that hint at a complaint (1 point each). */
const WEAK_STEMS = new Map<string, string>([
  ['rembours', 'remboursement'],
  ['plaint', 'plainte'],
  ['réclam', 'réclamation'],
  ['déçu', 'déçu'],
  ['décept', 'déception'],
  ['retard', 'retard'],
  ['pann', 'panne'],
  ['nul', 'nul'],
  ['pir', 'pire'],
  ['cass', 'cassé'],
  ['rat', 'raté'],
  ['annul', 'annulé'],
  ['bug', 'bug'],
  ['marr', 'marre'],
  ['abus', 'abusé'],
]);

/** Phrases on accent-free lower-case text, with their points and what they are about. */
const PHRASES: { re: RegExp; points: number; category?: Category }[] = [
  {
    re: /\blivraisons? (?:ratee|manquee|en retard|jamais (?:arrivee|recue)|perdue)/,
    points: 2,
    category: 'delivery',
  },
  {
    re: /\b(?:colis|commande|paquet) (?:perdue?|jamais (?:arrivee?|recue?)|toujours pas (?:arrivee?|recue?)|en retard|endommagee?|abimee?)/,
    points: 2,
    category: 'delivery',
  },
  {
    re: /\b(?:toujours pas|jamais) (?:recue?|arrivee?|livree?|rembourse(?:e|s)?|de (?:reponse|nouvelles))/,
    points: 2,
  },
  { re: /\b(?:aucune|pas de|sans) (?:reponse|nouvelles)\b/, points: 2, category: 'customer_service' },
  {
    re: /\b(?:ne (?:marche|fonctionne) (?:pas|plus)|(?:marche|fonctionne) pas|en panne|plante sans arret|impossible de (?:me connecter|se connecter|payer|commander|joindre))/,
    points: 2,
    category: 'outage',
  },
  { re: /\b(?:(?:deuxieme|troisieme|quatrieme|cinquieme|\d+e) fois|encore une fois)\b/, points: 1 },
  {
    re: /\b(?:ras le bol|j'en ai marre|c'est une honte|foutage de gueule|se fout(?:ent)? de nous|n'importe quoi)/,
    points: 2,
  },
  {
    re: /\b(?:rembourse[rz]?[- ]moi|je (?:veux|demande|exige) (?:d'etre rembourse|un remboursement|mon argent))/,
    points: 2,
    category: 'billing',
  },
  {
    re: /\b(?:debite|preleve|facture)e?s? (?:deux fois|2 fois|a tort|en double)/,
    points: 2,
    category: 'billing',
  },
  {
    re: /\bservice (?:client|apres[- ]vente) (?:nul|inexistant|injoignable|lamentable)/,
    points: 2,
    category: 'customer_service',
  },
];

const LEGAL =
  /\b(?:avocat|tribunal|porter plainte|plainte contre|mise en demeure|ufc[- ]que choisir|60 millions de consommateurs|dgccrf|mediateur)\b/;
const CHURN =
  /\b(?:resilie[rz]?|resiliation|je (?:pars|passe) (?:chez|a la concurrence)|je change d'operateur|plus jamais (?:chez|avec)|je me desabonne|opposition bancaire)\b/;
const HARM =
  /\b(?:brule[es]? (?:la |ma |mon |sa |son )?(?:main|bras|doigt|visage|peau|fils|fille|enfant)|je me suis brule|blesse[es]?|a l'hopital|aux urgences|intoxication|intoxique[es]?|allergique|electrocute[es]?)\b/;
const SAFETY = /\b(?:pris feu|explose|fumee|dangereu(?:x|se)|rappel du produit)\b/;

const STRONGLY_NEGATIVE = new Set(
  Object.entries(frenchLexicon as Record<string, { polarity: string }>)
    .filter(([, v]) => Number(v.polarity) <= -0.5)
    .map(([w]) => w),
);

const WORD = /\p{L}[\p{L}'’-]*/gu;

function foldAccents(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '');
}

/** A French post classified by the rules above: same shape as the model's answer, language "fr". */
export function classifyFrench(input: string): Classification {
  const text = input.toLowerCase().replace(/’/g, "'");
  const folded = foldAccents(text);
  let points = 0;
  let category: Category = 'other';
  const reasons: string[] = [];
  for (const word of text.match(WORD) ?? []) {
    const bare = word.replace(/^(?:[ldjmnstc]|qu)'/, '');
    const stem = PorterStemmerFr.stem(bare);
    const strong = STRONG_STEMS.get(stem);
    const weak = WEAK_STEMS.get(stem);
    if (strong) {
      points += 2;
      reasons.push(`'${bare}' (French complaint word)`);
    } else if (weak) {
      points += 1;
      reasons.push(`'${bare}' (French complaint word)`);
    } else if (STRONGLY_NEGATIVE.has(bare)) {
      points += 1;
      reasons.push(`'${bare}' (French negative word)`);
    }
  }
  for (const p of PHRASES) {
    const m = p.re.exec(folded);
    if (!m) continue;
    points += p.points;
    if (p.category && category === 'other') category = p.category;
    reasons.push(`'${m[0]}' (French complaint phrase)`);
  }
  const flags = noFlags();
  const evidence: string[] = [];
  const flag = (re: RegExp, label: string, set: () => void): void => {
    const m = re.exec(folded);
    if (!m) return;
    set();
    evidence.push(`'${m[0]}' (${label})`);
  };
  flag(LEGAL, 'legal threat', () => (flags.legalThreat = true));
  flag(CHURN, 'churn threat', () => (flags.churnThreat = true));
  let harm = false;
  flag(HARM, 'someone hurt: safety risk', () => (harm = flags.safetyRisk = true));
  flag(SAFETY, 'safety risk', () => (flags.safetyRisk = true));
  if (flags.legalThreat || flags.safetyRisk) category = 'safety_legal';
  // As in English: someone hurt, or a customer leaving, needs an answer however calmly it is put.
  const angry = points >= 2 || harm || flags.churnThreat;
  const score = angry ? Math.min(0.5 + 0.1 * Math.max(points - 2, 0), 0.95) : Math.min(points * 0.2, 0.45);
  const exclamations = (text.match(/!/g) ?? []).length;
  const intensity: Intensity = harm
    ? 'high'
    : !angry
      ? 'low'
      : points >= 5 || (points >= 3 && exclamations >= 2)
        ? 'high'
        : points >= 3 || exclamations >= 1
          ? 'medium'
          : 'low';
  return {
    angry,
    score: Math.round(score * 1e4) / 1e4,
    intensity,
    category: angry ? category : 'other',
    reasons: [...new Set([...reasons, ...evidence])].slice(0, 6),
    flags,
    language: 'fr',
    analysed: true,
  };
}
