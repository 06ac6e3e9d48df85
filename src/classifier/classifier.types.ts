/** What a complaint is about. Ids are stable (stored, filtered on); labels are for people. */
export const CATEGORIES = {
  delivery: 'delivery & shipping',
  billing: 'billing & refunds',
  outage: 'outage & bugs',
  product_quality: 'product quality',
  customer_service: 'customer service',
  account_access: 'account & access',
  pricing: 'pricing',
  safety_legal: 'safety & legal',
  other: 'other',
} as const;
export type Category = keyof typeof CATEGORIES;
export const CATEGORY_IDS = Object.keys(CATEGORIES) as Category[];

export type Intensity = 'low' | 'medium' | 'high';

/** Escalation cues and personal stakes found in the text (the playbook's chain of command and emotional problem). */
export interface ClassificationFlags {
  legalThreat: boolean;
  safetyRisk: boolean;
  /** Cancellation, switching to a competitor, "never again". */
  churnThreat: boolean;
  /** The author says they are press, a blogger, or will take it public / viral. */
  pressOrInfluencer: boolean;
  /** What is at stake for the person, in a word or two each: "wedding", "lost photos", "sick child". Empty when none. */
  personalStakes: string[];
}

/** Flags with nothing found: a fresh object each call, since callers fill it in. */
export function noFlags(): ClassificationFlags {
  return {
    legalThreat: false,
    safetyRisk: false,
    churnThreat: false,
    pressOrInfluencer: false,
    personalStakes: [],
  };
}

/** The classifier's answer for one text. */
export interface Classification {
  /** An angry post or a complaint that needs a response. */
  angry: boolean;
  /** 0..1; 0.5 is the decision threshold; higher means more confident / more intense. */
  score: number;
  intensity: Intensity;
  category: Category;
  /** The few features that drove the decision, in words a manager understands. */
  reasons: string[];
  flags: ClassificationFlags;
  /**
   * The post's language (ISO 639-1): detected, else declared by the source, else English. Optional
   * so that classifications rebuilt from stored rows (which keep no such field) stay valid.
   */
  language?: string;
  /**
   * False when no model or rules read this language (or the brand does not analyse it): the other
   * fields then say nothing about the post, and a person must read it ("language not analysed").
   * Absent means analysed.
   */
  analysed?: boolean;
}

/** A labelled example for training or evaluation. */
export interface LabelledText {
  text: string;
  /** 1: angry post or complaint needing a response; 0: not. */
  label: 0 | 1;
  category?: Category;
  /** Where it came from (dataset name), for per-source evaluation. */
  source?: string;
}
