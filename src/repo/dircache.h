/* dircache.h: JSON read from the directory (an organization's members and accounts, a user's organizations) that
 * a worker keeps while the directory stamp holds. */
#ifndef CD_DIRCACHE_H
#define CD_DIRCACHE_H
#include <jansson.h>

typedef enum dircache_kind {
    DIRCACHE_MENTIONS,  /* users_mention of the case detail: the active members, by e-mail */
    DIRCACHE_LOOKUPS,   /* the members and newest accounts the HTML case list names and filters by */
    DIRCACHE_USER_ORGS, /* by user id: the organizations of the page's switcher */
    DIRCACHE__COUNT
} dircache_kind;

/* The value of kind for id (an organization's, or a user's for DIRCACHE_USER_ORGS) stored under directory stamp
 * `stamp` (db_directory_stamp; 0 never matches) and not outlived: a new reference the caller owns, to read and not
 * modify. NULL otherwise. */
json_t *dircache_get(dircache_kind kind, const char *id, unsigned long stamp);

/* Keeps value (a reference is taken; the caller must not modify it afterwards) as kind for id, read under
 * stamp, for ttl seconds; replaces what shared its slot. Nothing is kept when stamp is 0 or ttl <= 0. */
void dircache_put(dircache_kind kind, const char *id, unsigned long stamp, long ttl, json_t *value);

#endif
