/* output_sink.c - records to stdout, to a file renamed into place, or to a
 * database. */
#include "output_sink.h"

#define ZC_SINK_BUFFER (1u << 20)

#include <errno.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "zhclaim/records.h"

int zc_format_parse(const char *name, zc_format_t *out)
{
    if (strcmp(name, "jsonl") == 0 || strcmp(name, "json") == 0)
        *out = ZC_FORMAT_JSONL;
    else if (strcmp(name, "csv") == 0)
        *out = ZC_FORMAT_CSV;
    else if (strcmp(name, "sqlite") == 0 || strcmp(name, "sqlite3") == 0 ||
             strcmp(name, "db") == 0)
        *out = ZC_FORMAT_SQLITE;
    else
        return -1;
    return 0;
}

int zc_format_is_db_name(const char *path)
{
    const char *dot = path ? strrchr(path, '.') : NULL;
    return dot && (strcmp(dot, ".sqlite") == 0 || strcmp(dot, ".sqlite3") == 0 ||
                   strcmp(dot, ".db") == 0);
}

int zc_sink_open(zc_sink_t *sink, zc_format_t format, const char *path,
                 int resume, zc_error_t *err)
{
    memset(sink, 0, sizeof *sink);
    int to_stdout = !path || strcmp(path, "-") == 0;
    if (format == ZC_FORMAT_SQLITE) {
        if (to_stdout) {
            zc_error_set(err, ZC_ERR_INVALID, "--format sqlite needs -o FILE");
            return -1;
        }
        sink->db = zc_sqlite_open(path, resume, err);
        return sink->db ? 0 : -1;
    }
    struct stat st;
    if (to_stdout) {
        sink->out = stdout;
    } else if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        /* A device or a pipe (-o /dev/null, -o fifo) is written as it is:
         * renaming a temporary file over it would replace it with a file. */
        sink->out = fopen(path, "wb");
        if (!sink->out) {
            zc_error_set(err, ZC_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
            return -1;
        }
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
    /* Records run to about the size of the input; stdio's default 4 KiB
     * buffer would make that one write(2) per few records. A terminal keeps
     * its line buffering so records show as they come. */
    if (!isatty(fileno(sink->out)))
        setvbuf(sink->out, NULL, _IOFBF, ZC_SINK_BUFFER);
    if (format == ZC_FORMAT_CSV && fputs(zc_records_csv_header(), sink->out) < 0) {
        zc_error_set(err, ZC_ERR_IO, "cannot write the CSV header");
        zc_sink_close(sink, 0, NULL);
        return -1;
    }
    return 0;
}

int zc_sink_name_written(zc_sink_t *sink, const char *doc, zc_error_t *err)
{
    return sink->db ? zc_sqlite_written(sink->db, doc, err) : 0;
}

int zc_sink_write(zc_sink_t *sink, const zc_doc_outcome_t *o, zc_error_t *err)
{
    if (sink->db)
        return zc_sqlite_write(sink->db, o, err);
    if (o->rendered_len && fwrite(o->rendered, 1, o->rendered_len, sink->out) != o->rendered_len) {
        zc_error_set(err, ZC_ERR_IO, "%s: write failed: %s",
                     sink->final_path ? sink->tmp_path : "stdout", strerror(errno));
        return -1;
    }
    /* Records on stdout reach the reader a whole document at a time: a
     * pipeline sees each document as it completes, and whatever happens
     * to the run later, what was written is whole. */
    if (sink->out == stdout && o->rendered_len && fflush(stdout) != 0) {
        zc_error_set(err, ZC_ERR_IO, "stdout: write failed: %s", strerror(errno));
        return -1;
    }
    return 0;
}

int zc_sink_is_done(const void *sink, const char *doc, const char *sha256)
{
    const zc_sink_t *s = sink;
    return s->db && zc_sqlite_is_done(s->db, doc, sha256);
}

int zc_sink_close(zc_sink_t *sink, int commit, zc_error_t *err)
{
    int rc = 0;
    if (sink->db) {
        rc = zc_sqlite_close(sink->db, commit, err);
        memset(sink, 0, sizeof *sink);
        return rc;
    }
    if (sink->out && fflush(sink->out) != 0) {
        zc_error_set(err, ZC_ERR_IO, "%s: write failed: %s",
                     sink->final_path ? sink->final_path : "stdout", strerror(errno));
        rc = -1;
        commit = 0;
    }
    /* stdout stays open; a file or a device named with -o is closed here,
     * and a close that fails means the data may not have been written. */
    if (sink->out && sink->out != stdout && fclose(sink->out) != 0 && rc == 0) {
        zc_error_set(err, ZC_ERR_IO, "%s: write failed: %s",
                     sink->final_path ? sink->final_path : "output", strerror(errno));
        rc = -1;
        commit = 0;
    }
    sink->out = NULL;
    if (sink->final_path) {
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
