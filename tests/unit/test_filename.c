/* test_filename.c: client file names become safe stored names and a safe Content-Disposition. */
#include <stdio.h>
#include "core/str.h"
#include "http/filename.h"
#include "testutil.h"

/* filename_safe(in) is want, and applying it again changes nothing. */
static void safe_is(const char *in, const char *want)
{
    arena *a = test_arena();
    const char *got = filename_safe(a, in);
    ck_assert_ptr_nonnull(got);
    ck_assert_msg(strcmp(got, want) == 0, "filename_safe(\"%s\") = \"%s\", expected \"%s\"", in ? in : "NULL", got,
                  want);
    ck_assert_str_eq(filename_safe(a, got), got);
    ck_assert(utf8_valid(got, strlen(got)));
    arena_free(a);
}

START_TEST(plain_names_kept)
{
    safe_is("report.pdf", "report.pdf");
    safe_is("Quarterly report (final) v2.xlsx", "Quarterly report (final) v2.xlsx");
    safe_is("caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC.txt", "caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC.txt");
    safe_is("a.b.c", "a.b.c");
    safe_is("name with 'single' quotes & more;=%.txt", "name with 'single' quotes & more;=%.txt");
}
END_TEST

START_TEST(paths_stripped)
{
    safe_is("/etc/passwd", "passwd");
    safe_is("../../etc/passwd", "passwd");
    safe_is("C:\\Users\\me\\report.pdf", "report.pdf");
    safe_is("\\\\server\\share\\x.txt", "x.txt");
    safe_is("dir/", "attachment");
    safe_is("a/b\\c/d", "d");
}
END_TEST

START_TEST(dots_and_spaces_trimmed)
{
    safe_is(".", "attachment");
    safe_is("..", "attachment");
    safe_is("...", "attachment");
    safe_is("a/..", "attachment");
    safe_is(".htaccess", "htaccess");
    safe_is("  spaced  ", "spaced");
    safe_is("file.txt. . ", "file.txt");
    safe_is(" . .x. . ", "x");
    safe_is("", "attachment");
    safe_is(NULL, "attachment");
    safe_is("   ", "attachment");
}
END_TEST

START_TEST(controls_and_quotes_dropped)
{
    safe_is("a\r\nContent-Type: text/html.txt", "html.txt");
    safe_is("evil\r\nSet-Cookie: x=1", "evilSet-Cookie: x=1");
    safe_is("tab\there", "tabhere");
    safe_is("q\"uo\"te.txt", "quote.txt");
    safe_is("del\x7f.txt", "del.txt");
    safe_is("c1\xC2\x85\xC2\x9F.txt", "c1.txt"); /* NEL and other C1 controls */
    safe_is("invoice\xE2\x80\xAE"
            "fdp.exe",
            "invoicefdp.exe");                                         /* right-to-left override */
    safe_is("x\xE2\x81\xA6y\xE2\x80\x8Fz\xE2\x80\xA8.txt", "xyz.txt"); /* isolate, RLM, line separator */
    safe_is("\x01\x02", "attachment");
    safe_is("\x01.hidden", "hidden");
    safe_is("keep\xC2\xA0nbsp", "keep\xC2\xA0nbsp"); /* printable non-ASCII stays */
}
END_TEST

START_TEST(invalid_utf8_replaced)
{
    safe_is("caf\xE9.txt", "caf_.txt");
    safe_is("\xC3\x28", "_(");
    safe_is("\xED\xA0\x80x", "___x");
    safe_is("\xF0\x9F\x98", "___");
    safe_is("ok\xF0\x9F\x98\x80", "ok\xF0\x9F\x98\x80");
}
END_TEST

START_TEST(truncated_to_255_bytes)
{
    arena *a = test_arena();
    char in[1024];
    memset(in, 'x', 300);
    in[300] = '\0';
    const char *s = filename_safe(a, in);
    ck_assert_uint_eq(strlen(s), 255);
    /* two-byte characters from offset 0: 127 of them fit (254 bytes), the 128th would be split */
    strbuf sb;
    sb_init(&sb, a);
    for (int i = 0; i < 200; i++)
        sb_puts(&sb, "\xC3\xA9");
    s = filename_safe(a, sb.data);
    ck_assert_uint_eq(strlen(s), 254);
    ck_assert(utf8_valid(s, strlen(s)));
    /* four-byte characters after one ASCII byte: 1 + 4 * 63 = 253 */
    sb.len = 0;
    sb_puts(&sb, "a");
    for (int i = 0; i < 100; i++)
        sb_puts(&sb, "\xF0\x9F\x98\x80");
    s = filename_safe(a, sb.data);
    ck_assert_uint_eq(strlen(s), 253);
    ck_assert(utf8_valid(s, strlen(s)));
    /* a cut that leaves a trailing space or dot trims it too */
    memset(in, 'y', 254);
    in[254] = ' ';
    in[255] = 'z';
    in[256] = '\0';
    ck_assert_uint_eq(strlen(filename_safe(a, in)), 254);
    arena_free(a);
}
END_TEST

START_TEST(ascii_fallback)
{
    arena *a = test_arena();
    ck_assert_str_eq(filename_ascii(a, "report.pdf"), "report.pdf");
    ck_assert_str_eq(filename_ascii(a, "caf\xC3\xA9 \xE6\x97\xA5.txt"), "caf_ _.txt");
    ck_assert_str_eq(filename_ascii(a, "\xF0\x9F\x98\x80"), "_");
    ck_assert_str_eq(filename_ascii(a, "a\"b\\c\r\x7f"), "a_b_c__");
    ck_assert_str_eq(filename_ascii(a, "bad\xFF"), "bad_");
    ck_assert_str_eq(filename_ascii(a, ""), "");
    arena_free(a);
}
END_TEST

START_TEST(content_disposition_values)
{
    arena *a = test_arena();
    ck_assert_str_eq(content_disposition(a, "report.pdf"),
                     "attachment; filename=\"report.pdf\"; filename*=UTF-8''report.pdf");
    ck_assert_str_eq(content_disposition(a, "caf\xC3\xA9 menu.txt"),
                     "attachment; filename=\"caf_ menu.txt\"; filename*=UTF-8''caf%C3%A9%20menu.txt");
    /* not yet safe: made so first */
    ck_assert_str_eq(content_disposition(a, "../x\r\n\"y\".txt"),
                     "attachment; filename=\"xy.txt\"; filename*=UTF-8''xy.txt");
    ck_assert_str_eq(content_disposition(a, ""), "attachment; filename=\"attachment\"; filename*=UTF-8''attachment");
    ck_assert_str_eq(content_disposition(a, "a;b=c%'.txt"),
                     "attachment; filename=\"a;b=c%'.txt\"; filename*=UTF-8''a%3Bb%3Dc%25%27.txt");
    arena_free(a);
}
END_TEST

START_TEST(out_of_memory)
{
    arena *a = test_arena();
    arena_set_limit(a, 16);
    ck_assert_ptr_nonnull(arena_alloc(a, 16));
    ck_assert_ptr_null(filename_safe(a, "x"));
    ck_assert_ptr_null(filename_ascii(a, "x"));
    ck_assert_ptr_null(content_disposition(a, "x"));
    arena_free(a);
}
END_TEST

static Suite *filename_suite(void)
{
    Suite *s = suite_create("filename");
    TCase *tc = tcase_create("safe");
    tcase_add_test(tc, plain_names_kept);
    tcase_add_test(tc, paths_stripped);
    tcase_add_test(tc, dots_and_spaces_trimmed);
    tcase_add_test(tc, controls_and_quotes_dropped);
    tcase_add_test(tc, invalid_utf8_replaced);
    tcase_add_test(tc, truncated_to_255_bytes);
    suite_add_tcase(s, tc);
    tc = tcase_create("header");
    tcase_add_test(tc, ascii_fallback);
    tcase_add_test(tc, content_disposition_values);
    tcase_add_test(tc, out_of_memory);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return run_suite(filename_suite()); }
