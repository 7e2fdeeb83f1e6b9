import type { FieldSchema } from "../schema/types";

/** Test data a kind declares about itself, used by the conformance test and by record factories. */
export interface KindSamples {
  /** The smallest definition of the kind that is valid. */
  minimal: FieldSchema;
  cases: SampleCase[];
}

export interface SampleCase {
  field: FieldSchema;
  /** Valid values in the canonical form fromDb gives back. */
  valid: unknown[];
  /** Values the value schema must refuse. */
  invalid: unknown[];
  /** False when text import is refused by design (files). */
  textRoundTrip?: boolean;
}
