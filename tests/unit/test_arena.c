/* test_arena.c: unit tests of the per-request arena (alignment, big blocks, limits, cleanup hooks). */
#include <stdint.h>
#include <stdio.h>
#include "core/arena.h"
#include "core/arena_json.h"
#include "core/str.h"
#include "testutil.h"

START_TEST(alloc_is_16_aligned)
{
    arena *a = test_arena();
    static const size_t sizes[] = {0, 1, 3, 7, 15, 16, 17, 31, 33, 100, 255, 1000};
    for (int round = 0; round < 50; round++)
        for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
            unsigned char *p = arena_alloc(a, sizes[i]);
            ck_assert_ptr_nonnull(p);
            ck_assert_uint_eq((uintptr_t)p % 16, 0);
            memset(p, 0xAB, sizes[i]); /* valgrind/ASan see overruns here */
        }
    ck_assert_uint_ge(arena_used(a), 50 * (sizeof sizes / sizeof sizes[0]) * 16);
    arena_free(a);
}
END_TEST

START_TEST(distinct_allocations_do_not_overlap)
{
    arena *a = test_arena();
    char *p = arena_alloc(a, 10), *q = arena_alloc(a, 10);
    ck_assert_ptr_nonnull(p);
    ck_assert_ptr_nonnull(q);
    memset(p, 'p', 10);
    memset(q, 'q', 10);
    ck_assert_int_eq(p[9], 'p');
    ck_assert(q >= p + 10 || p >= q + 10);
    arena_free(a);
}
END_TEST

START_TEST(large_allocation_bigger_than_block)
{
    arena *a = arena_new(256);
    ck_assert_ptr_nonnull(a);
    char *small = arena_alloc(a, 8);
    ck_assert_ptr_nonnull(small);
    strcpy(small, "keep");
    size_t big = 1u << 20;
    unsigned char *p = arena_alloc(a, big);
    ck_assert_ptr_nonnull(p);
    ck_assert_uint_eq((uintptr_t)p % 16, 0);
    memset(p, 0x5A, big);
    ck_assert_int_eq(p[0], 0x5A);
    ck_assert_int_eq(p[big - 1], 0x5A);
    ck_assert_str_eq(small, "keep");
    /* the arena goes on serving small allocations after a big one */
    char *after = arena_strdup(a, "after");
    ck_assert_str_eq(after, "after");
    ck_assert_uint_ge(arena_used(a), big);
    arena_free(a);
}
END_TEST

START_TEST(calloc_zeroes_and_refuses_overflow)
{
    arena *a = test_arena();
    unsigned char *p = arena_calloc(a, 100, 7);
    ck_assert_ptr_nonnull(p);
    for (int i = 0; i < 700; i++)
        ck_assert_int_eq(p[i], 0);
    ck_assert_ptr_null(arena_calloc(a, SIZE_MAX / 2 + 1, 2));
    ck_assert_ptr_null(arena_calloc(a, 2, SIZE_MAX / 2 + 1));
    ck_assert_ptr_null(arena_calloc(a, SIZE_MAX, SIZE_MAX));
    ck_assert_ptr_null(arena_alloc(a, SIZE_MAX));
    ck_assert_ptr_null(arena_alloc(a, SIZE_MAX - 8));
    /* n or size of zero is not an overflow */
    ck_assert_ptr_nonnull(arena_calloc(a, 0, SIZE_MAX));
    ck_assert_ptr_nonnull(arena_calloc(a, SIZE_MAX, 0));
    /* still usable after the refusals */
    ck_assert_str_eq(arena_strdup(a, "ok"), "ok");
    arena_free(a);
}
END_TEST

START_TEST(string_helpers)
{
    arena *a = test_arena();
    const char *src = "hello, world";
    char *d = arena_strdup(a, src);
    ck_assert_str_eq(d, src);
    ck_assert_ptr_ne(d, src);
    ck_assert_ptr_null(arena_strdup(a, NULL));
    ck_assert_str_eq(arena_strdup(a, ""), "");

    char *n = arena_strndup(a, src, 5);
    ck_assert_str_eq(n, "hello");
    ck_assert_str_eq(arena_strndup(a, src, 0), "");
    /* strndup copies exactly len bytes, even past a NUL */
    char *z = arena_strndup(a, "a\0b", 3);
    ck_assert_int_eq(z[0], 'a');
    ck_assert_int_eq(z[1], '\0');
    ck_assert_int_eq(z[2], 'b');
    ck_assert_int_eq(z[3], '\0');
    ck_assert_ptr_null(arena_strndup(a, src, SIZE_MAX));

    ck_assert_str_eq(arena_printf(a, "%s-%d-%05.1f", "x", 42, 3.14159), "x-42-003.1");
    ck_assert_str_eq(arena_printf(a, "%s", ""), "");
    /* longer than a block */
    char *long_s = arena_printf(a, "%5000s|", "end");
    ck_assert_uint_eq(strlen(long_s), 5001);
    ck_assert_str_eq(long_s + 4997, "end|");
    arena_free(a);
}
END_TEST

START_TEST(strbuf_reserve)
{
    arena *a = test_arena();
    strbuf sb;
    sb_init(&sb, a);
    /* a first large reservation takes exactly that room, and appends within it never move the data */
    size_t before = arena_used(a);
    ck_assert_int_eq(sb_reserve(&sb, 100000), 0);
    ck_assert_uint_le(arena_used(a) - before, 100001 + 16);
    const char *data = sb.data;
    for (int i = 0; i < 10000; i++)
        ck_assert_int_eq(sb_append(&sb, "0123456789", 10), 0);
    ck_assert_ptr_eq(sb.data, data);
    ck_assert_uint_eq(sb.len, 100000);
    ck_assert_int_eq(sb.data[sb.len], '\0');
    /* past it the buffer grows as usual, keeping its contents */
    ck_assert_int_eq(sb_append(&sb, "x", 1), 0);
    ck_assert_ptr_ne(sb.data, data);
    ck_assert_int_eq(memcmp(sb.data + 99990, "0123456789x", 11), 0);
    ck_assert_int_eq(sb_reserve(&sb, 0), 0);
    /* an impossible reservation fails and marks the buffer */
    ck_assert_int_eq(sb_reserve(&sb, SIZE_MAX / 2), -1);
    ck_assert(sb.failed);
    ck_assert_int_eq(sb_append(&sb, "y", 1), -1);
    arena_free(a);
}
END_TEST

/* Records the order in which hooks run. */
static char order[64];
static void note(void *p)
{
    size_t n = strlen(order);
    if (n + 1 < sizeof order) {
        order[n] = *(const char *)p;
        order[n + 1] = '\0';
    }
}

START_TEST(defer_runs_lifo_on_reset)
{
    arena *a = test_arena();
    order[0] = '\0';
    ck_assert_int_eq(arena_defer(a, note, "1"), 0);
    ck_assert_int_eq(arena_defer(a, note, "2"), 0);
    ck_assert_int_eq(arena_defer(a, note, "3"), 0);
    ck_assert_str_eq(order, "");
    arena_reset(a);
    ck_assert_str_eq(order, "321");
    /* hooks run once: a second reset and the final free do not repeat them */
    arena_reset(a);
    ck_assert_str_eq(order, "321");
    ck_assert_int_eq(arena_defer(a, note, "4"), 0);
    arena_free(a);
    ck_assert_str_eq(order, "3214");
}
END_TEST

START_TEST(defer_runs_lifo_on_free)
{
    arena *a = test_arena();
    order[0] = '\0';
    for (const char *s = "abcdef"; *s; s++)
        ck_assert_int_eq(arena_defer(a, note, (void *)s), 0);
    arena_free(a);
    ck_assert_str_eq(order, "fedcba");
    arena_free(NULL); /* a no-op */
}
END_TEST

START_TEST(reset_frees_blocks_and_reuses)
{
    arena *a = arena_new(256);
    ck_assert_ptr_nonnull(a);
    char *first = arena_alloc(a, 16);
    ck_assert_ptr_nonnull(first);
    for (int i = 0; i < 100; i++)
        ck_assert_ptr_nonnull(arena_alloc(a, 200)); /* forces many extra blocks */
    ck_assert_ptr_nonnull(arena_alloc(a, 100000));
    ck_assert_uint_ge(arena_used(a), 100000);
    arena_reset(a);
    ck_assert_uint_eq(arena_used(a), 0);
    /* the first block is kept: the next allocation starts again at its beginning */
    char *again = arena_alloc(a, 16);
    ck_assert_ptr_eq(again, first);
    for (int i = 0; i < 1000; i++) {
        char *s = arena_printf(a, "item %d", i);
        ck_assert_ptr_nonnull(s);
    }
    ck_assert_str_eq(arena_printf(a, "%d", 7), "7");
    arena_reset(a);
    ck_assert_uint_eq(arena_used(a), 0);
    arena_free(a); /* valgrind: no block may leak */
}
END_TEST

/* Memory held outside the arena (a libpq result) counts toward the limit until the reset. */
START_TEST(charge_counts_toward_limit)
{
    arena *a = test_arena();
    arena_set_limit(a, 1024);
    ck_assert(arena_charge(a, 1000));
    ck_assert_uint_eq(arena_used(a), 1000);
    ck_assert(!arena_exhausted(a));
    ck_assert_ptr_null(arena_alloc(a, 32));
    ck_assert(arena_exhausted(a));
    arena_reset(a);
    ck_assert(!arena_charge(a, 2048));
    ck_assert(arena_exhausted(a));
    ck_assert_uint_eq(arena_used(a), 0);
    arena_reset(a);
    ck_assert_ptr_nonnull(arena_alloc(a, 512));
    ck_assert(!arena_charge(a, SIZE_MAX));
    arena_set_limit(a, 0);
    arena_reset(a);
    ck_assert(arena_charge(a, 1u << 30));
    ck_assert_uint_eq(arena_used(a), 1u << 30);
    arena_free(a);
}
END_TEST

/* The JSON text of a value lives in the arena: compact, exact, and refused (NULL) past the limit. */
START_TEST(json_text_in_arena)
{
    arena *a = test_arena();
    json_t *o = arena_json(a, json_pack("{s:s, s:n, s:[i]}", "name", "a \"b\"\n\u00e9", "gone", "n", 1));
    ck_assert_ptr_nonnull(o);
    ck_assert_str_eq(arena_json_text(a, o), "{\"name\":\"a \\\"b\\\"\\n\u00e9\",\"gone\":null,\"n\":[1]}");
    ck_assert_str_eq(arena_json_text(a, arena_json(a, json_object())), "{}");
    ck_assert_ptr_null(arena_json_text(a, NULL));
    arena_set_limit(a, arena_used(a) + 8);
    ck_assert_ptr_null(arena_json_text(a, o));
    arena_free(a);
}
END_TEST

START_TEST(limit_makes_allocations_fail)
{
    arena *a = test_arena();
    arena_set_limit(a, 1024);
    ck_assert_ptr_nonnull(arena_alloc(a, 512));
    ck_assert_ptr_nonnull(arena_alloc(a, 512));
    ck_assert_uint_eq(arena_used(a), 1024);
    ck_assert_ptr_null(arena_alloc(a, 1));
    ck_assert_ptr_null(arena_calloc(a, 4, 4));
    ck_assert_ptr_null(arena_strdup(a, "x"));
    ck_assert_ptr_null(arena_strndup(a, "xyz", 2));
    ck_assert_ptr_null(arena_printf(a, "%d", 1));
    ck_assert_ptr_null(arena_alloc(a, SIZE_MAX / 2));
    ck_assert_uint_eq(arena_used(a), 1024);
    /* after a reset the budget is available again */
    arena_reset(a);
    ck_assert_ptr_nonnull(arena_alloc(a, 1000));
    ck_assert_ptr_null(arena_alloc(a, 100));
    /* a request bigger than the whole limit fails outright */
    arena_reset(a);
    ck_assert_ptr_null(arena_alloc(a, 2048));
    /* 0 lifts the limit */
    arena_set_limit(a, 0);
    ck_assert_ptr_nonnull(arena_alloc(a, 4096));
    arena_free(a);
}
END_TEST

static int released;
static void release(void *p)
{
    (void)p;
    released++;
}

START_TEST(exhausted_until_reset)
{
    arena *a = arena_new(256);
    ck_assert_ptr_nonnull(a);
    ck_assert(!arena_exhausted(a));
    arena_set_limit(a, 64);
    ck_assert_ptr_nonnull(arena_alloc(a, 48));
    ck_assert(!arena_exhausted(a));
    ck_assert_ptr_null(arena_alloc(a, 32)); /* over the limit */
    ck_assert(arena_exhausted(a));
    ck_assert_ptr_nonnull(arena_alloc(a, 8)); /* a later success does not clear it */
    ck_assert(arena_exhausted(a));
    arena_reset(a);
    ck_assert(!arena_exhausted(a));
    ck_assert_ptr_null(arena_alloc(a, 80)); /* the limit survives a reset */
    arena_reset(a);
    ck_assert_ptr_null(arena_calloc(a, SIZE_MAX / 2, 4)); /* n * size overflows */
    ck_assert(arena_exhausted(a));
    arena_free(a);
}
END_TEST

START_TEST(defer_on_exhausted_arena_runs_hook_now)
{
    arena *a = test_arena();
    released = 0;
    arena_set_limit(a, 64);
    ck_assert_ptr_nonnull(arena_alloc(a, 64));
    ck_assert_int_eq(arena_defer(a, release, NULL), -1);
    ck_assert_int_eq(released, 1);
    /* the hook was not also registered: it does not run a second time */
    arena_free(a);
    ck_assert_int_eq(released, 1);
}
END_TEST

START_TEST(defer_within_limit_runs_once)
{
    arena *a = test_arena();
    released = 0;
    arena_set_limit(a, 4096);
    ck_assert_int_eq(arena_defer(a, release, NULL), 0);
    ck_assert_int_eq(released, 0);
    arena_reset(a);
    ck_assert_int_eq(released, 1);
    arena_free(a);
    ck_assert_int_eq(released, 1);
}
END_TEST

static Suite *arena_suite(void)
{
    Suite *s = suite_create("arena");
    TCase *tc = tcase_create("alloc");
    tcase_add_test(tc, alloc_is_16_aligned);
    tcase_add_test(tc, distinct_allocations_do_not_overlap);
    tcase_add_test(tc, large_allocation_bigger_than_block);
    tcase_add_test(tc, calloc_zeroes_and_refuses_overflow);
    tcase_add_test(tc, string_helpers);
    tcase_add_test(tc, strbuf_reserve);
    suite_add_tcase(s, tc);
    tc = tcase_create("lifecycle");
    tcase_add_test(tc, defer_runs_lifo_on_reset);
    tcase_add_test(tc, defer_runs_lifo_on_free);
    tcase_add_test(tc, reset_frees_blocks_and_reuses);
    suite_add_tcase(s, tc);
    tc = tcase_create("limit");
    tcase_add_test(tc, limit_makes_allocations_fail);
    tcase_add_test(tc, json_text_in_arena);
    tcase_add_test(tc, charge_counts_toward_limit);
    tcase_add_test(tc, exhausted_until_reset);
    tcase_add_test(tc, defer_on_exhausted_arena_runs_hook_now);
    tcase_add_test(tc, defer_within_limit_runs_once);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return run_suite(arena_suite()); }
