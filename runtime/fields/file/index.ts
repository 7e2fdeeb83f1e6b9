import { fileLikeKind } from "../files";

export const fileKind = fileLikeKind("file", "File", { printFilter: null });
