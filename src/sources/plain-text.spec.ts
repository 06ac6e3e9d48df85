import { literalText, MAX_HTML_TAGS, toPlainText } from './plain-text';

describe('toPlainText', () => {
  it('drops tags, scripts and styles, decodes entities and keeps block breaks', () => {
    const html =
      '<p>Order <b>#123</b> &amp; still &quot;waiting&quot;&nbsp;&#x1F621;</p><script>alert(1)</script><style>p{}</style><p>Day&nbsp;3</p>';
    expect(toPlainText(html)).toBe('Order #123 & still "waiting" 😡\nDay 3');
  });

  it('keeps table cells apart and collapses runs of whitespace', () => {
    expect(toPlainText('<table><tr><td>a</td><td>b</td></tr></table>  x \t y')).toBe('a b\nx y');
  });

  it('strips deeply nested markup in linear time instead of parsing it', () => {
    const depth = MAX_HTML_TAGS * 50;
    const html = `${'<div>'.repeat(depth)}acme${'</div>'.repeat(depth)}`;
    expect(toPlainText(html)).toBe('acme');
  });

  it('returns an empty string for nothing', () => {
    expect([toPlainText(null), toPlainText(undefined), toPlainText('')]).toEqual(['', '', '']);
  });
});

describe('literalText', () => {
  it('keeps "<" and "&" as typed in text that is not HTML', () => {
    expect(literalText('speed <1 Mbps & AT&amp;T  sucks')).toBe('speed <1 Mbps & AT&amp;T sucks');
  });
});
