/* fuzz_search_syntax.c: libFuzzer harness: search_parse reads any query into non-empty valid UTF-8 field values
 * at positions within the query and a tsquery with balanced quotes and parentheses, or fails with a position and
 * a message; the same answer every time, and under an arena limit the same answer or out of memory. */
#include <stdint.h>
#include "fuzz_check.h"
#include "core/search_syntax.h"
#include "core/str.h"

static const char *const fields[] = {"status", "assignee", "team", "created", "updated", NULL};

/* True when every quote of t opens or closes an operand (inside one, '' and \x are escapes) and the parentheses
 * outside operands balance. */
static bool tsquery_balanced(const char *t)
{
    bool in_quote = false;
    long depth = 0;
    for (; *t; t++) {
        if (in_quote) {
            if (*t == '\\' || (*t == '\'' && t[1] == '\'')) {
                if (!t[1])
                    return false;
                t++;
            } else if (*t == '\'') {
                in_quote = false;
            }
        } else if (*t == '\'') {
            in_quote = true;
        } else if (*t == '(') {
            depth++;
        } else if (*t == ')' && --depth < 0) {
            return false;
        }
    }
    return !in_quote && depth == 0;
}

/* True when two answers of search_parse agree: the same success and results, or the same error. */
static bool same_answer(bool ok1, const search_parsed *p1, const search_error *e1, bool ok2, const search_parsed *p2,
                        const search_error *e2)
{
    if (ok1 != ok2)
        return false;
    if (!ok1)
        return e1->pos == e2->pos && strcmp(e1->message, e2->message) == 0;
    if (p1->nterms != p2->nterms || !p1->tsquery != !p2->tsquery ||
        (p1->tsquery && strcmp(p1->tsquery, p2->tsquery) != 0))
        return false;
    for (size_t i = 0; i < p1->nterms; i++) {
        const search_term *t1 = &p1->terms[i], *t2 = &p2->terms[i];
        if (strcmp(t1->field, t2->field) != 0 || t1->cmp != t2->cmp || strcmp(t1->value, t2->value) != 0 ||
            t1->pos != t2->pos)
            return false;
    }
    return true;
}

/* Input: one selector byte (low bit: no known fields; the rest: an arena limit in 32-byte steps, 0 for none), then
 * the query, cut at its first NUL into a buffer of exactly its size so that reading past the NUL is a finding. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const char *const *known = data[0] & 1 ? NULL : fields;
    const uint8_t *nul = memchr(data + 1, '\0', size - 1);
    size_t len = nul ? (size_t)(nul - (data + 1)) : size - 1;
    char *q = malloc(len + 1);
    CHECK(q);
    memcpy(q, data + 1, len);
    q[len] = '\0';

    arena *a = arena_new(256);
    CHECK(a);
    search_parsed p;
    search_error e = {0};
    bool ok = search_parse(a, q, known, &p, &e);
    CHECK(!arena_exhausted(a));
    if (ok) {
        CHECK(utf8_valid(q, len));
        size_t chars = 0;
        for (size_t i = 0; i < len; i++)
            chars += ((unsigned char)q[i] & 0xC0) != 0x80;
        CHECK(len <= SEARCH_MAX_BYTES);
        CHECK(p.nterms <= SEARCH_MAX_TERMS && (p.nterms > 0) == (p.terms != NULL));
        for (size_t i = 0; i < p.nterms; i++) {
            const search_term *t = &p.terms[i];
            CHECK(t->value && *t->value && utf8_valid(t->value, strlen(t->value)));
            CHECK(t->pos >= 1 && t->pos <= chars);
            CHECK(i == 0 || t->pos > p.terms[i - 1].pos);
            CHECK(t->cmp >= SC_EQ && t->cmp <= SC_GE);
            bool is_known = false;
            for (const char *const *k = known; k && *k; k++)
                is_known = is_known || strcmp(*k, t->field) == 0;
            CHECK(is_known);
        }
        CHECK(!p.tsquery || (*p.tsquery && utf8_valid(p.tsquery, strlen(p.tsquery))));
        CHECK(!p.tsquery || tsquery_balanced(p.tsquery));
    } else {
        CHECK(e.pos >= 1 && e.pos <= len + 1 && e.message && *e.message);
    }

    arena *b = arena_new(256);
    CHECK(b);
    search_parsed p2;
    search_error e2 = {0};
    bool ok2 = search_parse(b, q, known, &p2, &e2);
    CHECK(same_answer(ok, &p, &e, ok2, &p2, &e2));
    arena_free(b);

    if (data[0] >> 1) { /* under a limit: the same answer or out of memory */
        arena *c = arena_new(64);
        CHECK(c);
        arena_set_limit(c, (size_t)(data[0] >> 1) * 32);
        search_parsed p3;
        search_error e3 = {0};
        bool ok3 = search_parse(c, q, known, &p3, &e3);
        CHECK(same_answer(ok, &p, &e, ok3, &p3, &e3) ||
              (!ok3 && arena_exhausted(c) && e3.pos == 1 && e3.message && *e3.message));
        arena_free(c);
    }
    arena_free(a);
    free(q);
    return 0;
}
