import { DEFAULT_REPLY_POLICY, ReplyPolicy, resolveReplyPolicy } from './reply-policy';
import { checkReply, SendCheckContext, SendCheckRule } from './send-check';

const POLICY: ReplyPolicy = resolveReplyPolicy({
  dmHandle: '@AcmeHelp',
  responseTime: '24 hours',
  remedies: { refund: true, replacement: false, credit: false, discount: null },
});

const POST = 'Acme lost my parcel again, you useless clowns. I am going to sue you for every penny.';

/** Monday 2 March 2026, 10:00 UTC: time promises are read from here. */
const NOW = new Date('2026-03-02T10:00:00Z');

function ctx(over: Partial<SendCheckContext> = {}): SendCheckContext {
  return {
    platform: 'mastodon',
    policy: POLICY,
    post: POST,
    flags: { legalThreat: false },
    brandName: 'Acme',
    now: NOW,
    ...over,
  };
}

function rules(text: string, over: Partial<SendCheckContext> = {}): SendCheckRule[] {
  return checkReply(text, ctx(over)).map((f) => f.rule);
}

function messageOf(text: string, rule: SendCheckRule, over: Partial<SendCheckContext> = {}): string {
  const found = checkReply(text, ctx(over)).find((f) => f.rule === rule);
  if (!found) throw new Error(`no ${rule} finding for: ${text}`);
  return found.message;
}

/** A reply an experienced care manager would post: it passes every rule. */
const GOOD =
  "Sorry your parcel went missing again, that's the last thing you need. Please DM @AcmeHelp and we'll get back to you within 24 hours.";

describe('checkReply: the check before sending', () => {
  it('passes a calm reply with the configured time and a private channel', () => {
    expect(checkReply(GOOD, ctx())).toEqual([]);
    expect(checkReply(GOOD, ctx({ flags: { legalThreat: true } }))).toEqual([]);
  });

  describe('banned phrasing', () => {
    it.each([
      ['Please calm down, we are looking into it.', '“calm down”'],
      ["We're sorry you feel that way about your parcel.", '“sorry you feel”'],
      ['As per our policy, parcels are traced after 5 days.', '“as per our policy”'],
    ])('flags %j, naming the words', (text, named) => {
      expect(messageOf(text, 'banned-phrase')).toContain(named);
    });

    it('names every banned phrase once, in one finding', () => {
      const found = checkReply('Relax. As per our policy we never refund. Relax!', ctx());
      expect(found.filter((f) => f.rule === 'banned-phrase')).toHaveLength(1);
      expect(messageOf('Relax. As per our policy we never refund. Relax!', 'banned-phrase')).toMatch(
        /^Avoid “relax”, “as per our policy” and “we never”: /,
      );
    });

    it('passes a sincere apology', () => {
      expect(
        rules("We're sorry the parcel went missing again, and for the trouble it caused."),
      ).not.toContain('banned-phrase');
    });
  });

  describe('personal data asked for in public', () => {
    it('flags a request for an order number in the replies, and says where to ask instead', () => {
      const message = messageOf(
        'Sorry! Reply here with your order number and email.',
        'personal-data-in-public',
      );
      expect(message).toContain('in public');
      expect(message).toContain('a direct message to @AcmeHelp');
    });

    it('passes the same request sent to a private channel', () => {
      expect(rules('Sorry! Please DM @AcmeHelp your order number and we will look.')).not.toContain(
        'personal-data-in-public',
      );
    });
  });

  describe('unapproved promises', () => {
    it('flags a remedy the policy does not allow, by kind', () => {
      const message = messageOf(
        "So sorry. We'll send a replacement and some credit for the trouble.",
        'unapproved-remedy',
      );
      expect(message).toContain('a replacement (“replacement”)');
      expect(message).toContain('credit (“credit”)');
      expect(message).toContain("Acme's reply policy does not allow");
    });

    it.each([
      ['compensation', "We'd like to offer you compensation for this."],
      ['a fix', "We'll fix this for you today."],
      ['a discount', 'Here is 20% off your next order.'],
    ])('flags %s, which this policy does not offer', (label, text) => {
      expect(messageOf(text, 'unapproved-remedy')).toContain(`It offers ${label}`);
    });

    it('passes a remedy the policy allows, a remedy said not to be on offer, and a credit card', () => {
      expect(rules('Sorry about this: we can refund the parcel in full, DM @AcmeHelp.')).not.toContain(
        'unapproved-remedy',
      );
      expect(rules("We can't offer a replacement for this model, but DM @AcmeHelp.")).not.toContain(
        'unapproved-remedy',
      );
      expect(rules('Sorry, the charge on your credit card will be looked at.')).not.toContain(
        'unapproved-remedy',
      );
    });

    it('allows a discount, a replacement and credit once the policy does', () => {
      const generous = resolveReplyPolicy({
        dmHandle: '@AcmeHelp',
        responseTime: '24 hours',
        remedies: { refund: true, replacement: true, credit: true, discount: '20%' },
      });
      expect(
        rules('We can send a replacement, add credit, or give you 20% off.', { policy: generous }),
      ).not.toContain('unapproved-remedy');
    });

    it('flags a time promise other than the configured response time', () => {
      const message = messageOf("Sorry! We'll have this sorted by tomorrow.", 'unapproved-time-promise');
      expect(message).toContain('It promises “by tomorrow”');
      expect(message).toContain('the time the team can keep is “24 hours”');
      expect(rules('We will call you within 2 hours.')).toContain('unapproved-time-promise');
      expect(rules('Expect an update by Friday.')).toContain('unapproved-time-promise');
    });

    it('passes the configured time however it is worded, and a reply that promises no time', () => {
      for (const text of [
        'We will get back to you within 24 hours.',
        'Expect an answer in 24 hours.',
        'Expect an answer within a day.',
        'We will get back to you as soon as we can.',
      ])
        expect(rules(text)).not.toContain('unapproved-time-promise');
      expect(
        rules('We will get back to you within 2 business days.', {
          policy: { ...DEFAULT_REPLY_POLICY, responseTime: '2 business days' },
        }),
      ).not.toContain('unapproved-time-promise');
    });
  });

  describe('length, counted the way the platform counts', () => {
    it("flags a reply over X's 280, with the count and how much to cut", () => {
      const text = `${'a'.repeat(270)} https://acme.example/a/very/long/help/page`;
      // The URL counts 23 on X: 270 + 1 + 23 = 294.
      expect(messageOf(text, 'too-long', { platform: 'x' })).toBe(
        'It is 294 characters as X counts them; X allows 280. Cut 14 or it will not post.',
      );
    });

    it('passes the same text on Mastodon, and follows the brand policy’s Mastodon limit', () => {
      const text = 'a'.repeat(450);
      expect(rules(text, { platform: 'mastodon' })).not.toContain('too-long');
      expect(
        messageOf(text, 'too-long', { platform: 'mastodon', policy: { ...POLICY, mastodonLimit: 400 } }),
      ).toContain('Mastodon allows 400');
    });

    it('counts an emoji as one grapheme on Bluesky', () => {
      expect(rules('👍🏽'.repeat(300), { platform: 'bluesky' })).not.toContain('too-long');
      expect(rules('👍🏽'.repeat(301), { platform: 'bluesky' })).toContain('too-long');
    });
  });

  describe("the customer's words repeated", () => {
    it('flags a threat quoted back, even in four words', () => {
      const message = messageOf(
        'We saw “I am going to sue you” and we want to help.',
        'repeats-threat-or-insult',
      );
      expect(message).toContain('“I am going to sue you”');
      // Four words are enough when one of them is the threat.
      expect(
        rules('Please, before going to sue you, let us help.', { post: 'I am going to sue you' }),
      ).toContain('repeats-threat-or-insult');
      expect(
        rules('Please, before going to sue, let us help.', { post: 'I am going to sue you' }),
      ).not.toContain('repeats-threat-or-insult');
    });

    it('flags an insult quoted back, with its case kept as written', () => {
      expect(
        messageOf(
          'Sorry, we know we seem like Useless Clowns. I am going to help.',
          'repeats-threat-or-insult',
        ),
      ).toContain('“Useless Clowns. I am going to”');
    });

    it('passes four shared words without a threat or insult, and a paraphrase of the threat', () => {
      expect(rules('Sorry Acme lost my parcel again is not what you wanted to read.')).not.toContain(
        'repeats-threat-or-insult',
      );
      expect(
        rules('Sorry your parcel went missing again. Our team will look at this with care; DM @AcmeHelp.'),
      ).toEqual([]);
    });

    it('flags any run of six of their words as quoting, with or without quotation marks', () => {
      const message = messageOf(
        'You wrote “Acme lost my parcel again, you” and we understand.',
        'quotes-customer',
        { post: 'Acme lost my parcel again, you know how it is' },
      );
      expect(message).toContain('“Acme lost my parcel again, you”');
      expect(
        rules('Acme lost my parcel again you said', { post: 'Acme lost my parcel again you know' }),
      ).toContain('quotes-customer');
      expect(
        rules('Acme lost my parcel again we read', { post: 'Acme lost my parcel again you know' }),
      ).not.toContain('quotes-customer');
    });

    it('reads every post of the thread', () => {
      expect(
        rules('So sorry, the courier still has not called you back. DM @AcmeHelp.', {
          post: ['Calm first post.', 'Day three and the courier still has not called me back'],
        }),
      ).toContain('quotes-customer');
    });
  });

  describe('admitting fault on a legal threat', () => {
    const legal = { flags: { legalThreat: true } };

    it.each([
      'Sorry, this is our fault and we will put it right.',
      "We're liable for the damage and will pay.",
      "That's our mistake, we apologise.",
      "We're sorry: that's on us.",
      'We got this wrong, sorry.',
    ])('flags %j when the customer threatens legal action', (text) => {
      expect(messageOf(text, 'admits-fault', legal)).toContain('on a case with a legal threat');
    });

    it('passes the same words without a legal threat, and an apology for the experience with one', () => {
      expect(rules('We got this wrong, sorry.')).not.toContain('admits-fault');
      expect(
        rules("We're so sorry for what happened; our legal team will contact you privately.", legal),
      ).not.toContain('admits-fault');
    });
  });

  it('lists findings in a fixed order, one per rule', () => {
    const text =
      "Calm down. Reply here with your order number. We'll send a replacement by tomorrow. That's our fault. I am going to sue you.";
    expect(rules(text, { flags: { legalThreat: true }, platform: 'x' })).toEqual([
      'banned-phrase',
      'personal-data-in-public',
      'unapproved-remedy',
      'unapproved-time-promise',
      'repeats-threat-or-insult',
      'admits-fault',
    ]);
  });
});
