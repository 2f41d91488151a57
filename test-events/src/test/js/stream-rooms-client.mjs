// A socket.io-client 4 (unmodified, from npm) driven by the Java ITs: commands come as JSON lines on stdin
// ({"emit": name, "args": [...]}, {"disconnect": true}), and every event it receives goes out as a JSON line on
// stdout ({"event": name, "args": [...]}).
// Usage: node stream-rooms-client.mjs <gateway url> <websocket|polling|upgrade>
import { io } from "socket.io-client";
import { createInterface } from "node:readline";

const [url, mode] = process.argv.slice(2);
const transports = mode === "websocket" ? ["websocket"] : mode === "polling" ? ["polling"] : ["polling", "websocket"];
const socket = io(url, { transports, upgrade: mode === "upgrade", reconnection: false, timeout: 10000 });

const out = (line) => process.stdout.write(JSON.stringify(line) + "\n");

socket.on("connect", () => out({ event: "connect", args: [socket.io.engine.transport.name] }));
socket.io.engine.on("upgrade", (transport) => out({ event: "upgrade", args: [transport.name] }));
socket.on("connect_error", (error) => out({ event: "connect_error", args: [String(error.message)] }));
socket.on("disconnect", (reason) => out({ event: "disconnect", args: [reason] }));
socket.onAny((event, ...args) => out({ event, args }));

createInterface({ input: process.stdin }).on("line", (line) => {
  const command = JSON.parse(line);
  if (command.disconnect) {
    socket.disconnect();
    setTimeout(() => process.exit(0), 100);
  } else if (command.emit) {
    socket.emit(command.emit, ...command.args);
  }
});
process.stdin.on("end", () => process.exit(0));
