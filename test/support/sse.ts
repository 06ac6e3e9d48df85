import { IncomingMessage } from 'node:http';

/** Reads a server-sent event stream until `want` events (heartbeats aside) have arrived. */
export function readEvents(
  res: IncomingMessage,
  want: number,
): Promise<{ event: string; data: Record<string, unknown> }[]> {
  return new Promise((resolve, reject) => {
    const events: { event: string; data: Record<string, unknown> }[] = [];
    let buffer = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data && event !== 'heartbeat') events.push({ event, data: JSON.parse(data) });
        if (events.length >= want) resolve(events);
      }
    });
    res.on('error', reject);
  });
}
