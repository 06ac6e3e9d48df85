import { webLink } from './ingest.pipeline';

describe('webLink: the only links a post keeps are http(s)', () => {
  it.each([
    ['https://social.example/@ann/1', 'https://social.example/@ann/1'],
    ['http://news.example/a?b=c#d', 'http://news.example/a?b=c#d'],
    ['HTTPS://Social.Example/x', 'HTTPS://Social.Example/x'],
  ])('keeps %s', (url, kept) => expect(webLink(url)).toBe(kept));

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    '/relative/path',
    'not a url',
    '',
    null,
    undefined,
  ])('drops %p', (url) => expect(webLink(url)).toBeNull());
});
