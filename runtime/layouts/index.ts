export * from "./types";
export { layoutJsonSchema, layoutShapeProblems, isCardLayout } from "./layout-schema";
export { defaultLayout, controlFor } from "./default-layout";
export { resolveLayout, layoutFieldProblems, layoutControls, type ResolvedLayout } from "./resolve-layout";
