/* test_loader.c - reading, encoding detection and decoding with byte ranges. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "decode.h"
#include "test_support.h"
#include "cptext.h"

#define LOADER_DATA ZC_TEST_DATA_DIR "/loader/"

/* ---- helpers ---------------------------------------------------------- */

static const unsigned char *find_bytes(const unsigned char *hay, size_t n,
                                       const void *needle, size_t len)
{
    for (size_t i = 0; i + len <= n; i++)
        if (memcmp(hay + i, needle, len) == 0)
            return hay + i;
    return NULL;
}

static unsigned char *read_fixture(const char *name, size_t *n)
{
    char path[1024];
    snprintf(path, sizeof path, LOADER_DATA "%s", name);
    return (unsigned char *)zc_test_read_file(path, n);
}

static const char *detect_ok(const void *bytes, size_t n)
{
    const char *enc = NULL;
    zc_error_t err = {0};
    zc_status_t st = zc_detect_encoding(bytes, n, &enc, &err);
    if (st != ZC_OK)
        fail_msg("detection failed: %s", err.message);
    assert_non_null(enc);
    return enc;
}

static void decode_ok(const void *bytes, size_t n, const char *enc,
                      zc_cptext_t *t)
{
    zc_error_t err = {0};
    zc_status_t st = zc_decode(bytes, n, enc, t, &err);
    if (st != ZC_OK)
        fail_msg("decode as %s failed: %s", enc, err.message);
}

static void assert_cp(const zc_cptext_t *t, size_t i, int32_t cp,
                      uint32_t start, uint32_t end)
{
    assert_true(i < t->len);
    assert_int_equal(t->cp[i], cp);
    assert_int_equal(t->src_start[i], start);
    assert_int_equal(zc_cptext_end(t, i), end);
}

/* UTF-8 of one code point, for comparing against decoded slices. */
static void utf8_of(int32_t cp, char out[5])
{
    memset(out, 0, 5);
    if (cp < 0x80) {
        out[0] = (char)cp;
    } else if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
    } else {
        out[0] = (char)(0xF0 | (cp >> 18));
        out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[3] = (char)(0x80 | (cp & 0x3F));
    }
}

/* Every code point's range, decoded on its own, gives back that code point;
 * ranges are in order, non-empty and cover bytes [first, n). */
static void assert_ranges_round_trip(const unsigned char *bytes, size_t n,
                                     const char *enc, const zc_cptext_t *t,
                                     size_t first)
{
    size_t at = first;
    for (size_t i = 0; i < t->len; i++) {
        assert_int_equal(t->src_start[i], at);
        assert_true(zc_cptext_end(t, i) > t->src_start[i]);
        at = zc_cptext_end(t, i);

        char *slice = NULL;
        zc_error_t err = {0};
        assert_int_equal(zc_decode_slice_utf8(bytes, n, t->src_start[i],
                                              zc_cptext_end(t, i), enc, &slice, &err),
                         ZC_OK);
        char want[5];
        utf8_of(t->cp[i], want);
        assert_string_equal(slice, want);
        free(slice);
    }
    assert_int_equal(at, n);
}

static void assert_decode_fails(const void *bytes, size_t n, const char *enc,
                                const char *message_part)
{
    zc_cptext_t t;
    zc_cptext_init(&t);
    zc_error_t err = {0};
    assert_int_equal(zc_decode(bytes, n, enc, &t, &err), ZC_ERR_DECODE);
    assert_int_equal(err.status, ZC_ERR_DECODE);
    if (!strstr(err.message, message_part))
        fail_msg("message \"%s\" lacks \"%s\"", err.message, message_part);
    zc_cptext_free(&t);
}

static void assert_detect_fails(const void *bytes, size_t n,
                                const char *message_part)
{
    const char *enc = "unset";
    zc_error_t err = {0};
    assert_int_equal(zc_detect_encoding(bytes, n, &enc, &err), ZC_ERR_DECODE);
    assert_null(enc);
    if (!strstr(err.message, message_part))
        fail_msg("message \"%s\" lacks \"%s\"", err.message, message_part);
}

/* ---- cptext ----------------------------------------------------------- */

static void test_cptext_push_grows_and_keeps_contents(void **state)
{
    (void)state;
    zc_cptext_t t;
    zc_cptext_init(&t);
    for (int32_t i = 0; i < 1000; i++)
        assert_int_equal(zc_cptext_push(&t, 0x4E00 + i, (uint32_t)i * 3,
                                       (uint32_t)i * 3 + 3), ZC_OK);
    assert_int_equal(t.len, 1000);
    assert_true(t.cap >= 1000);
    assert_int_equal(zc_cptext_reserve(&t, 5000), ZC_OK);
    assert_true(t.cap >= 5000);
    assert_cp(&t, 0, 0x4E00, 0, 3);
    assert_cp(&t, 999, 0x4E00 + 999, 2997, 3000);

    zc_cptext_t other;
    zc_cptext_init(&other);
    assert_int_equal(zc_cptext_push(&other, 'x', 7, 8), ZC_OK);
    zc_cptext_swap(&t, &other);
    assert_int_equal(t.len, 1);
    assert_cp(&t, 0, 'x', 7, 8);
    assert_int_equal(other.len, 1000);

    zc_cptext_clear(&other);
    assert_int_equal(other.len, 0);
    assert_true(other.cap >= 5000);
    zc_cptext_free(&t);
    zc_cptext_free(&other);
    assert_null(t.cp);
    assert_int_equal(t.cap, 0);
}

/* ---- reading files ---------------------------------------------------- */

static void test_read_file_missing_names_path_and_reason(void **state)
{
    (void)state;
    unsigned char *bytes = (unsigned char *)"sentinel";
    size_t n = 99;
    zc_error_t err = {0};
    const char *path = LOADER_DATA "no-such-file.txt";
    assert_int_equal(zc_read_file(path, &bytes, &n, &err), ZC_ERR_IO);
    assert_null(bytes);
    assert_int_equal(n, 0);
    assert_non_null(strstr(err.message, path));
    assert_non_null(strstr(err.message, "No such file or directory"));
}

static void test_read_file_directory(void **state)
{
    (void)state;
    unsigned char *bytes;
    size_t n;
    zc_error_t err = {0};
    assert_int_equal(zc_read_file(LOADER_DATA, &bytes, &n, &err), ZC_ERR_IO);
    assert_null(bytes);
    assert_string_equal(err.message, LOADER_DATA ": is a directory");
}

static void test_read_file_not_regular(void **state)
{
    (void)state;
    unsigned char *bytes;
    size_t n;
    zc_error_t err = {0};
    assert_int_equal(zc_read_file("/dev/null", &bytes, &n, &err), ZC_ERR_IO);
    assert_string_equal(err.message, "/dev/null: not a regular file");
}

static void test_read_file_empty_and_whole(void **state)
{
    (void)state;
    char *dir = zc_test_tmpdir();
    char path[1024];
    snprintf(path, sizeof path, "%s/empty.txt", dir);
    zc_test_write_file(path, "", 0);

    unsigned char *bytes = NULL;
    size_t n = 99;
    zc_error_t err = {0};
    assert_int_equal(zc_read_file(path, &bytes, &n, &err), ZC_OK);
    assert_non_null(bytes);
    assert_int_equal(n, 0);
    assert_string_equal(detect_ok(bytes, n), "UTF-8");
    zc_cptext_t t;
    zc_cptext_init(&t);
    assert_int_equal(zc_cptext_push(&t, 'x', 0, 1), ZC_OK);
    decode_ok(bytes, n, "UTF-8", &t);
    assert_int_equal(t.len, 0);
    zc_cptext_free(&t);
    free(bytes);

    /* Bigger than one read() and than the detection sample. */
    size_t big = 200000;
    char *data = malloc(big);
    assert_non_null(data);
    for (size_t i = 0; i < big; i++)
        data[i] = (char)('a' + i % 26);
    snprintf(path, sizeof path, "%s/big.txt", dir);
    zc_test_write_file(path, data, big);
    assert_int_equal(zc_read_file(path, &bytes, &n, &err), ZC_OK);
    assert_int_equal(n, big);
    assert_memory_equal(bytes, data, big);
    free(bytes);
    free(data);

    zc_test_remove_tree(dir);
    free(dir);
}

static void test_read_file_max(void **state)
{
    (void)state;
    char *dir = zc_test_tmpdir();
    char path[1024], want[1200];
    snprintf(path, sizeof path, "%s/ten.txt", dir);
    zc_test_write_file(path, "0123456789", 10);

    unsigned char *bytes = NULL;
    size_t n = 99;
    zc_error_t err = {0};
    /* At the limit, above it, no limit (0) and the largest limit. */
    assert_int_equal(zc_read_file_max(path, 10, &bytes, &n, &err), ZC_OK);
    assert_int_equal(n, 10);
    assert_memory_equal(bytes, "0123456789", 11);
    free(bytes);
    assert_int_equal(zc_read_file_max(path, 9, &bytes, &n, &err), ZC_ERR_LIMIT);
    assert_null(bytes);
    assert_int_equal(n, 0);
    snprintf(want, sizeof want, "%s: larger than 9 bytes", path);
    assert_string_equal(err.message, want);
    assert_int_equal(zc_read_file_max(path, 0, &bytes, &n, &err), ZC_OK);
    assert_int_equal(n, 10);
    free(bytes);
    assert_int_equal(zc_read_file_max(path, SIZE_MAX, &bytes, &n, &err), ZC_OK);
    assert_int_equal(n, 10);
    free(bytes);
    assert_int_equal(zc_read_file_max(path, SIZE_MAX - 1, &bytes, &n, &err), ZC_OK);
    assert_int_equal(n, 10);
    free(bytes);

    /* A regular file whose size fstat() gives as 0 but that has more to
     * read: the limit holds while reading too. */
    assert_int_equal(zc_read_file_max("/proc/self/status", 16, &bytes, &n, &err),
                     ZC_ERR_LIMIT);
    assert_null(bytes);
    assert_string_equal(err.message, "/proc/self/status: larger than 16 bytes");
    assert_int_equal(zc_read_file_max("/proc/self/status", 0, &bytes, &n, &err),
                     ZC_OK);
    assert_true(n > 16);
    free(bytes);

    zc_test_remove_tree(dir);
    free(dir);
}

/* ---- UTF-8 ------------------------------------------------------------ */

static void test_utf8_without_bom(void **state)
{
    (void)state;
    /* a, 中 (3 bytes), CR LF kept as two code points, é (2 bytes),
     * U+1F600 (4 bytes) */
    static const char s[] = "a\xE4\xB8\xAD\r\n\xC3\xA9\xF0\x9F\x98\x80";
    size_t n = sizeof s - 1;
    assert_string_equal(detect_ok(s, n), "UTF-8");
    zc_cptext_t t;
    zc_cptext_init(&t);
    decode_ok(s, n, "UTF-8", &t);
    assert_int_equal(t.len, 6);
    assert_cp(&t, 0, 'a', 0, 1);
    assert_cp(&t, 1, 0x4E2D, 1, 4);
    assert_cp(&t, 2, '\r', 4, 5);
    assert_cp(&t, 3, '\n', 5, 6);
    assert_cp(&t, 4, 0xE9, 6, 8);
    assert_cp(&t, 5, 0x1F600, 8, 12);
    zc_cptext_free(&t);
}

static void test_utf8_with_bom_skips_it(void **state)
{
    (void)state;
    static const char s[] = "\xEF\xBB\xBF\xE4\xB8\xAD" "1%";
    size_t n = sizeof s - 1;
    assert_string_equal(detect_ok(s, n), "UTF-8");
    zc_cptext_t t;
    zc_cptext_init(&t);
    decode_ok(s, n, "UTF-8", &t);
    assert_int_equal(t.len, 3);
    assert_cp(&t, 0, 0x4E2D, 3, 6);
    assert_cp(&t, 1, '1', 6, 7);
    assert_cp(&t, 2, '%', 7, 8);
    zc_cptext_free(&t);

    char *text = NULL;
    zc_error_t err = {0};
    assert_int_equal(zc_decode_slice_utf8((const unsigned char *)s, n, 0, n,
                                          "UTF-8", &text, &err), ZC_OK);
    assert_string_equal(text, "\xE4\xB8\xAD" "1%");
    free(text);
}

static void test_utf8_invalid_sequences_name_offset(void **state)
{
    (void)state;
    assert_decode_fails("ab\xC3(", 4, "UTF-8", "byte offset 2");
    /* overlong '/', a UTF-16 surrogate, above U+10FFFF, truncated at end */
    assert_decode_fails("x\xC0\xAF", 3, "UTF-8", "byte offset 1");
    assert_decode_fails("xy\xED\xA0\x80", 5, "UTF-8", "byte offset 2");
    assert_decode_fails("\xF4\x90\x80\x80", 4, "UTF-8", "byte offset 0");
    assert_decode_fails("abc\xE4\xB8", 5, "UTF-8", "byte offset 3");
}

/* ---- UTF-16 ----------------------------------------------------------- */

static void test_utf16le_with_bom(void **state)
{
    (void)state;
    /* BOM, 中, a, U+1F600 as a surrogate pair */
    static const unsigned char s[] = {0xFF, 0xFE, 0x2D, 0x4E, 0x61, 0x00,
                                      0x3D, 0xD8, 0x00, 0xDE};
    assert_string_equal(detect_ok(s, sizeof s), "UTF-16LE");
    zc_cptext_t t;
    zc_cptext_init(&t);
    decode_ok(s, sizeof s, "UTF-16LE", &t);
    assert_int_equal(t.len, 3);
    assert_cp(&t, 0, 0x4E2D, 2, 4);
    assert_cp(&t, 1, 'a', 4, 6);
    assert_cp(&t, 2, 0x1F600, 6, 10);
    assert_ranges_round_trip(s, sizeof s, "UTF-16LE", &t, 2);
    zc_cptext_free(&t);
}

static void test_utf16be_with_bom(void **state)
{
    (void)state;
    static const unsigned char s[] = {0xFE, 0xFF, 0x4E, 0x2D, 0x00, 0x61,
                                      0xD8, 0x3D, 0xDE, 0x00, 0x00, 0x0A};
    assert_string_equal(detect_ok(s, sizeof s), "UTF-16BE");
    zc_cptext_t t;
    zc_cptext_init(&t);
    decode_ok(s, sizeof s, "UTF-16BE", &t);
    assert_int_equal(t.len, 4);
    assert_cp(&t, 0, 0x4E2D, 2, 4);
    assert_cp(&t, 1, 'a', 4, 6);
    assert_cp(&t, 2, 0x1F600, 6, 10);
    assert_cp(&t, 3, '\n', 10, 12);
    zc_cptext_free(&t);
}

static void test_utf16le_without_bom_by_its_nuls(void **state)
{
    (void)state;
    /* "GDP 5%\n增长" in UTF-16LE, no BOM: the NULs give it away. */
    static const char ascii[] = "GDP 5%\n";
    unsigned char s[64];
    size_t n = 0;
    for (size_t i = 0; ascii[i]; i++) {
        s[n++] = (unsigned char)ascii[i];
        s[n++] = 0;
    }
    static const unsigned char han[] = {0x9E, 0x58, 0x7F, 0x95}; /* 增长 */
    memcpy(s + n, han, sizeof han);
    n += sizeof han;
    assert_string_equal(detect_ok(s, n), "UTF-16LE");
    zc_cptext_t t;
    zc_cptext_init(&t);
    decode_ok(s, n, "UTF-16LE", &t);
    assert_int_equal(t.len, 9);
    assert_cp(&t, 0, 'G', 0, 2);
    assert_cp(&t, 7, 0x589E, 14, 16);
    assert_cp(&t, 8, 0x957F, 16, 18);
    zc_cptext_free(&t);
}

static void test_utf16_unpaired_surrogate_fails(void **state)
{
    (void)state;
    static const unsigned char s[] = {0xFF, 0xFE, 0x61, 0x00, 0x00, 0xDE,
                                      0x62, 0x00};
    assert_decode_fails(s, sizeof s, "UTF-16LE", "byte offset 4");
}

/* ---- GB18030 and Big5 ------------------------------------------------- */

/* The same traditional-script passage in three encodings must decode to the
 * same code points, each with a byte range in its own file. */
static void test_gb18030_and_big5_copies_agree(void **state)
{
    (void)state;
    size_t n8, ngb, nb5;
    unsigned char *u8 = read_fixture("trad.utf8.txt", &n8);
    unsigned char *gb = read_fixture("trad.gb18030.txt", &ngb);
    unsigned char *b5 = read_fixture("trad.big5.txt", &nb5);
    assert_string_equal(detect_ok(u8, n8), "UTF-8");
    assert_string_equal(detect_ok(gb, ngb), "GB18030");
    assert_string_equal(detect_ok(b5, nb5), "Big5");

    zc_cptext_t t8, tgb, tb5;
    zc_cptext_init(&t8);
    zc_cptext_init(&tgb);
    zc_cptext_init(&tb5);
    decode_ok(u8, n8, "UTF-8", &t8);
    decode_ok(gb, ngb, "GB18030", &tgb);
    decode_ok(b5, nb5, "Big5", &tb5);
    assert_int_equal(t8.len, 182);
    assert_int_equal(tgb.len, t8.len);
    assert_int_equal(tb5.len, t8.len);
    assert_memory_equal(tgb.cp, t8.cp, t8.len * sizeof *t8.cp);
    assert_memory_equal(tb5.cp, t8.cp, t8.len * sizeof *t8.cp);

    /* 上 is the first character: two bytes in both, three in UTF-8. */
    assert_cp(&tgb, 0, 0x4E0A, 0, 2);
    assert_cp(&tb5, 0, 0x4E0A, 0, 2);
    assert_cp(&t8, 0, 0x4E0A, 0, 3);
    /* Both double-byte encodings give ASCII one byte and Han two, so their
     * ranges coincide here. */
    assert_memory_equal(tgb.src_start, tb5.src_start,
                        t8.len * sizeof *t8.src_start);
    assert_ranges_round_trip(u8, n8, "UTF-8", &t8, 0);
    assert_ranges_round_trip(gb, ngb, "GB18030", &tgb, 0);
    assert_ranges_round_trip(b5, nb5, "Big5", &tb5, 0);

    zc_cptext_free(&t8);
    zc_cptext_free(&tgb);
    zc_cptext_free(&tb5);
    free(u8);
    free(gb);
    free(b5);
}

static void test_short_texts_resolved_by_reading(void **state)
{
    (void)state;
    /* Six characters each: ICU's detector gives both encodings 10. Read as
     * GB18030 the Big5 bytes turn into 羬挤蹿ビ叫 (kana), read as Big5 the
     * GB18030 bytes into 還奀畢遴扠 - both decode cleanly. */
    size_t n;
    unsigned char *b5 = read_fixture("short.big5.txt", &n);
    assert_int_equal(n, 12);
    assert_string_equal(detect_ok(b5, n), "Big5");
    free(b5);
    unsigned char *gb = read_fixture("short.gb18030.txt", &n);
    assert_int_equal(n, 12);
    assert_string_equal(detect_ok(gb, n), "GB18030");
    free(gb);
    /* Tax figures, mostly digits: ICU says Big5 at 40, GB18030 at 10. */
    gb = read_fixture("short_tax.gb18030.txt", &n);
    assert_string_equal(detect_ok(gb, n), "GB18030");
    free(gb);
}

static void test_gb18030_four_byte_sequences(void **state)
{
    (void)state;
    /* 中, U+3400 (81 39 EE 39), U+1F600 (94 39 FC 36, a surrogate pair in
     * UTF-16), 9 */
    static const unsigned char s[] = {0xD6, 0xD0, 0x81, 0x39, 0xEE, 0x39, 0x94,
                                      0x39, 0xFC, 0x36, '9'};
    zc_cptext_t t;
    zc_cptext_init(&t);
    decode_ok(s, sizeof s, "GB18030", &t);
    assert_int_equal(t.len, 4);
    assert_cp(&t, 0, 0x4E2D, 0, 2);
    assert_cp(&t, 1, 0x3400, 2, 6);
    assert_cp(&t, 2, 0x1F600, 6, 10);
    assert_cp(&t, 3, '9', 10, 11);
    assert_ranges_round_trip(s, sizeof s, "GB18030", &t, 0);
    zc_cptext_free(&t);
}

/* Far more than one conversion chunk, with surrogate pairs straddling every
 * chunk boundary (an odd number of one-UChar characters first). */
static void test_gb18030_long_input_across_chunks(void **state)
{
    (void)state;
    const size_t reps = 7001;
    size_t n = 1 + 4 * reps;
    unsigned char *s = malloc(n);
    assert_non_null(s);
    s[0] = 'x';
    for (size_t i = 0; i < reps; i++)
        memcpy(s + 1 + 4 * i, "\x94\x39\xFC\x36", 4);
    assert_string_equal(detect_ok(s, n), "GB18030");
    zc_cptext_t t;
    zc_cptext_init(&t);
    decode_ok(s, n, "GB18030", &t);
    assert_int_equal(t.len, 1 + reps);
    assert_cp(&t, 0, 'x', 0, 1);
    for (size_t i = 0; i < reps; i++) {
        assert_int_equal(t.cp[1 + i], 0x1F600);
        assert_int_equal(t.src_start[1 + i], 1 + 4 * i);
        assert_int_equal(zc_cptext_end(&t, 1 + i), 5 + 4 * i);
    }
    zc_cptext_free(&t);
    free(s);
}

static void test_gb18030_invalid_and_truncated(void **state)
{
    (void)state;
    /* 中 then 0x80, which GB18030 never uses alone */
    assert_decode_fails("\xD6\xD0\x80" "a", 4, "GB18030", "byte offset 2");
    /* a lead byte with nothing after it */
    assert_decode_fails("\xD6\xD0\xD6", 3, "GB18030", "byte offset 2");
    /* Big5: A3 FE is unassigned */
    assert_decode_fails("\xA4\xA4\xA3\xFE", 4, "Big5", "byte offset 2");
}

static void test_slice_utf8_gb18030_and_big5(void **state)
{
    (void)state;
    static const char want[] = "財政預算案";
    static const unsigned char gb_word[] = {0xD8, 0x94, 0xD5, 0xFE, 0xEE,
                                            0x41, 0xCB, 0xE3, 0xB0, 0xB8};
    static const unsigned char b5_word[] = {0xB0, 0x5D, 0xAC, 0x46, 0xB9,
                                            0x77, 0xBA, 0xE2, 0xAE, 0xD7};
    const struct {
        const char *file, *enc;
        const unsigned char *word;
    } cases[] = {{"trad.gb18030.txt", "GB18030", gb_word},
                 {"trad.big5.txt", "Big5", b5_word},
                 {"trad.utf8.txt", "UTF-8", (const unsigned char *)want}};
    for (size_t c = 0; c < 3; c++) {
        size_t n;
        unsigned char *bytes = read_fixture(cases[c].file, &n);
        size_t wlen = c == 2 ? strlen(want) : 10;
        const unsigned char *at = find_bytes(bytes, n, cases[c].word, wlen);
        assert_non_null(at);
        size_t start = (size_t)(at - bytes);
        char *text = NULL;
        zc_error_t err = {0};
        assert_int_equal(zc_decode_slice_utf8(bytes, n, start, start + wlen,
                                              cases[c].enc, &text, &err),
                         ZC_OK);
        assert_string_equal(text, want);
        free(text);
        /* An empty range is an empty string, not an error. */
        assert_int_equal(zc_decode_slice_utf8(bytes, n, start, start,
                                              cases[c].enc, &text, &err),
                         ZC_OK);
        assert_string_equal(text, "");
        free(text);
        free(bytes);
    }
}

/* One decoder for many spans: an error leaves no state behind for the next
 * span, and the scratch grows for a longer one. */
static void test_slice_decoder_reuse(void **state)
{
    (void)state;
    size_t reps = 2000, n = 4 + 2 * reps;
    unsigned char *bytes = malloc(n);
    assert_non_null(bytes);
    memcpy(bytes, "\xD6\xD0\xCE\xC4", 4); /* 中文 in GB18030 */
    for (size_t i = 0; i < reps; i++)
        memcpy(bytes + 4 + 2 * i, "\xD6\xD0", 2);
    zc_arena_t arena;
    zc_arena_init(&arena);
    zc_slice_decoder_t d;
    zc_slice_decoder_init(&d, bytes, n, "GB18030");
    const char *text = NULL;
    zc_error_t err = {0};
    assert_int_equal(zc_slice_decode(&d, 0, 2, &arena, &text, &err), ZC_OK);
    assert_string_equal(text, "中");
    assert_int_equal(zc_slice_decode(&d, 2, 3, &arena, &text, &err), ZC_ERR_DECODE);
    assert_null(text);
    assert_non_null(strstr(err.message, "[2, 3)"));
    assert_int_equal(zc_slice_decode(&d, 2, 4, &arena, &text, &err), ZC_OK);
    assert_string_equal(text, "文");
    assert_int_equal(zc_slice_decode(&d, 4, n, &arena, &text, &err), ZC_OK);
    assert_int_equal(strlen(text), 3 * reps);
    for (size_t i = 0; i < reps; i++)
        assert_memory_equal(text + 3 * i, "中", 3);
    assert_int_equal(zc_slice_decode(&d, 3, n + 1, &arena, &text, &err),
                     ZC_ERR_INVALID);
    zc_slice_decoder_close(&d);

    /* UTF-8: the document's own bytes, copied. */
    zc_slice_decoder_init(&d, (const unsigned char *)"\xEF\xBB\xBF" "ab", 5,
                          "UTF-8");
    assert_int_equal(zc_slice_decode(&d, 0, 4, &arena, &text, &err), ZC_OK);
    assert_string_equal(text, "a");
    assert_int_equal(zc_slice_decode(&d, 3, 5, &arena, &text, &err), ZC_OK);
    assert_string_equal(text, "ab");
    zc_slice_decoder_close(&d);
    zc_arena_free(&arena);
    free(bytes);
}

static void test_slice_utf8_errors(void **state)
{
    (void)state;
    char *text = (char *)"sentinel";
    zc_error_t err = {0};
    /* half a character */
    assert_int_equal(zc_decode_slice_utf8((const unsigned char *)"\xD6\xD0",
                                          2, 0, 1, "GB18030", &text, &err),
                     ZC_ERR_DECODE);
    assert_null(text);
    assert_non_null(strstr(err.message, "[0, 1)"));
    /* past the end of the document */
    assert_int_equal(zc_decode_slice_utf8((const unsigned char *)"abc", 3, 1, 4,
                                          "UTF-8", &text, &err),
                     ZC_ERR_INVALID);
    assert_int_equal(zc_decode_slice_utf8((const unsigned char *)"abc", 3, 2, 1,
                                          "UTF-8", &text, &err),
                     ZC_ERR_INVALID);
    assert_int_equal(zc_decode_slice_utf8((const unsigned char *)"abc", 3, 0, 3,
                                          "no-such-encoding", &text, &err),
                     ZC_ERR_NOT_FOUND);
    assert_non_null(strstr(err.message, "no-such-encoding"));
}

/* ---- binary and unknown ----------------------------------------------- */

static void test_binary_nul_is_decode_error(void **state)
{
    (void)state;
    /* An ELF header: NULs on both byte parities, so not UTF-16 either. */
    static const unsigned char s[] = {0x7F, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0,
                                      0,    0,   0,   0,   2, 0, 0x3E, 0};
    assert_detect_fails(s, sizeof s, "binary content (NUL byte at offset 7)");
}

static void test_text_with_a_nul_is_binary(void **state)
{
    (void)state;
    static const char s[] = "GDP grew 5.2% in 2023\0 and more text here";
    assert_detect_fails(s, sizeof s - 1,
                        "binary content (NUL byte at offset 21)");
}

static void test_control_bytes_are_binary(void **state)
{
    (void)state;
    static const char s[] = "abc\x01\x02\x03\x04\x05" "def";
    assert_detect_fails(s, sizeof s - 1,
                        "binary content (5 control bytes, the first at offset "
                        "3)");
    /* One stray ESC in a line of text is not binary; tabs, CR, LF and FF are
     * text. */
    static const char ok[] = "\xE5\xA2\x9E\xE9\x95\xBF 5%\x1B\t\r\n\f end";
    assert_string_equal(detect_ok(ok, sizeof ok - 1), "UTF-8");
}

static void test_invalid_in_every_encoding(void **state)
{
    (void)state;
    /* 0x80 alone and 0xFF are invalid in UTF-8, GB18030 and Big5, and an odd
     * length without NULs is no UTF-16. */
    static const char s[] = "abc\x80\x80\xFF" "def";
    assert_detect_fails(s, sizeof s - 1, "invalid UTF-8 at byte offset 3");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cptext_push_grows_and_keeps_contents),
        cmocka_unit_test(test_read_file_missing_names_path_and_reason),
        cmocka_unit_test(test_read_file_directory),
        cmocka_unit_test(test_read_file_not_regular),
        cmocka_unit_test(test_read_file_empty_and_whole),
        cmocka_unit_test(test_read_file_max),
        cmocka_unit_test(test_utf8_without_bom),
        cmocka_unit_test(test_utf8_with_bom_skips_it),
        cmocka_unit_test(test_utf8_invalid_sequences_name_offset),
        cmocka_unit_test(test_utf16le_with_bom),
        cmocka_unit_test(test_utf16be_with_bom),
        cmocka_unit_test(test_utf16le_without_bom_by_its_nuls),
        cmocka_unit_test(test_utf16_unpaired_surrogate_fails),
        cmocka_unit_test(test_gb18030_and_big5_copies_agree),
        cmocka_unit_test(test_short_texts_resolved_by_reading),
        cmocka_unit_test(test_gb18030_four_byte_sequences),
        cmocka_unit_test(test_gb18030_long_input_across_chunks),
        cmocka_unit_test(test_gb18030_invalid_and_truncated),
        cmocka_unit_test(test_slice_utf8_gb18030_and_big5),
        cmocka_unit_test(test_slice_utf8_errors),
        cmocka_unit_test(test_slice_decoder_reuse),
        cmocka_unit_test(test_binary_nul_is_decode_error),
        cmocka_unit_test(test_text_with_a_nul_is_binary),
        cmocka_unit_test(test_control_bytes_are_binary),
        cmocka_unit_test(test_invalid_in_every_encoding),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
