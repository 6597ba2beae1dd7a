/* dircache.c: a few slots per kind, keyed by organization or user id, each holding one JSON value. */
#include "repo/dircache.h"
#include "core/ids.h"
#include "core/str.h"
#include "db/db.h"
#include <string.h>

#define SLOTS 32 /* per kind: the organizations (or users) one worker serves at once */

typedef struct entry {
    dir_mark mark;
    char id[CD_UUID_LEN + 1];
    json_t *value;
} entry;

static entry slots[DIRCACHE__COUNT][SLOTS];

static entry *slot_of(dircache_kind kind, const char *id)
{
    return &slots[kind][str_hash(id, STR_HASH_SEED) % SLOTS];
}

json_t *dircache_get(dircache_kind kind, const char *id, unsigned long stamp)
{
    entry *e = slot_of(kind, id);
    if (!e->value || !db_directory_fresh(e->mark, stamp) || strcmp(e->id, id) != 0)
        return NULL;
    return json_incref(e->value);
}

void dircache_put(dircache_kind kind, const char *id, unsigned long stamp, long ttl, json_t *value)
{
    if (!stamp || ttl <= 0 || !value || strlen(id) > CD_UUID_LEN)
        return;
    entry *e = slot_of(kind, id);
    json_decref(e->value);
    strcpy(e->id, id);
    e->value = json_incref(value);
    e->mark = db_directory_mark(stamp, ttl);
}
