/* text_scan.c - UTF-8 and punctuation helpers (see text_scan.h). */
#include "text_scan.h"

#include <string.h>

size_t zc_u8_back(const char *text, size_t lo, size_t pos, size_t n)
{
    while (n-- > 0 && pos > lo)
        pos = zc_u8_prev(text, lo, pos);
    return pos;
}

size_t zc_u8_ahead(const char *text, size_t pos, size_t hi, size_t n)
{
    while (n-- > 0 && pos < hi)
        pos = zc_u8_next(text, pos, hi);
    return pos;
}

int zc_is_phrase_break(uint32_t c)
{
    if (zc_is_clause_end(c))
        return 1;
    switch (c) {
    case ' ': case '\t': case '(': case ')': case '[': case ']': case '"':
    case '\'': case '/': case '|':
    case 0x3001: /* 、 */
    case 0x201C: case 0x201D: case 0x2018: case 0x2019: /* quotes */
    case 0x300A: case 0x300B: case 0x3008: case 0x3009: /* 《》〈〉 */
    case 0x300C: case 0x300D: case 0x300E: case 0x300F: /* 「」『』 */
    case 0x3010: case 0x3011: case 0x3014: case 0x3015: /* 【】〔〕 */
    case 0xFF08: case 0xFF09: case 0x2014: case 0x2015: case 0x2026:
    case 0x00B7: case 0x3000: case 0x2605: case 0x2606: case 0x25CF:
        return 1;
    default:
        return 0;
    }
}
