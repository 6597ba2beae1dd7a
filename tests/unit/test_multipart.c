/* test_multipart.c: the multipart/form-data parser gives the same parts and errors at every split point. */
#include <stdio.h>
#include "core/str.h"
#include "http/multipart.h"
#include "testutil.h"

/* Serialises parts as "name|filename|content_type|len:data;" (filename "-" for plain fields). */
static const char *serialise(arena *a, const multipart *p, size_t *outlen)
{
    strbuf sb;
    sb_init(&sb, a);
    sb_puts(&sb, "");
    for (size_t i = 0; i < p->nparts; i++) {
        const mp_part *m = &p->parts[i];
        ck_assert_ptr_nonnull(m->name);
        ck_assert_ptr_nonnull(m->content_type);
        ck_assert_ptr_nonnull(m->data);
        ck_assert_int_eq(m->data[m->len], '\0');
        sb_printf(&sb, "%s|%s|%s|%zu:", m->name, m->filename ? m->filename : "-", m->content_type, m->len);
        sb_append(&sb, m->data, m->len);
        sb_puts(&sb, ";");
    }
    ck_assert(!sb.failed);
    *outlen = sb.len;
    return sb.data;
}

struct result {
    cd_err err;
    const char *parts; /* "" unless err is CD_OK, or CD_ETOOLARGE with file data dropped */
    size_t len;
};

/* Parses in, fed as the chunks ending at the offsets in cuts (ncuts of them, then the rest); with
 * empty_between, an empty feed precedes every chunk. */
static struct result parse_chunks(arena *a, const char *boundary, const multipart_limits *lim, const char *in,
                                  size_t len, const size_t *cuts, size_t ncuts, int empty_between)
{
    multipart p;
    multipart_init(&p, a, boundary, lim);
    size_t at = 0;
    for (size_t i = 0; i <= ncuts; i++) {
        size_t end = i < ncuts ? cuts[i] : len;
        if (empty_between)
            multipart_feed(&p, in + at, 0);
        cd_err e = multipart_feed(&p, in + at, end - at);
        ck_assert(e == p.err);
        at = end;
    }
    struct result r = {multipart_finish(&p), "", 0};
    ck_assert_int_eq(multipart_finish(&p), r.err); /* sticky, and finishing twice changes nothing */
    if (r.err == CD_OK || (r.err == CD_ETOOLARGE && p.files_over && p.err == CD_OK))
        r.parts = serialise(a, &p, &r.len);
    return r;
}

static void same(const struct result *r, const struct result *whole, const char *how, size_t at)
{
    ck_assert_msg(r->err == whole->err, "%s %zu: error %d, whole %d", how, at, r->err, whole->err);
    ck_assert_msg(r->len == whole->len && memcmp(r->parts, whole->parts, r->len) == 0, "%s %zu: %s vs %s", how, at,
                  r->parts, whole->parts);
}

/* Checks in against the expected error and parts (NULL: not compared) whole, with and without a size
 * hint, split in two at every index, byte at a time, and with empty feeds in between. */
static void check_lim(const char *boundary, multipart_limits lim, const char *in, size_t len, cd_err err,
                      const char *parts)
{
    arena *a = test_arena();
    struct result whole = parse_chunks(a, boundary, &lim, in, len, NULL, 0, 0);
    ck_assert_msg(whole.err == err, "input \"%s\": error %d, expected %d", in, whole.err, err);
    if (parts)
        ck_assert_msg(whole.len == strlen(parts) && memcmp(whole.parts, parts, whole.len) == 0,
                      "input \"%s\": got %s, expected %s", in, whole.parts, parts);
    multipart_limits hinted = lim;
    hinted.expect = len;
    struct result r = parse_chunks(a, boundary, &hinted, in, len, NULL, 0, 0);
    same(&r, &whole, "with size hint", len);
    for (size_t i = 0; i <= len; i++) {
        r = parse_chunks(a, boundary, &lim, in, len, &i, 1, 0);
        same(&r, &whole, "split at", i);
    }
    size_t *cuts = arena_calloc(a, len + 1, sizeof *cuts);
    ck_assert_ptr_nonnull(cuts);
    for (size_t i = 0; i < len; i++)
        cuts[i] = i + 1;
    r = parse_chunks(a, boundary, &lim, in, len, cuts, len, 0);
    same(&r, &whole, "byte at a time", len);
    r = parse_chunks(a, boundary, &lim, in, len, cuts, len, 1);
    same(&r, &whole, "bytes with empty feeds", len);
    arena_free(a);
}

static const multipart_limits defaults;

#define CHECK(boundary, lim, in, err, parts) check_lim(boundary, lim, in, sizeof(in) - 1, err, parts)
#define OK(in, parts) check_lim("XyZ", defaults, in, sizeof(in) - 1, CD_OK, parts)
#define BAD(in) check_lim("XyZ", defaults, in, sizeof(in) - 1, CD_EBADREQ, NULL)
#define CD "Content-Disposition: form-data; "

START_TEST(one_field)
{
    OK("--XyZ\r\n" CD "name=\"title\"\r\n\r\nPrinter on fire\r\n--XyZ--\r\n", "title|-||15:Printer on fire;");
    OK("--XyZ\r\n" CD "name=\"title\"\r\n\r\nPrinter on fire\r\n--XyZ--", "title|-||15:Printer on fire;");
    OK("--XyZ\r\n" CD "name=\"empty\"\r\n\r\n\r\n--XyZ--\r\n", "empty|-||0:;");
    OK("--XyZ\r\n" CD "name=t\r\n\r\nx\r\n--XyZ--\r\n", "t|-||1:x;"); /* unquoted name */
    OK("--XyZ\r\n" CD "name=\"caf\xC3\xA9\"\r\n\r\n\xE2\x82\xAC\r\n--XyZ--\r\n", "caf\xC3\xA9|-||3:\xE2\x82\xAC;");
}
END_TEST

START_TEST(several_fields_and_files)
{
    OK("--XyZ\r\n" CD "name=\"title\"\r\n\r\nHello\r\n"
       "--XyZ\r\ncontent-disposition: FORM-DATA; NAME=\"doc\"; FileName=\"a.txt\"\r\n"
       "CONTENT-TYPE: text/plain \r\n\r\nline 1\r\nline 2\r\n"
       "--XyZ\r\nX-Unknown: whatever; name=\"no\"\r\n" CD "name=\"img\"; filename=\"b.png\"\r\n"
       "Content-Type:image/png\r\nContent-Transfer-Encoding: binary\r\n\r\nPNG\r\n"
       "--XyZ\r\n" CD "name=\"title\"\r\n\r\nAgain\r\n--XyZ--\r\n",
       "title|-||5:Hello;doc|a.txt|text/plain|14:line 1\r\nline 2;img|b.png|image/png|3:PNG;title|-||5:Again;");
    /* parameters in any order, blanks around them, extra unknown ones */
    OK("--XyZ\r\nContent-Disposition:form-data ;filename=\"f\" ; x=y;name=\"n\";\r\n\r\nd\r\n--XyZ--", "n|f||1:d;");
}
END_TEST

START_TEST(binary_data)
{
    /* CR LF, "--", partial delimiters, NUL and high bytes inside file data are data */
    static const char in[] = "--XyZ\r\n" CD "name=\"f\"; filename=\"bin\"\r\n\r\n"
                             "\r\n--\r\n-\r\n--X\r\n--Xy\r\r\n--X\r\n--XyY\0\xFF\xFE--XyZ\r\r"
                             "\r\n--XyZ--\r\n";
    check_lim("XyZ", defaults, in, sizeof in - 1, CD_OK, NULL);
    arena *a = test_arena();
    multipart p;
    multipart_init(&p, a, "XyZ", NULL);
    ck_assert_int_eq(multipart_feed(&p, in, sizeof in - 1), CD_OK);
    ck_assert_int_eq(multipart_finish(&p), CD_OK);
    ck_assert_uint_eq(p.nparts, 1);
    static const char want[] = "\r\n--\r\n-\r\n--X\r\n--Xy\r\r\n--X\r\n--XyY\0\xFF\xFE--XyZ\r\r";
    ck_assert_uint_eq(p.parts[0].len, sizeof want - 1);
    ck_assert_mem_eq(p.parts[0].data, want, sizeof want - 1);
    arena_free(a);
    /* a boundary whose own text repeats ("a--a-") is still found right after near misses */
    CHECK("a--a-", defaults, "--a--a-\r\n" CD "name=\"x\"\r\n\r\n\r\n--a--\r\n--a--a\r\r\n-\r\n--a--a\r\n--a--a---",
          CD_OK, "x|-||27:\r\n--a--\r\n--a--a\r\r\n-\r\n--a--a;");
    /* invalid UTF-8 is fine in a file, not in a plain field */
    OK("--XyZ\r\n" CD "name=\"f\"; filename=\"x\"\r\n\r\n\xC3\x28\r\n--XyZ--", "f|x||2:\xC3\x28;");
    BAD("--XyZ\r\n" CD "name=\"f\"\r\n\r\n\xC3\x28\r\n--XyZ--");
    CHECK("XyZ", defaults, "--XyZ\r\n" CD "name=\"f\"\r\n\r\na\0b\r\n--XyZ--", CD_EBADREQ, NULL);
}
END_TEST

START_TEST(empty_files)
{
    OK("--XyZ\r\n" CD "name=\"att\"; filename=\"\"\r\nContent-Type: application/octet-stream\r\n\r\n\r\n--XyZ--\r\n",
       "att||application/octet-stream|0:;");
    OK("--XyZ\r\n" CD "name=\"att\"; filename=\"empty.txt\"\r\n\r\n\r\n--XyZ--\r\n", "att|empty.txt||0:;");
    OK("--XyZ--\r\n", ""); /* a form without fields */
    OK("--XyZ--", "");
}
END_TEST

START_TEST(filename_star)
{
    OK("--XyZ\r\n" CD "name=\"f\"; filename=\"fallback.txt\"; filename*=UTF-8''%E2%82%AC%20rates.txt\r\n\r\n"
       "x\r\n--XyZ--",
       "f|\xE2\x82\xAC rates.txt||1:x;");
    OK("--XyZ\r\n" CD "filename*=utf-8'en'na%C3%AFve.txt; name=\"f\"\r\n\r\nx\r\n--XyZ--",
       "f|na\xC3\xAFve.txt||1:x;");
    BAD("--XyZ\r\n" CD "name=\"f\"; filename*=ISO-8859-1''caf%E9.txt\r\n\r\nx\r\n--XyZ--");
    BAD("--XyZ\r\n" CD "name=\"f\"; filename*=UTF-8''%zz\r\n\r\nx\r\n--XyZ--");
    BAD("--XyZ\r\n" CD "name=\"f\"; filename*=UTF-8''%C3%28\r\n\r\nx\r\n--XyZ--");
    BAD("--XyZ\r\n" CD "name=\"f\"; filename*=UTF-8''%00\r\n\r\nx\r\n--XyZ--");
    BAD("--XyZ\r\n" CD "name=\"f\"; filename*=plain.txt\r\n\r\nx\r\n--XyZ--");
}
END_TEST

START_TEST(quoted_strings)
{
    OK("--XyZ\r\n" CD "name=\"a\\\"b\\\\c\"\r\n\r\nx\r\n--XyZ--", "a\"b\\c|-||1:x;");
    OK("--XyZ\r\n" CD "name=\"a;b=c\"\r\n\r\nx\r\n--XyZ--", "a;b=c|-||1:x;");
    /* a Windows path sent raw keeps its backslashes (filename_safe takes the last component later) */
    OK("--XyZ\r\n" CD "name=\"f\"; filename=\"C:\\Users\\me\\report.pdf\"\r\n\r\nx\r\n--XyZ--",
       "f|C:\\Users\\me\\report.pdf||1:x;");
    BAD("--XyZ\r\n" CD "name=\"unterminated\r\n\r\nx\r\n--XyZ--");
    BAD("--XyZ\r\n" CD "name=\"a\"junk\r\n\r\nx\r\n--XyZ--");
    BAD("--XyZ\r\n" CD "name=a\"b\r\n\r\nx\r\n--XyZ--");
}
END_TEST

START_TEST(preamble_and_epilogue)
{
    OK("garbage before\r\n--Xy and --X\r\n--Xy\r\n--XyZ\r\n" CD
       "name=\"a\"\r\n\r\n1\r\n--XyZ--\r\nepilogue --XyZ\r\n",
       "a|-||1:1;");
    OK("\r\n--XyZ\r\n" CD "name=\"a\"\r\n\r\n1\r\n--XyZ--", "a|-||1:1;");
    OK("-\r\n--XyZ\r\n" CD "name=\"a\"\r\n\r\n1\r\n--XyZ--", "a|-||1:1;");
    OK("--XyZ \t \r\n" CD "name=\"a\"\r\n\r\n1\r\n--XyZ\t\r\n" CD "name=\"b\"\r\n\r\n2\r\n--XyZ--junk",
       "a|-||1:1;b|-||1:2;"); /* transport padding after a delimiter */
    /* not at a line start, "--XyZ" is no delimiter: all of this is preamble up to the closing one */
    OK("xx--XyZ\r\n" CD "name=\"a\"\r\n\r\n1\r\n--XyZ--", "");
}
END_TEST

START_TEST(bad_framing)
{
    BAD("--XyZx\r\n" CD "name=\"a\"\r\n\r\n1\r\n--XyZ--");          /* text glued to the delimiter */
    BAD("--XyZ\r\n" CD "name=\"a\"\r\n\r\n1\r\n--XyZZ\r\n--XyZ--"); /* ... in the data too */
    BAD("--XyZ\n" CD "name=\"a\"\n\n1\r\n--XyZ--");                 /* bare LF */
    BAD("--XyZ\r\n" CD "name=\"a\"\n\r\n1\r\n--XyZ--");
    BAD("--XyZ\r\r\n" CD "name=\"a\"\r\n\r\n1\r\n--XyZ--");
    BAD("--XyZ-\r\n");
    BAD("--XyZ \tx\r\n");
    BAD("--XyZ\r\n" CD "name=\"a\"\r\nno colon here\r\n\r\n1\r\n--XyZ--");
    BAD("--XyZ\r\n" CD "name=\"a\"\r\n: empty name\r\n\r\n1\r\n--XyZ--");
    BAD("--XyZ\r\n" CD "name=\"a\"\r\nX-Bell: \a\r\n\r\n1\r\n--XyZ--");
    CHECK("XyZ", defaults, "--XyZ\r\n" CD "name=\"a\0\"\r\n\r\n1\r\n--XyZ--", CD_EBADREQ, NULL);
}
END_TEST

START_TEST(bad_part_headers)
{
    BAD("--XyZ\r\n\r\n1\r\n--XyZ--");                                                /* no headers */
    BAD("--XyZ\r\nContent-Type: text/plain\r\n\r\n1\r\n--XyZ--");                    /* no Content-Disposition */
    BAD("--XyZ\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\n1\r\n--XyZ--"); /* not form-data */
    BAD("--XyZ\r\nContent-Disposition: form-data\r\n\r\n1\r\n--XyZ--");              /* no name */
    BAD("--XyZ\r\n" CD "filename=\"f\"\r\n\r\n1\r\n--XyZ--");
    BAD("--XyZ\r\n" CD "name=\"\"\r\n\r\n1\r\n--XyZ--");
    BAD("--XyZ\r\n" CD "name=\"a\"; name=\"b\"\r\n\r\n1\r\n--XyZ--"); /* repeated parameter */
    BAD("--XyZ\r\n" CD "name=\"a\"; filename=\"x\"; FILENAME=\"y\"\r\n\r\n1\r\n--XyZ--");
    BAD("--XyZ\r\n" CD "name=\"a\"\r\n" CD "name=\"b\"\r\n\r\n1\r\n--XyZ--"); /* repeated header */
    BAD("--XyZ\r\n" CD "name=\"a\"\r\nContent-Type: a\r\nContent-Type: b\r\n\r\n1\r\n--XyZ--");
    BAD("--XyZ\r\n" CD "name\r\n\r\n1\r\n--XyZ--"); /* parameter without value */
    BAD("--XyZ\r\n" CD "name=\"a\" x\r\n\r\n1\r\n--XyZ--");
    /* the second part is bad: the whole body is */
    BAD("--XyZ\r\n" CD "name=\"a\"\r\n\r\n1\r\n--XyZ\r\nContent-Type: x\r\n\r\n2\r\n--XyZ--");
}
END_TEST

START_TEST(invalid_utf8_names)
{
    BAD("--XyZ\r\n" CD "name=\"\xC3\x28\"\r\n\r\n1\r\n--XyZ--");
    BAD("--XyZ\r\n" CD "name=\"\xFF\"\r\n\r\n1\r\n--XyZ--");
    BAD("--XyZ\r\n" CD "name=\"f\"; filename=\"\xED\xA0\x80.txt\"\r\n\r\n1\r\n--XyZ--");
    BAD("--XyZ\r\n" CD "name=\"f\"; filename=\"caf\xE9.txt\"\r\n\r\n1\r\n--XyZ--"); /* Latin-1 */
    BAD("--XyZ\r\n" CD "name=\"a\"\r\nContent-Type: \xC0\xAF\r\n\r\n1\r\n--XyZ--");
    OK("--XyZ\r\n" CD "name=\"a\"\r\nX-Other: \xFF\r\n\r\n1\r\n--XyZ--", "a|-||1:1;"); /* unknown: ignored */
}
END_TEST

START_TEST(truncated)
{
    BAD("");
    BAD("just a preamble");
    BAD("--XyZ");
    BAD("--XyZ\r");
    BAD("--XyZ-");
    BAD("--XyZ\r\n");
    BAD("--XyZ\r\n" CD "name=\"a\"");
    BAD("--XyZ\r\n" CD "name=\"a\"\r\n");
    BAD("--XyZ\r\n" CD "name=\"a\"\r\n\r\n");
    BAD("--XyZ\r\n" CD "name=\"a\"\r\n\r\ndata");
    BAD("--XyZ\r\n" CD "name=\"a\"\r\n\r\ndata\r\n--Xy");
    BAD("--XyZ\r\n" CD "name=\"a\"\r\n\r\ndata\r\n--XyZ");
    BAD("--XyZ\r\n" CD "name=\"a\"\r\n\r\ndata\r\n--XyZ\r\n");
    BAD("--XyZ\r\n" CD "name=\"a\"\r\n\r\ndata\r\n--XyZ-");
}
END_TEST

START_TEST(boundaries)
{
    arena *a = test_arena();
    static const struct {
        const char *ct, *want;
    } cases[] = {
        {"multipart/form-data; boundary=XyZ", "XyZ"},
        {"multipart/form-data; boundary=\"XyZ\"", "XyZ"},
        {"multipart/form-data;boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW",
         "----WebKitFormBoundary7MA4YWxkTrZu0gW"},
        {"Multipart/Form-Data; BOUNDARY = \"a b'()+_,-./:=?\" ; charset=utf-8", "a b'()+_,-./:=?"},
        {"multipart/form-data; charset=\"x;boundary=no\"; Boundary=yes", "yes"},
        {"multipart/form-data; boundary=1234567890123456789012345678901234567890123456789012345678901234567890",
         "1234567890123456789012345678901234567890123456789012345678901234567890"},
        {"multipart/form-data; boundary=abc ", "abc"},
        {"multipart/form-data; boundary=abc;", "abc"},
        {"multipart/form-data", NULL},
        {"multipart/form-data; boundary=", NULL},
        {"multipart/form-data; boundary=\"\"", NULL},
        {"multipart/form-data; boundary=\"abc \"", NULL}, /* ends in a space */
        {"multipart/form-data; boundary=a\\b", NULL},     /* not a bchar */
        {"multipart/form-data; boundary=\"a\x01\"", NULL},
        {"multipart/form-data; boundary=\"abc", NULL},         /* unterminated */
        {"multipart/form-data; boundary=a; boundary=a", NULL}, /* repeated */
        {"multipart/form-data; boundary", NULL},
        {"multipart/form-data; xboundary=abc", NULL},
        {"multipart/form-data; boundary=\"ab\" junk", NULL},
        {"multipart/form-data; boundary=12345678901234567890123456789012345678901234567890123456789012345678901",
         NULL}, /* 71 characters */
        {"", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *b = multipart_boundary(a, cases[i].ct);
        if (cases[i].want)
            ck_assert_msg(b && strcmp(b, cases[i].want) == 0, "%s: got %s", cases[i].ct, b ? b : "NULL");
        else
            ck_assert_msg(b == NULL, "%s: got %s", cases[i].ct, b);
    }
    ck_assert_ptr_null(multipart_boundary(a, NULL));
    arena_free(a);
    /* a quoted boundary with bchars that a token could not carry works end to end */
    CHECK("a b:c", defaults, "--a b:c\r\n" CD "name=\"n\"\r\n\r\nv\r\n--a b:c--", CD_OK, "n|-||1:v;");
}
END_TEST

START_TEST(invalid_boundary_in_init)
{
    static const char in[] = "--\r\n" CD "name=\"a\"\r\n\r\n1\r\n----";
    check_lim(NULL, defaults, in, sizeof in - 1, CD_EBADREQ, NULL);
    check_lim("", defaults, in, sizeof in - 1, CD_EBADREQ, NULL);
    check_lim("a\r\nb", defaults, in, sizeof in - 1, CD_EBADREQ, NULL);
    check_lim("12345678901234567890123456789012345678901234567890123456789012345678901", defaults, in, sizeof in - 1,
              CD_EBADREQ, NULL);
}
END_TEST

START_TEST(header_limits)
{
    static const char in[] = "--XyZ\r\n" CD "name=\"a\"\r\n\r\n1\r\n--XyZ--"; /* headers: 42 + 2 bytes */
    multipart_limits lim = {.max_header_bytes = 44};
    check_lim("XyZ", lim, in, sizeof in - 1, CD_OK, "a|-||1:1;");
    lim.max_header_bytes = 43;
    check_lim("XyZ", lim, in, sizeof in - 1, CD_EBADREQ, NULL);
    /* a default limit of 8 KiB per part: one long header line */
    arena *a = test_arena();
    const size_t fixed = 42 + sizeof "X-Pad: " - 1 + 4; /* header bytes besides the padding */
    for (size_t pad = 8192 - fixed; pad <= 8192 - fixed + 1; pad++) {
        strbuf sb;
        sb_init(&sb, a);
        sb_puts(&sb, "--XyZ\r\n" CD "name=\"a\"\r\nX-Pad: ");
        for (size_t i = 0; i < pad; i++)
            sb_puts(&sb, "p");
        sb_puts(&sb, "\r\n\r\n1\r\n--XyZ--");
        ck_assert(!sb.failed);
        cd_err want = pad > 8192 - fixed ? CD_EBADREQ : CD_OK;
        size_t one = 1, cuts[] = {sb.len / 3, sb.len / 2};
        ck_assert_int_eq(parse_chunks(a, "XyZ", NULL, sb.data, sb.len, NULL, 0, 0).err, want);
        ck_assert_int_eq(parse_chunks(a, "XyZ", NULL, sb.data, sb.len, &one, 1, 0).err, want);
        ck_assert_int_eq(parse_chunks(a, "XyZ", NULL, sb.data, sb.len, cuts, 2, 1).err, want);
    }
    arena_free(a);
    /* names and file names */
    lim = (multipart_limits){.max_name = 3, .max_filename = 4};
    CHECK("XyZ", lim, "--XyZ\r\n" CD "name=\"abc\"; filename=\"abcd\"\r\n\r\n\r\n--XyZ--", CD_OK, "abc|abcd||0:;");
    CHECK("XyZ", lim, "--XyZ\r\n" CD "name=\"abcd\"\r\n\r\n\r\n--XyZ--", CD_EBADREQ, NULL);
    CHECK("XyZ", lim, "--XyZ\r\n" CD "name=\"abc\"; filename=\"abcde\"\r\n\r\n\r\n--XyZ--", CD_EBADREQ, NULL);
    CHECK("XyZ", lim, "--XyZ\r\n" CD "name=\"a\"; filename*=UTF-8''%41%42%43%44%45\r\n\r\n\r\n--XyZ--", CD_EBADREQ,
          NULL); /* the decoded name counts */
}
END_TEST

START_TEST(too_many_parts)
{
    static const char two[] = "--XyZ\r\n" CD "name=\"a\"\r\n\r\n1\r\n--XyZ\r\n" CD "name=\"b\"\r\n\r\n2\r\n--XyZ--";
    static const char three[] = "--XyZ\r\n" CD "name=\"a\"\r\n\r\n1\r\n--XyZ\r\n" CD "name=\"b\"\r\n\r\n2\r\n"
                                "--XyZ\r\n" CD "name=\"c\"\r\n\r\n3\r\n--XyZ--";
    multipart_limits lim = {.max_parts = 2};
    check_lim("XyZ", lim, two, sizeof two - 1, CD_OK, "a|-||1:1;b|-||1:2;");
    check_lim("XyZ", lim, three, sizeof three - 1, CD_EBADREQ, NULL);
    /* the default limit is 100 */
    arena *a = test_arena();
    strbuf sb;
    sb_init(&sb, a);
    for (int i = 0; i < 100; i++)
        sb_printf(&sb, "--XyZ\r\n" CD "name=\"f%d\"\r\n\r\n%d\r\n", i, i);
    size_t at100 = sb.len;
    sb_puts(&sb, "--XyZ--");
    ck_assert(!sb.failed);
    size_t one = 1;
    ck_assert_int_eq(parse_chunks(a, "XyZ", NULL, sb.data, sb.len, NULL, 0, 0).err, CD_OK);
    ck_assert_int_eq(parse_chunks(a, "XyZ", NULL, sb.data, sb.len, &one, 1, 0).err, CD_OK);
    sb.len = at100;
    sb_puts(&sb, "--XyZ\r\n" CD "name=\"one more\"\r\n\r\n\r\n--XyZ--");
    ck_assert_int_eq(parse_chunks(a, "XyZ", NULL, sb.data, sb.len, NULL, 0, 0).err, CD_EBADREQ);
    ck_assert_int_eq(parse_chunks(a, "XyZ", NULL, sb.data, sb.len, &one, 1, 0).err, CD_EBADREQ);
    arena_free(a);
}
END_TEST

START_TEST(data_limits)
{
    static const char files[] = "--XyZ\r\n" CD "name=\"a\"; filename=\"x\"\r\n\r\n12345\r\n"
                                "--XyZ\r\n" CD "name=\"t\"\r\n\r\n1234567\r\n"
                                "--XyZ\r\n" CD "name=\"b\"; filename=\"y\"\r\n\r\n123\r\n--XyZ--";
    multipart_limits lim = {.max_file_bytes = 8, .max_field_bytes = 7};
    check_lim("XyZ", lim, files, sizeof files - 1, CD_OK, "a|x||5:12345;t|-||7:1234567;b|y||3:123;");
    lim.max_file_bytes = 7; /* the files together are over */
    check_lim("XyZ", lim, files, sizeof files - 1, CD_ETOOLARGE, NULL);
    /* dropping file data instead: the file past the limit and the later ones keep nothing, the fields stay */
    lim = (multipart_limits){.max_file_bytes = 4, .max_field_bytes = 7, .drop_over_files = true};
    check_lim("XyZ", lim, files, sizeof files - 1, CD_ETOOLARGE, "a|x||0:;t|-||7:1234567;b|y||0:;");
    lim.max_file_bytes = 7;
    check_lim("XyZ", lim, files, sizeof files - 1, CD_ETOOLARGE, "a|x||5:12345;t|-||7:1234567;b|y||0:;");
    lim.max_field_bytes = 6; /* fields over theirs are refused all the same */
    check_lim("XyZ", lim, files, sizeof files - 1, CD_ETOOLARGE, NULL);
    lim = (multipart_limits){.max_file_bytes = 8, .max_field_bytes = 6};
    check_lim("XyZ", lim, files, sizeof files - 1, CD_ETOOLARGE, NULL);
    /* delimiter lookalikes that turn out to be data count as data */
    lim = (multipart_limits){.max_file_bytes = 4};
    CHECK("XyZ", lim, "--XyZ\r\n" CD "name=\"a\"; filename=\"x\"\r\n\r\n\r\n--X\r\n--XyZ--", CD_ETOOLARGE, NULL);
    CHECK("XyZ", lim, "--XyZ\r\n" CD "name=\"a\"; filename=\"x\"\r\n\r\n\r\n-X\r\n--XyZ--", CD_OK, "a|x||4:\r\n-X;");
    /* a too-large body stays an error when it is also truncated */
    CHECK("XyZ", lim, "--XyZ\r\n" CD "name=\"a\"; filename=\"x\"\r\n\r\n12345", CD_ETOOLARGE, NULL);
}
END_TEST

START_TEST(errors_are_sticky)
{
    arena *a = test_arena();
    multipart p;
    multipart_init(&p, a, "XyZ", NULL);
    ck_assert_int_eq(multipart_feed(&p, "--XyZ\r\n\r\n", 9), CD_EBADREQ);
    ck_assert_int_eq(multipart_feed(&p, "x\r\n--XyZ--", 10), CD_EBADREQ);
    ck_assert_int_eq(multipart_finish(&p), CD_EBADREQ);
    /* after the closing delimiter, more input is epilogue */
    multipart_init(&p, a, "XyZ", NULL);
    ck_assert_int_eq(multipart_feed(&p, "--XyZ--", 7), CD_OK);
    ck_assert_int_eq(multipart_feed(&p, "\r\n--XyZ\r\nbroken", 15), CD_OK);
    ck_assert_int_eq(multipart_finish(&p), CD_OK);
    ck_assert_uint_eq(p.nparts, 0);
    arena_free(a);
}
END_TEST

START_TEST(out_of_memory)
{
    static const char in[] = "--XyZ\r\n" CD "name=\"a\"; filename=\"x\"\r\nContent-Type: t/x\r\n\r\n1234\r\n--XyZ--";
    /* every allocation the parser makes can fail: it reports CD_ENOMEM, never crashes */
    int saw_nomem = 0;
    for (size_t room = 8; room < 4096; room += 8) {
        arena *a = test_arena();
        arena_set_limit(a, arena_used(a) + room);
        multipart p;
        multipart_init(&p, a, "XyZ", NULL);
        multipart_feed(&p, in, sizeof in - 1);
        cd_err e = multipart_finish(&p);
        ck_assert_msg(e == CD_OK || e == CD_ENOMEM, "room %zu: %d", room, e);
        saw_nomem |= e == CD_ENOMEM;
        if (e == CD_OK)
            ck_assert_mem_eq(p.parts[0].data, "1234", 5);
        arena_free(a);
    }
    ck_assert(saw_nomem);
    arena *a = test_arena();
    multipart p;
    multipart_limits lim = {.expect = (size_t)-2};
    multipart_init(&p, a, "XyZ", &lim);
    ck_assert_int_eq(multipart_feed(&p, in, sizeof in - 1), CD_ENOMEM);
    arena_free(a);
}
END_TEST

static Suite *multipart_suite(void)
{
    Suite *s = suite_create("multipart");
    TCase *tc = tcase_create("valid");
    tcase_add_test(tc, one_field);
    tcase_add_test(tc, several_fields_and_files);
    tcase_add_test(tc, binary_data);
    tcase_add_test(tc, empty_files);
    tcase_add_test(tc, filename_star);
    tcase_add_test(tc, quoted_strings);
    tcase_add_test(tc, preamble_and_epilogue);
    tcase_add_test(tc, boundaries);
    suite_add_tcase(s, tc);
    tc = tcase_create("invalid");
    tcase_add_test(tc, bad_framing);
    tcase_add_test(tc, bad_part_headers);
    tcase_add_test(tc, invalid_utf8_names);
    tcase_add_test(tc, truncated);
    tcase_add_test(tc, invalid_boundary_in_init);
    tcase_add_test(tc, errors_are_sticky);
    tcase_add_test(tc, out_of_memory);
    suite_add_tcase(s, tc);
    tc = tcase_create("limits");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, header_limits);
    tcase_add_test(tc, too_many_parts);
    tcase_add_test(tc, data_limits);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return run_suite(multipart_suite()); }
