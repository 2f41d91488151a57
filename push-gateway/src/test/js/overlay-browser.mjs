// Opens the overlay page in real headless Chromium (Debian's, driven by npm playwright-core) for the Java ITs.
// Commands on stdin, one per line: "alerts" prints {"alerts": [{id, type, text}], "status": "..."};
// "screenshot <path>" saves a PNG and prints {"screenshot": path}; "exit" closes the browser.
// Usage: node overlay-browser.mjs <overlay page url>
import { chromium } from "playwright-core";
import { createInterface } from "node:readline";

const [url] = process.argv.slice(2);
const out = (line) => process.stdout.write(JSON.stringify(line) + "\n");

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
const page = await browser.newPage({ viewport: { width: 640, height: 720 } });
page.on("console", (message) => out({ console: message.text() }));
await page.goto(url);
out({ opened: url });

createInterface({ input: process.stdin }).on("line", async (line) => {
  const [command, argument] = line.trim().split(/\s+/, 2);
  try {
    if (command === "alerts") {
      const alerts = await page.$$eval(".alert", (boxes) => boxes.map((box) => ({
        id: box.getAttribute("data-id"), type: box.getAttribute("data-type"), text: box.innerText })));
      const status = await page.$eval("#status", (element) => element.textContent);
      out({ alerts, status });
    } else if (command === "screenshot") {
      // omitBackground keeps the page's transparency, as OBS composites it
      await page.screenshot({ path: argument, fullPage: true, omitBackground: true });
      out({ screenshot: argument });
    } else if (command === "exit") {
      await browser.close();
      process.exit(0);
    }
  } catch (error) {
    out({ error: String(error) });
  }
});
process.stdin.on("end", async () => {
  await browser.close();
  process.exit(0);
});
