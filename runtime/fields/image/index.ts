import { fileLikeKind } from "../files";

export const imageKind = fileLikeKind("image", "Image", { defaultAccept: "image/*", printFilter: "image" });
