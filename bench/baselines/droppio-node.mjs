// A re-creation of the original Droppio push design, the baseline of `bench fanout --against droppio-node`: one Node
// process, npm ws, an in-memory creator → sockets map, and tips published to it in batches over HTTP. Written from
// the description in issue 18, not from Droppio's code. It speaks the load generator's protocol: overlay sockets at
// /ws/overlay/<creatorId>?token=… (the token is not checked: the original held no tokens) and one text frame per tip,
// the tip's JSON with the server's time added, serialized once and sent to every socket of its creator.
//
//   node bench/baselines/droppio-node.mjs <port>
//   POST /publish  [{"creatorId":"…", "type":"TIP_SENT", "id":"0-17", …}, …]  → 204 once every frame is queued
//   GET  /health   → 200
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';

const port = Number(process.argv[2]);
const sockets = new Map(); // creatorId -> Set of sockets

const server = createServer((request, response) => {
  if (request.method === 'POST' && request.url === '/publish') {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      let events;
      try {
        events = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch (error) {
        response.writeHead(400).end(String(error));
        return;
      }
      const serverTime = new Date().toISOString();
      for (const event of events) {
        const subscribers = sockets.get(event.creatorId);
        if (!subscribers) continue;
        const frame = JSON.stringify({ ...event, serverTime });
        for (const socket of subscribers) socket.send(frame);
      }
      response.writeHead(204).end();
    });
  } else if (request.url === '/health') {
    response.writeHead(200).end('ok');
  } else {
    response.writeHead(404).end();
  }
});

const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
server.on('upgrade', (request, socket, head) => {
  const match = /^\/ws\/overlay\/([^/?]+)/.exec(request.url);
  if (!match) {
    socket.destroy();
    return;
  }
  const creatorId = decodeURIComponent(match[1]);
  wss.handleUpgrade(request, socket, head, (ws) => {
    let subscribers = sockets.get(creatorId);
    if (!subscribers) sockets.set(creatorId, (subscribers = new Set()));
    subscribers.add(ws);
    const remove = () => {
      subscribers.delete(ws);
      if (subscribers.size === 0 && sockets.get(creatorId) === subscribers) sockets.delete(creatorId);
    };
    ws.on('close', remove);
    ws.on('error', remove);
  });
});

server.listen({ port, host: '127.0.0.1', backlog: 4096 }, () => console.log(`droppio-node listening on ${port}`));
process.on('SIGTERM', () => process.exit(0));
