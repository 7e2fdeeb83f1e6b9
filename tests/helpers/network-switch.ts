import net from "node:net";

/**
 * A TCP relay in front of a test server that can drop the network: while off, every open
 * connection is cut and new ones are refused, for the page and its service worker alike (the
 * browser's own offline emulation does not reach a service worker's requests).
 */
export interface NetworkSwitch {
  /** The relay's base URL, e.g. http://localhost:41235: browse this instead of the server's. */
  url: string;
  set(online: boolean): void;
  close(): Promise<void>;
}

export async function networkSwitch(target: string): Promise<NetworkSwitch> {
  const port = Number(new URL(target).port);
  let online = true;
  const open = new Set<net.Socket>();
  const relay = net.createServer((client) => {
    if (!online) return client.destroy();
    const upstream = net.connect(port, "127.0.0.1");
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on("close", () => open.delete(socket));
      socket.on("error", () => socket.destroy());
    }
    client.pipe(upstream).pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
  const address = relay.address() as net.AddressInfo;
  return {
    url: `http://localhost:${address.port}`,
    set(next) {
      online = next;
      if (!online) for (const socket of open) socket.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        relay.close(() => resolve());
      }),
  };
}
