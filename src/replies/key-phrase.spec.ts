import { keyPhrase as sut, shortenPhrase } from './key-phrase';
import { isOffensive, removeInsultingAddress, removeProfanity } from './offensive-words';

const phrase = (text: string, hints?: string[]) => sut(text, { brandName: 'Acme', hints });

describe('keyPhrase', () => {
  it.each([
    [
      '@acme still waiting since the 3rd for my order. This is a f***ing joke',
      'still waiting since the 3rd for my order',
    ],
    [
      '@acme you charged me twice this month you absolute idiots. I want my money back',
      'you charged me twice this month',
    ],
    ['the f***ing parcel never came', 'parcel never came'],
    [
      'Bought the Acme blender last week and the jug cracked on the first use. Crap quality.',
      'jug cracked on the first use',
    ],
    ['My son’s present from @acme arrived smashed', 'son’s present from Acme arrived smashed'],
    ['Honestly @acme what is going on with you lately', 'what is going on with you lately'],
    ['ACME YOU HAVE RUINED MY WEEKEND', 'you have ruined my weekend'],
    ['my parcel is LOST again, third time this year 📦❌🤬', 'parcel is lost again'],
    ['Acme API returned 500 errors for six hours', 'Acme API returned 500 errors for six hours'],
  ])('%s', (text, expected) => {
    expect(phrase(text)).toBe(expected);
  });

  it('never quotes insults or profanity, even masked', () => {
    expect(phrase('you are useless clowns. worst company ever')).toBeNull();
    expect(phrase('sh!t service')).toBeNull();
    expect(phrase('Bullshit.')).toBeNull();
    expect(phrase('Charged twice again by those useless crooks at Acme')).toBeNull();
  });

  it('never repeats personal data: order numbers, phone numbers, emails, links', () => {
    expect(
      phrase('@acme order #88234571 never arrived, call me on 07700 900123 or email jane@example.com'),
    ).toBe('order never arrived');
    expect(phrase('tracking https://track.example.com/AB123456789 says delivered but no parcel')).toBe(
      'tracking says delivered',
    );
    expect(phrase('call me back on 555 123 4567 about the missing refund')).toBe(
      'call me back on about the missing refund',
    );
    expect(phrase('email me at jane.doe@example.com about the missing refund')).toBe(
      'email me at about the missing refund',
    );
  });

  it('does not echo phrasings a reply must never use', () => {
    expect(phrase('Your agent told me to calm down when I asked about being charged twice')).toBeNull();
    expect(phrase('They said it was your fault the parcel never arrived')).toBeNull();
    expect(phrase('your agent told me to calm down. Still no refund after 3 weeks.')).toBe(
      'Still no refund after 3 weeks',
    );
  });

  it('prefers the phrase the classifier pointed at', () => {
    const text = 'Waited on hold for 50 minutes again. Charged twice for one order.';
    expect(phrase(text)).toBe('Waited on hold for 50 minutes again');
    expect(phrase(text, ['charged twice'])).toBe('Charged twice for one order');
  });

  it('quotes fewer words rather than none when the words are long', () => {
    const long =
      'the replacement dishwasher installation appointment was cancelled without explanation twice consecutively yesterday afternoon';
    const q = phrase(long);
    expect(q).not.toBeNull();
    expect(q!.length).toBeLessThanOrEqual(90);
    expect(long).toContain(q!);
  });

  it('gives nothing for text with no words to quote', () => {
    expect(phrase('')).toBeNull();
    expect(phrase('😡😡😡 @acme #acmefail https://x.com')).toBeNull();
    expect(phrase('注文した商品がまだ届きません。もう二週間です。')).toBeNull();
  });
});

describe('shortenPhrase', () => {
  it('keeps the most telling words, cut between words, without dangling words at the edges', () => {
    const long = 'I have been waiting since the third of last month for the replacement sofa cushions';
    expect(shortenPhrase(long, 20)).toBe(
      'have been waiting since the third of last month for the replacement sofa cushions',
    );
    expect(shortenPhrase(long, 8)).toBe('been waiting since the third of last month');
    for (const n of [2, 3, 5, 8]) {
      const short = shortenPhrase(long, n);
      expect(short === null || long.includes(short)).toBe(true);
      expect((short ?? '').split(' ').length).toBeLessThanOrEqual(n);
      expect(short ?? '').not.toMatch(/\b(?:the|of|for|since)$/);
    }
  });

  it('returns null when fewer than two words remain', () => {
    expect(shortenPhrase('the parcel', 2)).toBeNull();
    expect(shortenPhrase('on hold for 2', 2)).toBeNull();
  });
});

describe('offensive words', () => {
  it.each(['fuck', 'F***ING', 'sh!t', 'b*tch', 'wtf', 'bollocks', 'you idiots', 'garbage', 'scammers'])(
    '%s is offensive',
    (w) => {
      expect(isOffensive(w)).toBe(true);
    },
  );

  it.each(['hello', 'class', 'Scunthorpe', 'assess', 'shell', 'Dickens', 'Arsenal', 'hi!', 'now!!'])(
    '%s is not',
    (w) => {
      expect(isOffensive(w)).toBe(false);
    },
  );

  it('cuts profanity and insulting address, keeping the rest as written', () => {
    expect(removeProfanity('The F***ING parcel never came, wtf')).toBe('The parcel never came,');
    expect(removeInsultingAddress('You charged me twice you absolute idiots')).toBe('You charged me twice');
    expect(removeInsultingAddress('thank you people')).toBe('thank you people');
  });
});
