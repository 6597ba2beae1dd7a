/* routes.c (cli): `casedesk routes` prints the route table (methods, pattern, gate, representation, transaction) as
 * JSON. */
#include "cli/routes.h"
#include "router.h"
#include <jansson.h>

static const char *gate_name(gate g)
{
    switch (g) {
    case GATE_PUBLIC:
        return "GATE_PUBLIC";
    case GATE_ANON_FORM:
        return "GATE_ANON_FORM";
    case GATE_USER:
        return "GATE_USER";
    case GATE_ORG:
        return "GATE_ORG";
    case GATE_ADMIN:
        return "GATE_ADMIN";
    case GATE_ORG_OF_COMMENT:
        return "GATE_ORG_OF_COMMENT";
    case GATE_ORG_OF_ATTACHMENT:
        return "GATE_ORG_OF_ATTACHMENT";
    }
    return "GATE_UNKNOWN";
}

int cli_routes(FILE *out)
{
    size_t n;
    const route *t = router_table(&n);
    json_t *all = json_array();
    for (size_t i = 0; all && i < n; i++) {
        json_t *methods = json_array();
        for (unsigned bit = 1; methods && bit < M_OTHER; bit <<= 1)
            if (t[i].methods & bit)
                json_array_append_new(methods, json_string(http_method_name((http_method)bit)));
        static const char *const tx_names[] = {
            [TX_READ] = "read", [TX_AUTO] = "auto", [TX_WRITE] = "write", [TX_SNAPSHOT] = "snapshot"};
        json_array_append_new(all, json_pack("{s:o?, s:s, s:s, s:s, s:s}", "methods", methods, "pattern",
                                             t[i].pattern, "gate", gate_name(t[i].gate), "repr",
                                             t[i].repr == REP_JSON ? "json" : "html", "tx", tx_names[t[i].tx]));
    }
    int rc = all && json_dumpf(all, out, JSON_INDENT(1)) == 0 && fputc('\n', out) != EOF ? 0 : 1;
    json_decref(all);
    return rc;
}
