import type { KindSettings } from "../ui-types";

/** A kind whose definition has nothing of its own to set. */
export const noSettings: KindSettings = {
  read: () => ({}),
  write: () => ({}),
  Inputs: () => null,
};
