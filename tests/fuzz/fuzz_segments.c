/* fuzz_segments.c: libFuzzer harness: text_segments splits any text into segments that join back into it, whose
 * links are http(s) URLs without markup characters, under any arena limit; csv_field writes one field that reads
 * back as the value. */
#include <stdint.h>
#include <strings.h>
#include "fuzz_check.h"
#include "core/csv.h"
#include "core/segments.h"
#include "core/str.h"

/* The value of the one CSV field f (as csv_field wrote it, after its formula quote if any). */
static char *csv_read(arena *a, const char *f)
{
    size_t n = strlen(f);
    char *out = arena_alloc(a, n + 1), *o = out;
    CHECK(out);
    if (f[0] != '"') {
        CHECK(!strpbrk(f, ",\"\r\n"));
        memcpy(out, f, n + 1);
        return out;
    }
    CHECK(n >= 2 && f[n - 1] == '"');
    for (size_t i = 1; i < n - 1; i++) {
        if (f[i] == '"') {
            CHECK(f[i + 1] == '"' && i + 1 < n - 1);
            i++;
        }
        *o++ = f[i];
    }
    *o = '\0';
    return out;
}

/* Input: one byte choosing an arena limit (0: none), then the text. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    arena *a = arena_new(256);
    CHECK(a);
    const char *text = fuzz_cstr(a, data + 1, size - 1);
    segment *s;
    size_t n = text_segments(a, text, &s);
    CHECK(n != (size_t)-1);
    strbuf joined;
    sb_init(&joined, a);
    sb_puts(&joined, "");
    for (size_t i = 0; i < n; i++) {
        CHECK(*s[i].text);
        if (s[i].kind == SEG_LINK) {
            CHECK(strncasecmp(s[i].text, "http://", 7) == 0 || strncasecmp(s[i].text, "https://", 8) == 0);
            CHECK(!strpbrk(s[i].text, "<>\"` \t\r\n"));
        }
        if (s[i].kind == SEG_MENTION)
            sb_puts(&joined, "@");
        if (i > 0)
            CHECK(!(s[i].kind == SEG_TEXT && s[i - 1].kind == SEG_TEXT));
        sb_puts(&joined, s[i].text);
    }
    CHECK(strcmp(joined.data, text) == 0);

    strbuf f;
    sb_init(&f, a);
    CHECK(csv_field(&f, text, true) == 0);
    const char *back = csv_read(a, f.data);
    bool formula = *text && strchr("=+-@\t\r", *text);
    CHECK(formula ? back[0] == '\'' && strcmp(back + 1, text) == 0 : strcmp(back, text) == 0);

    if (data[0]) { /* under a tight limit: the same segments or out of memory */
        arena *b = arena_new(256);
        CHECK(b);
        arena_set_limit(b, (size_t)data[0] * 16);
        segment *t;
        size_t m = text_segments(b, text, &t);
        CHECK(m == (size_t)-1 || m == n);
        for (size_t i = 0; m != (size_t)-1 && i < m; i++)
            CHECK(t[i].kind == s[i].kind && strcmp(t[i].text, s[i].text) == 0);
        arena_free(b);
    }
    arena_free(a);
    return 0;
}
