/*
 * normalize_digits.c - step 5: join digits split by a stray space.
 *
 * PDF extraction sometimes breaks a number: 涉改事项9 91项, 精简率达4 0%.
 * The step runs on width-folded text (step 3): U+3000 and the other wide
 * spaces are U+0020 by then, and full-width digits and punctuation ASCII,
 * so those are the only forms looked for. One or two spaces between two
 * ASCII digits are deleted when BOTH sides read as Chinese text:
 *   - the digit run on the left starts the text or a line, or follows a Han
 *     character or Chinese punctuation (including the , ; : ( that width
 *     folding made of ， ； ： （);
 *   - the number on the right (digits, optionally .digits) is followed by a
 *     Han character or a per-cent or per-mille sign.
 * Requiring both keeps Latin and tabular contexts apart: Table 3 45,
 * 2024-04-17 17:08, "1 2 3" and 2023 12 stay as they are; 2023年 12月 is not
 * even a candidate, since 年 sits between the digits. The deleted spaces
 * belong to no code point, so the joined number's span (first digit's start
 * to last digit's end) still covers them in the original.
 */
#include "normalize.h"

#include "han.h"

#define MAX_SPACES 2

static int is_digit(int32_t cp)
{
    return cp >= '0' && cp <= '9';
}

static int is_space(int32_t cp)
{
    return cp == ' ';
}

/* Punctuation of Chinese text: CJK symbols, curly quotes, dashes and
 * ellipsis, and the ASCII forms width folding made of the full-width ones
 * (which are therefore not in the text any more). */
static int is_chinese_punct(int32_t cp)
{
    return (cp >= 0x3001 && cp <= 0x303F) || (cp >= 0x2010 && cp <= 0x2027) ||
           cp == ',' || cp == ';' || cp == ':' || cp == '(';
}

/* May a digit run that follows c (the code point before its first digit)
 * be the left half? */
static int left_context_ok(int32_t c)
{
    return c == '\n' || c == '\r' || zc_is_han(c) || is_chinese_punct(c);
}

/* May the digit run ending at cp[i] (inclusive) be the left half? cp[run]
 * onwards is the input; when run > 0, cp[run - 1] was a deleted space. */
static int left_ok(const int32_t *cp, size_t run, size_t i)
{
    size_t k = i + 1;
    while (k > run && is_digit(cp[k - 1]))
        k--;
    if (k == run) /* the digits reach back to the text's start or a join */
        return run == 0;
    return left_context_ok(cp[k - 1]);
}

/* May the number starting at cp[i] (a digit) be the right half? */
static int right_ok(const int32_t *cp, size_t len, size_t i)
{
    size_t k = i;
    while (k < len && is_digit(cp[k]))
        k++;
    if (k + 1 < len && cp[k] == '.' && is_digit(cp[k + 1])) {
        k++;
        while (k < len && is_digit(cp[k]))
            k++;
    }
    if (k == len)
        return 0;
    return zc_is_han(cp[k]) || cp[k] == '%' || cp[k] == 0x2030;
}

/* Number of spaces at cp[i] (one) that run up to a digit with the right
 * half there, or 0. The left half is the caller's to check. */
static size_t spaces_to_right_half(const int32_t *cp, size_t len, size_t i)
{
    size_t n = 0;
    while (i + n < len && n <= MAX_SPACES && is_space(cp[i + n]))
        n++;
    if (n > MAX_SPACES || i + n == len || !is_digit(cp[i + n]))
        return 0;
    return right_ok(cp, len, i + n) ? n : 0;
}

/* The first space at or after cp[i], or len. Spaces are rare in Chinese
 * text and every code point is looked at, so four are tested per branch
 * (the comparisons combine without jumps). */
static size_t next_space(const int32_t *cp, size_t i, size_t len)
{
    for (; i + 4 <= len; i += 4) {
        int any = (cp[i] == ' ') | (cp[i + 1] == ' ') | (cp[i + 2] == ' ') |
                  (cp[i + 3] == ' ');
        if (any)
            break;
    }
    while (i < len && !is_space(cp[i]))
        i++;
    return i;
}

zc_status_t zc_norm_join_digits_in_place(zc_cptext_t *t)
{
    const int32_t *cp = t->cp;
    size_t i = 0, j = 0;
    /* Find each join, and move the run of kept code points before it down
     * over the spaces deleted so far. A run is moved only once its end is
     * found, and lands below its own start, so from the run's start on cp[]
     * is still the input the rule speaks of; before it lies a deleted space,
     * which no left half may follow (see left_ok). A text without joins
     * (most) is only read. */
    for (;;) {
        size_t run = i, n = 0;
        for (; (i = next_space(cp, i, t->len)) < t->len; i++) {
            if (i > run && is_digit(cp[i - 1]) &&
                (n = spaces_to_right_half(cp, t->len, i)) &&
                left_ok(cp, run, i - 1))
                break;
        }
        zc_cptext_move(t, j, run, i - run);
        j += i - run;
        if (i == t->len)
            break;
        i += n;
    }
    t->len = j;
    return ZC_OK;
}

zc_status_t zc_norm_join_digits(const zc_cptext_t *in, zc_cptext_t *out)
{
    zc_status_t st = zc_cptext_copy(out, in);
    return st == ZC_OK ? zc_norm_join_digits_in_place(out) : st;
}
