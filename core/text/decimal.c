/*
 * decimal.c - exact decimals (mantissa * 10^exponent) and their text.
 *
 * Numbers keep the digits the document wrote: "57.4" is 574e-1 and prints
 * back as "57.4", "0.84亿" is 84e6 and prints as "84000000". No binary
 * double stands between the text and the output, so 57.399999999999999 and
 * 1719.9999999999998 cannot appear. Every operation checks int64 overflow
 * and says so rather than wrapping: a wrapped amount would be a confident
 * lie in the output.
 */
#include "decimal.h"

#include <limits.h>
#include <stdint.h>

/* A quotient keeps 17 significant digits: enough for 三分之一 to read
 * 33.333333333333333 as SPEC section 3 shows it, and as many as a double
 * needs to round-trip, so nothing downstream can tell it was rounded. */
#define DIV_SIGNIFICANT_DIGITS 17

static const uint64_t pow10_table[20] = {
    1ull,
    10ull,
    100ull,
    1000ull,
    10000ull,
    100000ull,
    1000000ull,
    10000000ull,
    100000000ull,
    1000000000ull,
    10000000000ull,
    100000000000ull,
    1000000000000ull,
    10000000000000ull,
    100000000000000ull,
    1000000000000000ull,
    10000000000000000ull,
    100000000000000000ull,
    1000000000000000000ull,
    10000000000000000000ull,
};

/* |v| without the undefined behaviour of negating INT64_MIN. */
static uint64_t magnitude(int64_t v)
{
    return v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
}

/* Give a magnitude its sign back; 0 when the result does not fit. */
static int with_sign(uint64_t mag, int negative, int64_t *out)
{
    const uint64_t min_mag = (uint64_t)INT64_MAX + 1u;

    if (negative) {
        if (mag > min_mag)
            return 0;
        *out = mag == min_mag ? INT64_MIN : -(int64_t)mag;
        return 1;
    }
    if (mag > (uint64_t)INT64_MAX)
        return 0;
    *out = (int64_t)mag;
    return 1;
}

static int mul_i64(int64_t a, int64_t b, int64_t *out)
{
    uint64_t ua = magnitude(a), ub = magnitude(b);

    if (ua != 0 && ub > UINT64_MAX / ua)
        return 0;
    return with_sign(ua * ub, (a < 0) != (b < 0) && ua != 0 && ub != 0, out);
}

static int add_i64(int64_t a, int64_t b, int64_t *out)
{
    if ((b > 0 && a > INT64_MAX - b) || (b < 0 && a < INT64_MIN - b))
        return 0;
    *out = a + b;
    return 1;
}

static int fits_exponent(int64_t e)
{
    return e >= INT32_MIN && e <= INT32_MAX;
}

static unsigned count_digits(uint64_t v)
{
    unsigned n = 1;

    while (n < 20 && v >= pow10_table[n])
        n++;
    return n;
}

zc_decimal_t zc_decimal_normal(zc_decimal_t d)
{
    if (d.mantissa == 0) {
        d.exponent = 0;
        return d;
    }
    while (d.mantissa % 10 == 0 && d.exponent < INT32_MAX) {
        d.mantissa /= 10;
        d.exponent++;
    }
    return d;
}

/* The header gives scale() no way to fail, so an exponent beyond int32
 * saturates; no document writes a number anywhere near 10^(2^31). */
zc_decimal_t zc_decimal_scale(zc_decimal_t d, int k)
{
    int64_t e = (int64_t)d.exponent + k;

    if (e > INT32_MAX)
        e = INT32_MAX;
    if (e < INT32_MIN)
        e = INT32_MIN;
    d.exponent = (int32_t)e;
    return d;
}

zc_decimal_t zc_decimal_from_int(int64_t v)
{
    zc_decimal_t d = {v, 0};

    return zc_decimal_normal(d);
}

int zc_decimal_add(zc_decimal_t a, zc_decimal_t b, zc_decimal_t *out)
{
    zc_decimal_t hi, lo;
    int64_t shift, lifted, sum;

    a = zc_decimal_normal(a);
    b = zc_decimal_normal(b);
    if (a.mantissa == 0 || b.mantissa == 0) {
        *out = a.mantissa == 0 ? b : a;
        return 1;
    }
    hi = a.exponent >= b.exponent ? a : b;
    lo = a.exponent >= b.exponent ? b : a;
    shift = (int64_t)hi.exponent - lo.exponent;
    /* The exact sum needs every digit of both; lifting a mantissa by more
     * than 18 places cannot fit in int64, so that is an overflow too. */
    if (shift > 18 ||
        !mul_i64(hi.mantissa, (int64_t)pow10_table[shift], &lifted) ||
        !add_i64(lifted, lo.mantissa, &sum))
        return 0;
    out->mantissa = sum;
    out->exponent = lo.exponent;
    *out = zc_decimal_normal(*out);
    return 1;
}

int zc_decimal_mul(zc_decimal_t a, zc_decimal_t b, zc_decimal_t *out)
{
    int64_t m, e;

    a = zc_decimal_normal(a);
    b = zc_decimal_normal(b);
    if (!mul_i64(a.mantissa, b.mantissa, &m))
        return 0;
    e = (int64_t)a.exponent + b.exponent;
    if (m != 0 && !fits_exponent(e))
        return 0;
    out->mantissa = m;
    out->exponent = m == 0 ? 0 : (int32_t)e;
    *out = zc_decimal_normal(*out);
    return 1;
}

/* One step of long division: the next quotient digit of r*10 / divisor and
 * the new remainder. r*10 may not fit in 64 bits when the divisor is above
 * 2^60, so the ten copies of r are added modulo the divisor, counting how
 * often they wrap: r and the running sum are both below divisor <= 2^63, so
 * their sum always fits. */
static unsigned next_digit(uint64_t *r, uint64_t divisor)
{
    uint64_t acc = 0;
    unsigned digit = 0;

    if (*r <= UINT64_MAX / 10) {
        uint64_t t = *r * 10;

        *r = t % divisor;
        return (unsigned)(t / divisor);
    }
    for (int i = 0; i < 10; i++) {
        acc += *r;
        if (acc >= divisor) {
            acc -= divisor;
            digit++;
        }
    }
    *r = acc;
    return digit;
}

/* Round q (which has n digits) to keep digits, half away from zero. */
static uint64_t round_to(uint64_t q, unsigned n, unsigned keep, int64_t *exp)
{
    uint64_t div, rem;

    if (n <= keep)
        return q;
    div = pow10_table[n - keep];
    rem = q % div;
    q /= div;
    *exp += n - keep;
    return rem >= div / 2 ? q + 1 : q;
}

int zc_decimal_div(zc_decimal_t a, zc_decimal_t b, zc_decimal_t *out)
{
    uint64_t ua, ub, q, r;
    unsigned n;
    int64_t e, m;
    int negative;

    a = zc_decimal_normal(a);
    b = zc_decimal_normal(b);
    if (b.mantissa == 0)
        return 0;
    if (a.mantissa == 0) {
        *out = a;
        return 1;
    }
    negative = (a.mantissa < 0) != (b.mantissa < 0);
    ua = magnitude(a.mantissa);
    ub = magnitude(b.mantissa);
    q = ua / ub;
    r = ua % ub;
    e = (int64_t)a.exponent - b.exponent;
    n = q == 0 ? 0 : count_digits(q);
    /* One digit beyond the precision decides the rounding. */
    while (r != 0 && n <= DIV_SIGNIFICANT_DIGITS) {
        q = q * 10 + next_digit(&r, ub);
        e--;
        if (q != 0)
            n++;
    }
    q = round_to(q, n, DIV_SIGNIFICANT_DIGITS, &e);
    if (!with_sign(q, negative, &m) || !fits_exponent(e))
        return 0;
    out->mantissa = m;
    out->exponent = (int32_t)e;
    *out = zc_decimal_normal(*out);
    return 1;
}

int zc_decimal_cmp(zc_decimal_t a, zc_decimal_t b)
{
    uint64_t ua, ub;
    int64_t order_a, order_b;
    int sign_a, sign_b, sign;

    a = zc_decimal_normal(a);
    b = zc_decimal_normal(b);
    sign_a = (a.mantissa > 0) - (a.mantissa < 0);
    sign_b = (b.mantissa > 0) - (b.mantissa < 0);
    if (sign_a != sign_b || sign_a == 0)
        return sign_a - sign_b;
    sign = sign_a;
    ua = magnitude(a.mantissa);
    ub = magnitude(b.mantissa);
    /* Compare orders of magnitude first; when they agree the mantissas
     * differ in length by at most 19 digits, so aligning them fits. */
    order_a = (int64_t)count_digits(ua) + a.exponent;
    order_b = (int64_t)count_digits(ub) + b.exponent;
    if (order_a != order_b)
        return order_a > order_b ? sign : -sign;
    if (a.exponent > b.exponent)
        ua *= pow10_table[a.exponent - b.exponent];
    else
        ub *= pow10_table[b.exponent - a.exponent];
    if (ua == ub)
        return 0;
    return ua > ub ? sign : -sign;
}

/* Appends to a caller's buffer like snprintf: writes what fits, counts all. */
typedef struct text_sink {
    char *buf;
    size_t cap;
    size_t len;
} text_sink;

static void sink_put(text_sink *s, char c)
{
    if (s->len + 1 < s->cap)
        s->buf[s->len] = c;
    s->len++;
}

/* Exponents reach 2^31, so zeros past the buffer are counted, not looped. */
static void sink_zeros(text_sink *s, size_t n)
{
    while (n > 0 && s->len + 1 < s->cap) {
        s->buf[s->len++] = '0';
        n--;
    }
    s->len += n;
}

static void sink_chars(text_sink *s, const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        sink_put(s, p[i]);
}

/* Plain digits only, never 4e12: JSON readers and spreadsheets take plain
 * digits as they are, and a reader of the output compares them with the
 * document by eye. */
size_t zc_decimal_format(zc_decimal_t d, char *buf, size_t cap)
{
    char digits[20];
    text_sink s = {buf, cap, 0};
    uint64_t mag;
    size_t nd;

    d = zc_decimal_normal(d);
    mag = magnitude(d.mantissa);
    nd = count_digits(mag);
    for (size_t i = nd; i > 0; i--) {
        digits[i - 1] = (char)('0' + mag % 10);
        mag /= 10;
    }
    if (d.mantissa < 0)
        sink_put(&s, '-');
    if (d.exponent >= 0) {
        sink_chars(&s, digits, nd);
        sink_zeros(&s, (size_t)d.exponent);
    } else if ((size_t)-(int64_t)d.exponent < nd) {
        size_t whole = nd - (size_t)-(int64_t)d.exponent;

        sink_chars(&s, digits, whole);
        sink_put(&s, '.');
        sink_chars(&s, digits + whole, nd - whole);
    } else {
        sink_chars(&s, "0.", 2);
        sink_zeros(&s, (size_t)-(int64_t)d.exponent - nd);
        sink_chars(&s, digits, nd);
    }
    if (cap > 0)
        buf[s.len < cap ? s.len : cap - 1] = '\0';
    return s.len;
}

size_t zc_decimal_text_len(zc_decimal_t d)
{
    return zc_decimal_format(d, NULL, 0);
}

static const double exact_pow10[23] = {
    1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

/* With a mantissa below 2^53 and |exponent| <= 22 both operands are exact
 * doubles, so the one multiplication or division rounds correctly: 57.4
 * comes out as the double nearest 57.4. Other values are rare enough that a
 * few ulps of error do not matter to a comparison. */
double zc_decimal_to_double(zc_decimal_t d)
{
    double v;
    int32_t e;

    d = zc_decimal_normal(d);
    v = (double)d.mantissa;
    e = d.exponent;
    while (e > 22) {
        v *= 1e22;
        e -= 22;
    }
    while (e < -22) {
        v /= 1e22;
        e += 22;
    }
    return e >= 0 ? v * exact_pow10[e] : v / exact_pow10[-e];
}
