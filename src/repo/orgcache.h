/* orgcache.h: per-organization JSON a worker keeps while the directory stamp holds (its members, accounts). */
#ifndef CD_ORGCACHE_H
#define CD_ORGCACHE_H
#include <jansson.h>

typedef enum orgcache_kind {
    ORGCACHE_MENTIONS, /* users_mention of the case detail: the active members, by e-mail */
    ORGCACHE_LOOKUPS,  /* the members and newest accounts the HTML case list names and filters by */
    ORGCACHE__COUNT
} orgcache_kind;

/* The value of kind for organization org stored under directory stamp `stamp` (db_directory_stamp; 0 never
 * matches) and not outlived: a new reference the caller owns, to read and not modify. NULL otherwise. */
json_t *orgcache_get(orgcache_kind kind, const char *org, unsigned long stamp);

/* Keeps value (a reference is taken; the caller must not modify it afterwards) as kind for org, read under
 * stamp, for ttl seconds; replaces what shared its slot. Nothing is kept when stamp is 0 or ttl <= 0. */
void orgcache_put(orgcache_kind kind, const char *org, unsigned long stamp, long ttl, json_t *value);

#endif
