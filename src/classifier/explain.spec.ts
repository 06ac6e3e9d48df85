import { Reasons } from './explain';

describe('Reasons', () => {
  it('skips a reason quoting words another reason already quotes', () => {
    const sut = new Reasons();
    expect(sut.add("'worst service' (complaint phrase)")).toBe(true);
    expect(sut.add("'worst' (negative word)")).toBe(false);
    expect(sut.add('3 exclamation marks')).toBe(true);
    expect(sut.add('3 exclamation marks')).toBe(false);
    expect(sut.add('😡')).toBe(true);
    expect(sut.add("angry or fed-up emoji ('😡')")).toBe(false);
    expect(sut.list).toEqual(["'worst service' (complaint phrase)", '3 exclamation marks', '😡']);
  });

  it("lets a rule's evidence replace the model reason quoting the same words, or adds it", () => {
    const sut = new Reasons();
    sut.add("'hasn't'");
    sut.add('😡');
    sut.merge("'hasn't replied' (customer service)");
    sut.merge("'my lawyer' (legal threat)");
    expect(sut.list).toEqual(["'hasn't replied' (customer service)", '😡', "'my lawyer' (legal threat)"]);
  });
});
