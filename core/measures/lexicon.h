/*
 * lexicon.h - word lists read from rules files.
 *
 * Rules file format (every lexicon file under rules/ uses it):
 *   - one entry per line: WORD, optionally followed by TAB-separated fields;
 *   - a line starting with '#' is a comment; blank lines are skipped;
 *   - trailing spaces and CR are ignored; words are UTF-8, simplified script.
 *
 * Lookups are longest match: forward from a position (classifiers after a
 * number) or backward, ending at a position (qualifiers before a number).
 * Both look only at the words that start (end) with the two code points
 * found there, longest first, then at the word of the one, so they are
 * cheap enough to run several times per number.
 *
 * A list of rules/common/ is loaded with its schema (rules_schema.h): its
 * columns are checked, a mistake fails the load with FILE:LINE, and their
 * parsed values sit beside the entries (zc_lex_value()).
 *
 * Ownership: a lexicon owns a copy of the rules file contents it was loaded
 * from and the parsed values (freed in zc_lexicon_free). It is read-only
 * after loading and safe to share between threads.
 */
#ifndef ZC_LEXICON_H
#define ZC_LEXICON_H

#include <assert.h>
#include <stddef.h>
#include <stdint.h>

#include "zhclaim/plugin.h"

#define ZC_LEX_MAX_FIELDS ZC_WORD_MAX_FIELDS
#define ZC_LEX_CP_WORDS ((128 + 4096) / 64)

/* An entry is the public zc_word_t (plugin.h): zc_host_t.words_forward()
 * hands a plugin the entry itself. */
typedef zc_word_t zc_lex_entry_t;

/* The words sharing their first two (or last two) code points, or the
 * words of one code point: by_first[start, start + count) or the same
 * range of by_last. count 0 marks a free slot. */
typedef struct zc_lex_bucket_t {
    /* The edge code point's UTF-8 bytes packed big-endian, shifted 32 up,
     * above those of the code point next to it (0 for a word of one). */
    uint64_t key;
    uint32_t start;
    uint32_t count;
} zc_lex_bucket_t;

/* The struct behind plugin.h's opaque zc_words_t. */
typedef struct zc_words_t {
    char *data;               /* the rules file contents, owned */
    zc_lex_entry_t *entries;  /* sorted by bytes */
    size_t n;
    /* Most positions of a text start or end no word. These sets of the
     * words' first and last code points reject them inline, before a call:
     * ASCII by its value (bits 0-127), a three-byte code point (all of CJK)
     * by its low 12 bits (bits 128-4223; a few ideographs share a bit, the
     * full lookup then tells). Other code points are always looked up. */
    uint64_t first_cp[ZC_LEX_CP_WORDS];
    uint64_t last_cp[ZC_LEX_CP_WORDS];
    /* Words of under 64 bytes grouped by their first two and by their
     * last two code points (lexicon.c), longest first, each pointing at
     * the entry zc_lex_find() gives for its word (the same one when a word
     * is listed twice). The buckets are open addressing tables of mask + 1
     * slots keyed by the code points. */
    const zc_lex_entry_t **by_first;
    const zc_lex_entry_t **by_last;
    zc_lex_bucket_t *first_tab;
    zc_lex_bucket_t *last_tab;
    size_t mask;
    /* Loaded with a schema: entry i's parsed columns are values[i *
     * ZC_LEX_MAX_FIELDS, + ZC_LEX_MAX_FIELDS); zc_word_t is public and
     * frozen, so they cannot be fields of the entry. NULL otherwise. */
    int8_t *values;
    /* The n entries' lines in the file, for messages: in file order, so
     * by ascending word address (zc_lex_line()). */
    struct zc_lex_line_t *lines;
} zc_lexicon_t;

/* The line of the rules file entry e was read from, or 0. */
int zc_lex_line(const zc_lexicon_t *lex, const zc_lex_entry_t *e);

/* Read and index rules file name ("count/classifiers.txt"). Logs and returns
 * an error status when the file is missing or malformed. */
zc_status_t zc_lexicon_load(zc_lexicon_t *lex, const zc_plugin_init_t *args,
                            const char *name);

/* The same, checking each line against schema and keeping the parsed
 * columns: a line that does not fit logs "NAME:LINE: what" and fails the
 * load (ZC_ERR_PATTERN). */
struct zc_rules_schema_t;
zc_status_t zc_lexicon_load_typed(zc_lexicon_t *lex,
                                  const zc_plugin_init_t *args,
                                  const char *name,
                                  const struct zc_rules_schema_t *schema);

/* The parsed value of column col (an index of field[]) of entry e, an
 * entry of lex (what its lookups return) loaded with a schema. */
static inline int zc_lex_value(const zc_lexicon_t *lex,
                               const zc_lex_entry_t *e, int col)
{
    assert(lex->values && e >= lex->entries && e < lex->entries + lex->n &&
           col >= 0 && col < ZC_LEX_MAX_FIELDS);
    return lex->values[(size_t)(e - lex->entries) * ZC_LEX_MAX_FIELDS +
                       (size_t)col];
}

void zc_lexicon_free(zc_lexicon_t *lex);

/* The bit of first_cp/last_cp for the code point whose bytes are b[0, n)
 * (n is 1 or 3), or -1 for one the sets do not hold. */
static inline int zc_lex_cp_bit(const unsigned char *b, size_t n)
{
    if (n == 1)
        return b[0] < 0x80u ? b[0] : -1;
    return 128 + (int)(((b[1] & 0x3Fu) << 6) | (b[2] & 0x3Fu));
}

static inline int zc_lex_bit_set(const uint64_t *bits, int bit)
{
    return (int)((bits[bit >> 6] >> (bit & 63)) & 1u);
}

const zc_lex_entry_t *zc_lex_forward_at(const zc_lexicon_t *lex,
                                        const char *text, size_t pos,
                                        size_t hi);
const zc_lex_entry_t *zc_lex_backward_at(const zc_lexicon_t *lex,
                                         const char *text, size_t lo,
                                         size_t pos);

/* Longest word starting at text[pos] and ending at or before hi. */
static inline const zc_lex_entry_t *zc_lex_forward(const zc_lexicon_t *lex,
                                                   const char *text,
                                                   size_t pos, size_t hi)
{
    if (pos >= hi)
        return NULL;
    const unsigned char *b = (const unsigned char *)text + pos;
    if (b[0] < 0x80u) {
        if (!zc_lex_bit_set(lex->first_cp, b[0]))
            return NULL;
    } else if ((b[0] & 0xF0u) == 0xE0u && hi - pos >= 3) {
        if (!zc_lex_bit_set(lex->first_cp, zc_lex_cp_bit(b, 3)))
            return NULL;
    }
    return zc_lex_forward_at(lex, text, pos, hi);
}

/* Longest word ending at text[pos] and starting at or after lo. */
static inline const zc_lex_entry_t *zc_lex_backward(const zc_lexicon_t *lex,
                                                    const char *text,
                                                    size_t lo, size_t pos)
{
    if (pos <= lo)
        return NULL;
    const unsigned char *e = (const unsigned char *)text + pos;
    if (e[-1] < 0x80u) {
        if (!zc_lex_bit_set(lex->last_cp, e[-1]))
            return NULL;
    } else if (pos - lo >= 3 && (e[-3] & 0xF0u) == 0xE0u) {
        if (!zc_lex_bit_set(lex->last_cp, zc_lex_cp_bit(e - 3, 3)))
            return NULL;
    }
    return zc_lex_backward_at(lex, text, lo, pos);
}

/* Entry for exactly this word, or NULL. */
const zc_lex_entry_t *zc_lex_find(const zc_lexicon_t *lex, const char *word,
                                  size_t len);

/* Visit the non-comment lines of a rules file in place: each line's fields
 * are NUL-terminated (TAB and newline replaced). Used by the lexicon and by
 * the pattern loader. Returns the number of lines visited. */
typedef void (*zc_rules_line_fn)(void *user, char **fields, int n_fields,
                                 int line_no);
int zc_rules_each_line(char *data, zc_rules_line_fn fn, void *user);

/* The same walk without the fields: fn gets each non-comment line whole
 * (TABs kept), for files whose lines are not TAB-separated (the rules
 * plugin's .rules files). */
typedef void (*zc_rules_text_fn)(void *user, char *line, int line_no);
int zc_rules_each_text_line(char *data, zc_rules_text_fn fn, void *user);

/* A NUL-terminated malloc'd copy of data[0, len); the caller frees it. */
char *zc_rules_copy(const char *data, size_t len);

#endif
