import { actorFor } from "../services/actor.server";
import { resetPasswordAs } from "../services/people.server";
import { apiRoute } from "../utils/api.server";
import { userIdParam } from "./api.users.$id";

export const { loader, action } = apiRoute({
  POST: async ({ request, params }) => resetPasswordAs(await actorFor(request), userIdParam(params.id)),
});
