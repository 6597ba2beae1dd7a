/* pgtext.h (db): PostgreSQL's text output of timestamps and uuid arrays turned into the API's JSON values. */
#ifndef CD_DB_PGTEXT_H
#define CD_DB_PGTEXT_H
#include <stdbool.h>
#include <jansson.h>

/* The length of an API timestamp ("2023-01-15T10:30:00Z") with its NUL. */
#define PG_ISO_LEN 21

/* Writes the timestamptz text pg of a UTC session ("2023-01-15 10:30:00+00", with or without fractional
 * seconds) to out as "2023-01-15T10:30:00Z" (fractions dropped). False, out empty, for any other text. */
bool pg_ts_iso(const char *pg, char out[PG_ISO_LEN]);

/* The uuid[] text pg ("{a,b}", "{}") as a new JSON array of id strings; NULL when pg is not such a literal
 * or memory runs out. */
json_t *pg_uuid_array(const char *pg);

#endif
