/* test_segments.c: unit tests of text_segments (core/segments.c): links, mentions and plain text at their edges. */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include "core/segments.h"
#include "core/str.h"

static arena *a;
static void setup(void) { a = arena_new(4096); }
static void teardown(void) { arena_free(a); }

/* The segments of text written as "T[...]L[...]M[...]" and checked to join back into text. */
static const char *shape(const char *text)
{
    segment *s;
    size_t n = text_segments(a, text, &s);
    ck_assert_uint_ne(n, (size_t)-1);
    strbuf out, joined;
    sb_init(&out, a);
    sb_init(&joined, a);
    sb_puts(&out, "");
    sb_puts(&joined, "");
    for (size_t i = 0; i < n; i++) {
        sb_printf(&out, "%c[%s]", s[i].kind == SEG_TEXT ? 'T' : s[i].kind == SEG_LINK ? 'L' : 'M', s[i].text);
        if (s[i].kind == SEG_MENTION)
            sb_puts(&joined, "@");
        sb_puts(&joined, s[i].text);
        if (i > 0)
            ck_assert(!(s[i].kind == SEG_TEXT && s[i - 1].kind == SEG_TEXT));
    }
    ck_assert_str_eq(joined.data, text ? text : "");
    return out.data;
}

START_TEST(plain_text_is_one_segment)
{
    ck_assert_str_eq(shape("just words, no links."), "T[just words, no links.]");
    ck_assert_str_eq(shape(""), "");
    ck_assert_str_eq(shape(NULL), "");
}
END_TEST

START_TEST(trailing_punctuation_left_out)
{
    ck_assert_str_eq(shape("See https://example.com/a."), "T[See ]L[https://example.com/a]T[.]");
    ck_assert_str_eq(shape("Is it http://x.org/?q=1?"), "T[Is it ]L[http://x.org/?q=1]T[?]");
    ck_assert_str_eq(shape("go https://x.org/a, then"), "T[go ]L[https://x.org/a]T[, then]");
    ck_assert_str_eq(shape("'https://x.org/'!"), "T[']L[https://x.org/]T['!]");
    ck_assert_str_eq(shape("https://x.org/a:;"), "L[https://x.org/a]T[:;]");
}
END_TEST

START_TEST(parentheses_balanced)
{
    ck_assert_str_eq(shape("(see https://x.org/a)"), "T[(see ]L[https://x.org/a]T[)]");
    ck_assert_str_eq(shape("https://en.wikipedia.org/wiki/C_(language)"),
                     "L[https://en.wikipedia.org/wiki/C_(language)]");
    ck_assert_str_eq(shape("(https://en.wikipedia.org/wiki/C_(language))."),
                     "T[(]L[https://en.wikipedia.org/wiki/C_(language)]T[).]");
    ck_assert_str_eq(shape("[https://x.org/a]"), "T[[]L[https://x.org/a]T[]]");
}
END_TEST

START_TEST(only_http_and_https)
{
    ck_assert_str_eq(shape("javascript:alert(1)"), "T[javascript:alert(1)]");
    ck_assert_str_eq(shape("javascript://https://x.org"), "T[javascript://]L[https://x.org]");
    ck_assert_str_eq(shape("data:text/html,<b>x</b> ftp://x.org file:///etc"),
                     "T[data:text/html,<b>x</b> ftp://x.org file:///etc]");
    ck_assert_str_eq(shape("HTTPS://X.ORG"), "L[HTTPS://X.ORG]");
    ck_assert_str_eq(shape("xhttps://x.org"), "T[xhttps://x.org]");
    ck_assert_str_eq(shape("https:// x"), "T[https:// x]");
    ck_assert_str_eq(shape("http://."), "T[http://.]");
}
END_TEST

START_TEST(markup_characters_end_a_link)
{
    ck_assert_str_eq(shape("<https://x.org/a>"), "T[<]L[https://x.org/a]T[>]");
    ck_assert_str_eq(shape("\"https://x.org/\"onmouseover=1"), "T[\"]L[https://x.org/]T[\"onmouseover=1]");
    ck_assert_str_eq(shape("https://x.org/a\nnext"), "L[https://x.org/a]T[\nnext]");
}
END_TEST

START_TEST(unicode)
{
    ck_assert_str_eq(shape("Café https://例え.jp/パス。次"), "T[Café ]L[https://例え.jp/パス]T[。次]");
    ck_assert_str_eq(shape("https://x.org/a\xc2\xa0"
                           "b"),
                     "L[https://x.org/a]T[\xc2\xa0"
                     "b]");
    ck_assert_str_eq(shape("“https://x.org/q”"), "T[“]L[https://x.org/q]T[”]");
    /* an invalid byte ends the link */
    ck_assert_str_eq(shape("https://x.org/\xff"), "L[https://x.org/]T[\xff]");
}
END_TEST

START_TEST(mentions)
{
    ck_assert_str_eq(shape("Hi @Ann@Example.com, look"), "T[Hi ]M[Ann@Example.com]T[, look]");
    ck_assert_str_eq(shape("mail me@example.com"), "T[mail me@example.com]");
    ck_assert_str_eq(shape("@a@b.co https://x.org @c@d.io."), "M[a@b.co]T[ ]L[https://x.org]T[ ]M[c@d.io]T[.]");
    ck_assert_str_eq(shape("@nobody"), "T[@nobody]");
}
END_TEST

START_TEST(many_urls_and_long_text)
{
    strbuf sb;
    sb_init(&sb, a);
    for (int i = 0; i < 2000; i++)
        sb_printf(&sb, "https://x.org/%d, ", i);
    segment *s;
    size_t n = text_segments(a, sb.data, &s);
    ck_assert_uint_eq(n, 4000);
    ck_assert_str_eq(s[0].text, "https://x.org/0");
    ck_assert_str_eq(s[3998].text, "https://x.org/1999");
    ck_assert_str_eq(s[3999].text, ", ");
    /* a long run of closers and dots after a link is cut in one pass */
    size_t len = 200000;
    char *t = arena_alloc(a, len + 1);
    memcpy(t, "https://x.org/a", 15);
    for (size_t i = 15; i < len; i++)
        t[i] = i % 2 ? ')' : '.';
    t[len] = '\0';
    n = text_segments(a, t, &s);
    ck_assert_uint_eq(n, 2);
    ck_assert_str_eq(s[0].text, "https://x.org/a");
    ck_assert_uint_eq(strlen(s[1].text), len - 15);
}
END_TEST

START_TEST(out_of_memory)
{
    arena *small = arena_new(256);
    arena_set_limit(small, 512);
    segment *s;
    strbuf sb;
    sb_init(&sb, a);
    for (int i = 0; i < 100; i++)
        sb_puts(&sb, "see https://x.org/ ");
    ck_assert_uint_eq(text_segments(small, sb.data, &s), (size_t)-1);
    arena_free(small);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("segments");
    TCase *tc = tcase_create("split");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, plain_text_is_one_segment);
    tcase_add_test(tc, trailing_punctuation_left_out);
    tcase_add_test(tc, parentheses_balanced);
    tcase_add_test(tc, only_http_and_https);
    tcase_add_test(tc, markup_characters_end_a_link);
    tcase_add_test(tc, unicode);
    tcase_add_test(tc, mentions);
    tcase_add_test(tc, many_urls_and_long_text);
    tcase_add_test(tc, out_of_memory);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
