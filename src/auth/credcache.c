/* credcache.c: a fixed table of validated credentials per worker, a slot per (kind, credential, organization). */
#include "auth/credcache.h"
#include "core/str.h"
#include "db/db.h"
#include <string.h>

#define SLOTS 256
#define TEXT_MAX 256 /* users.email, users.name and orgs.name are at most 255 characters */

typedef struct entry {
    dir_mark mark;
    cred_kind kind;
    char hash[TOKEN_HASH_HEX + 3];
    char org[CD_UUID_LEN + 1]; /* the organization asked for, "" when none */
    auth_ctx ctx;              /* string pointers cleared; the texts below */
    bool has_role, has_org_name, has_csrf;
    char email[TEXT_MAX], name[TEXT_MAX], org_name[TEXT_MAX], role[8], csrf[TOKEN_STR_LEN + 1];
} entry;

static entry slots[SLOTS];

/* The slot of (kind, hash, org): FNV-1a of the three. */
static entry *slot_of(cred_kind kind, const char *hash, const char *org)
{
    return &slots[str_hash(org ? org : "", str_hash(hash, STR_HASH_SEED ^ (unsigned)kind)) % SLOTS];
}

/* Copies src (NULL allowed) into dst of size n; false when it does not fit. */
static bool keep(char *dst, size_t n, const char *src, bool *present)
{
    if (present)
        *present = src != NULL;
    if (!src) {
        dst[0] = '\0';
        return present != NULL;
    }
    size_t len = strlen(src);
    if (len >= n)
        return false;
    memcpy(dst, src, len + 1);
    return true;
}

bool credcache_get(arena *a, cred_kind kind, const char *hash, const char *org, unsigned long stamp, auth_ctx *ctx)
{
    entry *e = slot_of(kind, hash, org);
    if (!db_directory_fresh(e->mark, stamp) || e->kind != kind || strcmp(e->hash, hash) != 0 ||
        strcmp(e->org, org ? org : "") != 0)
        return false;
    auth_ctx c = e->ctx;
    c.email = arena_strdup(a, e->email);
    c.name = arena_strdup(a, e->name);
    c.role = e->has_role ? arena_strdup(a, e->role) : NULL;
    c.org_name = e->has_org_name ? arena_strdup(a, e->org_name) : NULL;
    c.csrf = e->has_csrf ? arena_strdup(a, e->csrf) : NULL;
    if (!c.email || !c.name || (e->has_role && !c.role) || (e->has_org_name && !c.org_name) ||
        (e->has_csrf && !c.csrf))
        return false;
    *ctx = c;
    return true;
}

void credcache_put(cred_kind kind, const char *hash, const char *org, unsigned long stamp, long ttl,
                   const auth_ctx *ctx)
{
    if (!stamp || ttl <= 0)
        return;
    entry *e = slot_of(kind, hash, org);
    e->mark.stamp = 0;
    e->kind = kind;
    if (!keep(e->hash, sizeof e->hash, hash, NULL) || !keep(e->org, sizeof e->org, org ? org : "", NULL) ||
        !keep(e->email, sizeof e->email, ctx->email, NULL) || !keep(e->name, sizeof e->name, ctx->name, NULL) ||
        !keep(e->role, sizeof e->role, ctx->role, &e->has_role) ||
        !keep(e->org_name, sizeof e->org_name, ctx->org_name, &e->has_org_name) ||
        !keep(e->csrf, sizeof e->csrf, ctx->csrf, &e->has_csrf))
        return;
    e->ctx = *ctx;
    e->ctx.email = e->ctx.name = e->ctx.role = e->ctx.org_name = e->ctx.csrf = NULL;
    e->mark = db_directory_mark(stamp, ttl);
}
