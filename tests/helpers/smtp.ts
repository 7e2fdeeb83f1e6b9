import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

/** A real SMTP server in the test process: it parses every message it accepts. */
export interface TestSmtp {
  /** smtp://127.0.0.1:<port>, for SMTP_URL. */
  url: string;
  /** Every message accepted, parsed, in order. */
  received: ParsedMail[];
  /** "refuse": every recipient gets 550; "stall": the server never answers RCPT TO; "accept": normal. */
  mode: "accept" | "refuse" | "stall";
  /** How many messages carried this Message-ID. */
  deliveries(messageId: string): number;
  /** Resolves when `count` messages have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startTestSmtp(): Promise<TestSmtp> {
  const state: TestSmtp = {
    url: "",
    received: [],
    mode: "accept",
    deliveries: (id) => state.received.filter((m) => m.messageId === id || m.messageId === id.replace(/^<|>$/g, "")).length,
    async waitFor(count, timeoutMs = 15_000) {
      const until = Date.now() + timeoutMs;
      while (state.received.length < count) {
        if (Date.now() > until) throw new Error(`expected ${count} messages, got ${state.received.length}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    // Plain SMTP on localhost: STARTTLS with the package's self-signed certificate would be refused by the client.
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    closeTimeout: 200,
    onRcptTo(_address, _session, callback) {
      if (state.mode === "refuse") return callback(Object.assign(new Error("Mailbox unavailable"), { responseCode: 550 }));
      if (state.mode === "stall") return; // never answers: the client's timeout must end it
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          state.received.push(parsed);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  server.on("error", () => {});
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  return state;
}
