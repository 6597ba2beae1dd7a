/* case_bulk.c (repo): validation of a bulk change and its application case by case (see case_bulk.h). */
#include "repo/case_bulk.h"
#include "repo/rules.h"
#include "core/arena_json.h"
#include "db/pgtext.h"
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const top_keys[] = {"ids", "set", "add", "remove", "versions", NULL};
static const char *const set_keys[] = {"status", "priority", "case_type", "account", NULL};
static const int set_fields[] = {CF_STATUS, CF_PRIORITY, CF_CASE_TYPE, CF_ACCOUNT};
#define NSET (sizeof set_fields / sizeof set_fields[0])
static const char *const link_keys[] = {[BULK_ASSIGNEES] = "assigned_to", [BULK_TEAMS] = "teams", NULL};
static const int link_fields[BULK__LINKS] = {[BULK_ASSIGNEES] = CF_ASSIGNED_TO, [BULK_TEAMS] = CF_TEAMS};

static bool listed(const char *const *names, const char *key)
{
    for (; *names; names++)
        if (strcmp(*names, key) == 0)
            return true;
    return false;
}

/* The member key of object name of body: NULL when absent; an error when it is not an object. Every key of it
 * must be one of allowed ("set.foo" names an unknown one). */
static json_t *part_of(arena *a, const json_t *body, const char *name, const char *const *allowed, json_t *errors)
{
    json_t *o = json_object_get(body, name);
    if (!o || json_is_null(o))
        return NULL;
    if (!json_is_object(o)) {
        field_error(errors, name, "Must be an object.");
        return NULL;
    }
    const char *k;
    json_t *v;
    json_object_foreach(o, k, v) {
        if (!listed(allowed, k))
            field_error(errors, arena_printf(a, "%s.%s", name, k),
                        strcmp(name, "set") == 0
                            ? "Unknown field: a bulk change sets status, priority, case_type "
                              "or account."
                            : "Unknown field: a bulk change adds or removes assigned_to or teams.");
    }
    return o;
}

/* Moves the messages of from into errors, each key k as prefix.k when prefix_of(k) names a prefix. */
static void merge_errors(arena *a, json_t *errors, json_t *from, const json_t *set)
{
    const char *k;
    json_t *msgs;
    json_object_foreach(from, k, msgs) {
        const char *key = k;
        if (json_object_get(set, k))
            key = arena_printf(a, "set.%s", k);
        else if (listed(link_keys, k))
            key = arena_printf(a, "add.%s", k);
        size_t i;
        json_t *m;
        json_array_foreach(msgs, i, m)
            field_error(errors, key ? key : k, json_string_value(m));
    }
}

static bool in_list(const char *const *list, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i], id) == 0)
            return true;
    return false;
}

/* The If-Match value of a version as a client sends it: a number, or an ETag (a bare number in a string is read
 * as that version); NULL when it is neither. */
static const char *if_match_of(arena *a, const json_t *v)
{
    if (json_is_integer(v) && json_integer_value(v) >= 0)
        return arena_printf(a, "\"%lld\"", (long long)json_integer_value(v));
    const char *s = json_string_value(v);
    if (!s || !*s)
        return NULL;
    return strspn(s, "0123456789") == strlen(s) ? arena_printf(a, "\"%s\"", s) : s;
}

static void parse_versions(const actor *act, const json_t *body, case_bulk *b, json_t *errors)
{
    json_t *vs = json_object_get(body, "versions");
    if (!vs || json_is_null(vs) || b->n == 0)
        return;
    if (!json_is_object(vs)) {
        field_error(errors, "versions", "Must be an object of case ids and their versions.");
        return;
    }
    const char *k;
    json_t *v;
    json_object_foreach(vs, k, v) {
        size_t i = 0;
        while (i < b->n && strcasecmp(b->ids[i], k) != 0)
            i++;
        const char *tag = if_match_of(act->a, v);
        if (i == b->n)
            field_error(errors, "versions", arena_printf(act->a, "%s is not one of ids.", k));
        else if (!tag)
            field_error(errors, "versions", "Each version is a number or an ETag.");
        else
            b->if_match[i] = tag;
    }
}

cd_err case_bulk_parse(const actor *act, const json_t *body, case_bulk *b, json_t *errors)
{
    static const kvlist no_form = {0};
    *b = (case_bulk){.n = 0};
    if (!json_is_object(body)) {
        field_error(errors, "non_field_errors", "Expected a JSON object.");
        return CD_EINVALID;
    }
    const char *k;
    json_t *v;
    json_object_foreach((json_t *)body, k, v) {
        if (!listed(top_keys, k))
            field_error(errors, k, "Unknown field: a bulk change sends ids, set, add, remove and versions.");
    }
    field_spec ids_spec = {.name = "ids", .type = F_UUID_LIST, .required = true, .max = CASE_BULK_MAX};
    field_val ids;
    input_fields in = {.a = act->a, .json = (json_t *)body, .form = &no_form};
    if (input_validate(&in, &ids_spec, 1, &ids, errors)) {
        if (ids.n == 0)
            field_error(errors, "ids", "Send at least one case id.");
        b->ids = ids.list;
        b->n = ids.n;
    }
    if (!(b->if_match = arena_calloc(act->a, b->n + 1, sizeof *b->if_match)))
        return CD_ENOMEM;
    parse_versions(act, body, b, errors);

    json_t *set = part_of(act->a, body, "set", set_keys, errors);
    json_t *add = part_of(act->a, body, "add", link_keys, errors);
    json_t *rem = part_of(act->a, body, "remove", link_keys, errors);
    /* The fields set and the links added are checked as an edit of the case rules sends them. */
    json_t *sent = arena_json(act->a, json_object()), *found = arena_json(act->a, json_object());
    if (!sent || !found)
        return CD_ENOMEM;
    for (size_t i = 0; set_keys[i]; i++)
        if (json_object_get(set, set_keys[i]))
            json_object_set(sent, set_keys[i], json_object_get(set, set_keys[i]));
    for (size_t i = 0; link_keys[i]; i++)
        if (json_object_get(add, link_keys[i]))
            json_object_set(sent, link_keys[i], json_object_get(add, link_keys[i]));
    field_val fv[CF__COUNT] = {{0}};
    if (json_object_size(sent)) {
        in.json = sent;
        cd_err e = case_validate(act, &in, false, fv, found);
        if (e != CD_OK && e != CD_EINVALID)
            return e;
        merge_errors(act->a, errors, found, set);
    }
    field_spec rs[BULK__LINKS];
    field_val rv[BULK__LINKS] = {{0}};
    json_t *rem_found = arena_json(act->a, json_object());
    if (!rem_found)
        return CD_ENOMEM;
    for (int i = 0; i < BULK__LINKS; i++)
        rs[i] = case_field_specs[link_fields[i]];
    in.json = rem ? rem : sent;
    if (rem && !input_validate(&in, rs, BULK__LINKS, rv, rem_found)) {
        const char *rk;
        json_t *msgs;
        json_object_foreach(rem_found, rk, msgs) {
            size_t i;
            json_t *m;
            json_array_foreach(msgs, i, m)
                field_error(errors, arena_printf(act->a, "remove.%s", rk), json_string_value(m));
        }
    }
    bool change = false;
    for (size_t i = 0; i < NSET; i++) {
        b->set[set_fields[i]] = fv[set_fields[i]];
        change |= fv[set_fields[i]].present;
    }
    for (int i = 0; i < BULK__LINKS; i++) {
        b->add[i] = fv[link_fields[i]];
        b->remove[i] = rem ? rv[i] : (field_val){.present = false};
        change |= b->add[i].n > 0 || b->remove[i].n > 0;
        for (size_t k2 = 0; k2 < b->remove[i].n; k2++)
            if (in_list(b->add[i].list, b->add[i].n, b->remove[i].list[k2])) {
                field_error(errors, arena_printf(act->a, "remove.%s", link_keys[i]),
                            "An id cannot be both added and removed.");
                break;
            }
    }
    if (!change && !json_object_size(errors))
        field_error(errors, "set", "Nothing to change: send a field in set, or an id in add or remove.");
    return input_verdict(errors);
}

/* ---- application ---- */

typedef struct bulk_item {
    const char *id;
    size_t at;  /* its place in the answer */
    int status; /* 0 until decided */
    case_lock lk;
} bulk_item;

static int by_id(const void *x, const void *y)
{
    return strcmp(((const bulk_item *)x)->id, ((const bulk_item *)y)->id);
}

/* The link set current (uuid[] text) with add added and del removed into *out; false when that is current
 * itself (nothing to write). */
static bool new_links(arena *a, const char *current, const field_val *add, const field_val *del, field_val *out,
                      cd_err *e)
{
    json_t *cur = arena_json(a, pg_uuid_array(current));
    size_t n = json_array_size(cur);
    const char **list = cur ? arena_calloc(a, n + add->n + 1, sizeof *list) : NULL;
    if (!list) {
        *e = CD_ENOMEM;
        return false;
    }
    size_t w = 0, kept = 0;
    size_t i;
    json_t *it;
    json_array_foreach(cur, i, it) {
        const char *s = json_string_value(it);
        if (s && !in_list(del->list, del->n, s))
            list[w++] = s;
    }
    kept = w;
    for (i = 0; i < add->n; i++)
        if (!in_list(list, w, add->list[i]))
            list[w++] = add->list[i];
    if (kept == n && w == n)
        return false;
    *out = (field_val){.present = true, .list = list, .n = w};
    return true;
}

/* Applies b to the locked case of it (status 0): sets it->status and fills o. */
static cd_err apply_one(const actor *act, const case_bulk *b, bulk_item *it, json_t *o, case_bulk_counts *counts)
{
    const char *tag = b->if_match[it->at];
    if (tag && !case_if_match(tag, it->lk.version)) {
        it->status = 412;
        json_object_set_new(
            o, "reason",
            json_string(arena_printf(act->a, "The case has changed since you read it: it is at version %ld.",
                                     it->lk.version)));
        json_object_set_new(o, "version", json_integer(it->lk.version));
        return CD_OK;
    }
    if (!case_may_edit(act, true)) {
        it->status = 403;
        json_object_set_new(o, "reason", json_string(CASE_EDIT_REFUSED));
        return CD_OK;
    }
    field_val v[CF__COUNT];
    memcpy(v, b->set, sizeof v);
    bool any = false;
    for (size_t i = 0; i < NSET; i++)
        any |= v[set_fields[i]].present;
    cd_err e = CD_OK;
    const char *current[BULK__LINKS] = {it->lk.assignee_ids, it->lk.team_ids};
    for (int i = 0; i < BULK__LINKS; i++)
        if (b->add[i].n || b->remove[i].n)
            any |= new_links(act->a, current[i], &b->add[i], &b->remove[i], &v[link_fields[i]], &e);
    if (e != CD_OK)
        return e;
    long version = it->lk.version;
    json_t *errors = arena_json(act->a, json_object());
    if (!errors)
        return CD_ENOMEM;
    if (any && (e = case_apply(act, &it->lk, v, errors, &version)) != CD_OK) {
        if (e != CD_EINVALID)
            return e;
        it->status = 409;
        json_object_set(o, "errors", errors);
        return CD_OK;
    }
    it->status = 200;
    bool changed = version != it->lk.version;
    counts->changed += changed;
    counts->unchanged += !changed;
    json_object_set_new(o, "version", json_integer(version));
    json_object_set_new(o, "changed", json_boolean(changed));
    return CD_OK;
}

json_t *case_bulk_apply(const actor *act, const case_bulk *b, case_bulk_counts *counts, cd_err *e)
{
    *counts = (case_bulk_counts){0};
    bulk_item *items = arena_calloc(act->a, b->n + 1, sizeof *items);
    json_t *out = arena_json(act->a, json_array());
    if (!items || !out) {
        *e = CD_ENOMEM;
        return NULL;
    }
    for (size_t i = 0; i < b->n; i++) {
        items[i] = (bulk_item){.id = b->ids[i], .at = i};
        if (json_array_append_new(out, json_null()) != 0) {
            *e = CD_ENOMEM;
            return NULL;
        }
    }
    qsort(items, b->n, sizeof *items, by_id);
    /* Every lock first, in id order: no case lock is waited for while a link lock is held. */
    for (size_t i = 0; i < b->n; i++) {
        *e = case_lock_visible(act, items[i].id, &items[i].lk);
        if (*e == CD_ENOTFOUND)
            items[i].status = 404;
        else if (*e != CD_OK)
            return NULL;
    }
    for (size_t i = 0; i < b->n; i++) {
        bulk_item *it = &items[i];
        json_t *o = json_pack("{s:s}", "id", it->id);
        if (!o || json_array_set_new(out, it->at, o) != 0) {
            *e = CD_ENOMEM;
            return NULL;
        }
        if (it->status == 404)
            json_object_set_new(o, "reason",
                                json_string("No such case in this organization, or you may not see it."));
        else if ((*e = apply_one(act, b, it, o, counts)) != CD_OK)
            return NULL;
        counts->refused += it->status != 200;
        json_object_set_new(o, "status", json_integer(it->status));
    }
    *e = CD_OK;
    return out;
}
