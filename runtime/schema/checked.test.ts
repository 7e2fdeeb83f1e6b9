import Ajv from "ajv";
import { parseWith } from "./checked";
import { thrownApiError } from "@tests/helpers/thrown-api-error";

interface Point {
  x: number;
  label?: string;
}

const validatePoint = new Ajv({ allErrors: true }).compile<Point>({
  type: "object",
  required: ["x"],
  additionalProperties: false,
  properties: { x: { type: "number" }, label: { type: "string" } },
});

describe("parseWith", () => {
  it("answers a valid document as it came, typed", () => {
    const raw: unknown = { x: 3, label: "three" };
    const point: Point = parseWith(validatePoint, raw, "the point");
    expect(point).toBe(raw);
  });

  it("refuses an invalid document with a 422 naming the first problem and listing all", () => {
    const error = thrownApiError(() => parseWith(validatePoint, { x: "3", label: 4 }, "the point"));
    expect(error.status).toBe(422);
    expect(error.message).toBe("the point is not valid: /x must be number");
    expect(error.details).toEqual({
      problems: [
        { path: "/x", message: "must be number" },
        { path: "/label", message: "must be string" },
      ],
    });
  });

  it("points at the document itself when the whole of it is wrong", () => {
    const error = thrownApiError(() => parseWith(validatePoint, [], "the point"));
    expect(error.message).toBe("the point is not valid: / must be object");
  });
});
