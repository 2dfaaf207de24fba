/*
 * utf8.h - the one UTF-8 decoder and encoder of zhclaim's core (and its
 * command), static inline so the per-character loops that use them keep
 * them in registers. Not installed.
 */
#ifndef ZC_CORE_UTF8_H
#define ZC_CORE_UTF8_H

#include <stddef.h>
#include <stdint.h>

static inline int zc_utf8_is_cont(unsigned char b)
{
    return (b & 0xC0) == 0x80;
}

/*
 * Decode the UTF-8 sequence at s, of which avail (>= 1) bytes may be read.
 * Returns its length (1 to 4) with the code point in *cp, or 0 when it is
 * ill-formed or cut short: the ranges of Unicode's table 3-7, which exclude
 * overlong forms, surrogates and values above U+10FFFF. *cp is left alone
 * on failure.
 */
static inline size_t zc_utf8_next(const unsigned char *s, size_t avail,
                                  int32_t *cp)
{
    unsigned char b0 = s[0];
    if (b0 < 0x80) {
        *cp = b0;
        return 1;
    }
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        if (avail < 2 || !zc_utf8_is_cont(s[1]))
            return 0;
        *cp = ((int32_t)(b0 & 0x1F) << 6) | (s[1] & 0x3F);
        return 2;
    }
    if (b0 >= 0xE0 && b0 <= 0xEF) {
        if (avail < 3 || !zc_utf8_is_cont(s[1]) || !zc_utf8_is_cont(s[2]))
            return 0;
        if ((b0 == 0xE0 && s[1] < 0xA0) || (b0 == 0xED && s[1] > 0x9F))
            return 0;
        *cp = ((int32_t)(b0 & 0x0F) << 12) | ((int32_t)(s[1] & 0x3F) << 6) |
              (s[2] & 0x3F);
        return 3;
    }
    if (b0 >= 0xF0 && b0 <= 0xF4) {
        if (avail < 4 || !zc_utf8_is_cont(s[1]) || !zc_utf8_is_cont(s[2]) ||
            !zc_utf8_is_cont(s[3]))
            return 0;
        if ((b0 == 0xF0 && s[1] < 0x90) || (b0 == 0xF4 && s[1] > 0x8F))
            return 0;
        *cp = ((int32_t)(b0 & 0x07) << 18) | ((int32_t)(s[1] & 0x3F) << 12) |
              ((int32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
        return 4;
    }
    return 0;
}

/*
 * Write the UTF-8 form of cp at out (room for 4 bytes) and return its
 * length. cp must be a Unicode scalar value (0 to U+10FFFF, not a
 * surrogate); checking that is the caller's business, as what is written
 * for anything else is not UTF-8.
 */
static inline size_t zc_utf8_put(void *out, int32_t cp)
{
    unsigned char *u = out;
    if (cp < 0x80) {
        u[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        u[0] = (unsigned char)(0xC0 | (cp >> 6));
        u[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        u[0] = (unsigned char)(0xE0 | (cp >> 12));
        u[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    u[0] = (unsigned char)(0xF0 | ((cp >> 18) & 0x07));
    u[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    u[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    u[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

#endif
