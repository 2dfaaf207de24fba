/*
 * number_parser.c - every number in the normalised text, found in one pass.
 *
 * This comment is the user documentation of what the core calls a number.
 * The input is normalised text: UTF-8, ASCII digits, simplified script,
 * digits split by a stray space already joined. Values are exact decimals;
 * start_byte/end_byte are byte offsets into the text; numbers come out in
 * text order and never overlap. Flags are ZC_NUM_* from zhclaim/plugin.h.
 *
 * Arabic numerals                                         flags ARABIC
 *   57.4  0.84  1826  04                 -> 57.4  0.84  1826  4   (+DECIMAL)
 *   1,826  12,345,678                    -> 1826  12345678        (+GROUPED)
 *       A ',' groups only after a run of 1-3 digits, before exactly three
 *       digits that no fourth follows: 23%,16% -> 23, 16;
 *       2023,120 -> 2023, 120; 1,2345 -> 1, 2345.
 *   151. 二零一四                         -> 151 ('.' needs a digit after it)
 *   -5                                   -> 5
 *       No sign: '-' joins ranges and dates in these texts.
 *   2023-04-17  17:08  M21  KPI3         -> 2023, 04, 17  17, 08  21  3
 *       Dates, codes and document numbers are numbers here; plugins decide.
 *
 * Arabic numerals with scale words                        flags ARABIC|SCALED
 *   5百  3千  1.2万  500万  0.84亿  1.18万亿  4万亿  3千万  5百万  3千亿
 *                -> 500  3000  12000  5000000  84000000  1180000000000 ...
 *   16万5千 -> 165000   3亿5000万 -> 350000000   1亿2千万 -> 120000000
 *       Each further part needs a smaller scale; 16万5 is 160000 and 5.
 *       百 followed by 分 is left alone (3百分点 is 3).
 *   4兆8,530亿 -> 4853000000000   1兆378亿 -> 1037800000000
 *       兆 is 10^12 (Taiwan and Hong Kong budgets), but not in 兆瓦, 兆帕,
 *       兆赫, 兆焦, 兆字节 (the SI prefix): 120兆瓦 is 120.
 *   5万6,566 -> 56566   3亿2,000万 -> 320000000
 *       Mixed groupings: a comma-grouped part below the last scale fills
 *       its places (a reader says it so); 16万5 stays 160000 and 5.
 *   1.2 万 -> 12000   (one ASCII space before the scale: flattened tables)
 *   1·8 -> 1.8        (a middle dot U+00B7 between digits is a decimal point)
 *   达 到 1 2 0 亿 -> 12000000000   (single digits one space apart, after
 *       letter-spaced text as OCR leaves it; a table's 5 3 2 stays three)
 *
 * Chinese numerals                    flags CHINESE (+SCALED with 万 or 亿)
 *   十 -> 10   十大 -> 10   十二 -> 12   二十 -> 20   一百二十 -> 120
 *   两千三百 -> 2300   一千 -> 1000   一百零五 -> 105   一千零十 -> 1010
 *   三千零七十四亿 -> 307400000000   三千二百五十亿 -> 325000000000
 *   五亿二千九百万 -> 529000000      九亿六千五百万 -> 965000000
 *   1.2万亿, 3千万 (Arabic, above)   十万 -> 100000   十亿 -> 1000000000
 *   一万五 -> 15000   三千五 -> 3500   一百二 -> 120   一亿五 -> 150000000
 *       A last digit right after 百, 千, 万 or 亿 takes the next lower
 *       place, as a reader says it; after 零 it does not (一百零五).
 *   Financial forms: 壹贰叁肆伍陆柒捌玖 拾佰仟: 壹佰贰拾 -> 120.
 *       肆伍陆拾 are also everyday words (放肆, 队伍, 陆续, 收拾), so a number
 *       may begin with one only when another numeral follows it.
 *   二零一四 -> 2014   一九九八 -> 1998   二〇二三 -> 2023  (ZC_NUM_DIGITWISE)
 *       Digits without units read digit by digit (year-like; plugins look
 *       at the text). Such a run followed by a unit (三四百, a range) gives
 *       only its first digit, 3, and the next number starts after it.
 *   四点一 -> 4.1   零点五 -> 0.5   二十点五 -> 20.5   一点二万 -> 12000
 *       (+DECIMAL) 点 is a decimal point only with a digit after it:
 *       三点钟 -> 3. The idiom 一点一滴 reads 1.1; plugins decide.
 *   二百多 -> 200   一千多万 -> 1000   (多, 余, 几 are the plugins' to read)
 *
 * Percent words                         flags PERCENT, the value in percent
 *   百分之四点一 -> 4.1   百分之九十四 -> 94   百分之五十 -> 50
 *   百分之百 -> 100   百分之50 -> 50   百分之5.6 -> 5.6   百分之零 -> 0
 *   千分之五 -> 0.5   万分之三 -> 0.03
 *   三分之一 -> 33.333333333333333   十分之一 -> 10   二十分之一 -> 5
 *       X分之Y is Y/X*100, rounded to 17 significant digits when it does
 *       not end. X is written in Chinese (or is the bare 百, 千, 万); Y in
 *       Chinese or Arabic. The span covers the whole phrase. 分 must be
 *       followed by 之 and a numeral: 十分重要 is 十 -> 10. The flags add
 *       those of Y (CHINESE or ARABIC, DECIMAL); X分之Y adds CHINESE.
 *
 * A scale word with no digit, right after an approximating word
 *   近千个 -> 1000   超千万人次 -> 10000000   逾百万 -> 1000000   近亿元 -> 1e8
 *       The character before must be one of 近 超 逾 约 过 (超过) 破 (突破)
 *       达: without one a bare scale is a word (千家万户, 百姓, 万一).
 *       Flags CHINESE|SCALED.
 *
 * Not numbers
 *   A scale word with no digit before it (and no approximating word before
 *   that): 万, 亿, 百姓, 千方百计, 千亿.
 *   〇 or 零 alone. A run of digits worth more than 18 significant digits
 *   (IDs, phone numbers) is skipped whole.
 */
#include "number_parser.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>

#include "decimal.h"
#include "utf8.h"

/* Above this many significant digits an int64 mantissa may overflow. */
#define MAX_DIGITS 18

static const int64_t pow10_i64[MAX_DIGITS + 1] = {
    1LL,
    10LL,
    100LL,
    1000LL,
    10000LL,
    100000LL,
    1000000LL,
    10000000LL,
    100000000LL,
    1000000000LL,
    10000000000LL,
    100000000000LL,
    1000000000000LL,
    10000000000000LL,
    100000000000000LL,
    1000000000000000LL,
    10000000000000000LL,
    100000000000000000LL,
    1000000000000000000LL,
};

/* What a Han character means to the parser. */
typedef enum han_kind {
    HAN_NONE = 0,
    HAN_DIGIT, /* value 0-9 */
    HAN_UNIT,  /* 十百千 拾佰仟: value is the power of ten, 1-3 */
    HAN_BIG,   /* 万 亿: value 4 or 8 */
    HAN_POINT, /* 点 */
    HAN_FEN,   /* 分 */
    HAN_ZHI    /* 之 */
} han_kind;

enum {
    HAN_PLAIN = 1u << 0, /* 零〇一...九: may be read digit by digit */
    HAN_SHY = 1u << 1    /* 肆伍陆拾: a numeral only beside another */
};

typedef struct han_char {
    uint8_t kind;
    uint8_t value;
    uint8_t traits;
} han_char;

#define HAN(k, v, t) ((han_char){(k), (v), (t)})

static han_char classify(uint32_t cp)
{
    switch (cp) {
    case 0x3007: /* 〇 */
    case 0x96F6: /* 零 */
        return HAN(HAN_DIGIT, 0, HAN_PLAIN);
    case 0x4E00: return HAN(HAN_DIGIT, 1, HAN_PLAIN); /* 一 */
    case 0x4E8C: return HAN(HAN_DIGIT, 2, HAN_PLAIN); /* 二 */
    case 0x4E09: return HAN(HAN_DIGIT, 3, HAN_PLAIN); /* 三 */
    case 0x56DB: return HAN(HAN_DIGIT, 4, HAN_PLAIN); /* 四 */
    case 0x4E94: return HAN(HAN_DIGIT, 5, HAN_PLAIN); /* 五 */
    case 0x516D: return HAN(HAN_DIGIT, 6, HAN_PLAIN); /* 六 */
    case 0x4E03: return HAN(HAN_DIGIT, 7, HAN_PLAIN); /* 七 */
    case 0x516B: return HAN(HAN_DIGIT, 8, HAN_PLAIN); /* 八 */
    case 0x4E5D: return HAN(HAN_DIGIT, 9, HAN_PLAIN); /* 九 */
    case 0x4E24: return HAN(HAN_DIGIT, 2, 0);         /* 两 */
    case 0x58F9: return HAN(HAN_DIGIT, 1, 0);         /* 壹 */
    case 0x8D30: return HAN(HAN_DIGIT, 2, 0);         /* 贰 */
    case 0x53C1: return HAN(HAN_DIGIT, 3, 0);         /* 叁 */
    case 0x8086: return HAN(HAN_DIGIT, 4, HAN_SHY);   /* 肆 */
    case 0x4F0D: return HAN(HAN_DIGIT, 5, HAN_SHY);   /* 伍 */
    case 0x9646: return HAN(HAN_DIGIT, 6, HAN_SHY);   /* 陆 */
    case 0x67D2: return HAN(HAN_DIGIT, 7, 0);         /* 柒 */
    case 0x634C: return HAN(HAN_DIGIT, 8, 0);         /* 捌 */
    case 0x7396: return HAN(HAN_DIGIT, 9, 0);         /* 玖 */
    case 0x5341: return HAN(HAN_UNIT, 1, 0);          /* 十 */
    case 0x62FE: return HAN(HAN_UNIT, 1, HAN_SHY);    /* 拾 */
    case 0x767E:                                      /* 百 */
    case 0x4F70:                                      /* 佰 */
        return HAN(HAN_UNIT, 2, 0);
    case 0x5343: /* 千 */
    case 0x4EDF: /* 仟 */
        return HAN(HAN_UNIT, 3, 0);
    case 0x4E07: return HAN(HAN_BIG, 4, 0); /* 万 */
    case 0x4EBF: return HAN(HAN_BIG, 8, 0); /* 亿 */
    case 0x70B9: return HAN(HAN_POINT, 0, 0); /* 点 */
    case 0x5206: return HAN(HAN_FEN, 0, 0);   /* 分 */
    case 0x4E4B: return HAN(HAN_ZHI, 0, 0);   /* 之 */
    default: return HAN(HAN_NONE, 0, 0);
    }
}

/*
 * Bit (cp & 0x3FF) is set for every code point classify() knows. It turns
 * away about 95% of ordinary Han characters with one load, before the
 * switch; this scan runs over every byte of every document. Rebuild it when
 * classify() changes (the tests try every numeral):
 *   for cp in numerals: bits[(cp & 0x3FF) >> 6] |= 1 << (cp & 63)
 */
static const uint64_t numeral_filter[16] = {
    0x0000000000000080ull, 0x0000000000000000ull,
    0x0200000000000040ull, 0x0200000000000000ull,
    0x0001000000000000ull, 0x0000280000000000ull,
    0x0000000000000000ull, 0x0000000000000000ull,
    0x00000010000002c9ull, 0x4000000020000840ull,
    0x8000000000101000ull, 0x4040000088000000ull,
    0x0000000000002000ull, 0x000100000000100aull,
    0x0000000000400000ull, 0x0000000000040002ull,
};

/* The code point at s[pos] when it may be a numeral, else 0. Every numeral
 * is a 3-byte sequence with a lead byte from E3 (〇) to E9 (零, 陆), so
 * nothing else is decoded. */
static uint32_t numeral_cp(const unsigned char *s, size_t len, size_t pos)
{
    uint32_t cp;

    if (pos >= len || len - pos < 3 || s[pos] < 0xE3 || s[pos] > 0xE9 ||
        (s[pos + 1] & 0xC0) != 0x80 || (s[pos + 2] & 0xC0) != 0x80)
        return 0;
    cp = ((uint32_t)(s[pos] & 0x0F) << 12) |
         ((uint32_t)(s[pos + 1] & 0x3F) << 6) | (uint32_t)(s[pos + 2] & 0x3F);
    return (numeral_filter[(cp & 0x3FF) >> 6] >> (cp & 63) & 1) ? cp : 0;
}

/* The numeral at s[pos], or HAN_NONE. */
static han_char han_at(const unsigned char *s, size_t len, size_t pos)
{
    uint32_t cp = numeral_cp(s, len, pos);

    return cp ? classify(cp) : HAN(HAN_NONE, 0, 0);
}

static int is_numeral(han_char c)
{
    return c.kind == HAN_DIGIT || c.kind == HAN_UNIT || c.kind == HAN_BIG;
}

static int is_plain_digit(han_char c)
{
    return c.kind == HAN_DIGIT && (c.traits & HAN_PLAIN);
}

static int is_ascii_digit(const unsigned char *s, size_t len, size_t pos)
{
    return pos < len && s[pos] >= '0' && s[pos] <= '9';
}

/* Bytes of the character at pos; a broken sequence counts as one byte so
 * that no digit after it is skipped. */
static size_t char_length(const unsigned char *s, size_t len, size_t pos)
{
    size_t n = 1;

    while (n < 4 && pos + n < len && (s[pos + n] & 0xC0) == 0x80)
        n++;
    return n;
}

/* A number as parsed: its value, ZC_NUM_* flags, and the byte after it. */
typedef struct parsed {
    zc_decimal_t value;
    uint32_t flags;
    size_t end;
} parsed;

/*
 * Digits pushed one at a time into an exact decimal. Zeros wait until a
 * non-zero digit needs them, so trailing zeros (1000, 57.40) never cost
 * mantissa digits and the result is already normal.
 */
typedef struct digit_acc {
    int64_t mantissa;
    int zeros;     /* zeros pushed since the last non-zero digit */
    int fraction;  /* digits pushed after the decimal point */
    int overflow;
} digit_acc;

static void acc_push(digit_acc *a, int digit, int in_fraction)
{
    int shift = a->zeros + 1;

    a->fraction += in_fraction;
    if (digit == 0) {
        a->zeros++;
        return;
    }
    a->zeros = 0;
    if (a->mantissa == 0) {
        a->mantissa = digit;
        return;
    }
    if (shift > MAX_DIGITS ||
        a->mantissa > (INT64_MAX - digit) / pow10_i64[shift]) {
        a->overflow = 1;
        return;
    }
    a->mantissa = a->mantissa * pow10_i64[shift] + digit;
}

static zc_decimal_t acc_value(const digit_acc *a)
{
    zc_decimal_t d = {a->mantissa, a->zeros - a->fraction};

    return zc_decimal_normal(d);
}

/* Push the ASCII digits at s[pos]; returns where they end. */
static size_t push_ascii_run(digit_acc *a, const unsigned char *s, size_t len,
                             size_t pos, int in_fraction)
{
    while (is_ascii_digit(s, len, pos))
        acc_push(a, s[pos++] - '0', in_fraction);
    return pos;
}

/* ",ddd" not followed by a fourth digit. */
static int is_group(const unsigned char *s, size_t len, size_t pos)
{
    return pos < len && s[pos] == ',' && is_ascii_digit(s, len, pos + 1) &&
           is_ascii_digit(s, len, pos + 2) && is_ascii_digit(s, len, pos + 3) &&
           !is_ascii_digit(s, len, pos + 4);
}

/* Arabic digits with groups and a fraction. Fails only on overflow; even
 * then out->end says where the run ends so the caller can skip it whole. */
static int parse_digits(const unsigned char *s, size_t len, size_t pos,
                        parsed *out)
{
    digit_acc a = {0, 0, 0, 0};
    size_t p = push_ascii_run(&a, s, len, pos, 0);

    out->flags = ZC_NUM_ARABIC;
    if (p - pos <= 3) {
        while (is_group(s, len, p)) {
            p = push_ascii_run(&a, s, len, p + 1, 0);
            out->flags |= ZC_NUM_GROUPED;
        }
    }
    if (p < len && s[p] == '.' && is_ascii_digit(s, len, p + 1)) {
        p = push_ascii_run(&a, s, len, p + 1, 1);
        out->flags |= ZC_NUM_DECIMAL;
    } else if (p + 2 < len && s[p] == 0xC2 && s[p + 1] == 0xB7 &&
               is_ascii_digit(s, len, p + 2)) {
        /* 1·8%: a middle dot typed for the decimal point. */
        p = push_ascii_run(&a, s, len, p + 2, 1);
        out->flags |= ZC_NUM_DECIMAL;
    }
    out->end = p;
    out->value = acc_value(&a);
    return !a.overflow;
}

/* Whether the character at s[pos] is one of set's code points. */
static int cp_in(const unsigned char *s, size_t len, size_t pos,
                 const uint32_t *set, size_t n)
{
    int32_t cp;

    if (pos >= len || !zc_utf8_next(s + pos, len - pos, &cp))
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((uint32_t)cp == set[i])
            return 1;
    return 0;
}

/* 兆 (E5 85 86) as 10^12, unless an SI unit follows it: 兆瓦 兆帕 兆赫 兆焦
 * 兆欧 兆伏 兆字节 兆比特 兆位 (U+74E6 5E15 8D6B 7126 6B27 4F0F 5B57 6BD4
 * 4F4D). 兆 is kept out of classify(): it is no Chinese-numeral unit in
 * these texts and never starts a number. */
static int zhao_at(const unsigned char *s, size_t len, size_t pos)
{
    static const uint32_t si[] = {0x74E6, 0x5E15, 0x8D6B, 0x7126, 0x6B27,
                                  0x4F0F, 0x5B57, 0x6BD4, 0x4F4D};

    if (pos + 3 > len || s[pos] != 0xE5 || s[pos + 1] != 0x85 ||
        s[pos + 2] != 0x86)
        return 0;
    return !cp_in(s, len, pos + 3, si, sizeof si / sizeof si[0]);
}

/* 千 after digits is kilo-, not a thousand, when an SI unit follows it:
 * 300千瓦时 is 300 of 千瓦时, 500千克 500 of 千克 (瓦 帕 赫 焦 欧 伏 字节 比特
 * 克 米 卡: U+74E6 5E15 8D6B 7126 6B27 4F0F 5B57 6BD4 514B 7C73 5361).
 * Not 位: 3千位专家 is three thousand experts. pos is just after the 千. */
static int si_unit_after_kilo(const unsigned char *s, size_t len, size_t pos)
{
    static const uint32_t si[] = {0x74E6, 0x5E15, 0x8D6B, 0x7126, 0x6B27, 0x4F0F,
                                  0x5B57, 0x6BD4, 0x514B, 0x7C73, 0x5361};

    return cp_in(s, len, pos, si, sizeof si / sizeof si[0]);
}

/* Scale words after Arabic digits, [百|千]? 万? 亿? or 兆, as one power of
 * ten in *power; returns 0 when there are none. */
static int scale_suffix(const unsigned char *s, size_t len, size_t pos,
                        int *power, size_t *end)
{
    han_char c = han_at(s, len, pos);
    int k = 0;

    if (zhao_at(s, len, pos)) {
        *power = 12;
        *end = pos + 3;
        return 1;
    }
    if (c.kind == HAN_UNIT && c.value >= 2 &&
        han_at(s, len, pos + 3).kind != HAN_FEN &&
        !(c.value == 3 && si_unit_after_kilo(s, len, pos + 3))) {
        k += c.value;
        pos += 3;
        c = han_at(s, len, pos);
    }
    if (c.kind == HAN_BIG && c.value == 4) {
        k += 4;
        pos += 3;
        c = han_at(s, len, pos);
    }
    if (c.kind == HAN_BIG && c.value == 8) {
        k += 8;
        pos += 3;
    }
    *power = k;
    *end = pos;
    return k > 0;
}

/* 16万5千: further Arabic parts, each with a smaller scale, add up. */
static void scaled_tail(const unsigned char *s, size_t len, int power,
                        parsed *out)
{
    while (is_ascii_digit(s, len, out->end)) {
        parsed part;
        zc_decimal_t sum;
        int k;
        size_t end;

        if (!parse_digits(s, len, out->end, &part))
            return;
        if (!scale_suffix(s, len, part.end, &k, &end)) {
            /* 5万6,566: a grouped part that fits below the last scale. */
            if (!(part.flags & ZC_NUM_GROUPED) ||
                (part.flags & ZC_NUM_DECIMAL) ||
                zc_decimal_cmp(part.value,
                               zc_decimal_from_int(pow10_i64[power])) >= 0 ||
                !zc_decimal_add(out->value, part.value, &sum))
                return;
            out->value = sum;
            out->flags |= part.flags;
            out->end = part.end;
            return;
        }
        if (k >= power ||
            !zc_decimal_add(out->value, zc_decimal_scale(part.value, k), &sum))
            return;
        out->value = sum;
        out->flags |= part.flags;
        out->end = end;
        power = k;
    }
}

/* Is the text before pos letter-spaced, as OCR leaves it ("达 到 1 2 0")?
 * Two characters of three or more bytes (Han), each followed by a space. */
static int letter_spaced_before(const unsigned char *s, size_t pos)
{
    return pos >= 8 && s[pos - 1] == ' ' && s[pos - 4] >= 0xE0 &&
           s[pos - 5] == ' ' && s[pos - 8] >= 0xE0;
}

/* "1 2 0" in letter-spaced text: single digits one space apart are one
 * number (SPEC 3 reads digits broken by stray spaces). Only after
 * letter-spaced text, so that table columns (5 3 2) stay apart. */
static void spaced_digits(const unsigned char *s, size_t len, size_t pos,
                          parsed *out)
{
    digit_acc a = {0, 0, 0, 0};
    size_t p = out->end;

    if (out->end != pos + 1 || !letter_spaced_before(s, pos) ||
        !(p + 1 < len && s[p] == ' ' && is_ascii_digit(s, len, p + 1)))
        return;
    acc_push(&a, s[pos] - '0', 0);
    while (p + 1 < len && s[p] == ' ' && is_ascii_digit(s, len, p + 1) &&
           !is_ascii_digit(s, len, p + 2)) {
        acc_push(&a, s[p + 1] - '0', 0);
        p += 2;
    }
    if (a.overflow)
        return;
    out->value = acc_value(&a);
    out->end = p;
}

static int parse_arabic(const unsigned char *s, size_t len, size_t pos,
                        parsed *out)
{
    int power;
    size_t end;

    if (!parse_digits(s, len, pos, out))
        return 0;
    spaced_digits(s, len, pos, out);
    /* 1.2 万人: tables flattened to text put a space before the scale. */
    if (!scale_suffix(s, len, out->end, &power, &end) &&
        !(out->end < len && s[out->end] == ' ' &&
          scale_suffix(s, len, out->end + 1, &power, &end)))
        return 1;
    out->value = zc_decimal_normal(zc_decimal_scale(out->value, power));
    out->flags |= ZC_NUM_SCALED;
    out->end = end;
    scaled_tail(s, len, power, out);
    return 1;
}

/*
 * The integer part of a Chinese numeral, read left to right:
 *   三千零七十四亿 -> section 3000, 零, +70, pending 4, 亿 lifts 3074 to yi.
 */
typedef struct han_int {
    int64_t yi;      /* everything before the last 亿, multiplied out */
    int64_t wan;     /* this 亿-segment up to its 万, multiplied out */
    int64_t section; /* the part below 万: 三千二百 */
    int pending;     /* a digit not yet given a place, or -1 */
    int pending_power; /* power of the unit just before it, for 一万五 */
    int last_unit;   /* power of the last 十百千 in this section; 4 if none */
    int after_zero;  /* a 零 since the last unit: 一百零五 */
    int last_power;  /* power of the token just taken; 0 for a digit */
    int scaled;      /* 万 or 亿 taken */
    size_t end;      /* after the last token that counts (not a 零) */
} han_int;

/* The pending digit's worth: 一万五 is 15000 and 一百零五 105. */
static int64_t pending_worth(const han_int *h)
{
    if (h->pending < 0)
        return 0;
    if (h->pending_power >= 2 && !h->after_zero)
        return h->pending * pow10_i64[h->pending_power - 1];
    return h->pending;
}

static int take_digit(han_int *h, han_char c)
{
    if (h->pending >= 0)
        return 0;
    h->pending_power = h->after_zero ? 0 : h->last_power;
    h->last_power = 0;
    if (c.value == 0) {
        h->after_zero = 1;
        return 1;
    }
    h->pending = c.value;
    return 1;
}

static int take_unit(han_int *h, han_char c)
{
    int64_t mult = h->pending;

    if (mult < 0) {
        /* Only 十 stands for 一十, at a section's start or after 零. */
        if (c.value != 1 || (h->section != 0 && !h->after_zero))
            return 0;
        mult = 1;
    }
    if (c.value >= h->last_unit)
        return 0;
    h->section += mult * pow10_i64[c.value];
    h->last_unit = c.value;
    h->pending = -1;
    h->after_zero = 0;
    h->last_power = c.value;
    return 1;
}

static int take_big(han_int *h, han_char c)
{
    int64_t low = h->section + pending_worth(h);

    if (c.value == 4) {
        if (low == 0 || h->wan != 0 || low > INT64_MAX / 10000)
            return 0;
        h->wan = low * 10000;
    } else {
        int64_t seg = h->wan + low;

        if (seg == 0 || h->yi > INT64_MAX - seg ||
            h->yi + seg > INT64_MAX / 100000000)
            return 0;
        h->yi = (h->yi + seg) * 100000000;
        h->wan = 0;
    }
    h->section = 0;
    h->pending = -1;
    h->last_unit = 4;
    h->after_zero = 0;
    h->last_power = c.value;
    h->scaled = 1;
    return 1;
}

static int take_han(han_int *h, han_char c)
{
    switch (c.kind) {
    case HAN_DIGIT: return take_digit(h, c);
    case HAN_UNIT: return take_unit(h, c);
    case HAN_BIG: return take_big(h, c);
    default: return 0;
    }
}

/* Read the integer part at pos; 0 when it is not a number (万, 百姓, 零). */
static int parse_han_int(const unsigned char *s, size_t len, size_t pos,
                         han_int *h, int64_t *value)
{
    han_int init = {0, 0, 0, -1, 0, 4, 0, 0, 0, pos};
    size_t p = pos;
    han_char c;

    *h = init;
    while ((c = han_at(s, len, p)).kind != HAN_NONE && take_han(h, c)) {
        p += 3;
        if (!(c.kind == HAN_DIGIT && c.value == 0))
            h->end = p;
    }
    if (h->end == pos)
        return 0;
    /* A trailing 零 was not counted; forget it so 一万五 rules still hold. */
    if (h->pending < 0)
        h->after_zero = 0;
    *value = h->yi + h->wan + h->section + pending_worth(h);
    return *value > 0;
}

/* 二零一四: plain digits without units, read one by one. */
static int parse_han_digit_run(const unsigned char *s, size_t len, size_t pos,
                               parsed *out)
{
    digit_acc a = {0, 0, 0, 0};
    size_t p = pos;
    han_char c;

    while (is_plain_digit(c = han_at(s, len, p))) {
        acc_push(&a, c.value, 0);
        p += 3;
    }
    out->flags = ZC_NUM_CHINESE;
    out->end = p;
    c = han_at(s, len, p);
    if (c.kind == HAN_UNIT || c.kind == HAN_BIG) {
        /* 三四百 is a range; give its first digit and let 四百 follow. */
        c = han_at(s, len, pos);
        out->end = pos + 3;
        out->value = zc_decimal_from_int(c.value);
        return c.value != 0;
    }
    out->value = acc_value(&a);
    if (p - pos >= 6)
        out->flags |= ZC_NUM_DIGITWISE;
    return !a.overflow;
}

/* 点 and plain digits after an integer part, then 万 / 亿 / 万亿. */
static void han_fraction(const unsigned char *s, size_t len, parsed *out)
{
    digit_acc a = {0, 0, 0, 0};
    size_t p = out->end + 3;
    han_char c;
    zc_decimal_t frac, sum;
    int power = 0;

    while (is_plain_digit(c = han_at(s, len, p))) {
        acc_push(&a, c.value, 1);
        p += 3;
    }
    if (a.overflow || !zc_decimal_add(out->value, acc_value(&a), &sum))
        return;
    frac = sum;
    while ((c = han_at(s, len, p)).kind == HAN_BIG && power < c.value) {
        power += c.value;
        p += 3;
    }
    out->value = zc_decimal_normal(zc_decimal_scale(frac, power));
    out->flags |= ZC_NUM_DECIMAL | (power ? ZC_NUM_SCALED : 0u);
    out->end = p;
}

static int point_follows(const unsigned char *s, size_t len, size_t pos)
{
    return han_at(s, len, pos).kind == HAN_POINT &&
           is_plain_digit(han_at(s, len, pos + 3));
}

/* A Chinese numeral without 分之: integer part, then maybe 点 and digits. */
static int parse_han_value(const unsigned char *s, size_t len, size_t pos,
                           parsed *out)
{
    han_char first = han_at(s, len, pos), next = han_at(s, len, pos + 3);
    han_int h;
    int64_t v;
    int point_ok;

    if ((first.traits & HAN_SHY) && !is_numeral(next))
        return 0;
    if (is_plain_digit(first) && is_plain_digit(next))
        return parse_han_digit_run(s, len, pos, out);
    out->flags = ZC_NUM_CHINESE;
    if (first.kind == HAN_DIGIT && first.value == 0) {
        /* 零点五; a 零 alone is no number. */
        if (!point_follows(s, len, pos + 3))
            return 0;
        out->value = zc_decimal_from_int(0);
        out->end = pos + 3;
        han_fraction(s, len, out);
        return 1;
    }
    if (!parse_han_int(s, len, pos, &h, &v))
        return 0;
    out->value = zc_decimal_from_int(v);
    out->end = h.end;
    out->flags |= h.scaled ? ZC_NUM_SCALED : 0u;
    /* 四点一, 二十点五; not after 一百五 (its 五 is already 50) or 亿. */
    point_ok = h.last_power == 1 ||
               (h.last_power == 0 && h.pending >= 0 && pending_worth(&h) ==
                                                           h.pending);
    if (point_ok && point_follows(s, len, h.end))
        han_fraction(s, len, out);
    return 1;
}

/* Y in X分之Y: Chinese or Arabic, or the bare 百 of 百分之百. */
static int parse_numerator(const unsigned char *s, size_t len, size_t pos,
                           parsed *out)
{
    han_char c = han_at(s, len, pos);

    if (is_ascii_digit(s, len, pos))
        return parse_digits(s, len, pos, out);
    if (c.kind == HAN_UNIT && c.value == 2 &&
        !is_numeral(han_at(s, len, pos + 3))) {
        out->value = zc_decimal_from_int(100);
        out->flags = ZC_NUM_CHINESE;
        out->end = pos + 3;
        return 1;
    }
    if (c.kind == HAN_DIGIT && c.value == 0 &&
        !is_numeral(han_at(s, len, pos + 3)) &&
        !point_follows(s, len, pos + 3)) {
        out->value = zc_decimal_from_int(0);
        out->flags = ZC_NUM_CHINESE;
        out->end = pos + 3;
        return 1;
    }
    return c.kind != HAN_NONE && parse_han_value(s, len, pos, out);
}

/* 分之 and a numeral at pos: the numerator's start, else 0. */
static size_t fen_zhi_at(const unsigned char *s, size_t len, size_t pos)
{
    if (han_at(s, len, pos).kind != HAN_FEN ||
        han_at(s, len, pos + 3).kind != HAN_ZHI)
        return 0;
    if (!is_ascii_digit(s, len, pos + 6) &&
        !is_numeral(han_at(s, len, pos + 6)))
        return 0;
    return pos + 6;
}

/* X分之Y as a percentage, Y/X*100, from the numerator at pos. */
static int fraction_percent(const unsigned char *s, size_t len, size_t pos,
                            zc_decimal_t denominator, parsed *out)
{
    parsed y;
    zc_decimal_t hundred = zc_decimal_from_int(100), scaled;

    if (!parse_numerator(s, len, pos, &y))
        return 0;
    if (zc_decimal_cmp(denominator, hundred) == 0) {
        out->value = y.value;
    } else if (!zc_decimal_mul(y.value, hundred, &scaled) ||
               !zc_decimal_div(scaled, denominator, &out->value)) {
        return 0;
    }
    out->flags = ZC_NUM_PERCENT | y.flags;
    out->end = y.end;
    return 1;
}

/* Is the character before pos an approximating word's last one (近 超 逾
 * 约 过 破 达: U+8FD1 8D85 903E 7EA6 8FC7 7834 8FBE)? */
static int approx_before(const unsigned char *s, size_t pos)
{
    static const uint32_t words[] = {0x8FD1, 0x8D85, 0x903E, 0x7EA6,
                                     0x8FC7, 0x7834, 0x8FBE};
    uint32_t cp;

    if (pos < 3 || s[pos - 3] < 0xE0 || s[pos - 3] > 0xEF)
        return 0;
    cp = ((uint32_t)(s[pos - 3] & 0x0F) << 12) |
         ((uint32_t)(s[pos - 2] & 0x3F) << 6) | (uint32_t)(s[pos - 1] & 0x3F);
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (cp == words[i])
            return 1;
    return 0;
}

/* 近千, 超千万, 近亿: a bare scale after an approximating word is 1 x it. */
static int parse_bare_scale(const unsigned char *s, size_t len, size_t pos,
                            parsed *out)
{
    int k;
    size_t end;
    han_char next;

    if (!approx_before(s, pos) || !scale_suffix(s, len, pos, &k, &end) ||
        end == pos)
        return 0;
    next = han_at(s, len, end);
    if (is_numeral(next) || next.kind == HAN_FEN || next.kind == HAN_POINT ||
        is_ascii_digit(s, len, end))
        return 0;
    out->value = zc_decimal_normal(zc_decimal_scale(zc_decimal_from_int(1), k));
    out->flags = ZC_NUM_CHINESE | ZC_NUM_SCALED;
    out->end = end;
    return 1;
}

static int parse_han(const unsigned char *s, size_t len, size_t pos,
                     parsed *out)
{
    han_char c = han_at(s, len, pos);
    size_t y;

    /* 百分之, 千分之, 万分之: the bare scale word is the denominator. */
    if (((c.kind == HAN_UNIT && c.value >= 2) ||
         (c.kind == HAN_BIG && c.value == 4)) &&
        (y = fen_zhi_at(s, len, pos + 3)) != 0)
        return fraction_percent(s, len, y,
                                zc_decimal_from_int(pow10_i64[c.value]), out);
    if ((c.kind == HAN_UNIT && c.value >= 2) || c.kind == HAN_BIG)
        return parse_bare_scale(s, len, pos, out);
    if (c.kind != HAN_DIGIT && !(c.kind == HAN_UNIT && c.value == 1))
        return 0;
    if (!parse_han_value(s, len, pos, out))
        return 0;
    if (!(out->flags & ZC_NUM_DECIMAL) &&
        (y = fen_zhi_at(s, len, out->end)) != 0) {
        parsed whole = *out;

        if (fraction_percent(s, len, y, whole.value, out)) {
            out->flags |= ZC_NUM_CHINESE;
            return 1;
        }
        *out = whole;
    }
    return 1;
}

/* Parse at pos; on failure *skip says how far the caller may jump (a whole
 * digit run, so 12345678901234567890123 is not found again from its tail). */
static int parse_at(const unsigned char *s, size_t len, size_t pos,
                    parsed *out, size_t *skip)
{
    if (is_ascii_digit(s, len, pos)) {
        if (parse_arabic(s, len, pos, out))
            return 1;
        *skip = out->end - pos;
        return 0;
    }
    out->end = pos;
    if (parse_han(s, len, pos, out))
        return 1;
    /* Only a digit run that overflowed moves out->end past one character. */
    *skip = out->end > pos + 3 ? out->end - pos : char_length(s, len, pos);
    return 0;
}

int zc_parse_number_at(const char *text, size_t len, zc_decimal_t *value,
                       uint32_t *flags, size_t *consumed)
{
    parsed p;
    size_t skip;

    if (text == NULL || len == 0 ||
        !parse_at((const unsigned char *)text, len, 0, &p, &skip))
        return 0;
    *value = p.value;
    *flags = p.flags;
    *consumed = p.end;
    return 1;
}

/*
 * Bytes a number may begin with: an ASCII digit, or a lead byte E3-E9,
 * which every Han numeral has. No other byte can (a continuation byte is
 * never E3-E9 or a digit), so the scan may step over them one by one
 * without decoding anything.
 */
enum { START_NONE = 0, START_DIGIT = 1, START_HAN = 2 };

#define ROW(x) x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x
static const unsigned char start_table[256] = {
    ROW(0), ROW(0), ROW(0),                         /* 00-2F */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, /* 30-3F: 0-9 */
    ROW(0), ROW(0), ROW(0), ROW(0),                 /* 40-7F */
    ROW(0), ROW(0), ROW(0), ROW(0),                 /* 80-BF */
    ROW(0), ROW(0),                                 /* C0-DF */
    0, 0, 0, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0, 0, /* E0-EF */
    ROW(0),                                         /* F0-FF */
};
#undef ROW

/* Can a number begin with this character? Digits, 十, the 百/千/万 of
 * 百分之, and a bare scale after an approximating word (近亿); 点分之 only
 * continue one. */
static int han_may_start(han_char c)
{
    return c.kind == HAN_DIGIT || c.kind == HAN_UNIT || c.kind == HAN_BIG;
}

/* The hot path of the scan, for a well-formed 3-byte character at s[pos]
 * with lead byte E3-E9 (nearly every Han character): numeral_filter is
 * indexed by cp & 0x3FF, which is the low four bits of the second byte and
 * the low six of the third, so most characters are turned away without
 * being decoded. */
static int han_may_start_at(const unsigned char *s, size_t len, size_t pos)
{
    uint32_t cp;

    if (!(numeral_filter[s[pos + 1] & 0x0F] >> (s[pos + 2] & 0x3F) & 1))
        return 0;
    cp = numeral_cp(s, len, pos);
    return cp != 0 && han_may_start(classify(cp));
}

typedef struct number_vec {
    zc_number_t *items;
    size_t n;
    size_t cap;
} number_vec;

static int vec_push(number_vec *v, size_t start, const parsed *p)
{
    zc_number_t *num;

    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 64;
        zc_number_t *grown = realloc(v->items, cap * sizeof *grown);

        if (grown == NULL)
            return 0;
        v->items = grown;
        v->cap = cap;
    }
    num = &v->items[v->n++];
    num->start_byte = start;
    num->end_byte = p->end;
    num->value = p->value;
    num->flags = p->flags;
    num->sentence = 0;
    return 1;
}

zc_status_t zc_find_numbers(const char *text, size_t len, zc_number_t **out,
                            size_t *n)
{
    const unsigned char *s = (const unsigned char *)text;
    number_vec v = {NULL, 0, 0};
    size_t pos = 0;

    if (out == NULL || n == NULL || (text == NULL && len > 0))
        return ZC_ERR_INVALID;
    while (pos < len) {
        unsigned char kind = start_table[s[pos]];
        parsed p;
        size_t skip;

        if (kind == START_NONE) {
            pos++;
            continue;
        }
        if (kind == START_HAN) {
            /* A broken sequence is left a byte at a time, so that no digit
             * inside it is skipped; a whole character that cannot begin a
             * number (most Han) is stepped over at once. */
            if (len - pos < 3 || (s[pos + 1] & 0xC0) != 0x80 ||
                (s[pos + 2] & 0xC0) != 0x80) {
                pos++;
                continue;
            }
            if (!han_may_start_at(s, len, pos)) {
                pos += 3;
                continue;
            }
        }
        if (!parse_at(s, len, pos, &p, &skip)) {
            pos += skip;
            continue;
        }
        if (!vec_push(&v, pos, &p)) {
            free(v.items);
            return ZC_ERR_NOMEM;
        }
        pos = p.end;
    }
    *out = v.items;
    *n = v.n;
    return ZC_OK;
}
