// One load-generator process for the ChainPulse benchmarks (started by the bench module, one per loopback source
// address). It opens WebSocket clients to the push gateway, counts tip frames per client, measures latency from the
// produce time the benchmark encodes in each tip's sessionId (epoch microseconds in the last 14 hex digits), and
// prints one JSON line per second on stdout: frames, a latency histogram, open sockets and its own CPU and RSS.
// Commands arrive as JSON lines on stdin: stats, reset, reconnect, close.
//
//   node scripts/bench/loadgen.mjs <config.json>
//   config: {"url":"ws://127.0.0.1:3001","localAddress":"127.0.0.2","clients":[["<creatorId>","<token>"],…],
//            "concurrency":256}
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

// npm ws from the repository (the script may run from a snapshot copy outside it)
const WebSocket = createRequire(join(process.env.CHAINPULSE_ROOT || process.cwd(), 'package.json'))('ws');

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const SESSION = Buffer.from('"sessionId":"0x');
const ID = Buffer.from('"id":"');
const TIP = Buffer.from('{"type":"TIP_');
const RECOVERED = Buffer.from('{"type":"RECOVERED"');
const UNAVAILABLE = Buffer.from('{"type":"REPLAY_UNAVAILABLE"');

const nowMicros = () => (performance.timeOrigin + performance.now()) * 1000;
const emit = (line) => process.stdout.write(JSON.stringify(line) + '\n');

// latency buckets in ms: 0.1 ms steps below 10 ms, 1 ms below 100 ms, 10 ms below 1 s, 100 ms above
const bucketOf = (ms) => ms < 10 ? Math.floor(ms * 10) / 10 : ms < 100 ? Math.floor(ms)
  : ms < 1000 ? Math.floor(ms / 10) * 10 : Math.floor(ms / 100) * 100;

let histogram = new Map();
let framesThisTick = 0;
let framesTotal = 0;
let open = 0;
let failedConnects = 0;
let closes = new Map();
let reconnect = null; // {started, expect, caught}

const clients = config.clients.map(([creatorId, token]) => ({
  creatorId, token, ws: null, lastId: null, lastOffset: -1, lastPartition: -1,
  frames: 0, duplicates: 0, recovered: false, unavailable: false, caughtUp: false,
}));

function onFrame(client, data) {
  if (data.subarray(0, TIP.length).equals(TIP)) {
    framesThisTick++;
    framesTotal++;
    client.frames++;
    const s = data.indexOf(SESSION);
    if (s >= 0) {
      const micros = parseInt(data.toString('latin1', s + SESSION.length + 50, s + SESSION.length + 64), 16);
      if (micros > 0) {
        const bucket = bucketOf((nowMicros() - micros) / 1000);
        histogram.set(bucket, (histogram.get(bucket) || 0) + 1);
      }
    }
    const i = data.indexOf(ID);
    if (i >= 0) {
      const end = data.indexOf(34, i + ID.length);
      const id = data.toString('latin1', i + ID.length, end);
      const dash = id.indexOf('-');
      const partition = Number(id.slice(0, dash));
      const offset = Number(id.slice(dash + 1));
      if (partition === client.lastPartition && offset <= client.lastOffset) client.duplicates++;
      client.lastPartition = partition;
      client.lastOffset = offset;
      client.lastId = id;
    }
    if (reconnect && !client.caughtUp && client.recovered && client.frames >= reconnect.expect) markCaught(client);
  } else if (data.subarray(0, RECOVERED.length).equals(RECOVERED)) {
    client.recovered = true;
    if (reconnect && !client.caughtUp && client.frames >= reconnect.expect) markCaught(client);
  } else if (data.subarray(0, UNAVAILABLE.length).equals(UNAVAILABLE)) {
    client.unavailable = true;
  }
}

function markCaught(client) {
  client.caughtUp = true;
  reconnect.caught++;
  if (reconnect.caught === clients.length) {
    emit({ ev: 'caughtUp', ms: performance.now() - reconnect.started, clients: clients.length });
  }
}

function connect(client, since) {
  return new Promise((resolve) => {
    let url = `${config.url}/ws/overlay/${client.creatorId}?token=${encodeURIComponent(client.token)}`;
    if (since) url += `&since=${since}`;
    const ws = new WebSocket(url, { localAddress: config.localAddress, perMessageDeflate: false, handshakeTimeout: 60000 });
    client.ws = ws;
    let opened = false;
    ws.on('open', () => { opened = true; open++; resolve(true); });
    ws.on('message', (data, isBinary) => { if (!isBinary) onFrame(client, data); });
    ws.on('close', (code) => {
      if (opened) open--;
      closes.set(code, (closes.get(code) || 0) + 1);
      if (!opened) resolve(false);
    });
    ws.on('error', () => { if (!opened) resolve(false); });
  });
}

async function connectAll(concurrency, sinceOf) {
  const started = performance.now();
  let next = 0;
  let failed = 0;
  async function worker() {
    while (next < clients.length) {
      const client = clients[next++];
      let ok = false;
      for (let attempt = 0; attempt < 5 && !ok; attempt++) {
        ok = await connect(client, sinceOf(client));
        if (!ok) await new Promise((r) => setTimeout(r, 200 * (attempt + 1)));
      }
      if (!ok) failed++;
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, clients.length) }, worker));
  return { failed, ms: performance.now() - started };
}

let lastCpu = process.cpuUsage();
setInterval(() => {
  const cpu = process.cpuUsage(lastCpu);
  lastCpu = process.cpuUsage();
  emit({
    ev: 'tick', t: Date.now(), open, frames: framesThisTick, hist: Object.fromEntries(histogram),
    cpuMicros: cpu.user + cpu.system, rss: process.memoryUsage.rss(), caught: reconnect ? reconnect.caught : 0,
  });
  framesThisTick = 0;
  histogram = new Map();
}, 1000).unref();

function stats() {
  let minFrames = Infinity; let maxFrames = 0; let duplicates = 0; let recovered = 0; let unavailable = 0;
  let short = 0;
  for (const c of clients) {
    minFrames = Math.min(minFrames, c.frames);
    maxFrames = Math.max(maxFrames, c.frames);
    duplicates += c.duplicates;
    if (c.recovered) recovered++;
    if (c.unavailable) unavailable++;
    if (reconnect && c.frames < reconnect.expect) short += reconnect.expect - c.frames;
  }
  return {
    ev: 'stats', open, clients: clients.length, framesTotal, minFrames: clients.length ? minFrames : 0, maxFrames,
    duplicates, recovered, unavailable, missing: short, failedConnects, closes: Object.fromEntries(closes),
  };
}

createInterface({ input: process.stdin }).on('line', async (line) => {
  const command = JSON.parse(line);
  switch (command.cmd) {
    case 'stats':
      emit(stats());
      break;
    case 'reset':
      for (const c of clients) { c.frames = 0; c.duplicates = 0; }
      framesTotal = 0;
      emit({ ev: 'reset' });
      break;
    case 'reconnect': {
      // every client that is closed comes back at once with ?since=<last id it saw>
      for (const c of clients) { c.frames = 0; c.duplicates = 0; c.recovered = false; c.caughtUp = false; }
      framesTotal = 0;
      reconnect = { started: performance.now(), expect: command.expect, caught: 0 };
      const result = await connectAll(command.concurrency || clients.length, (c) => c.lastId);
      failedConnects += result.failed;
      emit({ ev: 'reconnected', open, failed: result.failed, ms: result.ms });
      break;
    }
    case 'close':
      for (const c of clients) c.ws?.terminate();
      emit({ ev: 'closed' });
      setTimeout(() => process.exit(0), 100);
      break;
    default:
      emit({ ev: 'error', message: `unknown command ${command.cmd}` });
  }
});
process.stdin.on('end', () => process.exit(0));

const result = await connectAll(config.concurrency || 256, () => null);
failedConnects += result.failed;
emit({ ev: 'connected', open, failed: result.failed, ms: result.ms });
