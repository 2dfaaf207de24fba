/*
 * normtext.h - the normalised text as UTF-8, with a byte-level map back to
 * the original file.
 *
 * Plugins work on UTF-8 bytes (PCRE2 does); every byte of one normalised
 * code point maps to the original range of that code point. Most code
 * points came through unchanged in length, straight after the one before,
 * so the map is kept per run of them rather than per code point (12 bytes
 * a code point, four times a CJK document's size, was the largest thing
 * a document kept while its plugins ran): a run
 * is either such a stretch, where normalised byte b of the run stands at
 * original byte src + (b - byte), or one code point whose range is any
 * other (merged, folded to fewer bytes, an empty point). A byte is looked
 * up by binary search over the runs, once per claim.
 */
#ifndef ZC_CORE_NORMTEXT_H
#define ZC_CORE_NORMTEXT_H

#include <stddef.h>
#include <stdint.h>

#include "cptext.h"

typedef struct zc_normrun_t {
    uint32_t byte; /* its first byte in text; runs ascend from 0 */
    uint32_t src;  /* original start of its first code point */
    uint32_t end;  /* original end of its last code point */
} zc_normrun_t;

typedef struct zc_normtext_t {
    char *text;          /* NUL-terminated UTF-8 */
    size_t len;          /* bytes, without the NUL */
    zc_normrun_t *runs;  /* n_runs, covering text */
    size_t n_runs;
} zc_normtext_t;

/* Encode t as UTF-8 with the map. out is overwritten; it owns its arrays
 * until zc_normtext_free(). ZC_ERR_INVALID for an invalid code point or a
 * text past 4 GiB. */
zc_status_t zc_normtext_from_cptext(const zc_cptext_t *t, zc_normtext_t *out);
/* The same for a caller done with t: the text is encoded into t's own
 * code point array, which out takes, and t is left empty (to be freed as
 * usual), so the two never need memory at once. */
zc_status_t zc_normtext_from_cptext_taking(zc_cptext_t *t, zc_normtext_t *out);
void zc_normtext_free(zc_normtext_t *n);

/* The original byte range of normalised bytes [start, end), end > start. */
void zc_normtext_map_span(const zc_normtext_t *n, size_t start, size_t end,
                          size_t *orig_start, size_t *orig_end);

#endif
