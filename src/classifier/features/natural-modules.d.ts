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
