/**
 * Long work in the event loop's turns: a bulk import checks thousands of records while its last
 * batch is in the database, and each answer from the database waits until the loop is free. Work
 * that yields every few milliseconds lets the write go on between its steps.
 */

/** Resolves in the loop's next turn, after the I/O that arrived meanwhile (its answers) was handled. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Rows of a bulk import's work between two turns: a few milliseconds of CPU. */
export const ROWS_A_TURN = 64;
