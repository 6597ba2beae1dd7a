/* views.c (api): saved views of the case list: /api/views/ and /api/views/{id}/ (the owner, or an ADMIN for a
 * shared one, writes). */
#include "handlers.h"
#include "api/resource.h"
#include "auth/auth.h"
#include "repo/views.h"

cd_err api_views_list(request *req, response *resp)
{
    const char *user[1] = {req->auth->user_id};
    return res_list(req, resp, STMT_VIEW_COUNT, STMT_VIEW_LIST, user, 1);
}

/* Replies status with view id as the caller reads it; a 201 also gets Location: /api/views/<id>/. */
static cd_err reply_view(request *req, response *resp, const char *id, int status)
{
    actor act = auth_actor(req);
    cd_err e;
    json_t *v = view_get(&act, id, &e);
    if (!v)
        return e;
    if (status == 201) {
        char *loc = arena_printf(req->a, "/api/views/%s/", id);
        if (loc)
            resp_set_header(resp, "Location", loc);
    }
    return resp_json_ref(resp, status, v);
}

/* Writes view id (NULL: a new one) as the caller, then replies with it. */
static cd_err write_view(request *req, response *resp, const char *id)
{
    json_t *errors = input_errors(req);
    const char *saved = NULL;
    actor act = auth_actor(req);
    input_fields in = input_of(req);
    cd_err e = errors ? view_save(&act, &in, id, errors, &saved) : CD_ENOMEM;
    return e != CD_OK ? e : reply_view(req, resp, saved, id ? 200 : 201);
}

cd_err api_views_create(request *req, response *resp) { return write_view(req, resp, NULL); }

cd_err api_views_get(request *req, response *resp) { return reply_view(req, resp, req->params[0], 200); }

cd_err api_views_update(request *req, response *resp) { return write_view(req, resp, req->params[0]); }

cd_err api_views_delete(request *req, response *resp) { return res_delete(req, resp, view_delete); }
