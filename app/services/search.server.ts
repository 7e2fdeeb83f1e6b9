export { globalSearch } from "@runtime/search/global-search.server";
export { indexAdviceForViews } from "@runtime/search/index-advice.server";
