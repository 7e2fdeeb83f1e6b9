import { describe, expect, it } from "vitest";
import { packWritten, WrittenLog, type Touched } from "./import-undo.server";

describe("packWritten", () => {
  it("packs created records into runs of consecutive ids at one version, and lists updated ones", () => {
    const touched = new Map<number, Touched>([
      [12, { created: true, from: 0, to: 1 }],
      [10, { created: true, from: 0, to: 1 }],
      [11, { created: true, from: 0, to: 1 }],
      [13, { created: true, from: 0, to: 2 }],
      [15, { created: true, from: 0, to: 2 }],
      [3, { created: false, from: 4, to: 6 }],
    ]);
    expect(packWritten(touched)).toEqual({
      created: [
        [10, 12, 1],
        [13, 13, 2],
        [15, 15, 2],
      ],
      updated: [[3, 4, 6]],
    });
  });

  it("keeps a million consecutive new records small", () => {
    const touched = new Map<number, Touched>();
    for (let id = 1; id <= 1_000_000; id++) touched.set(id, { created: true, from: 0, to: 1 });
    expect(packWritten(touched).created).toEqual([[1, 1_000_000, 1]]);
  });
});

describe("WrittenLog", () => {
  it("keeps runs as batches come, splits a run for a record the import then updated, keeps an update's first version", () => {
    const log = new WrittenLog().apply([
      { created: 10, version: 1 },
      { created: 11, version: 1 },
      { created: 12, version: 1 },
      { updated: 3, from: 4, to: 5 },
    ]);
    // Another batch, resumed from what the first stored.
    const resumed = new WrittenLog(log.pack()).apply([
      { created: 13, version: 1 },
      { updated: 11, from: 1, to: 2 },
      { updated: 3, from: 5, to: 6 },
    ]);
    expect(resumed.pack()).toEqual({
      created: [
        [10, 10, 1],
        [11, 11, 2],
        [12, 13, 1],
      ],
      updated: [[3, 4, 6]],
    });
    expect(log.pack().created).toEqual([[10, 12, 1]]);
  });
});
