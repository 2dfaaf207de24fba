/*
 * normalize_digits.c - step 5: join digits split by a stray space.
 *
 * PDF extraction sometimes breaks a number: 涉改事项9 91项, 精简率达4 0%.
 * One or two spaces (U+0020 or U+3000) between two ASCII digits are deleted
 * when BOTH sides read as Chinese text:
 *   - the digit run on the left starts the text or a line, or follows a Han
 *     character or Chinese punctuation (including the , ; : ( that width
 *     folding made ASCII);
 *   - the number on the right (digits, optionally .digits) is followed by a
 *     Han character or a per-cent or per-mille sign.
 * Requiring both keeps Latin and tabular contexts apart: Table 3 45,
 * 2024-04-17 17:08, "1 2 3" and 2023 12 stay as they are; 2023年 12月 is not
 * even a candidate, since 年 sits between the digits. The deleted spaces
 * belong to no code point, so the joined number's span (first digit's start
 * to last digit's end) still covers them in the original.
 */
#include "normalize.h"

#define MAX_SPACES 2

static int is_digit(int32_t cp)
{
    return cp >= '0' && cp <= '9';
}

static int is_space(int32_t cp)
{
    return cp == ' ' || cp == 0x3000;
}

static int is_han(int32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x323AF) ||
           cp == 0x3007;
}

/* Punctuation of Chinese text: CJK symbols, full-width punctuation, curly
 * quotes, dashes and ellipsis, and the ASCII forms width folding leaves. */
static int is_chinese_punct(int32_t cp)
{
    return (cp >= 0x3001 && cp <= 0x303F) || (cp >= 0x2010 && cp <= 0x2027) ||
           (cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) ||
           (cp >= 0xFF3B && cp <= 0xFF40) || (cp >= 0xFF5B && cp <= 0xFF65) ||
           cp == ',' || cp == ';' || cp == ':' || cp == '(';
}

/* May the digit run ending at in[i] (inclusive) be the left half? */
static int left_ok(const int32_t *cp, size_t i)
{
    size_t k = i + 1;
    while (k > 0 && is_digit(cp[k - 1]))
        k--;
    if (k == 0)
        return 1;
    return cp[k - 1] == '\n' || cp[k - 1] == '\r' || is_han(cp[k - 1]) ||
           is_chinese_punct(cp[k - 1]);
}

/* May the number starting at in[i] (a digit) be the right half? */
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
    return is_han(cp[k]) || cp[k] == '%' || cp[k] == 0xFF05 ||
           cp[k] == 0x2030;
}

/* Number of spaces at in[i] to delete: 0 unless the split rule holds. */
static size_t split_spaces(const int32_t *cp, size_t len, size_t i)
{
    size_t n = 0;
    if (i == 0 || !is_digit(cp[i - 1]))
        return 0;
    while (i + n < len && n <= MAX_SPACES && is_space(cp[i + n]))
        n++;
    if (n > MAX_SPACES || i + n == len || !is_digit(cp[i + n]))
        return 0;
    return left_ok(cp, i - 1) && right_ok(cp, len, i + n) ? n : 0;
}

zc_status_t zc_norm_join_digits(const zc_utext_t *in, zc_utext_t *out)
{
    size_t j = 0;
    zc_status_t st;
    zc_utext_clear(out);
    st = zc_utext_reserve(out, in->len);
    if (st != ZC_OK)
        return st;
    for (size_t i = 0; i < in->len; i++) {
        if (is_space(in->cp[i])) {
            size_t n = split_spaces(in->cp, in->len, i);
            if (n) {
                i += n - 1;
                continue;
            }
        }
        out->cp[j] = in->cp[i];
        out->src_start[j] = in->src_start[i];
        out->src_end[j] = in->src_end[i];
        j++;
    }
    out->len = j;
    return ZC_OK;
}
