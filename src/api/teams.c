/* teams.c (api): teams of an organization and their members: /api/teams/ and /api/teams/{id}/ (writes: ADMIN only).
 */
#include "handlers.h"
#include "api/resource.h"
#include "repo/teams.h"

cd_err api_teams_list(request *req, response *resp)
{
    return res_list(req, resp, STMT_TEAM_COUNT, STMT_TEAM_LIST, NULL, 0);
}

cd_err api_teams_create(request *req, response *resp) { return res_write(req, resp, team_save, STMT_TEAM_GET, NULL); }

cd_err api_teams_get(request *req, response *resp)
{
    return res_reply_row(req, resp, STMT_TEAM_GET, req->params[0], 200);
}

cd_err api_teams_update(request *req, response *resp)
{
    return res_write(req, resp, team_save, STMT_TEAM_GET, req->params[0]);
}

cd_err api_teams_delete(request *req, response *resp) { return res_delete(req, resp, team_delete); }
