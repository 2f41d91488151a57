// The npm socket.io-client 4, unmodified, against the conformance server: on /custom with an auth payload it sends a
// binary event and a binary event with an ack, then prints one JSON line of what came back and exits.
// Usage: node echo-client.mjs <server url> <websocket|polling|upgrade>
import { io } from "socket.io-client";

const [url, mode] = process.argv.slice(2);
const transports = mode === "websocket" ? ["websocket"] : mode === "polling" ? ["polling"] : ["polling", "websocket"];
const socket = io(url + "/custom", { transports, upgrade: mode === "upgrade", reconnection: false, timeout: 10000,
  auth: { token: "abc" } });
const result = { transport: null, auth: null, messageBack: null, ack: null };
const done = () => {
  process.stdout.write(JSON.stringify(result) + "\n");
  socket.disconnect();
  setTimeout(() => process.exit(0), 100);
};
const hex = (value) => (Buffer.isBuffer(value) ? value.toString("hex") : value);

setTimeout(done, 15000);
socket.on("connect_error", (error) => { result.error = String(error.message); done(); });
socket.on("auth", (auth) => { result.auth = auth; });
socket.on("connect", async () => {
  if (mode === "upgrade") {
    await new Promise((resolve) => socket.io.engine.once("upgrade", resolve));
  }
  socket.on("message-back", (...args) => {
    result.messageBack = args.map(hex);
    socket.emit("message-with-ack", Buffer.from([4, 5, 6]), "two", (...acked) => {
      result.ack = acked.map(hex);
      result.transport = socket.io.engine.transport.name;
      done();
    });
  });
  socket.emit("message", Buffer.from([1, 2, 3]), { three: [true] });
});
