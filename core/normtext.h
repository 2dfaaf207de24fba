/*
 * normtext.h - the normalised text as UTF-8, with a byte-level map back to
 * the original file.
 *
 * Plugins work on UTF-8 bytes (PCRE2 does), so the map is kept per byte of
 * the normalised text: the bytes of one normalised code point all map to the
 * original range of that code point.
 */
#ifndef ZC_CORE_NORMTEXT_H
#define ZC_CORE_NORMTEXT_H

#include <stddef.h>
#include <stdint.h>

#include "utext.h"

typedef struct zc_normtext_t {
    char *text;          /* NUL-terminated UTF-8 */
    size_t len;          /* bytes, without the NUL */
    uint32_t *src_start; /* per byte of text: original start of its code point */
    uint32_t *src_end;   /* per byte of text: original end of its code point */
} zc_normtext_t;

/* Encode t as UTF-8 with the byte map. out is overwritten; it owns its
 * arrays until zc_normtext_free(). */
zc_status_t zc_normtext_from_utext(const zc_utext_t *t, zc_normtext_t *out);
void zc_normtext_free(zc_normtext_t *n);

/* The original byte range of normalised bytes [start, end), end > start. */
void zc_normtext_map_span(const zc_normtext_t *n, size_t start, size_t end,
                          size_t *orig_start, size_t *orig_end);

#endif
