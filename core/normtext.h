/*
 * normtext.h - the normalised text as UTF-8, with a byte-level map back to
 * the original file.
 *
 * Plugins work on UTF-8 bytes (PCRE2 does); every byte of one normalised
 * code point maps to the original range of that code point. The map is kept
 * per code point, with each code point's first byte, and a byte is looked
 * up by binary search: lookups happen once per claim, while a map per byte
 * cost ~8 stores per CJK character of every document.
 */
#ifndef ZC_CORE_NORMTEXT_H
#define ZC_CORE_NORMTEXT_H

#include <stddef.h>
#include <stdint.h>

#include "utext.h"

typedef struct zc_normtext_t {
    char *text;          /* NUL-terminated UTF-8 */
    size_t len;          /* bytes, without the NUL */
    size_t n_cps;        /* code points */
    uint32_t *byte_at;   /* per code point: its first byte in text, ascending */
    uint32_t *src_start; /* per code point: original start */
    uint32_t *src_end;   /* per code point: original end */
} zc_normtext_t;

/* Encode t as UTF-8 with the map. out is overwritten; it owns its arrays
 * until zc_normtext_free(). ZC_ERR_INVALID for an invalid code point or a
 * text past 4 GiB. */
zc_status_t zc_normtext_from_utext(const zc_utext_t *t, zc_normtext_t *out);
/* The same, but the range arrays are taken from t instead of copied (t is
 * left empty, to be freed as usual): for a caller done with t. */
zc_status_t zc_normtext_from_utext_taking(zc_utext_t *t, zc_normtext_t *out);
void zc_normtext_free(zc_normtext_t *n);

/* The original byte range of normalised bytes [start, end), end > start. */
void zc_normtext_map_span(const zc_normtext_t *n, size_t start, size_t end,
                          size_t *orig_start, size_t *orig_end);

#endif
