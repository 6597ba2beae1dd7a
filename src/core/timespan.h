/* timespan.h: how long ago a moment was, in the few words a list column has room for. */
#ifndef CD_TIMESPAN_H
#define CD_TIMESPAN_H
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* Reads an ISO 8601 UTC time as the API writes it ("2023-01-15T10:30:00Z", optionally with fractional
 * seconds before the Z) into seconds since the epoch; false when s is NULL or not of that form. */
bool iso_utc_parse(const char *s, time_t *out);

/* Writes the length of seconds (clamped at 0) in one unit, rounded down: "0 min" under a minute, "12 min",
 * "5 h", "3 d", "6 wk" from 14 days, "4 mo" from 60 days, "2 yr" from 730 days. Returns buf. */
const char *timespan_text(long long seconds, char *buf, size_t len);

#endif
