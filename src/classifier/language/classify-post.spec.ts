import { ComplaintClassifier } from '../complaint-classifier';
import { analysedLanguages, classifyPost } from './classify-post';

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
});
