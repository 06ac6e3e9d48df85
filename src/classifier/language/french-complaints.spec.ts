import { classifyFrench } from './french-complaints';

describe('classifyFrench (rules: natural French stems, phrases, pattern-sentiment-fr)', () => {
  it('flags the issue example: a third failed delivery, "inadmissible"', () => {
    const c = classifyFrench("Troisième livraison ratée ! c'est inadmissible");
    expect(c).toMatchObject({ angry: true, category: 'delivery', language: 'fr', analysed: true });
    expect(c.reasons).toEqual(
      expect.arrayContaining([
        "'inadmissible' (French complaint word)",
        "'livraison ratee' (French complaint phrase)",
      ]),
    );
  });

  it.each([
    ['Colis jamais arrivé, je veux un remboursement', 'delivery'],
    ["C'est une arnaque, remboursez-moi", 'billing'],
    ["L'appli ne marche plus depuis hier", 'outage'],
    ['Toujours pas de réponse du service client', 'customer_service'],
  ])('complaint: %s', (text, category) => {
    expect(classifyFrench(text)).toMatchObject({ angry: true, category });
  });

  it.each([
    'Merci Acme, livraison rapide et parfaite',
    'Je viens de recevoir ma commande, tout est en ordre',
    'Bonjour, vous ouvrez à quelle heure demain ?',
  ])('calm: %s', (text) => {
    expect(classifyFrench(text)).toMatchObject({ angry: false, intensity: 'low', category: 'other' });
  });

  it('raises churn, legal and harm flags (harm sets intensity high)', () => {
    expect(classifyFrench('Je vais résilier mon abonnement').flags.churnThreat).toBe(true);
    expect(classifyFrench('Mon avocat va vous contacter').flags.legalThreat).toBe(true);
    const burned = classifyFrench('La bouilloire a explosé, je me suis brûlé la main');
    expect(burned).toMatchObject({ angry: true, intensity: 'high', category: 'safety_legal' });
    expect(burned.flags.safetyRisk).toBe(true);
  });
});
