/*
 * context.h - the `sentence` of a claim (--context), bounded.
 *
 * A sentence of at most ZC_CONTEXT_WHOLE code points is given whole, one
 * copy per document shared by all its claims. A longer one (a table or a
 * list run together with no 。) is cut to a window of ZC_CONTEXT_SIDE code
 * points on each side of the claim, marked "…" where it was cut. So the
 * contexts of a document take memory and output linear in its size and
 * claims, whatever its punctuation.
 */
#ifndef ZC_CORE_CONTEXT_H
#define ZC_CORE_CONTEXT_H

#include "engine_internal.h"

#define ZC_CONTEXT_WHOLE 256
#define ZC_CONTEXT_SIDE 96

/* The context of the claim at [start, end) of the normalised text into
 * *out (in the run's arena; NULL when no sentence holds start). Returns
 * ZC_OK or ZC_ERR_NOMEM. */
zc_status_t zc_context_of(zc_docrun_t *run, size_t start, size_t end, const char **out);

#endif
