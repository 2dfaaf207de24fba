/*
 * records.c - the public face of the writers (zhclaim/records.h): a result
 * rendered into one buffer, as worker processes, threads and the Python
 * package all need it before the bytes reach their output.
 */
#define _GNU_SOURCE /* open_memstream, __fsetlocking */
#include "zhclaim/records.h"

#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>

#include "csv_writer.h"
#include "json_writer.h"
#include "records_write.h"
#include "result_place.h"

const char *zc_records_csv_header(void)
{
    return "doc,kind,plugin,start_byte,end_byte,text,value,unit,approx,"
           "range_low,range_high,subject,metric,from,sentence,page,bbox\r\n";
}

static int write_csv(FILE *out, const zc_result_t *result)
{
    for (size_t i = 0; i < result->n_claims; i++)
        if (zc_csv_write_claim_at(out, zc_result_claim(result, i),
                                  zc_records_place(result, i)) != 0)
            return -1;
    return 0;
}

int zc_records_write(FILE *out, const zc_result_t *result, zc_records_format_t format)
{
    return format == ZC_RECORDS_CSV ? write_csv(out, result)
                                    : zc_json_write_result(out, result);
}

zc_status_t zc_records_render(const zc_result_t *result, zc_records_format_t format,
                              char **out, size_t *len)
{
    if (!out || !len)
        return ZC_ERR_INVALID;
    *out = NULL;
    *len = 0;
    if (!result || (format != ZC_RECORDS_JSONL && format != ZC_RECORDS_CSV))
        return ZC_ERR_INVALID;
    if (result->n_claims == 0)
        return ZC_OK;
    FILE *mem = open_memstream(out, len);
    if (!mem)
        return ZC_ERR_NOMEM;
    /* Only this thread sees the stream: skip the lock stdio takes on every
     * putc and fprintf (a measurable part of rendering, which is written a
     * byte and a field at a time). */
    __fsetlocking(mem, FSETLOCKING_BYCALLER);
    int rc = zc_records_write(mem, result, format);
    /* The buffer and its length are only final once the stream is closed;
     * a memory stream fails only for want of memory. */
    if (fclose(mem) != 0)
        rc = -1;
    if (rc != 0) {
        free(*out);
        *out = NULL;
        *len = 0;
        return ZC_ERR_NOMEM;
    }
    return ZC_OK;
}

void zc_records_free(char *out)
{
    free(out);
}
