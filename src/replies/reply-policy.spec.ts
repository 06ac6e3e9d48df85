import { extractPromises } from './promise-extractor';
import { DEFAULT_REPLY_POLICY, replyPolicySchema as sut, resolveReplyPolicy } from './reply-policy';

const messages = (raw: unknown): string[] => {
  const r = sut.safeParse(raw);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('reply policy', () => {
  it('promises no remedy by default, and gives Mastodon its usual 500', () => {
    expect(sut.parse({ dmHandle: 'AcmeHelp', responseTime: '24 hours' })).toEqual({
      dmHandle: '@AcmeHelp',
      responseTime: '24 hours',
      remedies: { refund: false, replacement: false, credit: false, discount: null },
      mastodonLimit: 500,
      reviewReach: 50_000,
    });
  });

  it('takes every channel and remedy', () => {
    const policy = sut.parse({
      dmHandle: '@help@acme.social',
      email: 'help@acme.com',
      supportUrl: 'https://acme.com/help',
      responseTime: '2 business days',
      remedies: { refund: true, replacement: true, credit: true, discount: '20%' },
      mastodonLimit: 1000,
    });
    expect(policy.dmHandle).toBe('@help@acme.social');
    expect(policy.remedies).toEqual({ refund: true, replacement: true, credit: true, discount: '20%' });
  });

  it('needs a private channel', () => {
    expect(messages({ responseTime: '24 hours' })).toEqual([
      'dmHandle: a reply policy needs at least one private channel: dmHandle, email or supportUrl',
    ]);
  });

  it('needs a response time it can turn back into a due date: times are never invented', () => {
    expect(messages({ email: 'help@acme.com' })).toEqual([
      'responseTime: expected the response time the brand can keep, e.g. "24 hours"',
    ]);
    expect(messages({ email: 'help@acme.com', responseTime: 'soon' })).toEqual([
      'responseTime: expected a response time such as "2 hours", "24 hours" or "2 business days"',
    ]);
    for (const rt of [
      '2 hours',
      '24 hours',
      'an hour',
      '1 day',
      'two days',
      '2 business days',
      '3 working days',
      '1 week',
    ]) {
      expect(messages({ email: 'help@acme.com', responseTime: rt })).toEqual([]);
      expect(extractPromises(`We'll reply within ${rt}.`, new Date(0))).toHaveLength(1);
    }
  });

  it('names each bad value', () => {
    expect(
      messages({
        dmHandle: 'Acme Help',
        email: 'not-an-email',
        supportUrl: 'ftp://acme.com',
        responseTime: '24 hours',
        remedies: { refund: 'yes', discount: 'a lot' },
        mastodonLimit: 50,
        tone: 'friendly',
      }),
    ).toEqual([
      'dmHandle: expected a handle such as "@AcmeHelp" or "@help@acme.social"',
      'email: expected an email address such as "help@acme.com"',
      'supportUrl: expected an http(s) URL such as "https://acme.com/help"',
      'remedies.refund: expected true or false',
      'remedies.discount: expected a discount such as "20%" or "£10"',
      'mastodonLimit: expected at least 200 characters',
      ': Unrecognized key: "tone"',
    ]);
  });

  it('falls back to the documented default for a brand without one, and reports a bad one with its path', () => {
    expect(resolveReplyPolicy(undefined)).toBe(DEFAULT_REPLY_POLICY);
    expect(DEFAULT_REPLY_POLICY).toEqual({
      responseTime: '24 hours',
      remedies: { refund: false, replacement: false, credit: false, discount: null },
      mastodonLimit: 500,
      reviewReach: 50_000,
    });
    expect(() => resolveReplyPolicy({ email: 'x' }, 'brands[0].replies')).toThrow(
      /brands\[0\]\.replies\.email: expected an email address[\s\S]*brands\[0\]\.replies\.responseTime/,
    );
  });
});
