// Tessera drives an installed Chromium (PUPPETEER_EXECUTABLE_PATH or /usr/bin/chromium, see
// runtime/print/browser-path.server.ts), so `npm install` never downloads a browser: that download
// fails on machines without general internet access.
module.exports = { skipDownload: true };
