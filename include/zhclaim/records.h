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

#ifdef __cplusplus
}
#endif

#endif
