/**
 * Serves generated RSS documents on 127.0.0.1 for the ingest benchmark, in its own process so the
 * benchmark's CPU and memory figures are the monitor's alone. Prints its base URL on stdout.
 */
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';

const feeds = Number(process.argv[2] ?? 200);
const perFeed = Number(process.argv[3] ?? 500);
const complaints = [
  'still waiting for my order, third time I ask',
  'charged twice this month and nobody answers',
  'the app is down again, cannot log in',
  'wrong item delivered, want a refund',
  'support hung up on me, worst service',
  'love the new update, great job',
];

function rss(feed: number): string {
  const items: string[] = [];
  for (let i = 0; i < perFeed; i++) {
    const n = feed * perFeed + i;
    const when = new Date(Date.UTC(2026, 10, 1) + n * 1000).toUTCString();
    items.push(
      `<item><title>Post ${n} about Acme</title><link>https://forum.example.com/t/${n}</link>` +
        `<guid isPermaLink="true">https://forum.example.com/t/${n}</guid><dc:creator>user${n % 9973}</dc:creator>` +
        `<pubDate>${when}</pubDate><description><![CDATA[<p>@acme ${complaints[n % complaints.length]} &amp; #acme order ${n}</p>]]></description></item>`,
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
