/**
 * Serves generated RSS documents on 127.0.0.1 for the ingest benchmark, in its own process so the
 * benchmark's CPU and memory figures are the monitor's alone. Prints its base URL on stdout.
 */
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';

const feeds = Number(process.argv[2] ?? 200);
const perFeed = Number(process.argv[3] ?? 500);
/** "complaints": five posts in six are complaints; "mixed": one in four, nearer what a brand sees. */
const mix = process.argv[4] ?? 'complaints';
const calm = [
  'picked up my order today, all good',
  'anyone tried the new blender?',
  'the store on main street opens at nine',
  'thinking about buying the blue one',
  'their newsletter had a nice recipe',
  'got the parcel, packaging was neat',
  'does the app work on tablets?',
  'saw their ad on the bus',
  'the new colours look nice',
  'my sister works there',
  'their podcast episode was fun',
  'ordered a gift for my dad',
  'is the sale still on?',
  'the manual is easy to follow',
  'switched to the yearly plan',
];
const complaints = [
  'still waiting for my order, third time I ask',
  'charged twice this month and nobody answers',
  'the app is down again, cannot log in',
  'wrong item delivered, want a refund',
  'support hung up on me, worst service',
  'love the new update, great job',
];
const texts = mix === 'mixed' ? [...complaints.slice(0, 5), ...calm] : complaints;

function rss(feed: number): string {
  const items: string[] = [];
  for (let i = 0; i < perFeed; i++) {
    const n = feed * perFeed + i;
    const when = new Date(Date.UTC(2026, 10, 1) + n * 1000).toUTCString();
    items.push(
      `<item><title>Post ${n} about Acme</title><link>https://forum.example.com/t/${n}</link>` +
        `<guid isPermaLink="true">https://forum.example.com/t/${n}</guid><dc:creator>user${n % 9973}</dc:creator>` +
        `<pubDate>${when}</pubDate><description><![CDATA[<p>@acme ${texts[n % texts.length]} &amp; #acme order ${n}</p>]]></description></item>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Feed ${feed}</title><link>https://forum.example.com/</link><description>bench</description><language>en</language>${items.join('')}</channel></rss>`;
}

const docs = Array.from({ length: feeds }, (_, f) => Buffer.from(rss(f)));
const server = createServer((req, res) => {
  const m = /^\/feed\/(\d+)\.rss$/.exec(req.url ?? '');
  const doc = m ? docs[Number(m[1])] : undefined;
  if (!doc) return res.writeHead(404).end();
  res
    .writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', 'content-length': doc.length })
    .end(doc);
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
});
