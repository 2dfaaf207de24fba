/* csv_writer.c - claims as RFC 4180 CSV. */
#include "csv_writer.h"

#include "decimal.h"

#include <string.h>

int zc_csv_write_header(FILE *out)
{
    return fputs("doc,kind,plugin,start_byte,end_byte,text,value,unit,approx,"
                 "range_low,range_high,subject,metric,from,sentence\r\n",
                 out) < 0 ? -1 : 0;
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

static int write_decimal(FILE *out, int present, zc_decimal_t d)
{
    if (!present)
        return 0;
    char buf[ZC_DECIMAL_TEXT_MAX + 1]; /* longer values are refused upstream */
    zc_decimal_format(d, buf, sizeof buf);
    return fputs(buf, out) < 0 ? -1 : 0;
}

static int sep(FILE *out) { return putc(',', out) == EOF ? -1 : 0; }

int zc_csv_write_claim(FILE *out, const zc_claim_t *c)
{
    int bad = write_field(out, c->doc) || sep(out)
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
        || write_field(out, c->sentence)
        || fputs("\r\n", out) < 0;
    return bad ? -1 : 0;
}
