/* home.c: the start page at /: for a member of an organization a dashboard of its cases (their own open ones,
 * the unassigned ones, the backlog by status and priority, a chart of the cases created and closed per day),
 * the invitations waiting for their answer, or a way to sign in. */
#include "handlers.h"
#include "auth/auth.h"
#include "core/arena_json.h"
#include "db/db.h"
#include "http/kv.h"
#include "repo/cases.h"
#include "repo/dashboard.h"
#include "web/list_rows.h"
#include "web/page.h"
#include "web/tmpl_json.h"
#include <string.h>

#define HOME_INVITATIONS "50" /* the newest pending invitations shown */

/* The chart's drawing, in SVG user units (its viewBox): the plot's top, height and left edge, each day's slot
 * and the width of each of its two bars. */
#define CHART_WIDTH 640
#define CHART_HEIGHT 220
#define CHART_TOP 10
#define CHART_PLOT 170
#define CHART_LEFT 34
#define CHART_SLOT 20
#define CHART_BAR 8
#define CHART_LABEL_EVERY 5 /* a day's date under every fifth slot */
#define METER_WIDTH 100     /* the backlog rows' bars */

/* One pending invitation of the caller, with its Accept and Decline forms. */
static void invitation_row(request *req, tmpl_dict *row, const json_t *inv)
{
    const char *id = json_string_value(json_object_get(inv, "id"));
    json_t *by = json_object_get(inv, "invited_by");
    tmpl_set(row, "ORG_NAME", json_string_value(json_object_get(json_object_get(inv, "organization"), "name")));
    tmpl_set(row, "ROLE", json_string_value(json_object_get(inv, "role")));
    if (json_is_object(by))
        tmpl_set(tmpl_section(row, "BY"), "EMAIL", json_string_value(json_object_get(by, "email")));
    tmpl_set(row, "ACCEPT", arena_printf(req->a, "/invitations/%s/accept", id));
    tmpl_set(row, "DECLINE", arena_printf(req->a, "/invitations/%s/decline", id));
}

/* The /cases view of the open cases narrowed by key = value (key NULL: none more), in the work queue's order. */
static const char *open_view(request *req, const char *key, const char *value)
{
    kvlist q = {0};
    if (kv_add(&q, req->a, "resolution", strlen("resolution"), "open", 4) < 0 ||
        (key && kv_add(&q, req->a, key, strlen(key), value, strlen(value)) < 0) ||
        kv_add(&q, req->a, "ordering", strlen("ordering"), "-priority,updated_on", strlen("-priority,updated_on")) <
            0)
        return "/cases";
    const char *url = page_org_url(req, "/cases", &q, NULL);
    return url ? url : "/cases";
}

/* A tile: its count n and the view that lists those cases. */
static void tile(request *req, tmpl_dict *d, const char *section, long long n, const char *key, const char *value)
{
    tmpl_dict *t = tmpl_section(d, section);
    tmpl_set_int(t, "COUNT", n);
    tmpl_show(t, n == 1 ? "ONE" : "MANY");
    tmpl_set(t, "URL", open_view(req, key, value));
}

/* The backlog rows of section (one per value of values, in that order, by key) with their counts from counts
 * ({"New": 3, ...}), each linking to its view, with a bar as long as its share of the largest. */
static void backlog(request *req, tmpl_dict *d, const char *section, const char *key, const char *const *values,
                    size_t n, const json_t *counts)
{
    long long max = 1, total = 0;
    for (size_t i = 0; i < n; i++) {
        long long c = json_integer_value(json_object_get(counts, values[i]));
        max = c > max ? c : max;
        total += c;
    }
    tmpl_dict *s = tmpl_section(d, section);
    tmpl_set_int(s, "TOTAL", total);
    for (size_t i = 0; i < n; i++) {
        long long c = json_integer_value(json_object_get(counts, values[i]));
        tmpl_dict *row = tmpl_section(s, "ROW");
        tmpl_set(row, "LABEL", values[i]);
        tmpl_set(row, "SLUG", web_slug(req->a, values[i]));
        tmpl_set_int(row, "COUNT", c);
        tmpl_set_int(row, "METER", c * METER_WIDTH / max);
        tmpl_set(row, "URL", open_view(req, key, values[i]));
    }
}

/* The chart of the cases created and closed per day (days: [[day, created, closed], ...]), drawn as bars whose
 * geometry is computed here, with the same numbers as a table. */
static void per_day(tmpl_dict *d, const json_t *days)
{
    long long max = 1, created = 0, closed = 0;
    size_t i;
    json_t *day;
    json_array_foreach(days, i, day) {
        long long a = json_integer_value(json_array_get(day, 1)), b = json_integer_value(json_array_get(day, 2));
        max = a > max ? a : max;
        max = b > max ? b : max;
        created += a;
        closed += b;
    }
    tmpl_dict *c = tmpl_section(d, "CHART");
    tmpl_set_int(c, "WIDTH", CHART_WIDTH);
    tmpl_set_int(c, "HEIGHT", CHART_HEIGHT);
    tmpl_set_int(c, "DAYS", DASHBOARD_DAYS);
    tmpl_set_int(c, "CREATED", created);
    tmpl_set_int(c, "CLOSED", closed);
    tmpl_set_int(c, "MAX", max);
    tmpl_set_int(c, "LEFT", CHART_LEFT);
    tmpl_set_int(c, "RIGHT", CHART_LEFT + (long long)json_array_size(days) * CHART_SLOT);
    tmpl_set_int(c, "TOP", CHART_TOP);
    tmpl_set_int(c, "BASE", CHART_TOP + CHART_PLOT);
    tmpl_set_int(c, "MAX_Y", CHART_TOP + 4);
    json_array_foreach(days, i, day) {
        const char *date = json_string_value(json_array_get(day, 0));
        long long n[2] = {json_integer_value(json_array_get(day, 1)), json_integer_value(json_array_get(day, 2))};
        long long x = CHART_LEFT + (long long)i * CHART_SLOT + (CHART_SLOT - 2 * CHART_BAR) / 2;
        tmpl_dict *col = tmpl_section(c, "DAY");
        tmpl_set(col, "DATE", date);
        tmpl_set_int(col, "CREATED", n[0]);
        tmpl_set_int(col, "CLOSED", n[1]);
        static const char *const bars[2] = {"CREATED_BAR", "CLOSED_BAR"};
        for (int k = 0; k < 2; k++) {
            long long h = n[k] * CHART_PLOT / max;
            tmpl_dict *bar = tmpl_section(col, bars[k]);
            tmpl_set_int(bar, "X", x + k * CHART_BAR);
            tmpl_set_int(bar, "Y", CHART_TOP + CHART_PLOT - h);
            tmpl_set_int(bar, "W", CHART_BAR);
            tmpl_set_int(bar, "H", h);
        }
        if (i % CHART_LABEL_EVERY == 0 || i + 1 == json_array_size(days)) {
            tmpl_dict *label = tmpl_section(col, "LABEL");
            tmpl_set_int(label, "X", CHART_LEFT + (long long)i * CHART_SLOT + CHART_SLOT / 2);
            tmpl_set_int(label, "Y", CHART_TOP + CHART_PLOT + 16);
            tmpl_set(label, "TEXT", date && strlen(date) == 10 ? date + 5 : date); /* "11-03" */
        }
    }
}

/* The dashboard of the organization the request acts in, as its member may see it. */
static cd_err dashboard(request *req, tmpl_dict *o)
{
    cd_err e;
    actor act = auth_actor(req);
    json_t *n = dashboard_counts(&act, &e);
    if (!n)
        return e;
    tmpl_dict *d = tmpl_section(o, "DASHBOARD");
    tile(req, d, "MINE", json_integer_value(json_object_get(n, "mine")), "mine", "1");
    tile(req, d, "UNASSIGNED", json_integer_value(json_object_get(n, "unassigned")), "unassigned", "true");
    static const char *const open_statuses[] = {"New", "In Progress", "On Hold"};
    static const char *const priorities[] = {"Critical", "High", "Normal", "Low"};
    backlog(req, d, "BY_STATUS", "status", open_statuses, 3, json_object_get(n, "by_status"));
    backlog(req, d, "BY_PRIORITY", "priority", priorities, 4, json_object_get(n, "by_priority"));
    per_day(d, json_object_get(n, "days"));
    tmpl_set(d, "QUEUE_URL", page_org_url(req, "/cases", NULL, NULL));
    return CD_OK;
}

cd_err web_home(request *req, response *resp)
{
    tmpl_dict *d = page_start(req, "Home", "home.tpl");
    if (!d)
        return CD_ENOMEM;
    const auth_ctx *a = req->auth;
    if (!a) {
        tmpl_show(d, "ANON");
        return page_finish(req, resp, 200);
    }
    tmpl_dict *w = tmpl_section(d, "WELCOME");
    tmpl_set(w, "EMAIL", a->email);
    cd_err e = CD_OK;
    if (a->member_active) {
        tmpl_dict *o = tmpl_section(w, "IN_ORG");
        tmpl_set(o, "ROLE", a->role);
        tmpl_set(o, "ORG_NAME", a->org_name);
        e = dashboard(req, w);
    } else {
        tmpl_show(w, "NO_ORG");
    }
    const char *p[3] = {a->user_id, HOME_INVITATIONS, "0"};
    if (e == CD_OK)
        e = list_rows(req, w, "INVITATIONS", "INVITATION", STMT_INVITATION_MINE_LIST, p, invitation_row);
    return e == CD_OK ? page_finish(req, resp, 200) : e;
}
