/* orgcache.c: a few slots per kind, keyed by organization id, each holding one JSON value. */
#include "repo/orgcache.h"
#include "core/ids.h"
#include "core/str.h"
#include "db/db.h"
#include <string.h>

#define SLOTS 16 /* per kind: the organizations one worker serves at once */

typedef struct entry {
    dir_mark mark;
    char org[CD_UUID_LEN + 1];
    json_t *value;
} entry;

static entry slots[ORGCACHE__COUNT][SLOTS];

static entry *slot_of(orgcache_kind kind, const char *org)
{
    return &slots[kind][str_hash(org, STR_HASH_SEED) % SLOTS];
}

json_t *orgcache_get(orgcache_kind kind, const char *org, unsigned long stamp)
{
    entry *e = slot_of(kind, org);
    if (!e->value || !db_directory_fresh(e->mark, stamp) || strcmp(e->org, org) != 0)
        return NULL;
    return json_incref(e->value);
}

void orgcache_put(orgcache_kind kind, const char *org, unsigned long stamp, long ttl, json_t *value)
{
    if (!stamp || ttl <= 0 || !value || strlen(org) > CD_UUID_LEN)
        return;
    entry *e = slot_of(kind, org);
    json_decref(e->value);
    strcpy(e->org, org);
    e->value = json_incref(value);
    e->mark = db_directory_mark(stamp, ttl);
}
