import type { Category, Classification } from '../classifier/classifier.types';
import type { Remedies } from './reply-policy';

/** Who takes a case further, by what it is about: a specialist draft hands over to them. */
const TEAMS: Record<Category, string> = {
  delivery: 'our delivery team',
  billing: 'our billing team',
  outage: 'our technical team',
  product_quality: 'our product team',
  customer_service: 'a team lead',
  account_access: 'our account team',
  pricing: 'our billing team',
  safety_legal: 'a senior colleague',
  other: 'a senior colleague',
};

export function teamFor(c: Pick<Classification, 'category' | 'flags'>): string {
  if (c.flags.safetyRisk) return 'our safety team';
  if (c.flags.legalThreat) return 'a senior colleague';
  return TEAMS[c.category] ?? TEAMS.other;
}

/** Which remedies fit which complaint: a refund for an outage or a replacement for a bill make no sense. */
const REMEDY_FIT: Record<keyof Remedies, Category[]> = {
  refund: ['delivery', 'billing', 'product_quality', 'pricing'],
  replacement: ['delivery', 'product_quality'],
  credit: ['outage', 'account_access', 'customer_service', 'billing', 'other'],
  // Never for safety & legal: an offer there reads as an admission and belongs to the senior person.
  discount: [
    'delivery',
    'billing',
    'outage',
    'product_quality',
    'customer_service',
    'account_access',
    'pricing',
    'other',
  ],
};

/** The remedies a draft may offer for this complaint, in words ("a refund", "20% off your next order"). */
export function allowedRemedies(remedies: Remedies, category: Category): string[] {
  const offers: string[] = [];
  if (remedies.refund && REMEDY_FIT.refund.includes(category)) offers.push('a refund');
  if (remedies.replacement && REMEDY_FIT.replacement.includes(category)) offers.push('a replacement');
  if (remedies.credit && REMEDY_FIT.credit.includes(category)) offers.push('account credit');
  if (remedies.discount && REMEDY_FIT.discount.includes(category))
    offers.push(`${remedies.discount} off your next order`);
  return offers;
}

/** The classifier's personal stakes in words that read after "this affects …". */
const STAKES: Record<string, string> = {
  wedding: 'your wedding',
  funeral: 'your family at a difficult time',
  'sick child': 'your unwell child',
  baby: 'your baby',
  'lost photos': 'your photos and the memories in them',
  birthday: 'a birthday celebration',
  honeymoon: 'your honeymoon',
  medication: 'your medication',
  pregnant: 'your pregnancy',
  'elderly parent': 'someone you care for',
  'holiday gift': 'a gift that matters',
  'job interview': 'your interview',
  exam: 'your exam',
  disability: 'your access needs',
  'moving house': 'your move',
};

export function stakeWords(stakes: string[]): string | null {
  if (stakes.length === 0) return null;
  return STAKES[stakes[0]] ?? 'something this important to you';
}
