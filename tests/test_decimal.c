/*
 * test_decimal.c - exact decimals: their text, their arithmetic and where it
 * must refuse (overflow) rather than wrap. Cases are tables of
 * {operands, expected text}; the text is what a user sees in the output.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "decimal.h"

static const char *text_of(zc_decimal_t d, char *buf, size_t cap)
{
    zc_decimal_format(d, buf, cap);
    return buf;
}

typedef struct format_case {
    int64_t mantissa;
    int32_t exponent;
    const char *text;
} format_case;

static const format_case format_cases[] = {
    {574, -1, "57.4"},
    {7857, -2, "78.57"},
    {84, 6, "84000000"},          /* 0.84亿 */
    {84, -2, "0.84"},
    {118, 10, "1180000000000"},   /* 1.18万亿 */
    {4, 12, "4000000000000"},     /* plain digits, never 4e12 */
    {33333333333333333, -15, "33.333333333333333"},
    {0, 0, "0"},
    {0, -5, "0"},
    {0, 9, "0"},
    {11, -2, "0.11"},
    {1720, 0, "1720"},
    {172000, -2, "1720"},         /* not normal: trailing zeros go */
    {5740, -2, "57.4"},
    {-574, -1, "-57.4"},
    {-5, -3, "-0.005"},
    {5, -3, "0.005"},
    {1, -1, "0.1"},
    {12345, -5, "0.12345"},
    {12345, -4, "1.2345"},
    {1, 30, "1000000000000000000000000000000"},
    {INT64_MAX, 0, "9223372036854775807"},
    {INT64_MIN, 0, "-9223372036854775808"},
    {INT64_MIN, -19, "-0.9223372036854775808"},
};

static void test_format(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof format_cases / sizeof format_cases[0]; i++) {
        const format_case *c = &format_cases[i];
        zc_decimal_t d = {c->mantissa, c->exponent};
        char buf[64];
        size_t n = zc_decimal_format(d, buf, sizeof buf);

        assert_string_equal(buf, c->text);
        assert_int_equal(n, strlen(c->text));
    }
}

/* Like snprintf: truncated to cap, NUL-terminated, full length returned. */
static void test_format_truncates(void **state)
{
    zc_decimal_t d = {118, 10};
    char buf[6];

    (void)state;
    memset(buf, 'x', sizeof buf);
    assert_int_equal(zc_decimal_format(d, buf, sizeof buf), 13);
    assert_string_equal(buf, "11800");
    assert_int_equal(zc_decimal_format(d, NULL, 0), 13);
    d.mantissa = 5;
    d.exponent = -8;
    assert_int_equal(zc_decimal_format(d, buf, 4), 10);
    assert_string_equal(buf, "0.0");

    /* A huge exponent is measured, not written out. */
    d.mantissa = 1;
    d.exponent = INT32_MAX;
    assert_int_equal(zc_decimal_format(d, buf, sizeof buf),
                     (size_t)INT32_MAX + 1);
    assert_string_equal(buf, "10000");
}

static void test_normal_scale_from_int(void **state)
{
    zc_decimal_t d = {5740, -2};
    zc_decimal_t z = {0, 7};
    zc_decimal_t big = {1, INT32_MAX};

    (void)state;
    d = zc_decimal_normal(d);
    assert_int_equal(d.mantissa, 574);
    assert_int_equal(d.exponent, -1);
    z = zc_decimal_normal(z);
    assert_int_equal(z.mantissa, 0);
    assert_int_equal(z.exponent, 0);

    d.mantissa = 12;
    d.exponent = -1;
    d = zc_decimal_scale(d, 4);
    assert_int_equal(d.mantissa, 12);
    assert_int_equal(d.exponent, 3);
    big = zc_decimal_scale(big, 1);
    assert_int_equal(big.exponent, INT32_MAX);

    d = zc_decimal_from_int(1000);
    assert_int_equal(d.mantissa, 1);
    assert_int_equal(d.exponent, 3);
    d = zc_decimal_from_int(INT64_MIN);
    assert_int_equal(d.mantissa, INT64_MIN);
}

typedef enum arith_op { OP_ADD, OP_MUL, OP_DIV } arith_op;

typedef struct arith_case {
    arith_op op;
    zc_decimal_t a;
    zc_decimal_t b;
    const char *result; /* NULL: the operation must refuse */
} arith_case;

static const arith_case arith_cases[] = {
    {OP_ADD, {574, -1}, {6, -1}, "58"},
    {OP_ADD, {1, -1}, {2, -1}, "0.3"},
    {OP_ADD, {5, 0}, {-5, 0}, "0"},
    {OP_ADD, {0, 0}, {-11, -2}, "-0.11"},
    {OP_ADD, {1, 18}, {1, 0}, "1000000000000000001"},
    {OP_ADD, {16, 4}, {5, 3}, "165000"},           /* 16万5千 */
    {OP_ADD, {118, 10}, {1, -3}, "1180000000000.001"},
    {OP_ADD, {INT64_MAX, 0}, {1, 0}, NULL},
    {OP_ADD, {INT64_MIN, 0}, {-1, 0}, NULL},
    {OP_ADD, {1, 19}, {1, 0}, NULL},               /* needs 20 digits */
    {OP_ADD, {1, 40}, {1, 0}, NULL},
    {OP_MUL, {172, -1}, {100, 0}, "1720"}, /* never 1719.9999999999998 */
    {OP_MUL, {84, -2}, {1, 8}, "84000000"},
    {OP_MUL, {33, -2}, {3, 0}, "0.99"},
    {OP_MUL, {-25, -1}, {4, 0}, "-10"},
    {OP_MUL, {0, 0}, {INT64_MAX, 0}, "0"},
    {OP_MUL, {INT64_MAX, 0}, {2, 0}, NULL},
    {OP_MUL, {INT64_MIN, 0}, {-1, 0}, NULL},
    {OP_MUL, {INT64_MIN, 0}, {1, 0}, "-9223372036854775808"},
    {OP_MUL, {1, INT32_MAX}, {10, 0}, NULL},       /* exponent overflow */
    {OP_MUL, {1, INT32_MIN}, {1, -1}, NULL},
    {OP_DIV, {100, 0}, {3, 0}, "33.333333333333333"}, /* 三分之一 */
    {OP_DIV, {200, 0}, {3, 0}, "66.666666666666667"},
    {OP_DIV, {1, 0}, {7, 0}, "0.14285714285714286"},
    {OP_DIV, {-1, 0}, {3, 0}, "-0.33333333333333333"},
    {OP_DIV, {2, 0}, {3000, 0}, "0.00066666666666666667"},
    {OP_DIV, {5, 2}, {1000, 0}, "0.5"},           /* 千分之五 */
    {OP_DIV, {1, 2}, {10, 0}, "10"},              /* 十分之一 */
    {OP_DIV, {1, 0}, {8, 0}, "0.125"},
    {OP_DIV, {172, -1}, {-1, -2}, "-1720"},
    {OP_DIV, {0, 0}, {5, 0}, "0"},
    {OP_DIV, {1, 0}, {0, 0}, NULL},
    {OP_DIV, {INT64_MAX, 0}, {1, 0}, "9223372036854775800"},
    {OP_DIV, {INT64_MAX, 0}, {3, 0}, "3074457345618258600"},
    /* a divisor above 2^60 takes the slow path of long division */
    {OP_DIV, {1, 0}, {INT64_MAX, 0}, "0.00000000000000000010842021724855044"},
    {OP_DIV, {INT64_MIN, 0}, {INT64_MIN, 0}, "1"},
};

static int run_op(const arith_case *c, zc_decimal_t *out)
{
    switch (c->op) {
    case OP_ADD: return zc_decimal_add(c->a, c->b, out);
    case OP_MUL: return zc_decimal_mul(c->a, c->b, out);
    default: return zc_decimal_div(c->a, c->b, out);
    }
}

static void test_arithmetic(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof arith_cases / sizeof arith_cases[0]; i++) {
        const arith_case *c = &arith_cases[i];
        zc_decimal_t out = {0, 0};
        int ok = run_op(c, &out);

        if (ok != (c->result != NULL))
            print_message("case %zu: ok=%d\n", i, ok);
        assert_int_equal(ok, c->result != NULL);
        if (ok) {
            char buf[64];

            assert_string_equal(text_of(out, buf, sizeof buf), c->result);
        }
    }
}

typedef struct cmp_case {
    zc_decimal_t a;
    zc_decimal_t b;
    int sign;
} cmp_case;

static const cmp_case cmp_cases[] = {
    {{574, -1}, {5740, -2}, 0},
    {{1, 3}, {999, 0}, 1},
    {{-1, 0}, {1, 0}, -1},
    {{0, 0}, {0, 5}, 0},
    {{0, 0}, {-1, -9}, 1},
    {{5, -1}, {49, -2}, 1},
    {{-5, -1}, {-49, -2}, -1},
    {{1, 20}, {INT64_MAX, 0}, 1},
    {{INT64_MAX, 0}, {9223372036854775, 3}, 1},
    {{9223372036854775, 3}, {INT64_MAX, 0}, -1},
    {{INT64_MIN, 0}, {INT64_MIN, 0}, 0},
    {{1, INT32_MAX}, {1, INT32_MIN}, 1},
};

static int sign_of(int v)
{
    return (v > 0) - (v < 0);
}

static void test_cmp(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cmp_cases / sizeof cmp_cases[0]; i++) {
        const cmp_case *c = &cmp_cases[i];

        assert_int_equal(sign_of(zc_decimal_cmp(c->a, c->b)), c->sign);
        assert_int_equal(sign_of(zc_decimal_cmp(c->b, c->a)), -c->sign);
    }
}

/* Small values convert exactly to the nearest double; others closely. */
static void test_to_double(void **state)
{
    zc_decimal_t d574 = {574, -1}, d084 = {84, -2}, amount = {84, 6};
    zc_decimal_t neg = {-11, -2}, third = {33333333333333333, -15};
    zc_decimal_t huge = {118, 40}, tiny = {5, -40};

    (void)state;
    assert_true(zc_decimal_to_double(d574) == 57.4);
    assert_true(zc_decimal_to_double(d084) == 0.84);
    assert_true(zc_decimal_to_double(amount) == 84000000.0);
    assert_true(zc_decimal_to_double(neg) == -0.11);
    assert_true(zc_decimal_to_double((zc_decimal_t){0, 0}) == 0.0);
    assert_true(zc_decimal_to_double(third) > 33.3333333333333 &&
                zc_decimal_to_double(third) < 33.3333333333334);
    assert_true(zc_decimal_to_double(huge) > 1.179999999e42 &&
                zc_decimal_to_double(huge) < 1.180000001e42);
    assert_true(zc_decimal_to_double(tiny) > 4.99999999e-40 &&
                zc_decimal_to_double(tiny) < 5.00000001e-40);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_format_truncates),
        cmocka_unit_test(test_normal_scale_from_int),
        cmocka_unit_test(test_arithmetic),
        cmocka_unit_test(test_cmp),
        cmocka_unit_test(test_to_double),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
