// `/dashboards` opens the first dashboard the person may see.
export { action, default, links, loader, meta } from "./dashboards.$id";
