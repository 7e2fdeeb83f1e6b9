/** Contact persons of the demo clients; the first one of each client is its primary contact. */
import { makeContact, slugOf } from "../factories";
import { recordRef, type SeedRecord } from "../seed-record";
import { DEMO_CLIENTS, type DemoClient } from "./clients";

export function contactRef(client: DemoClient, index: number): string {
  if (index < 0 || index >= client.contacts.length) {
    throw new Error(`demo data refers to contact ${index} of "${client.ref}", which has ${client.contacts.length}`);
  }
  return `${client.ref}-${index + 1}`;
}

export function demoContacts(): SeedRecord[] {
  let seed = 0;
  return DEMO_CLIENTS.flatMap((client) =>
    client.contacts.map(([first, last, position], index) => {
      const individual = client.kind === "individual";
      const values = makeContact(
        {
          client: recordRef("clients", client.ref),
          first_name: first,
          last_name: last,
          position,
          email: individual ? client.email : `${slugOf(`${first} ${last}`, ".")}@${client.domain}`,
          // Office contacts share the switchboard number with their own extension.
          phone: individual ? client.phone : `${client.phone} x${21 + index}`,
          is_primary: index === 0,
        },
        ++seed,
      );
      return { table: "contacts" as const, ref: contactRef(client, index), values };
    }),
  );
}
