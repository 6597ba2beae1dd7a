/* routes.h (cli): `casedesk routes`, the route table as JSON for the generated security tests. */
#ifndef CD_CLI_ROUTES_H
#define CD_CLI_ROUTES_H
#include <stdio.h>

/* Writes every route of router_table() to out as a JSON array of
 * {"methods": ["GET", ...], "pattern": "/api/cases/{uuid}/", "gate": "GATE_ORG", "repr": "json"},
 * in table order; HEAD and OPTIONS, which the router derives, are not listed. Returns the exit code. */
int cli_routes(FILE *out);

#endif
