/*
 * sentences.c - split the normalised text into sentences.
 *
 * The text is width-folded (normalisation step 3 has run): ！？；） are
 * ASCII by then, so only their ASCII forms are looked for. A sentence ends
 * after a terminator (。!?;, several in a row count as one: ?!), together
 * with any closing quotes or brackets right after it (”’」』)】〕》), or at
 * a line break. Whitespace between sentences (spaces,
 * the newline itself) leads the next sentence, and whitespace at the very
 * end trails the last one, so the sentences cover the text exactly, in
 * order, and none is blank unless the whole text is.
 *
 * Why not ICU's sentence BreakIterator: on these reports it breaks at the
 * same places (after 。！？ and their closers, and at line ends, which it
 * treats as paragraph separators), with two differences, both deliberate
 * (tests/test_sentences_icu.c checks there are no others on the corpus):
 * ICU does not end a sentence at ；, but reports chain whole clauses with ；,
 * each with its own claims, so ending there is what the plugins want; and
 * ICU ends one after a '.' followed by Han text (the `1.` of a numbered
 * heading), where we never end at '.', since width folding makes the
 * decimal point of １．１８ a '.' too. A byte scan of the UTF-8 is also many
 * times faster than the iterator and needs no UTF-16 copy of the text.
 */
#include "sentences.h"

#include <stdlib.h>

/* Length of the character at s[i] if it ends a sentence, else 0. */
static size_t terminator_len(const unsigned char *s, size_t len, size_t i)
{
    if (s[i] == '!' || s[i] == '?' || s[i] == ';')
        return 1;
    if (i + 2 >= len)
        return 0;
    if (s[i] == 0xE3 && s[i + 1] == 0x80 && s[i + 2] == 0x82) /* 。 */
        return 3;
    return 0;
}

/* Length of the character at s[i] if it closes a quote or bracket. */
static size_t closer_len(const unsigned char *s, size_t len, size_t i)
{
    if (s[i] == ')')
        return 1;
    if (i + 2 >= len)
        return 0;
    if (s[i] == 0xE2 && s[i + 1] == 0x80 && (s[i + 2] == 0x9D || s[i + 2] == 0x99))
        return 3; /* ” ’ */
    if (s[i] == 0xE3 && s[i + 1] == 0x80 &&
        (s[i + 2] == 0x8D || s[i + 2] == 0x8F || s[i + 2] == 0x91 ||
         s[i + 2] == 0x95 || s[i + 2] == 0x8B))
        return 3; /* 」 』 】 〕 》 */
    return 0;
}

/* What a byte of the text can do to the split. Every other byte is content
 * that ends nothing, which is nearly all of them (Han characters, letters,
 * digits): the main loop skips those runs with one table load a byte. */
enum {
    B_CONTENT = 0,
    B_BLANK,   /* space, \t, \f, \v: neither content nor a break */
    B_BREAK,   /* \n, \r: a line break, also blank */
    B_MAYBE    /* ! ? ; and the lead byte of 。: ask terminator_len */
};

static const unsigned char byte_class[256] = {
    [' '] = B_BLANK, ['\t'] = B_BLANK, ['\f'] = B_BLANK, ['\v'] = B_BLANK,
    ['\n'] = B_BREAK, ['\r'] = B_BREAK,
    ['!'] = B_MAYBE, ['?'] = B_MAYBE, [';'] = B_MAYBE,
    [0xE3] = B_MAYBE,
};

typedef struct sentence_list_t {
    zc_sentence_t *items;
    size_t n, cap;
} sentence_list_t;

static zc_status_t add_sentence(sentence_list_t *l, size_t start, size_t end)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        zc_sentence_t *grown = realloc(l->items, cap * sizeof *grown);
        if (!grown)
            return ZC_ERR_NOMEM;
        l->items = grown;
        l->cap = cap;
    }
    l->items[l->n].start_byte = start;
    l->items[l->n].end_byte = end;
    l->n++;
    return ZC_OK;
}

/* Index just past the terminators and closers that start at s[i]. */
static size_t end_of_terminators(const unsigned char *s, size_t len, size_t i)
{
    for (;;) {
        size_t k = i < len ? terminator_len(s, len, i) : 0;
        if (!k && i < len)
            k = closer_len(s, len, i);
        if (!k)
            return i;
        i += k;
    }
}

zc_status_t zc_split_sentences(const char *text, size_t len,
                               zc_sentence_t **out, size_t *n)
{
    const unsigned char *s = (const unsigned char *)text;
    sentence_list_t l = {NULL, 0, 0};
    size_t start = 0, i = 0;
    int has_content = 0; /* the current sentence has a non-blank byte */
    *out = NULL;
    *n = 0;
    while (i < len) {
        unsigned char cls = byte_class[s[i]];
        if (cls == B_CONTENT) {
            do
                i++;
            while (i < len && byte_class[s[i]] == B_CONTENT);
            has_content = 1;
            continue;
        }
        size_t t = cls == B_MAYBE ? terminator_len(s, len, i) : 0;
        if (t) {
            i = end_of_terminators(s, len, i + t);
            if (add_sentence(&l, start, i) != ZC_OK)
                goto nomem;
            start = i;
            has_content = 0;
            continue;
        }
        if (cls == B_BREAK && has_content) {
            if (add_sentence(&l, start, i) != ZC_OK)
                goto nomem;
            start = i;
            has_content = 0;
        } else if (cls == B_MAYBE) {
            has_content = 1; /* a lead byte or ! ? ; that ends nothing */
        }
        i++;
    }
    if (start < len) {
        if (has_content || l.n == 0) {
            if (add_sentence(&l, start, len) != ZC_OK)
                goto nomem;
        } else {
            l.items[l.n - 1].end_byte = len;
        }
    }
    *out = l.items;
    *n = l.n;
    return ZC_OK;
nomem:
    free(l.items);
    return ZC_ERR_NOMEM;
}
