/* actor.h: who a repo operation acts as: organization, user and role, with the arena and settings it uses. */
#ifndef CD_ACTOR_H
#define CD_ACTOR_H
#include <stdbool.h>
#include "core/arena.h"
#include "core/config.h"

struct request;

typedef enum actor_role {
    ROLE_NONE,  /* not an active member of org_id */
    ROLE_USER,  /* an active member */
    ROLE_ADMIN, /* an active ADMIN */
} actor_role;

typedef struct actor {
    arena *a;           /* where results and their values live */
    const char *org_id; /* "" when no organization applies */
    const char *user_id;
    actor_role role;
    const config *cfg;
} actor;

/* The actor of a request whose gates have passed: its caller in the organization it names. */
actor auth_actor(const struct request *req);

/* The actor's ADMIN flag as a statement parameter ("true"/"false"), for the visibility rules in SQL. */
const char *actor_admin_param(const actor *act);

#endif
