import { asksForDataInPublic, findForbidden as sut } from './tone';

describe('findForbidden', () => {
  it.each([
    'Please calm down, we are looking into it.',
    'Relax, your parcel is on its way.',
    "We're sorry you feel that way.",
    'Sorry if you were inconvenienced.',
    'Sorry if this caused any trouble.',
    'You should have read the delivery terms.',
    "That's not our fault: the courier lost it.",
    'It was your fault for entering the wrong address.',
    'As per our policy, refunds take 30 days.',
    'Unfortunately you missed the return window.',
    'We never lose parcels.',
    'As I said, the order was dispatched.',
    'You didn’t enter the code in time.',
    'We apologise for any inconvenience this may have caused.',
  ])('%s', (text) => {
    expect(sut(text)).not.toEqual([]);
  });

  it.each([
    "We're sorry: this one is on us.",
    'We hear you about your delivery, and it is not good enough.',
    'DM us at @AcmeHelp and we will get back to you within 24 hours.',
    'Nobody should have to chase us, and that is on us.',
  ])('lets a calm, owning reply through: %s', (text) => {
    expect(sut(text)).toEqual([]);
  });
});

describe('asksForDataInPublic', () => {
  it.each([
    'Please reply with your order number.',
    'Reply here with your email and we will check.',
    'Post your order number below so we can look.',
    'Share your address in the comments.',
    'Leave your phone number in this thread.',
  ])('%s', (text) => {
    expect(asksForDataInPublic(text)).toBe(true);
  });

  it.each([
    'DM us at @AcmeHelp with your order number.',
    'Email us at help@acme.com with the email on your account.',
    'Please send your order number by DM, not here.',
    'Open a case at https://acme.com/help with your order number.',
  ])('allows asking privately: %s', (text) => {
    expect(asksForDataInPublic(text)).toBe(false);
  });
});
