import { brandSchema, type BrandConfig, type BrandQuery } from '../../config/config.schema';
import { BrandMatcher, normaliseForMatch } from './brand-matcher';

/** Brands go through the real schema so the tests use the shape (and defaults) config loading produces. */
const brand = (id: string, query: Partial<BrandQuery>): BrandConfig =>
  brandSchema.parse({ id, name: id, query });

/** Terms recorded for the single brand under test, or null when it does not match. */
const termsFor = (sut: BrandMatcher, text: string, language: string | null = null) => {
  const matches = sut.match({ text, language });
  return matches.length ? matches[0].terms : null;
};

describe('normaliseForMatch', () => {
  it('folds case, accents, typographic quotes, compatibility forms and whitespace', () => {
    expect(normaliseForMatch('  ACMÉ’s\n\t“Ｃorp”  ﬁne ')).toBe('acme\'s "corp" fine');
    expect(normaliseForMatch('McDonald`s McDonald´s')).toBe("mcdonald's mcdonald's");
  });

  it('strips combining marks of other scripts, and keeps emoji', () => {
    expect(normaliseForMatch('Йо ש\u05B8לוֹם कि \u{1D158}\u{1D165}\u{1D16E} ❤️ 🔥')).toBe(
      'ио שלום क \u{1D158} ❤ 🔥',
    );
  });

  it('strips every combining mark in Unicode, not only the Latin ones', () => {
    const marks: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      const ch = String.fromCodePoint(cp);
      if (/\p{M}/u.test(ch)) marks.push(ch);
    }
    expect(marks.length).toBeGreaterThan(2000);
    // One at a time: a single mark caught anywhere in a text makes the whole text go through \p{M}.
    const kept = marks.filter((m) => /\p{M}/u.test(normaliseForMatch(`x${m}`)));
    expect(kept.map((m) => m.codePointAt(0)!.toString(16))).toEqual([]);
  });
});

describe('BrandMatcher', () => {
  describe('case and accents', () => {
    it.each(['ACMÉ is down', 'acme is down', 'Acmé is down', 'AcMe is down'])('"Acme" matches %j', (text) => {
      const sut = new BrandMatcher([brand('acme', { any: ['Acme'] })]);
      expect(sut.match({ text, language: null })).toEqual([{ brandId: 'acme', terms: ['Acme'] }]);
    });

    it('an accented term matches the unaccented text', () => {
      const sut = new BrandMatcher([brand('acme', { any: ['Acmé'] })]);
      expect(termsFor(sut, 'acme is down')).toEqual(['Acmé']);
    });
  });

  describe('word boundaries', () => {
    const sut = new BrandMatcher([brand('acme', { any: ['acme'] })]);

    it.each(['acmeology', 'megaacme', 'acme2', '2acme', 'acmé2'])('does not match inside %j', (text) => {
      expect(termsFor(sut, `I like ${text} a lot`)).toBeNull();
    });

    it.each([
      "Acme's fault",
      'Acmeʼs fault',
      '#acme',
      'acme!',
      '(acme)',
      'acme-corp',
      'acme',
      '🔥acme🔥',
      'x,acme.',
    ])('matches %j', (text) => {
      expect(termsFor(sut, text)).toEqual(['acme']);
    });
  });

  describe('phrases', () => {
    const sut = new BrandMatcher([brand('acme', { any: ['acme corp'] })]);

    it.each(['ACME   Corp', 'Acmé corp', 'acme\ncorp', 'acme\r\n\tcorp', 'acme\u00a0corp'])(
      'matches %j',
      (text) => {
        expect(termsFor(sut, `help from ${text} please`)).toEqual(['acme corp']);
      },
    );

    it.each(['acme corporation', 'acme, corp', 'acmecorp', 'acme'])('does not match %j', (text) => {
      expect(termsFor(sut, text)).toBeNull();
    });
  });

  describe('all and exclude', () => {
    const sut = new BrandMatcher([
      brand('acme', { any: ['acme'], all: ['refund', 'broken'], exclude: ['acme fan club'] }),
    ]);

    it('matches when every all-term appears, recording them in config order', () => {
      expect(termsFor(sut, 'Broken again, Acme. I want a refund')).toEqual(['acme', 'refund', 'broken']);
    });

    it('does not match when an all-term is missing', () => {
      expect(termsFor(sut, 'acme, I want a refund')).toBeNull();
    });

    it('does not match on all-terms alone', () => {
      expect(termsFor(sut, 'broken, I want a refund')).toBeNull();
    });

    it('does not match when an exclude term appears, in any case or accent', () => {
      expect(termsFor(sut, 'ACMÉ Fan Club: broken? refund!')).toBeNull();
    });

    it('exclude terms respect word boundaries too', () => {
      expect(termsFor(sut, 'acme fan clubs: broken? refund!')).toEqual(['acme', 'refund', 'broken']);
    });

    it('finds an all-term nested inside a longer one', () => {
      const sut = new BrandMatcher([brand('acme', { any: ['acme'], all: ['acme corp', 'corp'] })]);
      expect(termsFor(sut, 'acme corp')).toEqual(['acme', 'acme corp', 'corp']);
    });
  });

  describe('handles', () => {
    const sut = new BrandMatcher([brand('acme', { handles: ['@acme'] })]);

    it.each(['@acme', 'hey @Acme!', '@acme@mastodon.social', 'thanks @acme.', 'cc:@acme', '@acme-'])(
      'matches %j',
      (text) => {
        expect(termsFor(sut, text)).toEqual(['@acme']);
      },
    );

    it.each(['@acmesupport', '@acme_support', 'support@acme.com', 'acme', '@acme.bsky.social', '@megaacme'])(
      'does not match %j',
      (text) => {
        expect(termsFor(sut, text)).toBeNull();
      },
    );

    it('a configured handle without "@" still means "@name"', () => {
      const sut = new BrandMatcher([brand('acme', { handles: ['acme'] })]);
      expect([termsFor(sut, 'ping @acme'), termsFor(sut, 'ping acme')]).toEqual([['acme'], null]);
    });

    it('a full fediverse address needs the instance', () => {
      const sut = new BrandMatcher([brand('acme', { handles: ['@acme@mastodon.social'] })]);
      expect(
        [
          '@acme@mastodon.social',
          '@acme',
          '@acme@mastodon.social.evil',
          'acme@mastodon.social',
          'x@acme@mastodon.social',
        ].map((t) => termsFor(sut, t)),
      ).toEqual([['@acme@mastodon.social'], null, null, null, null]);
    });

    describe('bluesky handles', () => {
      const sut = new BrandMatcher([brand('acme', { handles: ['acme.bsky.social'] })]);

      it.each([
        'acme.bsky.social',
        '@acme.bsky.social',
        'hey @Acme.bsky.social!',
        'bsky.app/profile/acme.bsky.social',
      ])('matches %j', (text) => {
        expect(termsFor(sut, text)).toEqual(['acme.bsky.social']);
      });

      it.each([
        'acme.bsky.socially',
        'support.acme.bsky.social',
        'my-acme.bsky.social',
        'acmexbskyxsocial',
        'x@acme.bsky.social',
      ])('does not match %j', (text) => {
        expect(termsFor(sut, text)).toBeNull();
      });
    });
  });

  describe('hashtags', () => {
    it.each([['#acme'], ['acme']])('configured as %j', (tag) => {
      const sut = new BrandMatcher([brand('acme', { hashtags: [tag] })]);
      expect(
        ['#Acme', '#ACME down', '#acmé', 'x #acme.', '#acmefail', '#acme_fail', 'acme', 'a#acme'].map((t) =>
          termsFor(sut, t),
        ),
      ).toEqual([[tag], [tag], [tag], [tag], null, null, null, null]);
    });

    it('an accented configured tag matches the folded text', () => {
      const sut = new BrandMatcher([brand('cafe', { hashtags: ['#Café'] })]);
      expect(termsFor(sut, 'bad #cafe')).toEqual(['#Café']);
    });
  });

  describe('languages', () => {
    const sut = new BrandMatcher([brand('acme', { any: ['acme'], languages: ['en', 'de'] })]);

    it.each([
      ['en', ['acme']],
      ['de', ['acme']],
      ['fr', null],
      [null, ['acme']],
      ['und', ['acme']],
      ['', ['acme']],
      ['en-GB', ['acme']],
      ['en-us', ['acme']],
      ['fr-CA', null],
    ])('language %j gives %j', (language, expected) => {
      expect(termsFor(sut, 'acme is down', language)).toEqual(expected);
    });

    it('a configured region admits only that region', () => {
      const sut = new BrandMatcher([brand('acme', { any: ['acme'], languages: ['pt-BR'] })]);
      expect(['pt-br', 'pt-pt', 'pt'].map((l) => termsFor(sut, 'acme', l))).toEqual([['acme'], null, null]);
    });

    it('no configured languages admits any', () => {
      const sut = new BrandMatcher([brand('acme', { any: ['acme'] })]);
      expect(termsFor(sut, 'acme', 'ja')).toEqual(['acme']);
    });
  });

  describe('several brands', () => {
    const sut = new BrandMatcher([
      brand('acme', { any: ['acme'] }),
      brand('initech', { any: ['initech'] }),
      brand('globex', { hashtags: ['globex'] }),
    ]);
    const post = { text: '#Globex beats Acme again', language: 'en' };

    it('returns every matching brand in config order', () => {
      expect(sut.match(post)).toEqual([
        { brandId: 'acme', terms: ['acme'] },
        { brandId: 'globex', terms: ['globex'] },
      ]);
    });

    it('restricts to the given brand ids', () => {
      expect([
        sut.match(post, ['globex', 'initech']),
        sut.match(post, []),
        sut.match(post, ['nope']),
      ]).toEqual([[{ brandId: 'globex', terms: ['globex'] }], [], []]);
    });
  });

  describe('regex metacharacters in terms', () => {
    const sut = new BrandMatcher([brand('x', { any: ['C++', 'at&t', 'e.on', '(acme)', 'a|b'] })]);

    it.each([
      ['I love c++!', ['C++']],
      ['AT&T outage', ['at&t']],
      ['my E.ON bill', ['e.on']],
      ['the (ACME) thing', ['(acme)']],
      ['a|b', ['a|b']],
      ['eXon', null],
      ['abc++', null],
      ['at&tx', null],
      ['a', null],
      ['acme', null],
    ])('%j gives %j', (text, expected) => {
      expect(termsFor(sut, text)).toEqual(expected);
    });
  });

  describe('recorded terms', () => {
    it('are the configured spellings, deduplicated, in config order (any, all, handles, hashtags)', () => {
      const sut = new BrandMatcher([
        brand('acme', {
          any: ['Acme Corp', 'ACME', 'Globex'],
          all: ['acme', 'Outage'],
          handles: ['@AcmeHelp'],
          hashtags: ['#Acme'],
        }),
      ]);
      const text = '#acme outage! @acmehelp, acme corp is down, ACME CORP, acme';
      expect(termsFor(sut, text)).toEqual(['Acme Corp', 'ACME', 'acme', 'Outage', '@AcmeHelp', '#Acme']);
    });

    it('a term listed in both any and all is recorded once', () => {
      const sut = new BrandMatcher([brand('acme', { any: ['acme'], all: ['acme'] })]);
      expect(termsFor(sut, 'acme acme')).toEqual(['acme']);
    });
  });
});
