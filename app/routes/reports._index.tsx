// `/reports` is `/reports/:id` with no report open: a new one in the builder.
export { action, default, links, loader, meta } from "./reports.$id";
