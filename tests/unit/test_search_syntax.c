/* test_search_syntax.c: unit tests of search_parse (core/search_syntax.c): words, phrases, OR, exclusion, field
 * terms, the to_tsquery() expression, positions, limits and every error. */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include "core/search_syntax.h"
#include "core/str.h"

static const char *const known[] = {"status", "assignee", "team", "created", "updated", NULL};
static arena *a;
static void setup(void) { a = arena_new(4096); }
static void teardown(void) { arena_free(a); }

/* The tsquery of q, which must parse; "NULL" when it has no free text. */
static const char *tsq(const char *q)
{
    search_parsed p;
    search_error e = {0};
    ck_assert_msg(search_parse(a, q, known, &p, &e), "%s: %zu %s", q, e.pos, e.message);
    return p.tsquery ? p.tsquery : "NULL";
}

/* The field terms of q, which must parse, written as "field<cmp>value@pos" separated by spaces. */
static const char *terms(const char *q)
{
    static const char *const cmps[] = {[SC_EQ] = "=", [SC_LT] = "<", [SC_LE] = "<=", [SC_GT] = ">", [SC_GE] = ">="};
    search_parsed p;
    search_error e = {0};
    ck_assert_msg(search_parse(a, q, known, &p, &e), "%s: %zu %s", q, e.pos, e.message);
    strbuf sb;
    sb_init(&sb, a);
    sb_puts(&sb, "");
    for (size_t i = 0; i < p.nterms; i++)
        sb_printf(&sb, "%s%s%s%s@%zu", i ? " " : "", p.terms[i].field, cmps[p.terms[i].cmp], p.terms[i].value,
                  p.terms[i].pos);
    ck_assert(p.nterms > 0 || p.terms == NULL);
    return sb.data;
}

/* The error of q, which must not parse, as "pos: message". */
static const char *error(const char *q)
{
    search_parsed p;
    search_error e = {0};
    ck_assert_msg(!search_parse(a, q, known, &p, &e), "%s parsed", q);
    ck_assert(p.nterms == 0 && p.terms == NULL && p.tsquery == NULL);
    return arena_printf(a, "%zu: %s", e.pos, e.message);
}

/* n copies of s joined into one string. */
static const char *repeat(const char *s, int n)
{
    strbuf sb;
    sb_init(&sb, a);
    sb_puts(&sb, "");
    for (int i = 0; i < n; i++)
        sb_puts(&sb, s);
    return sb.data;
}

START_TEST(words_become_and_joined_operands)
{
    ck_assert_str_eq(tsq("invoice \"charged twice\" refund OR credit -spam status:open"),
                     "'invoice' & 'charged twice' & ( 'refund' | 'credit' ) & !'spam'");
    ck_assert_str_eq(terms("invoice \"charged twice\" refund OR credit -spam status:open"), "status=open@48");
    ck_assert_str_eq(tsq("printer err"), "'printer' & 'err':*");
    ck_assert_str_eq(tsq("printer  err "), "'printer' & 'err'");
    ck_assert_str_eq(tsq("a\tb\r\nc\n"), "'a' & 'b' & 'c'");
    ck_assert_str_eq(tsq("12:30 e-mail café"), "'12:30' & 'e-mail' & 'café':*");
}
END_TEST

START_TEST(no_free_text_is_null)
{
    ck_assert_str_eq(tsq(""), "NULL");
    ck_assert_str_eq(tsq(" \t\r\n "), "NULL");
    ck_assert_str_eq(tsq("status:open team:x"), "NULL");
    ck_assert_str_eq(tsq("\"\" - OR \"  \""), "NULL");
    ck_assert_str_eq(terms("  "), "");
    search_parsed p;
    search_error e;
    ck_assert(search_parse(a, NULL, known, &p, &e));
    ck_assert(p.tsquery == NULL && p.nterms == 0 && p.terms == NULL);
}
END_TEST

START_TEST(phrases)
{
    ck_assert_str_eq(tsq("\"charged twice\""), "'charged twice'");
    ck_assert_str_eq(tsq("\" charged\ttwice \" x"), "'charged\ttwice' & 'x':*");
    ck_assert_str_eq(tsq("a \"charged tw"), "'a' & 'charged tw'");
    ck_assert_str_eq(tsq("a \"\" b"), "'a' & 'b':*");
    ck_assert_str_eq(tsq("a \""), "'a'");
    ck_assert_str_eq(tsq("refund\"x y\"z"), "'refund' & 'x y' & 'z':*");
    ck_assert_str_eq(tsq("\"status:open\" \"colour:red"), "'status:open' & 'colour:red'");
    ck_assert_str_eq(tsq("\"OR\" a"), "'OR' & 'a':*");
}
END_TEST

START_TEST(exclusion)
{
    ck_assert_str_eq(tsq("-spam"), "!'spam'");
    ck_assert_str_eq(tsq("a -\"out of office\""), "'a' & !'out of office'");
    ck_assert_str_eq(tsq("-\"out of off"), "!'out of off'");
    ck_assert_str_eq(tsq("a - b"), "'a' & 'b':*");
    ck_assert_str_eq(tsq("a -"), "'a'");
    ck_assert_str_eq(tsq("--x"), "!'-x'");
    ck_assert_str_eq(tsq("-\"\" a"), "'a':*");
    ck_assert_str_eq(tsq("-12:30"), "!'12:30'");
}
END_TEST

START_TEST(or_groups)
{
    ck_assert_str_eq(tsq("a OR b"), "( 'a' | 'b':* )");
    ck_assert_str_eq(tsq("a OR b OR c d"), "( 'a' | 'b' | 'c' ) & 'd':*");
    ck_assert_str_eq(tsq("a OR b c OR d "), "( 'a' | 'b' ) & ( 'c' | 'd' )");
    ck_assert_str_eq(tsq("a OR -b"), "( 'a' | !'b' )");
    ck_assert_str_eq(tsq("\"x y\" OR z "), "( 'x y' | 'z' )");
    ck_assert_str_eq(tsq("a OR \"\" b"), "( 'a' | 'b':* )");
    /* ignored: at either end, next to another OR, next to a field term */
    ck_assert_str_eq(tsq("OR a"), "'a':*");
    ck_assert_str_eq(tsq("a OR"), "'a'");
    ck_assert_str_eq(tsq("OR"), "NULL");
    ck_assert_str_eq(tsq("a OR OR b"), "'a' & 'b':*");
    ck_assert_str_eq(tsq("a OR OR b OR c"), "'a' & ( 'b' | 'c':* )");
    ck_assert_str_eq(tsq("a OR status:open b"), "'a' & 'b':*");
    ck_assert_str_eq(tsq("a status:open OR b"), "'a' & 'b':*");
    /* not OR: other cases, quoted, excluded, part of a word */
    ck_assert_str_eq(tsq("a or b Or c"), "'a' & 'or' & 'b' & 'Or' & 'c':*");
    ck_assert_str_eq(tsq("a \"OR\" b"), "'a' & 'OR' & 'b':*");
    ck_assert_str_eq(tsq("a -OR b"), "'a' & !'OR' & 'b':*");
    ck_assert_str_eq(tsq("a ORb"), "'a' & 'ORb':*");
}
END_TEST

START_TEST(quotes_and_backslashes_doubled)
{
    ck_assert_str_eq(tsq("it's"), "'it''s':*");
    ck_assert_str_eq(tsq("\\\\server\\share "), "'\\\\\\\\server\\\\share'");
    ck_assert_str_eq(tsq("\"O'Brien \\ co\""), "'O''Brien \\\\ co'");
    ck_assert_str_eq(tsq("-'"), "!''''");
    ck_assert_str_eq(tsq("a&b|c !d (e) <-> 1:*"), "'a&b|c' & '!d' & '(e)' & '<->' & '1:*':*");
}
END_TEST

START_TEST(prefix_only_for_a_trailing_bare_word)
{
    ck_assert_str_eq(tsq("refu"), "'refu':*");
    ck_assert_str_eq(tsq("refu "), "'refu'");
    ck_assert_str_eq(tsq("refu\n"), "'refu'");
    ck_assert_str_eq(tsq("\"refu\""), "'refu'");
    ck_assert_str_eq(tsq("\"refu"), "'refu'");
    ck_assert_str_eq(tsq("-refu"), "!'refu'");
    ck_assert_str_eq(tsq("refu status:open"), "'refu'");
    ck_assert_str_eq(tsq("refu OR"), "'refu'");
    ck_assert_str_eq(tsq("refu -"), "'refu'");
    ck_assert_str_eq(tsq("refu \""), "'refu'");
    ck_assert_str_eq(tsq("refund OR cred"), "( 'refund' | 'cred':* )");
}
END_TEST

START_TEST(field_terms)
{
    ck_assert_str_eq(terms("status:open assignee:me"), "status=open@1 assignee=me@13");
    ck_assert_str_eq(terms("Status:Open TEAM:x"), "status=Open@1 team=x@13");
    ck_assert_str_eq(terms("team:\"Tier 2\" x"), "team=Tier 2@1");
    ck_assert_str_eq(terms("team:\" Tier 2 \"status:open"), "team=Tier 2@1 status=open@16");
    ck_assert_str_eq(terms("team:\"Tier 2"), "team=Tier 2@1");
    ck_assert_str_eq(terms("created:>2026-01-01 updated:<7d"), "created>2026-01-01@1 updated<7d@21");
    ck_assert_str_eq(terms("created:>=1 created:<=2 created:=3"), "created>=1@1 created<=2@13 created==3@25");
    ck_assert_str_eq(terms("created:<\"1 d\""), "created<1 d@1");
    ck_assert_str_eq(terms("created:\">1\""), "created=>1@1");
    ck_assert_str_eq(terms("status:open:x status:-x"), "status=open:x@1 status=-x@15");
    ck_assert_str_eq(terms("status:open\"a b\""), "status=open@1");
    ck_assert_str_eq(tsq("status:open\"a b\""), "'a b'");
    ck_assert_str_eq(terms("café 日本語 status:open"), "status=open@10");
    /* not field terms: a name with a digit, no name, a quoted one */
    ck_assert_str_eq(terms("12:30 a1:x :x \"colour:red\""), "");
    ck_assert_str_eq(tsq("12:30 a1:x :x"), "'12:30' & 'a1:x' & ':x':*");
    /* the field is known's spelling, in the arena */
    search_parsed p;
    search_error e;
    ck_assert(search_parse(a, "STATUS:x", known, &p, &e));
    ck_assert_str_eq(p.terms[0].field, "status");
    ck_assert_ptr_ne(p.terms[0].field, known[0]);
}
END_TEST

START_TEST(field_errors)
{
    ck_assert_str_eq(error("colour:red"), "1: Unknown field \"colour\". Put it in quotes to search for it as text.");
    ck_assert_str_eq(error("é Colour:red"),
                     "3: Unknown field \"Colour\". Put it in quotes to search for it as text.");
    ck_assert_str_eq(error("see http://x.org"),
                     "5: Unknown field \"http\". Put it in quotes to search for it as text.");
    ck_assert_str_eq(error("_:x"), "1: Unknown field \"_\". Put it in quotes to search for it as text.");
    ck_assert_str_eq(error("status:"), "1: Missing value after status:.");
    ck_assert_str_eq(error("ü Status: open"), "3: Missing value after Status:.");
    ck_assert_str_eq(error("status:\"\""), "1: Missing value after status:.");
    ck_assert_str_eq(error("status:\"  "), "1: Missing value after status:.");
    ck_assert_str_eq(error("created:>"), "1: Missing value after created:>.");
    ck_assert_str_eq(error("created:<= x"), "1: Missing value after created:<=.");
    ck_assert_str_eq(error("-status:open"), "1: A field term cannot be excluded.");
    ck_assert_str_eq(error("ab€ -status:open"), "5: A field term cannot be excluded.");
    ck_assert_str_eq(error("-colour:red"), "1: Unknown field \"colour\". Put it in quotes to search for it as text.");
    /* the first error in query order */
    ck_assert_str_eq(error("status: colour:red"), "1: Missing value after status:.");
    /* no known fields */
    search_parsed p;
    search_error e;
    ck_assert(!search_parse(a, "status:open", NULL, &p, &e));
    ck_assert_str_eq(e.message, "Unknown field \"status\". Put it in quotes to search for it as text.");
}
END_TEST

START_TEST(control_characters)
{
    ck_assert_str_eq(error("a\x01"
                           "b"),
                     "2: Control characters are not allowed.");
    ck_assert_str_eq(error("日本\x7f"), "3: Control characters are not allowed.");
    ck_assert_str_eq(error("\"a\x1b\""), "3: Control characters are not allowed.");
    ck_assert_str_eq(error("status:\x0b"), "8: Control characters are not allowed.");
    ck_assert_str_eq(error("\x1f"), "1: Control characters are not allowed.");
}
END_TEST

START_TEST(invalid_utf8)
{
    ck_assert_str_eq(error("ab\xff"), "3: The search is not valid UTF-8.");
    ck_assert_str_eq(error("é\xc3x"), "2: The search is not valid UTF-8.");
    ck_assert_str_eq(error("\xc0\xaf"), "1: The search is not valid UTF-8.");
    ck_assert_str_eq(error("x \xed\xa0\x80"), "3: The search is not valid UTF-8.");
    ck_assert_str_eq(error("日本語\xe2\x82"), "4: The search is not valid UTF-8.");
    ck_assert_str_eq(error("\x80"), "1: The search is not valid UTF-8.");
    /* before any other error */
    ck_assert_str_eq(error("colour:red \xff"), "12: The search is not valid UTF-8.");
}
END_TEST

START_TEST(length_limit)
{
    ck_assert_str_eq(tsq(repeat("a", SEARCH_MAX_BYTES)), arena_printf(a, "'%s':*", repeat("a", SEARCH_MAX_BYTES)));
    ck_assert_str_eq(error(repeat("a", SEARCH_MAX_BYTES + 1)),
                     "1001: The search is too long (at most 1000 characters).");
    ck_assert_str_eq(error(repeat("a", 5000)), "1001: The search is too long (at most 1000 characters).");
    /* 500 two-byte characters fill it; the character past them is the 501st */
    ck_assert_str_eq(tsq(repeat("é", 500)), arena_printf(a, "'%s':*", repeat("é", 500)));
    ck_assert_str_eq(error(arena_printf(a, "%sx", repeat("é", 500))),
                     "501: The search is too long (at most 1000 characters).");
    /* a character across the limit is the one named */
    ck_assert_str_eq(error(arena_printf(a, "%s€", repeat("a", SEARCH_MAX_BYTES - 1))),
                     "1000: The search is too long (at most 1000 characters).");
    /* an earlier error comes first */
    ck_assert_str_eq(error(arena_printf(a, "\x01%s", repeat("a", SEARCH_MAX_BYTES))),
                     "1: Control characters are not allowed.");
}
END_TEST

START_TEST(term_limit)
{
    search_parsed p;
    search_error e;
    ck_assert(search_parse(a, repeat("w ", SEARCH_MAX_TERMS), known, &p, &e));
    ck_assert_str_eq(error(repeat("w ", SEARCH_MAX_TERMS + 1)), "65: The search has too many terms (at most 32).");
    ck_assert_str_eq(error(arena_printf(a, "%sstatus:a -b", repeat("w ", SEARCH_MAX_TERMS - 1))),
                     "72: The search has too many terms (at most 32).");
    ck_assert_str_eq(error(arena_printf(a, "%sw status:a", repeat("status:a ", SEARCH_MAX_TERMS - 1))),
                     "282: The search has too many terms (at most 32).");
    /* ORs and ignored tokens are not terms */
    ck_assert(search_parse(a, arena_printf(a, "%sw", repeat("w OR \"\" - ", SEARCH_MAX_TERMS - 1)), known, &p, &e));
    ck_assert_uint_eq(strlen(p.tsquery), 4 + (SEARCH_MAX_TERMS - 1) * 6 + 3 + 2);
}
END_TEST

START_TEST(out_of_memory)
{
    const char *q =
        "invoice \"charged twice\" refund OR credit -spam status:open team:\"Tier 2\" created:>2026-01-01 x";
    search_parsed want;
    search_error e;
    ck_assert(search_parse(a, q, known, &want, &e));
    for (size_t limit = 1; limit < 4096; limit += 7) {
        arena *small = arena_new(64);
        arena_set_limit(small, limit);
        search_parsed p;
        if (search_parse(small, q, known, &p, &e)) {
            ck_assert_str_eq(p.tsquery, want.tsquery);
            ck_assert_uint_eq(p.nterms, want.nterms);
            for (size_t i = 0; i < p.nterms; i++)
                ck_assert_str_eq(p.terms[i].value, want.terms[i].value);
        } else {
            ck_assert(arena_exhausted(small));
            ck_assert_str_eq(e.message, "Out of memory while reading the search.");
            ck_assert_uint_eq(e.pos, 1);
            ck_assert(p.tsquery == NULL && p.terms == NULL && p.nterms == 0);
        }
        ck_assert(!search_parse(small, "colour:x", known, &p, &e) && e.message && e.pos >= 1);
        arena_free(small);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("search_syntax");
    TCase *tc = tcase_create("parse");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, words_become_and_joined_operands);
    tcase_add_test(tc, no_free_text_is_null);
    tcase_add_test(tc, phrases);
    tcase_add_test(tc, exclusion);
    tcase_add_test(tc, or_groups);
    tcase_add_test(tc, quotes_and_backslashes_doubled);
    tcase_add_test(tc, prefix_only_for_a_trailing_bare_word);
    tcase_add_test(tc, field_terms);
    tcase_add_test(tc, field_errors);
    tcase_add_test(tc, control_characters);
    tcase_add_test(tc, invalid_utf8);
    tcase_add_test(tc, length_limit);
    tcase_add_test(tc, term_limit);
    tcase_add_test(tc, out_of_memory);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
