/* json_writer.c - claims as JSON Lines. */
#include "json_writer.h"

#include <string.h>

int zc_json_write_string(FILE *out, const char *s)
{
    if (putc('"', out) == EOF)
        return -1;
    /* Copy runs of plain bytes at once; only quotes, backslashes and
     * control characters need escaping (UTF-8 passes through). */
    const char *run = s;
    for (const char *p = s;; p++) {
        unsigned char c = (unsigned char)*p;
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        if (p > run && fwrite(run, 1, (size_t)(p - run), out) != (size_t)(p - run))
            return -1;
        if (c == '\0')
            break;
        run = p + 1;
        int rc;
        switch (c) {
        case '"': rc = fputs("\\\"", out); break;
        case '\\': rc = fputs("\\\\", out); break;
        case '\n': rc = fputs("\\n", out); break;
        case '\r': rc = fputs("\\r", out); break;
        case '\t': rc = fputs("\\t", out); break;
        default: rc = fprintf(out, "\\u%04x", c); break;
        }
        if (rc < 0)
            return -1;
    }
    return putc('"', out) == EOF ? -1 : 0;
}

static int write_decimal(FILE *out, zc_decimal_t d)
{
    char buf[64];
    zc_decimal_format(d, buf, sizeof buf);
    return fputs(buf, out) < 0 ? -1 : 0;
}

static int write_key(FILE *out, const char *key)
{
    return fprintf(out, ",\"%s\":", key) < 0 ? -1 : 0;
}

static int write_optional_string(FILE *out, const char *key, const char *value)
{
    if (!value)
        return 0;
    return write_key(out, key) || zc_json_write_string(out, value);
}

int zc_json_write_claim(FILE *out, const zc_claim_t *c)
{
    int bad = fputs("{\"doc\":", out) < 0
        || zc_json_write_string(out, c->doc)
        || write_key(out, "kind") || zc_json_write_string(out, c->kind)
        || write_key(out, "plugin") || zc_json_write_string(out, c->plugin)
        || fprintf(out, ",\"span\":[%zu,%zu]", c->start_byte, c->end_byte) < 0
        || write_key(out, "text") || zc_json_write_string(out, c->text)
        || write_key(out, "value") || write_decimal(out, c->value)
        || write_key(out, "unit") || zc_json_write_string(out, c->unit)
        || write_key(out, "approx")
        || zc_json_write_string(out, zc_approx_symbol(c->approx));
    if (!bad && c->has_range)
        bad = fputs(",\"range\":[", out) < 0 || write_decimal(out, c->range_low)
            || putc(',', out) == EOF || write_decimal(out, c->range_high)
            || putc(']', out) == EOF;
    if (!bad)
        bad = write_optional_string(out, "subject", c->subject)
            || write_optional_string(out, "metric", c->metric);
    if (!bad && c->has_from)
        bad = write_key(out, "from") || write_decimal(out, c->from);
    if (!bad)
        bad = write_optional_string(out, "sentence", c->sentence)
            || fputs("}\n", out) < 0;
    return bad ? -1 : 0;
}
