/* handlers.h: declarations of every route handler named in routes.def. */
#ifndef CD_HANDLERS_H
#define CD_HANDLERS_H
#include "core/err.h"
#include "http/request.h"
#include "http/response.h"

#define ROUTE(methods, pattern, fn, gate, repr, tx) cd_err fn(request *req, response *resp);
#include "routes.def"
#undef ROUTE

#endif
