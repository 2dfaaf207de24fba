/* csv_writer.c - claims as RFC 4180 CSV. */
#include "csv_writer.h"

#include "decimal.h"
#include "utf8.h"
#include "zhclaim/records.h"

#include <stdlib.h>
#include <string.h>

int zc_csv_write_header(FILE *out)
{
    return fputs(zc_records_csv_header(), out) < 0 ? -1 : 0;
}

/* A field is quoted when it holds a comma, quote or line break; quotes
 * inside are doubled. */
static int write_field(FILE *out, const char *s)
{
    if (!s)
        return 0;
    if (!strpbrk(s, ",\"\r\n"))
        return fputs(s, out) < 0 ? -1 : 0;
    if (putc('"', out) == EOF)
        return -1;
    for (const char *p = s; *p; p++) {
        if (*p == '"' && putc('"', out) == EOF)
            return -1;
        if (putc(*p, out) == EOF)
            return -1;
    }
    return putc('"', out) == EOF ? -1 : 0;
}

/* A document's path. CSV has no escapes of its own and the file must stay
 * UTF-8, so a path that is not UTF-8 (a GBK file name on Linux) is written
 * with each byte outside a well-formed UTF-8 sequence as \xNN (upper-case
 * hex) and each backslash doubled; a UTF-8 path is written as it is. See
 * README, "File names that are not UTF-8". */
static int write_name(FILE *out, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    const unsigned char *u = (const unsigned char *)s;
    size_t n = strlen(s), i = 0, k;
    int32_t cp;

    while (i < n && (k = zc_utf8_next(u + i, n - i, &cp)) != 0)
        i += k;
    if (i == n)
        return write_field(out, s);
    char *esc = malloc(4 * n + 1), *q = esc;
    if (!esc)
        return -1;
    for (i = 0; i < n; i += k) {
        k = zc_utf8_next(u + i, n - i, &cp);
        if (k == 0) {
            *q++ = '\\';
            *q++ = 'x';
            *q++ = hex[u[i] >> 4];
            *q++ = hex[u[i] & 0xF];
            k = 1;
        } else {
            if (u[i] == '\\')
                *q++ = '\\';
            memcpy(q, s + i, k);
            q += k;
        }
    }
    *q = '\0';
    int rc = write_field(out, esc);
    free(esc);
    return rc;
}

static int write_decimal(FILE *out, int present, zc_decimal_t d)
{
    if (!present)
        return 0;
    char buf[ZC_DECIMAL_TEXT_MAX + 1]; /* longer values are refused upstream */
    zc_decimal_format(d, buf, sizeof buf);
    return fputs(buf, out) < 0 ? -1 : 0;
}

static int sep(FILE *out) { return putc(',', out) == EOF ? -1 : 0; }

/* The page and bbox columns, empty when the claim has no place. */
static int write_place(FILE *out, const zc_claim_place_t *pl)
{
    if (!pl || pl->page == 0)
        return putc(',', out) == EOF ? -1 : 0;
    if (fprintf(out, "%u,", pl->page) < 0)
        return -1;
    if (pl->has_bbox && fprintf(out, "%.2f %.2f %.2f %.2f", pl->bbox[0], pl->bbox[1],
                                pl->bbox[2], pl->bbox[3]) < 0)
        return -1;
    return 0;
}

int zc_csv_write_claim_at(FILE *out, const zc_claim_t *c,
                          const zc_claim_place_t *place)
{
    int bad = write_name(out, c->doc) || sep(out)
        || write_field(out, c->kind) || sep(out)
        || write_field(out, c->plugin) || sep(out)
        || fprintf(out, "%zu,%zu,", c->start_byte, c->end_byte) < 0
        || write_field(out, c->text) || sep(out)
        || write_decimal(out, 1, c->value) || sep(out)
        || write_field(out, c->unit) || sep(out)
        || write_field(out, zc_approx_symbol(c->approx)) || sep(out)
        || write_decimal(out, c->has_range, c->range_low) || sep(out)
        || write_decimal(out, c->has_range, c->range_high) || sep(out)
        || write_field(out, c->subject) || sep(out)
        || write_field(out, c->metric) || sep(out)
        || write_decimal(out, c->has_from, c->from) || sep(out)
        || write_field(out, c->sentence) || sep(out)
        || write_place(out, place)
        || fputs("\r\n", out) < 0;
    return bad ? -1 : 0;
}

int zc_csv_write_claim(FILE *out, const zc_claim_t *c)
{
    return zc_csv_write_claim_at(out, c, NULL);
}
