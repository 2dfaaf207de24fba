/*
 * normalize_pinyin.c - step 2: delete pinyin glosses glued to a character.
 *
 * Some sites annotate traditional text with the reading of each converted
 * character, so 開發區 arrives as 開發(fā)區(qū) and 機構 as 機構(gòu). A gloss is
 * deleted when all of these hold, which no real parenthesis in a report
 * meets:
 *   - it follows a Han character directly (村(社區) keeps its parenthesis);
 *   - its parentheses are ( ) or （ ）, in any pairing;
 *   - between them are 1 to 6 lowercase Latin letters (a-z, ü), each vowel
 *     possibly tone-marked, precomposed (ā) or with a combining mark (a +
 *     U+0304), and at least one tone mark: (一), (市、区), (KPI), (gou) and
 *     (shi) stay.
 * The deleted code points' bytes belong to no code point afterwards, so 區
 * keeps exactly its own original bytes (see cptext.h).
 */
#include "normalize.h"

#include "han.h"

#define MAX_SYLLABLE 6

static int is_open_paren(int32_t cp)
{
    return cp == '(' || cp == 0xFF08;
}

static int is_close_paren(int32_t cp)
{
    return cp == ')' || cp == 0xFF09;
}

/* Precomposed tone-marked vowels of pinyin, lowercase. */
static int is_toned_vowel(int32_t cp)
{
    switch (cp) {
    case 0x0101: case 0x00E1: case 0x01CE: case 0x00E0: /* ā á ǎ à */
    case 0x0113: case 0x00E9: case 0x011B: case 0x00E8: /* ē é ě è */
    case 0x012B: case 0x00ED: case 0x01D0: case 0x00EC: /* ī í ǐ ì */
    case 0x014D: case 0x00F3: case 0x01D2: case 0x00F2: /* ō ó ǒ ò */
    case 0x016B: case 0x00FA: case 0x01D4: case 0x00F9: /* ū ú ǔ ù */
    case 0x01D6: case 0x01D8: case 0x01DA: case 0x01DC: /* ǖ ǘ ǚ ǜ */
    case 0x1E3F: case 0x0144: case 0x0148: case 0x01F9: /* ḿ ń ň ǹ */
        return 1;
    default:
        return 0;
    }
}

/* Combining macron, acute, caron and grave: tones written decomposed. */
static int is_tone_mark(int32_t cp)
{
    return cp == 0x0304 || cp == 0x0301 || cp == 0x030C || cp == 0x0300;
}

/* The combining diaeresis of a decomposed ü (u + U+0308). */
static int is_diaeresis(int32_t cp)
{
    return cp == 0x0308;
}

static int is_plain_letter(int32_t cp)
{
    return (cp >= 'a' && cp <= 'z') || cp == 0x00FC; /* ü */
}

/*
 * If a gloss opens at cp[i] (an open parenthesis), return the index just
 * past its closing parenthesis; otherwise return i.
 */
static size_t gloss_end(const int32_t *cp, size_t len, size_t i)
{
    size_t letters = 0, k;
    int toned = 0;
    for (k = i + 1; k < len && letters <= MAX_SYLLABLE; k++) {
        int32_t c = cp[k];
        if (is_plain_letter(c)) {
            letters++;
        } else if (is_toned_vowel(c)) {
            letters++;
            toned = 1;
        } else if (is_tone_mark(c) && letters > 0) {
            toned = 1;
        } else if (is_diaeresis(c) && letters > 0) {
            continue;
        } else {
            break;
        }
    }
    if (k < len && is_close_paren(cp[k]) && toned && letters >= 1 &&
        letters <= MAX_SYLLABLE)
        return k + 1;
    return i;
}

/* Does a gloss open at cp[i]? */
static int gloss_at(const int32_t *cp, size_t len, size_t i)
{
    return is_open_paren(cp[i]) && i > 0 && zc_is_han(cp[i - 1]) &&
           gloss_end(cp, len, i) > i;
}

/* The first open parenthesis at or after cp[i], or len. Parentheses are
 * rare and every code point is looked at, so four are tested per branch
 * (the comparisons combine without jumps). */
static size_t next_open_paren(const int32_t *cp, size_t i, size_t len)
{
    for (; i + 4 <= len; i += 4) {
        int any = (cp[i] == '(') | (cp[i] == 0xFF08) | (cp[i + 1] == '(') |
                  (cp[i + 1] == 0xFF08) | (cp[i + 2] == '(') |
                  (cp[i + 2] == 0xFF08) | (cp[i + 3] == '(') |
                  (cp[i + 3] == 0xFF08);
        if (any)
            break;
    }
    while (i < len && !is_open_paren(cp[i]))
        i++;
    return i;
}

zc_status_t zc_norm_strip_pinyin_in_place(zc_cptext_t *t)
{
    const int32_t *cp = t->cp;
    size_t i = 0, j = 0;
    /* Find each gloss, and move the run of kept code points before it down
     * over the glosses deleted so far. A run is moved only once its end is
     * found, and lands below its own start, so the code points gloss_at()
     * reads (cp[i - 1] onwards, within the run or the gloss just deleted)
     * are still the input. A text without glosses is only read. */
    for (;;) {
        size_t run = i;
        while ((i = next_open_paren(cp, i, t->len)) < t->len &&
               !gloss_at(cp, t->len, i))
            i++;
        zc_cptext_move(t, j, run, i - run);
        j += i - run;
        if (i == t->len)
            break;
        i = gloss_end(cp, t->len, i);
    }
    t->len = j;
    return ZC_OK;
}

zc_status_t zc_norm_strip_pinyin(const zc_cptext_t *in, zc_cptext_t *out)
{
    zc_status_t st = zc_cptext_copy(out, in);
    return st == ZC_OK ? zc_norm_strip_pinyin_in_place(out) : st;
}
