// One load-generator process for the ChainPulse benchmarks (started by the bench module, one per loopback source
// address). It opens WebSocket clients to the push gateway, counts tip frames per client, measures latency from the
// produce time the benchmark encodes in each tip's sessionId (epoch microseconds in the last 14 hex digits), and
// prints one JSON line per second on stdout: frames, a latency histogram (microseconds at HdrHistogram's 3-digit
// resolution), open sockets and its own CPU and RSS.
// Commands arrive as JSON lines on stdin: stats, latency (every latency since the last reset), reset, reconnect, close.
//
// It speaks WebSocket itself (RFC 6455, client side) over node:net rather than through a library: npm ws cost about
// 15 µs of CPU per received frame, which made the load generators, not the gateway, the bottleneck of the fan-out
// benchmark. Every socket reads into one shared buffer (net's onread), frames are parsed straight out of it, and a
// frame is copied only when it straddles two reads. Pings are answered with pongs, a close frame with a close frame;
// the close codes are counted as ws counted them (the server's code, 1005 for none, 1006 for an abnormal end or a
// failed handshake).
//
// With "mode":"socketio" each client is a Socket.IO client instead (Engine.IO v4 / Socket.IO v5 over the same
// WebSocket code, no polling): GET /socket.io/?EIO=4&transport=websocket, the server's open packet 0{…}, pings 2
// answered with 3, 40 to connect the main namespace, then 42["join-stream-room","<address>"]; the client counts as
// connected once 42["joined-room",…] came. Each 42["new-stream",{…}] is a frame: its latency comes from the produce
// time in epoch microseconds the benchmark puts in the event's streamId, its repetition from the event's id. A
// Socket.IO disconnect (41) or connect error (44) ends the socket and is counted as close code 4001 or 4004.
//
//   node scripts/bench/loadgen.mjs <config.json>
//   config: {"url":"ws://127.0.0.1:3001","localAddress":"127.0.0.2","clients":[["<creatorId>","<token>"],…],
//            "concurrency":256, "mode":"ws"}   (socketio: the first of each pair is the room's address)
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { connect as connectTcp } from 'node:net';
import { createHash, randomBytes, randomFillSync } from 'node:crypto';
import { performance } from 'node:perf_hooks';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const SESSION = Buffer.from('"sessionId":"0x');
const ID = Buffer.from('"id":"');
const TIP = Buffer.from('{"type":"TIP_');
const BATCH = Buffer.from('{"type":"BATCH","events":[');
const RECOVERED = Buffer.from('{"type":"RECOVERED"');
const UNAVAILABLE = Buffer.from('{"type":"REPLAY_UNAVAILABLE"');
const SOCKET_IO = config.mode === 'socketio';
const SIO_STREAM_EVENT = Buffer.from('42["new-stream",');
const SIO_JOINED = Buffer.from('42["joined-room",');
const STREAM_ID = Buffer.from('"streamId":"');
const SIO_DISCONNECTED = 4001; // close codes counted for a Socket.IO disconnect or connect error (not WebSocket codes)
const SIO_CONNECT_ERROR = 4004;

const nowMicros = () => (performance.timeOrigin + performance.now()) * 1000;
const emit = (line) => process.stdout.write(JSON.stringify(line) + '\n');

// A latency in whole microseconds kept to 11 significant bits, as HdrHistogram with 3 significant digits keeps it:
// exact below 2,048 µs, above that the middle of a bucket 1/1,024 of its value wide (under 0.05 % off).
const MAX_MICROS = 2 ** 31 - 1;
const hdrKey = (micros) => {
  const us = Math.min(MAX_MICROS, Math.max(0, Math.round(micros)));
  if (us < 2048) return us;
  const shift = 31 - Math.clz32(us) - 10;
  return ((us >>> shift) << shift) + (1 << (shift - 1));
};

// Only to prove the bench's loss check: CHAINPULSE_BENCH_DROP_AFTER_RESET=N drops the first N tip frames after every
// reset before counting them, as a lost event would look. Never set in a real run.
const DROP_AFTER_RESET = Number(process.env.CHAINPULSE_BENCH_DROP_AFTER_RESET || 0);
let dropNext = 0;
let firstFrameAt = null; // epoch ms of the first and last tip frame since the last reset
let lastFrameAt = null;

let histogram = new Map(); // this second's latencies, sent with the tick
let sinceReset = new Map(); // every latency since the last reset, sent on the latency command
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

const startsWith = (data, prefix) => {
  if (data.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (data[i] !== prefix[i]) return false;
  return true;
};

// parseInt(data.toString('latin1', from, to), 16) without the string when all the digits are hex
function hexAt(data, from, to) {
  let value = 0;
  if (to <= data.length) {
    for (let i = from; i < to; i++) {
      const c = data[i];
      const digit = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
      if (digit < 0) return parseInt(data.toString('latin1', from, to), 16);
      value = value * 16 + digit;
    }
    return value;
  }
  return parseInt(data.toString('latin1', from, to), 16);
}

function onFrame(client, data) {
  if (startsWith(data, TIP)) {
    onTip(client, data);
    if (reconnect && !client.caughtUp && client.recovered && client.frames >= reconnect.expect) markCaught(client);
  } else if (startsWith(data, BATCH)) {
    // events of a batch, each counted as a tip frame: split at every '{"type":"TIP_' after the batch's opening
    let at = data.indexOf(TIP, BATCH.length);
    while (at >= 0) {
      const next = data.indexOf(TIP, at + TIP.length);
      onTip(client, data.subarray(at, next < 0 ? data.length : next));
      at = next;
    }
    if (reconnect && !client.caughtUp && client.recovered && client.frames >= reconnect.expect) markCaught(client);
  } else if (startsWith(data, RECOVERED)) {
    client.recovered = true;
    if (reconnect && !client.caughtUp && client.frames >= reconnect.expect) markCaught(client);
  } else if (startsWith(data, UNAVAILABLE)) {
    client.unavailable = true;
  }
}

// parseInt of the decimal digits from `from` up to the next '"'
function decimalAt(data, from) {
  let value = 0;
  for (let i = from; i < data.length; i++) {
    const c = data[i];
    if (c === 34) return value;
    if (c < 48 || c > 57) return -1;
    value = value * 10 + (c - 48);
  }
  return -1;
}

/** One Engine.IO packet of a Socket.IO client, in payload[from, to). */
function onSocketIoPacket(connection, data) {
  const client = connection.client;
  const type = data[0];
  if (startsWith(data, SIO_STREAM_EVENT)) {
    onTip(client, data);
  } else if (type === 0x32 && data.length === 1) { // 2: ping
    connection.sendText('3');
  } else if (type === 0x30) { // 0{…}: open, then connect the main namespace
    connection.sendText('40');
  } else if (data.length >= 2 && type === 0x34 && data[1] === 0x30) { // 40{…}: connected to the main namespace
    connection.sendText(`42${JSON.stringify(['join-stream-room', client.creatorId])}`);
  } else if (startsWith(data, SIO_JOINED)) {
    connection.joined();
  } else if (data.length >= 2 && type === 0x34 && (data[1] === 0x31 || data[1] === 0x34)) { // 41 / 44
    connection.closeCode = data[1] === 0x31 ? SIO_DISCONNECTED : SIO_CONNECT_ERROR;
    connection.terminate();
  } else if (type === 0x31) { // 1: Engine.IO close
    connection.closeCode = SIO_DISCONNECTED;
    connection.terminate();
  }
}

function onTip(client, data) {
  if (dropNext > 0) {
    dropNext--;
    return;
  }
  const now = nowMicros();
  if (firstFrameAt === null) firstFrameAt = now / 1000;
  lastFrameAt = now / 1000;
  framesThisTick++;
  framesTotal++;
  client.frames++;
  const streamId = SOCKET_IO ? data.indexOf(STREAM_ID) : -1;
  if (streamId >= 0) {
    const micros = decimalAt(data, streamId + STREAM_ID.length);
    if (micros > 0) {
      const key = hdrKey(now - micros);
      histogram.set(key, (histogram.get(key) || 0) + 1);
      sinceReset.set(key, (sinceReset.get(key) || 0) + 1);
    }
  }
  const s = SOCKET_IO ? -1 : data.indexOf(SESSION);
  if (s >= 0) {
    const micros = hexAt(data, s + SESSION.length + 50, s + SESSION.length + 64);
    if (micros > 0) {
      const key = hdrKey(now - micros);
      histogram.set(key, (histogram.get(key) || 0) + 1);
      sinceReset.set(key, (sinceReset.get(key) || 0) + 1);
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
}

function markCaught(client) {
  client.caughtUp = true;
  reconnect.caught++;
  if (reconnect.caught === clients.length) {
    emit({ ev: 'caughtUp', ms: performance.now() - reconnect.started, clients: clients.length });
  }
}

// ---- WebSocket client (RFC 6455) ----

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const HANDSHAKE_TIMEOUT_MS = 60000;
const CLOSE_TIMEOUT_MS = 30000; // as ws: a close handshake the server does not finish ends the socket
const HEAD_END = Buffer.from('\r\n\r\n');
const MAX_HEAD = 65536;
const MAX_PAYLOAD = 100 * 1024 * 1024; // as ws's default maxPayload
const OP_CONTINUATION = 0x0;
const OP_TEXT = 0x1;
const OP_BINARY = 0x2;
const OP_CLOSE = 0x8;
const OP_PING = 0x9;
const OP_PONG = 0xa;
const NO_STATUS = 1005;
const ABNORMAL = 1006;
const PROTOCOL_ERROR = 1002;
const TOO_BIG = 1009;

const server = new URL(config.url); // ws:// only: there is no TLS here
const serverHost = server.hostname.replace(/^\[(.*)\]$/, '$1');
const serverPort = Number(server.port) || 80;
const basePath = server.pathname.replace(/\/$/, '');

// Every socket reads into this one buffer: reads run one at a time and each is parsed before the next, so nothing
// outlives a read unless copied (a frame that straddles two reads, the pieces of a fragmented message).
const READ_BUFFER = Buffer.allocUnsafe(256 * 1024);

/** A client frame: FIN, the opcode, the mask bit and length, a random mask, the masked payload (at most 125 bytes). */
function maskedFrame(opcode, payload, from, to) {
  const length = to - from;
  const frame = Buffer.allocUnsafe(6 + length);
  frame[0] = 0x80 | opcode;
  frame[1] = 0x80 | length;
  randomFillSync(frame, 2, 4);
  for (let i = 0; i < length; i++) frame[6 + i] = payload[from + i] ^ frame[2 + (i & 3)];
  return frame;
}

function closeFrame(code) {
  const payload = Buffer.allocUnsafe(2);
  payload.writeUInt16BE(code, 0);
  return maskedFrame(OP_CLOSE, payload, 0, 2);
}

/** One WebSocket connection of a client: the handshake, then the frame parser. */
class Connection {
  constructor(client, path, resolve) {
    this.client = client;
    this.resolve = resolve;
    this.opened = false;
    this.inRoom = false; // Socket.IO: joined-room came
    this.ended = false; // a close frame was sent or received: nothing more is parsed
    this.closeCode = ABNORMAL;
    this.head = ''; // the handshake answer so far
    this.key = randomBytes(16).toString('base64');
    // a frame that straddles reads: its bytes so far, how many, and its full size (0 while its header is incomplete)
    this.pending = null;
    this.pendingLength = 0;
    this.pendingSize = 0;
    this.fragmentOpcode = -1; // the opcode of a fragmented message in progress, and its pieces
    this.fragments = null;
    this.socket = connectTcp({
      host: serverHost, port: serverPort, localAddress: config.localAddress, noDelay: true,
      onread: { buffer: READ_BUFFER, callback: (length, buffer) => this.onRead(buffer, length) },
    });
    this.socket.on('connect', () => this.socket.write(`GET ${path} HTTP/1.1\r\nHost: ${server.host}\r\n`
      + `Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${this.key}\r\n`
      + 'Sec-WebSocket-Version: 13\r\n\r\n'));
    this.socket.on('error', () => {});
    this.socket.on('close', () => this.onClose());
    this.timer = setTimeout(() => this.socket.destroy(), HANDSHAKE_TIMEOUT_MS);
  }

  terminate() {
    this.socket.destroy();
  }

  /** A text frame of at most 125 bytes (what a Socket.IO client sends here). */
  sendText(text) {
    const payload = Buffer.from(text);
    this.socket.write(maskedFrame(OP_TEXT, payload, 0, payload.length));
  }

  /** The Socket.IO client is in its room: it counts as connected. */
  joined() {
    if (this.inRoom) return;
    this.inRoom = true;
    clearTimeout(this.timer);
    open++;
    this.resolve(true);
  }

  /** A whole text message. */
  message(data) {
    if (SOCKET_IO) onSocketIoPacket(this, data);
    else onFrame(this.client, data);
  }

  onClose() {
    clearTimeout(this.timer);
    const counted = SOCKET_IO ? this.inRoom : this.opened;
    if (counted) open--;
    closes.set(this.closeCode, (closes.get(this.closeCode) || 0) + 1);
    if (!counted) this.resolve(false);
  }

  onRead(buffer, length) {
    if (this.opened) this.parse(buffer, 0, length);
    else this.handshake(buffer, length);
  }

  handshake(buffer, length) {
    // the answer may come with the first frames (a replay) behind it: only the bytes up to its end become text
    const found = buffer.subarray(0, length).indexOf(HEAD_END);
    const taken = found < 0 ? length : found + HEAD_END.length;
    this.head += buffer.toString('latin1', 0, taken);
    const end = this.head.indexOf('\r\n\r\n');
    if (end < 0) {
      if (this.head.length > MAX_HEAD) this.socket.destroy();
      return;
    }
    const frames = taken - (this.head.length - end - 4); // where the frames behind the answer start in this read
    const lines = this.head.slice(0, end).split('\r\n');
    this.head = '';
    let upgrade = null;
    let accept = null;
    let extra = false;
    for (let i = 1; i < lines.length; i++) {
      const colon = lines[i].indexOf(':');
      const name = lines[i].slice(0, colon).trim().toLowerCase();
      const value = lines[i].slice(colon + 1).trim();
      if (name === 'upgrade') upgrade = value.toLowerCase();
      else if (name === 'sec-websocket-accept') accept = value;
      else if (name === 'sec-websocket-extensions' || name === 'sec-websocket-protocol') extra = true;
    }
    const expected = createHash('sha1').update(this.key + GUID).digest('base64');
    if (!/^HTTP\/1\.[01] 101(?: |$)/.test(lines[0]) || upgrade !== 'websocket' || accept !== expected
      || extra) {
      this.socket.destroy();
      return;
    }
    this.opened = true;
    if (!SOCKET_IO) {
      clearTimeout(this.timer);
      open++;
      this.resolve(true);
    }
    if (frames < length) this.parse(buffer, frames, length);
  }

  /** Parses the frames in buffer[from, to); keeps the tail of a frame that does not end there. */
  parse(buffer, from, to) {
    let at = from;
    if (this.pending !== null) {
      at = this.resume(buffer, from, to);
      if (at < 0) return;
    }
    while (at < to && !this.ended) {
      const left = to - at;
      if (left < 2) return this.keep(buffer, at, to, 0);
      const first = buffer[at];
      let size = buffer[at + 1];
      let header = 2;
      if (size > 125) {
        if (size === 126) {
          if (left < 4) return this.keep(buffer, at, to, 0);
          size = (buffer[at + 2] << 8) | buffer[at + 3];
          header = 4;
        } else if (size === 127) {
          if (left < 10) return this.keep(buffer, at, to, 0);
          size = buffer.readUInt32BE(at + 2) * 0x100000000 + buffer.readUInt32BE(at + 6);
          header = 10;
        } else {
          return this.fail(PROTOCOL_ERROR); // the server masked a frame
        }
        if (size > MAX_PAYLOAD) return this.fail(TOO_BIG);
      }
      const end = at + header + size;
      if (end > to) return this.keep(buffer, at, to, header + size);
      if (first === 0x81 && this.fragments === null) this.message(buffer.subarray(at + header, end)); // a whole text message
      else this.frame(first, buffer, at + header, end);
      at = end;
    }
  }

  /** Keeps buffer[from, to), the start of a frame of size bytes (0: its header is not complete yet). */
  keep(buffer, from, to, size) {
    this.pending = Buffer.allocUnsafe(size || 14);
    this.pendingLength = buffer.copy(this.pending, 0, from, to);
    this.pendingSize = size;
  }

  /** Completes the pending frame from buffer[from, to) and parses it; the offset after it, or -1 when it needs more. */
  resume(buffer, from, to) {
    let at = from;
    if (this.pendingSize === 0) {
      const had = this.pendingLength;
      const head = this.pending;
      const added = buffer.copy(head, had, at, Math.min(to, at + 14 - had));
      const size = frameSize(head, had + added);
      if (size === 0) {
        this.pendingLength = had + added;
        return -1;
      }
      if (size > MAX_PAYLOAD + 10) {
        this.fail(TOO_BIG);
        return -1;
      }
      this.pending = Buffer.allocUnsafe(size);
      head.copy(this.pending, 0, 0, had);
      this.pendingSize = size;
    }
    const copied = buffer.copy(this.pending, this.pendingLength, at, Math.min(to, at + this.pendingSize - this.pendingLength));
    at += copied;
    this.pendingLength += copied;
    if (this.pendingLength < this.pendingSize) return -1;
    const frame = this.pending;
    this.pending = null;
    this.parse(frame, 0, frame.length);
    return at;
  }

  /** Any frame but a whole unfragmented text message: payload buffer[from, to). */
  frame(first, buffer, from, to) {
    const fin = (first & 0x80) !== 0;
    const opcode = first & 0x0f;
    if ((first & 0x70) !== 0) return this.fail(PROTOCOL_ERROR);
    if (opcode >= OP_CLOSE) {
      if (!fin || to - from > 125) return this.fail(PROTOCOL_ERROR);
      if (opcode === OP_PING) {
        this.socket.write(maskedFrame(OP_PONG, buffer, from, to));
      } else if (opcode === OP_CLOSE) {
        const code = to - from >= 2 ? buffer.readUInt16BE(from) : NO_STATUS;
        this.closeCode = code;
        this.end(code === NO_STATUS ? maskedFrame(OP_CLOSE, buffer, from, from) : closeFrame(code));
      } else if (opcode !== OP_PONG) {
        return this.fail(PROTOCOL_ERROR);
      }
      return;
    }
    if (opcode === OP_CONTINUATION) {
      if (this.fragments === null) return this.fail(PROTOCOL_ERROR);
      this.fragments.push(Buffer.from(buffer.subarray(from, to)));
      if (!fin) return;
      const message = Buffer.concat(this.fragments);
      const text = this.fragmentOpcode === OP_TEXT;
      this.fragments = null;
      this.fragmentOpcode = -1;
      if (text) this.message(message);
      return;
    }
    if ((opcode !== OP_TEXT && opcode !== OP_BINARY) || this.fragments !== null) return this.fail(PROTOCOL_ERROR);
    if (fin) {
      if (opcode === OP_TEXT) this.message(buffer.subarray(from, to));
      return;
    }
    this.fragmentOpcode = opcode;
    this.fragments = [Buffer.from(buffer.subarray(from, to))];
  }

  /** A protocol violation by the server: close with code, which is also the code counted (as ws does). */
  fail(code) {
    this.closeCode = code;
    this.end(closeFrame(code));
  }

  end(frame) {
    if (this.ended) return;
    this.ended = true;
    this.pending = null;
    this.fragments = null;
    this.socket.end(frame);
    this.timer = setTimeout(() => this.socket.destroy(), CLOSE_TIMEOUT_MS).unref();
  }
}

/** The size of the frame whose first length bytes are in buffer, header included; 0 when the header is incomplete. */
function frameSize(buffer, length) {
  if (length < 2) return 0;
  const size = buffer[1] & 0x7f;
  if (size < 126) return 2 + size;
  if (size === 126) return length < 4 ? 0 : 4 + ((buffer[2] << 8) | buffer[3]);
  if (length < 10) return 0;
  return 10 + buffer.readUInt32BE(2) * 0x100000000 + buffer.readUInt32BE(6);
}

function connect(client, since, query) {
  return new Promise((resolve) => {
    let path = `${basePath}/ws/overlay/${client.creatorId}?token=${encodeURIComponent(client.token)}`;
    if (SOCKET_IO) path = `${basePath}/socket.io/?EIO=4&transport=websocket`;
    else if (since) path += `&since=${since}`;
    if (query) path += `&${query}`;
    client.ws = new Connection(client, path, resolve);
  });
}

async function connectAll(concurrency, sinceOf, query) {
  const started = performance.now();
  let next = 0;
  let failed = 0;
  async function worker() {
    while (next < clients.length) {
      const client = clients[next++];
      let ok = false;
      for (let attempt = 0; attempt < 5 && !ok; attempt++) {
        ok = await connect(client, sinceOf(client), query);
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
    ev: 'tick', t: Date.now(), open, frames: framesThisTick, histMicros: Object.fromEntries(histogram),
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
    firstFrameAt, lastFrameAt,
  };
}

createInterface({ input: process.stdin }).on('line', async (line) => {
  const command = JSON.parse(line);
  switch (command.cmd) {
    case 'stats':
      emit(stats());
      break;
    case 'latency':
      emit({ ev: 'latency', histMicros: Object.fromEntries(sinceReset) });
      break;
    case 'reset':
      for (const c of clients) { c.frames = 0; c.duplicates = 0; }
      framesTotal = 0;
      sinceReset = new Map();
      firstFrameAt = null;
      lastFrameAt = null;
      dropNext = DROP_AFTER_RESET;
      emit({ ev: 'reset' });
      break;
    case 'reconnect': {
      // every client that is closed comes back at once with ?since=<last id it saw>
      for (const c of clients) { c.frames = 0; c.duplicates = 0; c.recovered = false; c.caughtUp = false; }
      framesTotal = 0;
      firstFrameAt = null;
      lastFrameAt = null;
      reconnect = { started: performance.now(), expect: command.expect, caught: 0 };
      const result = await connectAll(command.concurrency || clients.length, (c) => c.lastId, command.query);
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
