// A re-creation of the original StellarStream backend's push design, the baseline of
// `bench sio-fanout --against stellarstream-node`: one Node process, npm socket.io 4 server, clients that emit
// join-stream-room with an address are put in the room stream-{address}, and stream events published to it in
// batches over HTTP are emitted as new-stream to the room of their address. Written from the description in
// issue 18, not from StellarStream's code. It answers a join with joined-room {userAddress, roomName}, as the gateway
// does, so the load generator counts a client once it is in its room.
//
//   node bench/baselines/stellarstream-node.mjs <port>
//   POST /publish  [{"address":"G…", "event":{"id":"0-17", "streamId":"…", …}}, …]  → 204 once every event is emitted
//   GET  /health   → 200
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const port = Number(process.argv[2]);

const server = createServer((request, response) => {
  if (request.method === 'POST' && request.url === '/publish') {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      let items;
      try {
        items = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch (error) {
        response.writeHead(400).end(String(error));
        return;
      }
      const serverTime = new Date().toISOString();
      for (const { address, event } of items) {
        io.to(`stream-${address}`).emit('new-stream', { ...event, serverTime });
      }
      response.writeHead(204).end();
    });
  } else if (request.url === '/health') {
    response.writeHead(200).end('ok');
  } else if (!request.url.startsWith('/socket.io/')) {
    response.writeHead(404).end();
  }
});

// socket.io's defaults (polling and WebSocket, pings every 25 s, no compression of WebSocket frames)
const io = new Server(server, { cors: { origin: '*' } });
io.on('connection', (socket) => {
  socket.on('join-stream-room', (address) => {
    if (typeof address !== 'string' || address.length === 0) return;
    const roomName = `stream-${address}`;
    socket.join(roomName);
    socket.emit('joined-room', { userAddress: address, roomName });
  });
  socket.on('leave-stream-room', (address) => {
    if (typeof address !== 'string') return;
    const roomName = `stream-${address}`;
    socket.leave(roomName);
    socket.emit('left-room', { userAddress: address, roomName });
  });
});

server.listen({ port, host: '127.0.0.1', backlog: 4096 }, () => console.log(`stellarstream-node listening on ${port}`));
process.on('SIGTERM', () => process.exit(0));
