/* sentences.h - splitting the normalised text into sentences. */
#ifndef ZC_CORE_SENTENCES_H
#define ZC_CORE_SENTENCES_H

#include <stddef.h>

#include "zhclaim/plugin.h"

/* Split width-folded text (normalisation step 3 has made ！？；） ASCII)
 * into sentences that cover it in order, ending after 。!?; (and the
 * closing quotes or brackets right after them) or at a line break.
 * *out is the caller's, to free(); an empty text gives *n == 0. */
zc_status_t zc_split_sentences(const char *text, size_t len,
                               zc_sentence_t **out, size_t *n);

#endif
