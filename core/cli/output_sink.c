/* output_sink.c - records to stdout or to a file renamed into place. */
#include "output_sink.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csv_writer.h"
#include "error.h"
#include "json_writer.h"

int zc_format_parse(const char *name, zc_format_t *out)
{
    if (strcmp(name, "jsonl") == 0 || strcmp(name, "json") == 0)
        *out = ZC_FORMAT_JSONL;
    else if (strcmp(name, "csv") == 0)
        *out = ZC_FORMAT_CSV;
    else
        return -1;
    return 0;
}

int zc_sink_open(zc_sink_t *sink, zc_format_t format, const char *path,
                 zc_error_t *err)
{
    memset(sink, 0, sizeof *sink);
    sink->format = format;
    if (!path || strcmp(path, "-") == 0) {
        sink->out = stdout;
    } else {
        size_t len = strlen(path) + 32;
        sink->final_path = strdup(path);
        sink->tmp_path = malloc(len);
        if (!sink->final_path || !sink->tmp_path) {
            zc_sink_close(sink, 0, NULL);
            zc_error_set(err, ZC_ERR_NOMEM, "out of memory");
            return -1;
        }
        snprintf(sink->tmp_path, len, "%s.tmp.%ld", path, (long)getpid());
        sink->out = fopen(sink->tmp_path, "wb");
        if (!sink->out) {
            zc_error_set(err, ZC_ERR_IO, "%s: cannot create: %s", sink->tmp_path,
                         strerror(errno));
            zc_sink_close(sink, 0, NULL);
            return -1;
        }
    }
    if (format == ZC_FORMAT_CSV && zc_csv_write_header(sink->out) != 0) {
        zc_error_set(err, ZC_ERR_IO, "cannot write the CSV header");
        return -1;
    }
    return 0;
}

int zc_sink_write(zc_sink_t *sink, const zc_result_t *result)
{
    for (size_t i = 0; i < result->n_claims; i++) {
        int rc = sink->format == ZC_FORMAT_CSV
                     ? zc_csv_write_claim(sink->out, &result->claims[i])
                     : zc_json_write_claim(sink->out, &result->claims[i]);
        if (rc != 0)
            return -1;
    }
    return 0;
}

int zc_sink_close(zc_sink_t *sink, int commit, zc_error_t *err)
{
    int rc = 0;
    if (sink->out && fflush(sink->out) != 0) {
        zc_error_set(err, ZC_ERR_IO, "%s: write failed: %s",
                     sink->final_path ? sink->final_path : "stdout", strerror(errno));
        rc = -1;
        commit = 0;
    }
    if (sink->final_path) {
        if (sink->out && fclose(sink->out) != 0 && rc == 0) {
            zc_error_set(err, ZC_ERR_IO, "%s: write failed: %s", sink->final_path,
                         strerror(errno));
            rc = -1;
            commit = 0;
        }
        if (commit && rename(sink->tmp_path, sink->final_path) != 0) {
            zc_error_set(err, ZC_ERR_IO, "%s: cannot rename into place: %s",
                         sink->final_path, strerror(errno));
            rc = -1;
            commit = 0;
        }
        if (!commit && sink->tmp_path)
            unlink(sink->tmp_path);
    }
    free(sink->final_path);
    free(sink->tmp_path);
    memset(sink, 0, sizeof *sink);
    return rc;
}
