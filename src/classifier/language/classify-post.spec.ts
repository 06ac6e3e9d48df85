import { ComplaintClassifier } from '../complaint-classifier';
import { analysedLanguages, classifyPost } from './classify-post';
import { detectLanguage } from './detect-language';
import { newWordCounts } from './english-vocabulary';

describe('classifyPost: each post in its own language, none passed off as calm', () => {
  const model = ComplaintClassifier.load();
  const FRENCH = "Troisième livraison ratée ! c'est inadmissible";

  it('analyses a brand with no languages configured in English only', () => {
    expect([...analysedLanguages([[]])]).toEqual(['en']);
    expect([...analysedLanguages([['en', 'fr-CA', 'de']])].sort()).toEqual(['en', 'fr']);
    expect([...analysedLanguages([['de'], ['fr']])]).toEqual(['fr']);
  });

  it('flags the French example for a brand configured with languages [en, fr]', () => {
    const c = classifyPost(model, FRENCH, null, analysedLanguages([['en', 'fr']]));
    expect(c).toMatchObject({ angry: true, language: 'fr', analysed: true });
  });

  it('marks the same post "not analysed" (not calm) for an English-only brand', () => {
    const c = classifyPost(model, FRENCH, null, analysedLanguages([['en']]));
    expect(c).toMatchObject({ angry: false, language: 'fr', analysed: false });
    expect(c.reasons[0]).toMatch(/French, which is not analysed/);
  });

  it('marks a German post not analysed even for [en, fr]', () => {
    const c = classifyPost(
      model,
      'Meine Bestellung ist immer noch nicht angekommen',
      null,
      new Set(['en', 'fr']),
    );
    expect(c).toMatchObject({ language: 'de', analysed: false });
  });

  it('classifies English with the model, and a short unsure text by its declared language', () => {
    expect(classifyPost(model, 'Filing a chargeback tomorrow', null, new Set(['en']))).toMatchObject({
      angry: true,
      language: 'en',
      analysed: true,
    });
    expect(classifyPost(model, 'merci', 'fr', new Set(['en']))).toMatchObject({
      language: 'fr',
      analysed: false,
    });
  });

  it('counts the words for the English shortcut as it classifies, as the detector would', () => {
    const words = newWordCounts();
    model.classify('@acme slowest baggage claim ever #fail https://x.example/1', words);
    // Handle, hashtag and link aside: four words, two of them on the everyday list ("claim", "ever").
    expect(words).toEqual({ count: 4, core: 0, everyday: 2, other: 0, accented: 0 });
    model.classify("the app Acme est nul, ça ne marche pas sur my phone, c'est nul", words);
    expect(words.other).toBeGreaterThanOrEqual(2);
    expect(words.accented).toBe(1);
    model.classify('', words);
    expect(words.count).toBe(0);
  });

  it.each([
    ['slowest baggage claim ever', 'en'],
    ['@united can we get an explanation on why UA978 from São Paulo has been delayed?', 'en'],
    ["the app Acme est nul, ça ne marche pas sur my phone, c'est nul", 'fr'],
    ['Merci pour rien, votre service client ne repond jamais a mes messages', 'fr'],
    ['Servicio muy malo, nunca mas vuelo con ustedes', 'es'],
    ['Meine Bestellung von Acme ist immer noch nicht angekommen', 'de'],
    ['Il mio ordine non è mai arrivato e il servizio clienti non risponde', 'it'],
    ['@united I was flying non stop to LA and the crew was great', 'en'],
  ])('%s: the same language as detectLanguage (%s)', (text, language) => {
    expect(detectLanguage(text).language).toBe(language);
    expect(classifyPost(model, text, null, new Set(['en', 'fr'])).language).toBe(language);
  });
});
