/* han.h - what the normalisation steps count as a Han character. */
#ifndef ZC_CORE_HAN_H
#define ZC_CORE_HAN_H

#include <stdint.h>

/* CJK unified ideographs (the BMP block, extension A, extensions B to H),
 * compatibility ideographs, and 〇 (U+3007), the zero of Chinese numerals. */
static inline int zc_is_han(int32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x323AF) ||
           cp == 0x3007;
}

#endif
