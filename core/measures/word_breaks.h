/*
 * word_breaks.h - word boundaries in the normalised text, from ICU.
 *
 * A character that is a word alone in one phrase is only part of a word
 * in another (在 in 在全省 and in 在校生, 对 in 对GDP and in 对外贸易).
 * Lexicon matches that must be whole words ask ICU's dictionary-based
 * word break iterator here.
 */
#ifndef ZC_PLUGIN_WORDS_H
#define ZC_PLUGIN_WORDS_H

#include <stddef.h>

/* The first byte of the word that holds byte pos of t, by ICU's word
 * breaks over the text around it (a few characters each side, within
 * [lo, hi)): pos itself when a word starts there, and also when ICU cannot
 * say, so that a failure never drops what was found. A qualifier must
 * start a word: 约 in 节约5000吨 and 近 in 附近3家 do not. */
size_t zc_word_start(const char *t, size_t lo, size_t pos, size_t hi);

#endif
