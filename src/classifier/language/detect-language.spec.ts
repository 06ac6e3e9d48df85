import { detectLanguage } from './detect-language';

describe('detectLanguage', () => {
  it.each([
    ["Troisième livraison ratée ! c'est inadmissible", 'fr'],
    ['Meine Bestellung ist immer noch nicht angekommen', 'de'],
    ['El pedido llegó roto, quiero un reembolso', 'es'],
    ["my password won't go through @acme", 'en'],
    ['Cancelling my Acme subscription today', 'en'],
  ])('%s → %s (the detector is sure)', (text, language) => {
    expect(detectLanguage(text)).toEqual({ language, via: 'detector' });
  });

  it('falls back to the declared language when the text is too short to tell', () => {
    expect(detectLanguage('merci acme', 'fr-FR')).toEqual({ language: 'fr', via: 'declared' });
    expect(detectLanguage('@acme thanks!', 'en')).toEqual({ language: 'en', via: 'declared' });
  });

  it('falls back to English when nothing is declared (or the declaration is "und" or junk)', () => {
    expect(detectLanguage('ok 👍')).toEqual({ language: 'en', via: 'default' });
    expect(detectLanguage('zzz', 'und')).toEqual({ language: 'en', via: 'default' });
    expect(detectLanguage('zzz', '12')).toEqual({ language: 'en', via: 'default' });
  });

  it('takes plain English without the detector, foreign function words in English posts included', () => {
    expect(detectLanguage('Adds Pillows Instead of Lie-Flat Seats in First Class Arms Race')).toEqual({
      language: 'en',
      via: 'detector',
    });
    expect(detectLanguage('@united I was flying non stop to LA and the crew was great')).toEqual({
      language: 'en',
      via: 'detector',
    });
    // Mostly foreign words with a little English: not the shortcut.
    expect(
      detectLanguage('Merci pour rien, votre service client ne repond jamais a mes messages').language,
    ).toBe('fr');
    expect(detectLanguage('Servicio muy malo, nunca mas vuelo con ustedes').language).toBe('es');
    expect(detectLanguage('Schlechter Service, nie wieder, sehr enttäuscht').language).toBe('de');
  });

  it('sends a post with an accented letter or a foreign function word to the detector, not the English shortcut', () => {
    // "the" and "my" are English markers, but "est" and "pas" are French ones.
    expect(detectLanguage("the app Acme est nul, ça ne marche pas sur my phone, c'est nul").language).toBe(
      'fr',
    );
  });
});

describe('detectLanguage: the English shortcut beyond function words', () => {
  it.each([
    'slowest baggage claim ever',
    'APPLE - Technical levels - intraday update',
    '@united can we get an explanation on why UA978 from São Paulo to Houston has been delayed?',
    'my fiancé has been waiting for the refund for two weeks',
    'I don’t think you’ll ever fix this',
  ])('%s → en', (text) => {
    expect(detectLanguage(text)).toEqual({ language: 'en', via: 'detector' });
  });

  it.each([
    ['Troisième colis perdu, et le service client ne répond jamais', 'fr'],
    ['Pedido perdido, reembolso pendiente desde hace semanas', 'es'],
    ['Lieferung verspätet und der Kundendienst antwortet nicht', 'de'],
    ['Il mio ordine non è mai arrivato e il servizio clienti non risponde', 'it'],
    // Accented words beyond a name or two are the detector's, English words around them or not.
    ['the colis est arrivé abîmé et le service client ne répond pas', 'fr'],
  ])('%s → %s', (text, language) => {
    expect(detectLanguage(text).language).toBe(language);
  });
});
