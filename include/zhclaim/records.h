/*
 * zhclaim/records.h - a result's claims as the zhclaim command writes them.
 *
 * The writers live in a library of their own, libzhclaim-records, beside
 * libzhclaim: an embedder that keeps results as data carries none of them,
 * and the command and the Python package render through the same code, so
 * their bytes are the same by construction, not by a second writer kept in
 * step. Link with -lzhclaim-records -lzhclaim.
 *
 * JSON Lines is SPEC section 1: one object per claim, keys in a fixed order,
 * values as exact decimals, UTF-8 passed through, a file name that is not
 * UTF-8 escaped as Python's surrogateescape reads it back. CSV is RFC 4180
 * with CRLF line ends and the columns zc_records_csv_header() names. Both
 * are described in docs/records.md.
 */
#ifndef ZHCLAIM_RECORDS_H
#define ZHCLAIM_RECORDS_H

#include <stddef.h>

#include "zhclaim/zhclaim.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum zc_records_format_t {
    ZC_RECORDS_JSONL = 0,
    ZC_RECORDS_CSV = 1
} zc_records_format_t;

/* Every claim of result in format, in the result's order, into a new
 * buffer: *out (NUL-terminated, the caller's to release with
 * zc_records_free) and its length *len, without the NUL. A result with no
 * claims gives *out NULL and *len 0. ZC_OK, ZC_ERR_NOMEM, or
 * ZC_ERR_INVALID for a NULL argument or an unknown format. */
ZC_API zc_status_t zc_records_render(const zc_result_t *result,
                                     zc_records_format_t format, char **out,
                                     size_t *len);

/* Release what zc_records_render() returned; NULL is fine. */
ZC_API void zc_records_free(char *out);

/* The CSV header row, with its CRLF: written once before the records of a
 * file. A static string. */
ZC_API const char *zc_records_csv_header(void);

/* One document of zc_records_extract_files(): the caller sets path, the
 * call fills in the rest. */
typedef struct zc_records_doc_t {
    const char *path;      /* in: the file to read, and the records' "doc" */
    zc_status_t status;    /* ZC_OK, or why the document failed */
    int has_result;        /* it was extracted and its records written: also
                              when a plugin failed (the others' claims) */
    size_t n_bytes;        /* its size as read; for a file over max_bytes,
                              the size stat() saw; 0 when unknown */
    size_t n_claims;       /* the records written for it */
    char encoding[32];     /* "UTF-8", "GB18030", ...; "" without a result */
    char error[600];       /* why it failed, in the words `zhclaim extract`
                              prints after "zhclaim: PATH: "; "" if it did
                              not */
} zc_records_doc_t;

/* The claims of one kind, over the documents of a call. */
typedef struct zc_records_kind_t {
    char *kind;
    size_t n_claims;
} zc_records_kind_t;

/* Read, extract and render each of n_docs documents in turn, as `zhclaim
 * extract -j1` does with its files, appending the records of each in
 * format to fd (at its offset; a pipe will do) and filling in its
 * zc_records_doc_t: one call for a batch of files where a binding would
 * otherwise make several per document. A file larger than max_bytes (0:
 * no limit) fails as the command's --max-bytes makes it fail.
 *
 * docs[i] is at (char *)docs + i * doc_size; doc_size is the caller's
 * sizeof(zc_records_doc_t), and the library writes nothing past it (one
 * smaller than the struct this header declares is refused).
 *
 * A failed document is not a failed call: ZC_OK means every document was
 * tried and every record written (*written bytes of them). *kinds (the
 * caller's, released with zc_records_kinds_free) counts the records of
 * each kind, in the order the kinds first appear; NULL with *n_kinds 0
 * when there are none. On ZC_ERR_IO (writing to fd failed: err says why),
 * ZC_ERR_NOMEM or ZC_ERR_INVALID (a NULL argument, an unknown format, a
 * doc_size too small) the records written so far are incomplete, and
 * *kinds is NULL. */
ZC_API zc_status_t zc_records_extract_files(zc_engine_t *engine, zc_records_doc_t *docs,
                                            size_t n_docs, size_t doc_size,
                                            size_t max_bytes, zc_records_format_t format,
                                            int fd, size_t *written,
                                            zc_records_kind_t **kinds, size_t *n_kinds,
                                            zc_error_t *err);

/* Release what zc_records_extract_files() returned in *kinds; NULL is
 * fine. */
ZC_API void zc_records_kinds_free(zc_records_kind_t *kinds, size_t n_kinds);

#ifdef __cplusplus
}
#endif

#endif
