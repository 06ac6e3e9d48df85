/** Types for the `natural` submodules imported by deep path (its index loads dotenv, which prints to stdout). */
declare module 'natural/lib/natural/stemmers/porter_stemmer' {
  const PorterStemmer: { stem(token: string): string };
  export = PorterStemmer;
}

declare module 'natural/lib/natural/tokenizers/regexp_tokenizer' {
  export class RegexpTokenizer {
    constructor(opts: { pattern: RegExp; gaps?: boolean });
    tokenize(text: string): string[] | null;
  }
}

declare module 'natural/lib/natural/util/stopwords' {
  export const words: string[];
}

declare module 'natural/lib/natural/stemmers/porter_stemmer_fr' {
  const PorterStemmerFr: { stem(token: string): string };
  export = PorterStemmerFr;
}

declare module 'natural/lib/natural/sentiment/French/pattern-sentiment-fr.json' {
  const lexicon: Record<string, { polarity: string }>;
  export = lexicon;
}
