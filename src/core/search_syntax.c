/* search_syntax.c: a one-pass scanner of the search box's query into field terms and a to_tsquery() expression. */
#include "core/search_syntax.h"
#include "core/str.h"
#include <stdint.h>
#include <string.h>
#include <strings.h>

#define STRINGIFY_(x) #x
#define STRINGIFY(x) STRINGIFY_(x)

static const char out_of_memory[] = "Out of memory while reading the search.";

/* A word or phrase of the free text: its bytes in q and how it joins the operand before it. */
typedef struct operand {
    const char *text;
    size_t len;
    bool excluded;
    bool alternative; /* joined to the operand before it by OR */
    bool prefix;      /* the last bare word of a query that ends in it: matches as a prefix */
} operand;

/* What the token before the current one was, for deciding whether an OR joins two operands. */
typedef enum tok_kind { TOK_NONE, TOK_OPERAND, TOK_FIELD, TOK_OR } tok_kind;

/* The state of one parse: the query, the terms and operands read so far (at most SEARCH_MAX_TERMS together). */
typedef struct scan {
    arena *a;
    const char *q;
    size_t len;
    const char *const *known;
    search_error *err;
    search_term terms[SEARCH_MAX_TERMS];
    size_t nterms;
    operand ops[SEARCH_MAX_TERMS];
    size_t nops;
} scan;

static bool is_sep(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

static bool is_name_char(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }

/* The 1-based character position of the byte at offset off of q (valid UTF-8 up to there). */
static size_t char_pos(const char *q, size_t off)
{
    size_t pos = 1;
    for (size_t i = 0; i < off; i++)
        pos += ((unsigned char)q[i] & 0xC0) != 0x80;
    return pos;
}

/* Fills *err with message (the out-of-memory message when it is NULL) at pos; returns false. */
static bool fail(search_error *err, size_t pos, const char *message)
{
    err->pos = message ? pos : 1;
    err->message = message ? message : out_of_memory;
    return false;
}

/* Checks the len bytes at q (the query's first bytes, at least SEARCH_MAX_BYTES + 3 of them when it is longer)
 * for invalid UTF-8, control characters and excess length, in query order. */
static bool check_text(const char *q, size_t len, search_error *err)
{
    size_t pos = 1;
    for (size_t i = 0; i < len && i < SEARCH_MAX_BYTES; pos++) {
        uint32_t cp;
        size_t k = utf8_char(q + i, len - i, &cp);
        if (k == 0)
            return fail(err, pos, "The search is not valid UTF-8.");
        if ((cp < 0x20 && !is_sep((char)cp)) || cp == 0x7F)
            return fail(err, pos, "Control characters are not allowed.");
        if (i + k > SEARCH_MAX_BYTES)
            break; /* the character across the limit is the one too many */
        i += k;
    }
    if (len > SEARCH_MAX_BYTES)
        return fail(err, pos, "The search is too long (at most " STRINGIFY(SEARCH_MAX_BYTES) " characters).");
    return true;
}

/* Fails when the query already holds SEARCH_MAX_TERMS terms and operands, at the one starting at offset start. */
static bool room_for_term(scan *s, size_t start)
{
    if (s->nterms + s->nops < SEARCH_MAX_TERMS)
        return true;
    return fail(s->err, char_pos(s->q, start),
                "The search has too many terms (at most " STRINGIFY(SEARCH_MAX_TERMS) ").");
}

/* The length of the field name at offset i (letters and underscores directly followed by ':'), else 0. */
static size_t field_name_len(const scan *s, size_t i)
{
    size_t n = 0;
    while (i + n < s->len && is_name_char(s->q[i + n]))
        n++;
    return n > 0 && i + n < s->len && s->q[i + n] == ':' ? n : 0;
}

/* The entry of known that the n bytes at name spell (in any case), else NULL. */
static const char *known_field(const scan *s, const char *name, size_t n)
{
    for (const char *const *k = s->known; k && *k; k++)
        if (strlen(*k) == n && strncasecmp(*k, name, n) == 0)
            return *k;
    return NULL;
}

/* Reads the quoted text whose opening quote is at offset *i: sets *text and *n to its bytes without the
 * separators at its ends, and *i past the closing quote (or to the end of the query when there is none). */
static void read_quoted(const scan *s, size_t *i, const char **text, size_t *n)
{
    size_t from = *i + 1;
    const char *close = memchr(s->q + from, '"', s->len - from);
    size_t to = close ? (size_t)(close - s->q) : s->len;
    *i = close ? to + 1 : to;
    while (from < to && is_sep(s->q[from]))
        from++;
    while (to > from && is_sep(s->q[to - 1]))
        to--;
    *text = s->q + from;
    *n = to - from;
}

/* Reads the unquoted text at offset *i, up to a separator or a quote: sets *text, *n and *i past it. */
static void read_bare(const scan *s, size_t *i, const char **text, size_t *n)
{
    size_t from = *i;
    while (*i < s->len && !is_sep(s->q[*i]) && s->q[*i] != '"')
        (*i)++;
    *text = s->q + from;
    *n = *i - from;
}

/* Reads the field term whose name (name_len bytes) starts at offset *i, the token having started at offset start
 * (before a '-' when excluded); sets *i past it. False with the error when it is not a valid field term. */
static bool field_term(scan *s, size_t start, size_t *i, size_t name_len, bool excluded)
{
    const char *name = s->q + *i;
    const char *field = known_field(s, name, name_len);
    if (!field)
        return fail(s->err, char_pos(s->q, start),
                    arena_printf(s->a, "Unknown field \"%.*s\". Put it in quotes to search for it as text.",
                                 (int)name_len, name));
    if (excluded)
        return fail(s->err, char_pos(s->q, start), "A field term cannot be excluded.");
    size_t v = *i + name_len + 1;
    search_cmp cmp = SC_EQ;
    if (v < s->len && (s->q[v] == '<' || s->q[v] == '>')) {
        bool eq = v + 1 < s->len && s->q[v + 1] == '=';
        cmp = s->q[v] == '<' ? (eq ? SC_LE : SC_LT) : (eq ? SC_GE : SC_GT);
        v += eq ? 2 : 1;
    }
    size_t typed = v - *i; /* the name, ':' and comparison sign as typed */
    const char *value;
    size_t n;
    *i = v;
    if (v < s->len && s->q[v] == '"')
        read_quoted(s, i, &value, &n);
    else
        read_bare(s, i, &value, &n);
    if (n == 0)
        return fail(s->err, char_pos(s->q, start), arena_printf(s->a, "Missing value after %.*s.", (int)typed, name));
    if (!room_for_term(s, start))
        return false;
    search_term *t = &s->terms[s->nterms++];
    t->field = arena_strdup(s->a, field);
    t->cmp = cmp;
    t->value = arena_strndup(s->a, value, n);
    t->pos = char_pos(s->q, start);
    return (t->field && t->value) || fail(s->err, 1, NULL);
}

/* Appends the n bytes at text to sb as one quoted to_tsquery() operand, ' and \ doubled. */
static void put_operand(strbuf *sb, const char *text, size_t n)
{
    sb_puts(sb, "'");
    for (size_t i = 0; i < n; i++) {
        sb_append(sb, text + i, 1);
        if (text[i] == '\'' || text[i] == '\\')
            sb_append(sb, text + i, 1);
    }
    sb_puts(sb, "'");
}

/* The operands as a to_tsquery() expression in the arena; NULL when out of memory. */
static const char *tsquery_text(const scan *s)
{
    strbuf sb;
    sb_init(&sb, s->a);
    bool in_group = false;
    for (size_t i = 0; i < s->nops; i++) {
        const operand *o = &s->ops[i];
        bool next_alternative = i + 1 < s->nops && s->ops[i + 1].alternative;
        if (i > 0)
            sb_puts(&sb, o->alternative ? " | " : " & ");
        if (!o->alternative && next_alternative) {
            sb_puts(&sb, "( ");
            in_group = true;
        }
        if (o->excluded)
            sb_puts(&sb, "!");
        put_operand(&sb, o->text, o->len);
        if (o->prefix)
            sb_puts(&sb, ":*");
        if (in_group && !next_alternative) {
            sb_puts(&sb, " )");
            in_group = false;
        }
    }
    return sb.failed ? NULL : sb.data;
}

bool search_parse(arena *a, const char *q, const char *const *known, search_parsed *out, search_error *err)
{
    *out = (search_parsed){0};
    if (!q)
        q = "";
    scan s = {.a = a, .q = q, .len = strnlen(q, SEARCH_MAX_BYTES + 4), .known = known, .err = err};
    if (!check_text(q, s.len, err))
        return false;
    tok_kind prev = TOK_NONE;
    size_t or_run = 0;        /* how many ORs in a row precede the current token */
    bool or_after_op = false; /* whether an operand came before that run of ORs */
    bool last_bare = false;   /* whether the last token was a bare word */
    for (size_t i = 0;;) {
        while (i < s.len && is_sep(q[i]))
            i++;
        if (i == s.len)
            break;
        size_t start = i;
        bool excluded = q[i] == '-';
        i += excluded;
        last_bare = false;
        if (excluded && (i == s.len || is_sep(q[i])))
            continue; /* a lone '-' */
        bool quoted = q[i] == '"';
        size_t name_len = quoted ? 0 : field_name_len(&s, i);
        if (name_len) {
            if (!field_term(&s, start, &i, name_len, excluded))
                return false;
            prev = TOK_FIELD;
            continue;
        }
        const char *text;
        size_t n;
        if (quoted)
            read_quoted(&s, &i, &text, &n);
        else
            read_bare(&s, &i, &text, &n);
        if (n == 0)
            continue; /* an empty phrase */
        if (!quoted && !excluded && n == 2 && memcmp(text, "OR", 2) == 0) {
            if (prev != TOK_OR) {
                or_run = 0;
                or_after_op = prev == TOK_OPERAND;
            }
            or_run++;
            prev = TOK_OR;
            continue;
        }
        if (!room_for_term(&s, start))
            return false;
        s.ops[s.nops++] = (operand){.text = text,
                                    .len = n,
                                    .excluded = excluded,
                                    .alternative = prev == TOK_OR && or_run == 1 && or_after_op};
        prev = TOK_OPERAND;
        last_bare = !quoted && !excluded;
    }
    if (last_bare && !is_sep(q[s.len - 1]))
        s.ops[s.nops - 1].prefix = true;
    const char *tsquery = NULL;
    search_term *terms = NULL;
    if (s.nops > 0 && !(tsquery = tsquery_text(&s)))
        return fail(err, 1, NULL);
    if (s.nterms > 0) {
        if (!(terms = arena_alloc(a, s.nterms * sizeof *terms)))
            return fail(err, 1, NULL);
        memcpy(terms, s.terms, s.nterms * sizeof *terms);
    }
    *out = (search_parsed){.terms = terms, .nterms = s.nterms, .tsquery = tsquery};
    return true;
}
