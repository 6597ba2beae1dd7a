/* router.h: the one route table (routes.def): methods, gates, representation and transaction of every route. */
#ifndef CD_ROUTER_H
#define CD_ROUTER_H
#include "auth/auth.h"
#include "core/err.h"
#include "http/request.h"
#include "http/response.h"

typedef cd_err (*handler_fn)(request *req, response *resp);

/* How errors on a route are rendered. */
typedef enum repr { REP_JSON, REP_HTML } repr;

/* How the router runs the handler of a POST, PUT, PATCH or DELETE (GET and HEAD run as TX_READ, but for
 * TX_SNAPSHOT). */
typedef enum tx_mode {
    TX_READ,     /* reads only: each statement on its own */
    TX_AUTO,     /* writes that each stand alone (one statement): committed by PostgreSQL as they run */
    TX_WRITE,    /* one transaction: begun before the handler, committed when it succeeds, rolled back on
                  * any error; rerun on a serialization failure or deadlock */
    TX_SNAPSHOT, /* reads in one read-only transaction, for any method: what a cursor read in batches needs */
} tx_mode;

typedef struct route {
    unsigned methods; /* http_method flags */
    const char *pattern;
    handler_fn fn;
    gate gate;
    repr repr;
    tx_mode tx;
} route;

/* Finds the route for path and method. Path parameters ({uuid}) are copied, lower-cased, into params
 * (REQ_MAX_PARAMS entries) from arena a, their number into *nparams. When the path matches but not the
 * method, returns NULL and sets *allowed to the methods that would match (0 when no path matches). */
const route *router_match(arena *a, const char *path, http_method m, const char **params, int *nparams,
                          unsigned *allowed);

/* Routes req through its gates to its handler, run as the route's tx_mode says (tx_run: a serialization
 * failure or deadlock reruns it from the same parsed request, up to TX_RERUNS times, before a 503), and
 * fills resp; every error becomes a JSON or HTML error response once the writes are rolled back. */
void router_dispatch(request *req, response *resp);

/* Runs the handler of rt on req (gates passed, body parsed) as rt->tx says, with tx_run: before a rerun
 * the response (status, body, the headers the handler added) and the request's answer fields are reset,
 * so every run starts from the same parsed request. Returns the handler's (or the commit's) result. */
cd_err router_run(const route *rt, request *req, response *resp);

/* The route table, for tests and tools: *count receives its length. */
const route *router_table(size_t *count);

#endif
