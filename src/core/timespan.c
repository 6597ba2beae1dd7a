/* timespan.c: how long ago a moment was, in the few words a list column has room for. */
#include "core/timespan.h"
#include <stdio.h>
#include <string.h>

bool iso_utc_parse(const char *s, time_t *out)
{
    struct tm tm = {0};
    int used = 0;
    if (!s ||
        sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
               &tm.tm_sec, &used) != 6 ||
        used != 19)
        return false;
    const char *rest = s + used;
    if (*rest == '.')
        for (rest++; *rest >= '0' && *rest <= '9'; rest++)
            ;
    if (strcmp(rest, "Z") != 0 || tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 || tm.tm_mday > 31 ||
        tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60)
        return false;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    *out = timegm(&tm);
    return true;
}

const char *timespan_text(long long seconds, char *buf, size_t len)
{
    static const struct {
        long long from, unit;
        const char *name;
    } units[] = {
        {730LL * 86400, 365LL * 86400, "yr"},
        {60LL * 86400, 30LL * 86400, "mo"},
        {14LL * 86400, 7LL * 86400, "wk"},
        {86400, 86400, "d"},
        {3600, 3600, "h"},
        {0, 60, "min"},
    };
    if (seconds < 0)
        seconds = 0;
    size_t i = 0;
    while (seconds < units[i].from)
        i++;
    snprintf(buf, len, "%lld %s", seconds / units[i].unit, units[i].name);
    return buf;
}
