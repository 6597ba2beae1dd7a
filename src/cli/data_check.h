/* data_check.h (cli): `casedesk check --data`, the read model compared with its sources. */
#ifndef CD_CLI_DATA_CHECK_H
#define CD_CLI_DATA_CHECK_H
#include "core/config.h"
#include <stdio.h>

/* Runs casedesk_read_model_drift() on cfg's database and prints each difference to out, one line each:
 * "RELATION KEY: expected E, found A" ("none" for a missing row). Prints nothing when every derived row
 * matches. Returns the exit code: 0 consistent, 1 differences found or the database unreachable (said on
 * stderr). */
int cli_check_data(const config *cfg, FILE *out);

#endif
