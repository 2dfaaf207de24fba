/*
 * decode.c - reading a document's bytes, naming their encoding, and decoding
 * them into code points that remember their original byte ranges.
 *
 * UTF-8 is decoded by hand: it is what nearly every report comes in, it is
 * the per-character hot path, and its byte ranges fall out of the loop for
 * free. Everything else goes through an ICU converter whose offsets array
 * gives the source index of each UChar; the STOP callback makes invalid
 * bytes an error instead of a silent U+FFFD.
 *
 * Detection cannot be certain for short GB18030/Big5 texts: almost every
 * Big5 byte pair is also a valid GB18030 pair, and ICU's detector gives both
 * the same low confidence when it has seen fewer than a dozen double-byte
 * characters. So both are tried strictly on a sample; when both decode
 * cleanly, the reading that looks like Chinese (CJK ideographs and CJK
 * punctuation rather than the private-use codes, kana, bopomofo or Cyrillic
 * that the wrong table produces) wins, and the detector - which is slow -
 * is asked only when the two readings score about the same.
 */
#include "decode.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include "error.h"
#include "utf8.h"

static const char ENC_UTF8[] = "UTF-8";
static const char ENC_UTF16LE[] = "UTF-16LE";
static const char ENC_UTF16BE[] = "UTF-16BE";
static const char ENC_GB18030[] = "GB18030";
static const char ENC_BIG5[] = "Big5";

/* UChars converted per ICU call: bounds the scratch memory of a decode. */
enum { CHUNK = 4096 };

/* Trial decodes look at no more than this many leading bytes, which keeps
 * detection cheap on large files; decoding still checks every byte. */
enum { SAMPLE_MAX = 16 * 1024 };

/* ICU's detector costs about 0.4 microseconds a byte (it runs some thirty
 * recognisers), so it gets less, and only when the cheaper tests leave the
 * question open. A few KB is plenty for its statistics. */
enum { DETECTOR_MAX = 4 * 1024 };

/* ------------------------------------------------------------------------ */
/* Reading a file                                                            */
/* ------------------------------------------------------------------------ */

static zc_status_t io_error(zc_error_t *err, const char *path,
                            const char *what, int errnum)
{
    char reason[256];
    if (strerror_r(errnum, reason, sizeof reason) != 0)
        strcpy(reason, "unknown error");
    return zc_error_set(err, ZC_ERR_IO, "%s: %s: %s", path, what, reason);
}

static zc_status_t too_large(zc_error_t *err, const char *path,
                             size_t max_bytes)
{
    return zc_error_set(err, ZC_ERR_LIMIT, "%s: larger than %zu bytes", path,
                        max_bytes);
}

/* Read fd to EOF into a NUL-terminated buffer of at least hint+1 bytes;
 * growing covers a file that grew since fstat(). More than max bytes (a
 * file that grew past the limit after fstat) fails with ZC_ERR_LIMIT: at
 * most max + 1 bytes are ever asked of read(), and max is below SIZE_MAX,
 * so no sum here can overflow. */
static zc_status_t read_fd(int fd, const char *path, size_t hint, size_t max,
                           unsigned char **bytes, size_t *n, zc_error_t *err)
{
    size_t cap = hint + 1, len = 0;
    unsigned char *buf = malloc(cap);
    if (!buf)
        return zc_error_set(err, ZC_ERR_NOMEM, "%s: out of memory", path);
    for (;;) {
        /* Keep one byte spare for the terminating NUL. */
        if (len + 1 >= cap) {
            unsigned char *bigger = cap < SIZE_MAX / 2 ? realloc(buf, cap * 2)
                                                       : NULL;
            if (!bigger) {
                free(buf);
                return zc_error_set(err, ZC_ERR_NOMEM, "%s: out of memory",
                                    path);
            }
            buf = bigger;
            cap *= 2;
        }
        /* len <= max < SIZE_MAX here, so max - len + 1 cannot wrap. */
        size_t want = cap - len - 1;
        if (want > max - len + 1)
            want = max - len + 1;
        ssize_t got = read(fd, buf + len, want);
        if (got == 0)
            break;
        if (got < 0) {
            if (errno == EINTR)
                continue;
            int saved = errno;
            free(buf);
            return io_error(err, path, "cannot read", saved);
        }
        len += (size_t)got;
        if (len > max) {
            free(buf);
            return too_large(err, path, max);
        }
    }
    buf[len] = '\0';
    *bytes = buf;
    *n = len;
    return ZC_OK;
}

zc_status_t zc_read_file_max(const char *path, size_t max_bytes,
                             unsigned char **bytes, size_t *n,
                             zc_error_t *err)
{
    *bytes = NULL;
    *n = 0;
    /* The buffer holds the bytes and a NUL, so SIZE_MAX - 1 bytes is the
     * most any file can give; a larger limit (or none) is that one. */
    size_t max = max_bytes == 0 || max_bytes >= SIZE_MAX - 1 ? SIZE_MAX - 1
                                                              : max_bytes;
    /* O_NONBLOCK so that naming a FIFO fails below instead of hanging in
     * open() waiting for a writer. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return io_error(err, path, "cannot open", errno);
    struct stat st;
    zc_status_t status;
    if (fstat(fd, &st) != 0)
        status = io_error(err, path, "cannot stat", errno);
    else if (S_ISDIR(st.st_mode))
        status = zc_error_set(err, ZC_ERR_IO, "%s: is a directory", path);
    else if (!S_ISREG(st.st_mode))
        status = zc_error_set(err, ZC_ERR_IO, "%s: not a regular file", path);
    else if (max_bytes != 0 && (uintmax_t)st.st_size > (uintmax_t)max_bytes)
        status = too_large(err, path, max_bytes);
    else if ((uintmax_t)st.st_size >= SIZE_MAX)
        status = zc_error_set(err, ZC_ERR_LIMIT, "%s: file too large", path);
    else
        status = read_fd(fd, path, (size_t)st.st_size, max, bytes, n, err);
    close(fd);
    return status;
}

zc_status_t zc_read_document(const char *path, size_t max_bytes,
                             unsigned char **bytes, size_t *n_bytes,
                             zc_error_t *err)
{
    return zc_read_file_max(path, max_bytes, bytes, n_bytes, err);
}

zc_status_t zc_read_file(const char *path, unsigned char **bytes, size_t *n,
                         zc_error_t *err)
{
    return zc_read_file_max(path, 0, bytes, n, err);
}

/* ------------------------------------------------------------------------ */
/* UTF-8                                                                     */
/* ------------------------------------------------------------------------ */

/* Decode and validate in one pass. On an ill-formed sequence it fails with
 * *bad set to the offset of the first byte that is not valid UTF-8. */
static zc_status_t decode_utf8_at(const unsigned char *s, size_t n,
                                  size_t skip, zc_cptext_t *out, size_t *bad)
{
    /* n bytes of UTF-8 hold at most n code points, so the loop below writes
     * straight into the arrays without a capacity check. */
    if (zc_cptext_reserve(out, n - skip) != ZC_OK)
        return ZC_ERR_NOMEM;
    int32_t *restrict cps = out->cp;
    uint32_t *restrict starts = out->src_start;
    uint8_t *restrict lens = out->src_len;
    size_t k = 0, i = skip;
    while (i < n) {
        /* A run of three-byte sequences (CJK text) in a loop of its own
         * that tests each in one go: a lead E0-EF and two continuation
         * bytes make a value below U+10000, which is well-formed unless it
         * is overlong (below U+0800, from E0) or a surrogate (from ED):
         * table 3-7 again. Anything else leaves it for the general case. */
        while (n - i >= 3) {
            uint32_t w = s[i] | (uint32_t)s[i + 1] << 8 |
                         (uint32_t)s[i + 2] << 16;
            if ((w & 0xC0C0F0) != 0x8080E0)
                break;
            int32_t cp = (int32_t)((w & 0x0F) << 12 | (w >> 2 & 0xFC0) |
                                   (w >> 16 & 0x3F));
            if (cp < 0x800 || (cp & 0xF800) == 0xD800)
                break;
            cps[k] = cp;
            starts[k] = (uint32_t)i;
            lens[k] = 3;
            k++;
            i += 3;
        }
        if (i == n)
            break;
        int32_t cp;
        size_t len = zc_utf8_next(s + i, n - i, &cp);
        if (len == 0) {
            out->len = k;
            *bad = i;
            return ZC_ERR_DECODE;
        }
        cps[k] = cp;
        starts[k] = (uint32_t)i;
        lens[k] = (uint8_t)len;
        k++;
        i += len;
    }
    out->len = k;
    return ZC_OK;
}

static zc_status_t decode_utf8(const unsigned char *s, size_t n, size_t skip,
                               zc_cptext_t *out, zc_error_t *err)
{
    size_t bad = n;
    zc_status_t st = decode_utf8_at(s, n, skip, out, &bad);
    if (st == ZC_ERR_NOMEM)
        return zc_error_set(err, st, "out of memory decoding %zu bytes", n);
    if (st != ZC_OK)
        return zc_error_set(err, st,
                            "invalid UTF-8 at byte offset %zu (byte 0x%02X)",
                            bad, s[bad]);
    return ZC_OK;
}

/* ------------------------------------------------------------------------ */
/* ICU conversion                                                            */
/* ------------------------------------------------------------------------ */

static int is_utf8(const char *encoding)
{
    return ucnv_compareNames(encoding, ENC_UTF8) == 0;
}

static int is_utf16(const char *encoding)
{
    return ucnv_compareNames(encoding, ENC_UTF16LE) == 0 ||
           ucnv_compareNames(encoding, ENC_UTF16BE) == 0;
}

/* Length of the byte order mark that opens s in encoding, or 0. */
static size_t bom_length(const unsigned char *s, size_t n,
                         const char *encoding)
{
    if (is_utf8(encoding))
        return n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF ? 3 : 0;
    if (ucnv_compareNames(encoding, ENC_UTF16LE) == 0)
        return n >= 2 && s[0] == 0xFF && s[1] == 0xFE ? 2 : 0;
    if (ucnv_compareNames(encoding, ENC_UTF16BE) == 0)
        return n >= 2 && s[0] == 0xFE && s[1] == 0xFF ? 2 : 0;
    return 0;
}

/* A converter that stops at the first invalid or unmapped byte sequence
 * rather than substituting U+FFFD. The caller closes *cnv. */
static zc_status_t open_strict(const char *encoding, UConverter **cnv,
                               zc_error_t *err)
{
    UErrorCode st = U_ZERO_ERROR;
    *cnv = ucnv_open(encoding, &st);
    if (U_SUCCESS(st))
        ucnv_setToUCallBack(*cnv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL,
                            &st);
    if (U_SUCCESS(st))
        return ZC_OK;
    ucnv_close(*cnv);
    *cnv = NULL;
    return zc_error_set(err, st == U_FILE_ACCESS_ERROR ? ZC_ERR_NOT_FOUND
                                                       : ZC_ERR_INVALID,
                        "no converter for encoding %s: %s", encoding,
                        u_errorName(st));
}

/* The byte offset where a conversion stopped on an invalid sequence: the
 * source pointer is past the bytes ICU rejected. */
static size_t invalid_offset(UConverter *cnv, const char *src_now,
                             const unsigned char *bytes)
{
    char bad[32];
    int8_t len = (int8_t)sizeof bad;
    UErrorCode st = U_ZERO_ERROR;
    ucnv_getInvalidChars(cnv, bad, &len, &st);
    size_t at = (size_t)(src_now - (const char *)bytes);
    if (U_FAILURE(st) || (size_t)len > at)
        return at;
    return at - (size_t)len;
}

/*
 * Where UChars become code points with byte ranges. A code point starts at
 * the source index of its first UChar; it ends where the next code point
 * with a different start begins (or at the end of the input). Code points
 * sharing one start (a character ICU expands into several) form a group
 * that keeps the whole range, as cptext.h asks. Index -1, which ICU gives to
 * UChars held over from the previous call, belongs to the current group.
 */
typedef struct sink_t {
    zc_cptext_t *out;
    size_t group;          /* first code point whose end is not known yet */
    uint32_t group_start;
    UChar lead;            /* a lead surrogate waiting for its trail */
    uint32_t lead_start;
    int has_lead;
} sink_t;

static zc_status_t sink_close_group(sink_t *k, uint32_t end)
{
    zc_cptext_t *t = k->out;
    for (size_t i = k->group; i < t->len; i++) {
        zc_status_t st = zc_cptext_set_range(t, i, t->src_start[i], end);
        if (st != ZC_OK)
            return st;
    }
    k->group = t->len;
    return ZC_OK;
}

static zc_status_t sink_emit(sink_t *k, int32_t cp, uint32_t start)
{
    zc_cptext_t *t = k->out;
    if (start != k->group_start) {
        zc_status_t st = sink_close_group(k, start);
        if (st != ZC_OK)
            return st;
        k->group_start = start;
    }
    /* The end is the group's, set when the group closes. */
    return zc_cptext_push(t, cp, start, start);
}

static zc_status_t sink_units(sink_t *k, const UChar *u, const int32_t *off,
                              size_t m, size_t base)
{
    for (size_t j = 0; j < m; j++) {
        UChar c = u[j];
        uint32_t start = off[j] < 0 ? k->group_start
                                    : (uint32_t)(base + (size_t)off[j]);
        zc_status_t st = ZC_OK;
        if (k->has_lead) {
            k->has_lead = 0;
            if (U16_IS_TRAIL(c)) {
                st = sink_emit(k, (int32_t)U16_GET_SUPPLEMENTARY(k->lead, c),
                               k->lead_start);
                if (st != ZC_OK)
                    return st;
                continue;
            }
            st = sink_emit(k, k->lead, k->lead_start);
        }
        if (st == ZC_OK && U16_IS_LEAD(c)) {
            k->lead = c;
            k->lead_start = start;
            k->has_lead = 1;
        } else if (st == ZC_OK) {
            st = sink_emit(k, c, start);
        }
        if (st != ZC_OK)
            return st;
    }
    return ZC_OK;
}

static zc_status_t sink_finish(sink_t *k, size_t n)
{
    if (k->has_lead) {
        k->has_lead = 0;
        zc_status_t st = sink_emit(k, k->lead, k->lead_start);
        if (st != ZC_OK)
            return st;
    }
    return sink_close_group(k, (uint32_t)n);
}

static zc_status_t decode_icu(const unsigned char *s, size_t n, size_t skip,
                              const char *encoding, zc_cptext_t *out,
                              zc_error_t *err)
{
    /* A UTF-16 code point takes at least two bytes; the other encodings at
     * least one. The sink still grows if a converter ever expands more. */
    size_t bound = is_utf16(encoding) ? (n - skip) / 2 + 1 : n - skip;
    if (zc_cptext_reserve(out, bound) != ZC_OK)
        return zc_error_set(err, ZC_ERR_NOMEM, "out of memory decoding "
                            "%zu bytes", n);
    UConverter *cnv;
    zc_status_t opened = open_strict(encoding, &cnv, err);
    if (opened != ZC_OK)
        return opened;

    sink_t sink = {.out = out, .group = 0, .group_start = (uint32_t)skip};
    UChar buf[CHUNK];
    int32_t offs[CHUNK];
    const char *src = (const char *)s + skip;
    const char *limit = (const char *)s + n;
    zc_status_t status = ZC_OK;
    UErrorCode st;
    do {
        size_t base = (size_t)(src - (const char *)s);
        UChar *tgt = buf;
        st = U_ZERO_ERROR;
        ucnv_toUnicode(cnv, &tgt, buf + CHUNK, &src, limit, offs, 1, &st);
        status = sink_units(&sink, buf, offs, (size_t)(tgt - buf), base);
    } while (status == ZC_OK && st == U_BUFFER_OVERFLOW_ERROR);

    if (status != ZC_OK)
        zc_error_set(err, status, "out of memory decoding %zu bytes", n);
    else if (U_FAILURE(st))
        status = zc_error_set(err, ZC_ERR_DECODE,
                              "invalid %s at byte offset %zu (%s)", encoding,
                              invalid_offset(cnv, src, s), u_errorName(st));
    else if (sink_finish(&sink, n) != ZC_OK)
        status = zc_error_set(err, ZC_ERR_NOMEM, "out of memory decoding "
                              "%zu bytes", n);
    ucnv_close(cnv);
    return status;
}

zc_status_t zc_decode(const unsigned char *bytes, size_t n,
                      const char *encoding, zc_cptext_t *out, zc_error_t *err)
{
    zc_cptext_clear(out);
    /* Byte ranges are stored as uint32_t. */
    if (n > UINT32_MAX)
        return zc_error_set(err, ZC_ERR_LIMIT, "document of %zu bytes is "
                            "larger than the 4 GiB limit", n);
    if (n == 0)
        return ZC_OK;
    size_t skip = bom_length(bytes, n, encoding);
    if (is_utf8(encoding))
        return decode_utf8(bytes, n, skip, out, err);
    return decode_icu(bytes, n, skip, encoding, out, err);
}

void zc_slice_decoder_init(zc_slice_decoder_t *d, const unsigned char *bytes,
                           size_t n, const char *encoding)
{
    memset(d, 0, sizeof *d);
    d->bytes = bytes;
    d->n = n;
    d->encoding = encoding;
    d->utf8 = is_utf8(encoding);
}

void zc_slice_decoder_close(zc_slice_decoder_t *d)
{
    ucnv_close(d->cnv);
    free(d->units);
    free(d->utf8_buf);
    memset(d, 0, sizeof *d);
}

/* Make *buf hold at least want elements of size bytes each. */
static int grow_scratch(void **buf, size_t *cap, size_t want, size_t size)
{
    if (want <= *cap)
        return 1;
    void *grown = realloc(*buf, want * size);
    if (!grown)
        return 0;
    *buf = grown;
    *cap = want;
    return 1;
}

/* The bytes [start, end) as UTF-8 at *out, *out_len bytes long (not
 * NUL-terminated; valid until the next call or close). UTF-8 is the
 * document's own bytes; anything else goes through the one converter,
 * opened on first use, and the decoder's scratch buffers. */
static zc_status_t slice_utf8(zc_slice_decoder_t *d, size_t start, size_t end,
                              const char **out, size_t *out_len,
                              zc_error_t *err)
{
    if (end < start || end > d->n)
        return zc_error_set(err, ZC_ERR_INVALID, "bad byte range [%zu, %zu)",
                            start, end);
    /* A BOM belongs to no code point, so it never reaches the text. */
    if (start == 0)
        start = bom_length(d->bytes, end, d->encoding);
    size_t len = end - start;
    if (d->utf8) {
        *out = (const char *)d->bytes + start;
        *out_len = len;
        return ZC_OK;
    }
    if (len > INT32_MAX / 3)
        return zc_error_set(err, ZC_ERR_LIMIT, "slice of %zu bytes is too "
                            "long", len);
    if (!d->cnv) {
        UConverter *cnv;
        zc_status_t opened = open_strict(d->encoding, &cnv, err);
        if (opened != ZC_OK)
            return opened;
        d->cnv = cnv;
    }
    /* No encoding we accept makes more UChars than bytes, and a UChar
     * becomes at most three UTF-8 bytes (a pair of them, four). */
    _Static_assert(sizeof(UChar) == sizeof *d->units, "UChar is 16 bits");
    if (!grow_scratch((void **)&d->units, &d->units_cap, len + 1,
                      sizeof *d->units) ||
        !grow_scratch((void **)&d->utf8_buf, &d->utf8_cap, 3 * len + 1, 1))
        return zc_error_set(err, ZC_ERR_NOMEM, "out of memory");
    UErrorCode st = U_ZERO_ERROR;
    int32_t utf8_len = 0;
    ucnv_resetToUnicode(d->cnv);
    UChar *units = (UChar *)d->units;
    int32_t ulen = ucnv_toUChars(d->cnv, units, (int32_t)len + 1,
                                 (const char *)d->bytes + start, (int32_t)len,
                                 &st);
    if (U_SUCCESS(st))
        u_strToUTF8(d->utf8_buf, (int32_t)(3 * len + 1), &utf8_len, units,
                    ulen, &st);
    if (U_FAILURE(st))
        return zc_error_set(err, ZC_ERR_DECODE,
                            "cannot decode bytes [%zu, %zu) as %s: %s", start,
                            end, d->encoding, u_errorName(st));
    *out = d->utf8_buf;
    *out_len = (size_t)utf8_len;
    return ZC_OK;
}

zc_status_t zc_slice_decode(zc_slice_decoder_t *d, size_t start, size_t end,
                            zc_arena_t *arena, const char **out,
                            zc_error_t *err)
{
    const char *s;
    size_t len;
    *out = NULL;
    zc_status_t st = slice_utf8(d, start, end, &s, &len, err);
    if (st != ZC_OK)
        return st;
    *out = zc_arena_strndup(arena, s, len);
    return *out ? ZC_OK : zc_error_set(err, ZC_ERR_NOMEM, "out of memory");
}

zc_status_t zc_decode_slice_utf8(const unsigned char *bytes, size_t n,
                                 size_t start, size_t end,
                                 const char *encoding, char **out,
                                 zc_error_t *err)
{
    zc_slice_decoder_t d;
    const char *s;
    size_t len;
    *out = NULL;
    zc_slice_decoder_init(&d, bytes, n, encoding);
    zc_status_t st = slice_utf8(&d, start, end, &s, &len, err);
    if (st == ZC_OK) {
        *out = malloc(len + 1);
        if (*out) {
            memcpy(*out, s, len);
            (*out)[len] = '\0';
        } else {
            st = zc_error_set(err, ZC_ERR_NOMEM, "out of memory");
        }
    }
    zc_slice_decoder_close(&d);
    return st;
}

/* ------------------------------------------------------------------------ */
/* Detection                                                                 */
/* ------------------------------------------------------------------------ */

/* The C0 controls that plain text uses: \t \n \f \r. */
static int is_text_control(unsigned c)
{
    return c == 0x09 || c == 0x0A || c == 0x0C || c == 0x0D;
}

static int is_stray_control(unsigned c)
{
    return c < 0x20 && !is_text_control(c);
}

/* Binary-looking bytes: NULs, and C0 controls that text does not use. */
typedef struct byte_stats_t {
    const unsigned char *first_nul;  /* NULL when there is none */
    size_t n_ctrl;
    size_t first_ctrl;
} byte_stats_t;

/* Whether any byte of w is below 0x20 (the classic "has less than" word
 * trick, exact for thresholds up to 0x80). */
static int word_has_c0(uint64_t w)
{
    const uint64_t ones = UINT64_C(0x0101010101010101);
    return ((w - ones * 0x20) & ~w & ones * 0x80) != 0;
}

/* One pass: a NUL is a stray control too, so the word test that finds the
 * controls finds it as well. */
static void scan_bytes(const unsigned char *s, size_t n, byte_stats_t *bs)
{
    bs->first_nul = NULL;
    bs->n_ctrl = 0;
    bs->first_ctrl = n;
    /* Text has a C0 byte (a line break) every few dozen bytes at most, so
     * looking at whole words first skips nearly all of the input. */
    size_t i = 0;
    while (i < n) {
        if (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, sizeof w);
            if (!word_has_c0(w)) {
                i += 8;
                continue;
            }
        }
        size_t stop = i + 8 < n ? i + 8 : n;
        for (; i < stop; i++) {
            if (!is_stray_control(s[i]))
                continue;
            if (bs->n_ctrl++ == 0)
                bs->first_ctrl = i;
            if (s[i] == 0 && !bs->first_nul)
                bs->first_nul = s + i;
        }
    }
}

/* "Many" stray controls: over 1% of the input, and more than a stray few
 * (a lone ESC or SUB in a report is a typo, not a binary file). */
static int too_many_controls(size_t n_ctrl, size_t n)
{
    return n_ctrl >= 4 && n_ctrl * 100 > n;
}

/*
 * How much a UChar looks like Chinese text. Ideographs and CJK punctuation
 * score; what a wrong GB18030/Big5 table turns common characters into
 * (private use, kana, bopomofo, Greek, Cyrillic, box drawing, vertical
 * forms, rare ideograph blocks) costs more than a right one earns.
 */
static int chinese_score(UChar c)
{
    if (c >= 0x4E00 && c <= 0x9FFF)
        return 2;
    if (c < 0x80)
        return 0;
    if ((c >= 0x3000 && c <= 0x303F) || (c >= 0xFF01 && c <= 0xFF5E) ||
        (c >= 0x2010 && c <= 0x2026) || c == 0x00B7)
        return 1;
    if (c >= 0xE000 && c <= 0xF8FF)
        return -6;
    if ((c >= 0x0370 && c <= 0x04FF) || (c >= 0x2500 && c <= 0x257F) ||
        (c >= 0x3040 && c <= 0x312F) || (c >= 0x3400 && c <= 0x4DBF) ||
        (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
        U16_IS_SURROGATE(c))
        return -3;
    return 0;
}

/* What a strict trial decode of a sample found. */
typedef struct probe_t {
    int ok;          /* decoded without an invalid sequence or C1 control */
    long score;      /* sum of chinese_score() */
    size_t n_nul;    /* U+0000 decoded */
    size_t n_ctrl;   /* stray C0 controls decoded */
    size_t n_ascii;  /* UChars below 0x80 */
    size_t n_units;
    size_t bad_at;   /* where an invalid sequence begins, when one stopped it */
} probe_t;

/* Decode s[0, len) strictly, in chunks, keeping only statistics. When the
 * sample is a prefix of the document, a character cut at its end is not an
 * error (flush is false). */
static void probe(const char *encoding, const unsigned char *s, size_t len,
                  int flush, probe_t *p)
{
    memset(p, 0, sizeof *p);
    UConverter *cnv;
    if (open_strict(encoding, &cnv, NULL) != ZC_OK)
        return;
    UChar buf[CHUNK];
    const char *src = (const char *)s + bom_length(s, len, encoding);
    const char *limit = (const char *)s + len;
    size_t n_c1 = 0;
    UErrorCode st;
    do {
        UChar *tgt = buf;
        st = U_ZERO_ERROR;
        ucnv_toUnicode(cnv, &tgt, buf + CHUNK, &src, limit, NULL, (UBool)flush,
                       &st);
        for (const UChar *u = buf; u < tgt; u++) {
            p->score += chinese_score(*u);
            p->n_nul += *u == 0;
            p->n_ascii += *u < 0x80;
            n_c1 += *u >= 0x80 && *u <= 0x9F;
            p->n_ctrl += *u < 0x20 && is_stray_control(*u);
        }
        p->n_units += (size_t)(tgt - buf);
    } while (st == U_BUFFER_OVERFLOW_ERROR);
    if (U_FAILURE(st))
        p->bad_at = invalid_offset(cnv, src, s);
    /* ICU's Big5 is Windows-950, which maps a lone 0x80 to U+0080: no
     * Chinese text has C1 controls, so they disqualify a reading. */
    p->ok = U_SUCCESS(st) && n_c1 == 0;
    ucnv_close(cnv);
}

/* ICU's detector, narrowed to the encodings we accept. */
typedef struct guesses_t {
    int32_t gb18030, big5, utf16le, utf16be; /* confidence, 0 = not named */
} guesses_t;

static void set_guess(guesses_t *g, const char *name, int32_t conf)
{
    int32_t *slot = NULL;
    if (!ucnv_compareNames(name, "GB18030") || !ucnv_compareNames(name, "GBK")
        || !ucnv_compareNames(name, "GB2312"))
        slot = &g->gb18030;
    else if (!ucnv_compareNames(name, "Big5"))
        slot = &g->big5;
    else if (!ucnv_compareNames(name, "UTF-16LE")) {
        slot = &g->utf16le;
    } else if (!ucnv_compareNames(name, "UTF-16BE")) {
        slot = &g->utf16be;
    }
    if (slot && *slot < conf)
        *slot = conf;
}

static void detect_icu(const unsigned char *s, size_t len, guesses_t *g)
{
    memset(g, 0, sizeof *g);
    UErrorCode st = U_ZERO_ERROR;
    UCharsetDetector *csd = ucsdet_open(&st);
    int32_t count = 0;
    const UCharsetMatch **matches = NULL;
    if (len > DETECTOR_MAX)
        len = DETECTOR_MAX;
    if (U_SUCCESS(st))
        ucsdet_setText(csd, (const char *)s, (int32_t)len, &st);
    if (U_SUCCESS(st))
        matches = ucsdet_detectAll(csd, &count, &st);
    for (int32_t i = 0; U_SUCCESS(st) && i < count; i++) {
        const char *name = ucsdet_getName(matches[i], &st);
        int32_t conf = ucsdet_getConfidence(matches[i], &st);
        if (U_SUCCESS(st) && conf > 0)
            set_guess(g, name, conf);
    }
    ucsdet_close(csd);
}

/* The detector's more (best) or less likely UTF-16, or NULL if unnamed. */
static const char *utf16_guess(const guesses_t *g, int best)
{
    int le_first = g->utf16le >= g->utf16be;
    int32_t conf = le_first == best ? g->utf16le : g->utf16be;
    if (conf <= 0)
        return NULL;
    return le_first == best ? ENC_UTF16LE : ENC_UTF16BE;
}

/* The UTF-16 whose ASCII would put the NULs where most of these are (an
 * ASCII character has its NUL second in UTF-16LE), or NULL. Not all of
 * them: 一 (U+4E00) and 最 (U+6700) have a NUL on the other side. */
static const char *utf16_by_parity(const unsigned char *s, size_t n)
{
    size_t even = 0, odd = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == 0) {
            if (i % 2)
                odd++;
            else
                even++;
        }
    }
    if (odd > 2 * even)
        return ENC_UTF16LE;
    if (even > 2 * odd)
        return ENC_UTF16BE;
    return NULL;
}

/*
 * Whether bytes read as text in a UTF-16 without BOM: decoded cleanly, no
 * U+0000 or stray controls, and either a fair share of ASCII (the digits and
 * line breaks of a report) or clearly Chinese (an average score of at least
 * 1). ASCII or binary bytes taken two at a time fail both: they give few
 * ASCII units and a scatter of ideographs, kana and rare blocks.
 */
static int utf16_reads_as_text(const char *encoding, const unsigned char *s,
                               size_t n, size_t sample)
{
    if (!encoding || n % 2)
        return 0;
    probe_t p;
    probe(encoding, s, sample & ~(size_t)1, sample == n, &p);
    if (!p.ok || p.n_units == 0 || p.n_nul > 0 ||
        too_many_controls(p.n_ctrl, p.n_units))
        return 0;
    return p.n_ascii * 8 >= p.n_units || p.score >= (long)p.n_units;
}

static zc_status_t binary_error(zc_error_t *err, const unsigned char *s,
                                const byte_stats_t *bs)
{
    if (bs->first_nul)
        return zc_error_set(err, ZC_ERR_DECODE,
                            "binary content (NUL byte at offset %zu)",
                            (size_t)(bs->first_nul - s));
    return zc_error_set(err, ZC_ERR_DECODE,
                        "binary content (%zu control bytes, the first at "
                        "offset %zu)", bs->n_ctrl, bs->first_ctrl);
}

/* Bytes with NULs or many controls: text only if they read as UTF-16. */
static zc_status_t detect_binary_or_utf16(const unsigned char *s, size_t n,
                                          size_t sample, const byte_stats_t *bs,
                                          const char **encoding,
                                          zc_error_t *err)
{
    const char *u16 = utf16_by_parity(s, sample);
    if (utf16_reads_as_text(u16, s, n, sample)) {
        *encoding = u16;
        return ZC_OK;
    }
    guesses_t g;
    detect_icu(s, sample, &g);
    const char *tries[2] = {utf16_guess(&g, 1), utf16_guess(&g, 0)};
    for (size_t i = 0; i < 2; i++) {
        if (tries[i] != u16 && utf16_reads_as_text(tries[i], s, n, sample)) {
            *encoding = tries[i];
            return ZC_OK;
        }
    }
    return binary_error(err, s, bs);
}

/*
 * The detector's pick between two clean CJK decodings counts only when it is
 * sure. ICU gives both a flat 10 to texts too short to judge, and it was
 * seen giving Big5 40 (and GB18030 10) to 64 characters of GB18030 tax
 * figures that are mostly digits; at 50 and above it was not seen wrong.
 */
enum { DETECTOR_SURE = 50 };

static const char *detector_pick(const guesses_t *g)
{
    if (g->gb18030 >= DETECTOR_SURE && g->gb18030 > g->big5)
        return ENC_GB18030;
    if (g->big5 >= DETECTOR_SURE && g->big5 > g->gb18030)
        return ENC_BIG5;
    return NULL;
}

/*
 * A score lead this large (a handful of private-use codes, kana or bopomofo
 * in the other reading) settles GB18030 against Big5 without the detector.
 * On random snippets of the seed documents the score alone was never less
 * accurate than the detector, at any length.
 */
enum { SCORE_DECISIVE = 20 };

/*
 * Is the ideograph c one of the common characters of either script: GB2312
 * level 1 (3,755 simplified, EUC-CN B0A1-D7F9) or Big5 level 1 (5,401
 * traditional, A440-C67E)? A wrong reading of Chinese bytes gives
 * ideographs as well, but mostly rare ones (醫院3間 in Big5 read as
 * GB18030 is 洛皘3丁: 皘 is in neither list).
 */
static int is_common_han(UConverter *gb2312, UConverter *big5, UChar c)
{
    char b[8];
    UErrorCode st = U_ZERO_ERROR;
    int32_t n = ucnv_fromUChars(gb2312, b, (int32_t)sizeof b, &c, 1, &st);
    if (U_SUCCESS(st) && n == 2 && (unsigned char)b[0] >= 0xB0 &&
        ((unsigned char)b[0] < 0xD7 || (unsigned char)b[1] <= 0xF9))
        return 1;
    st = U_ZERO_ERROR;
    n = ucnv_fromUChars(big5, b, (int32_t)sizeof b, &c, 1, &st);
    if (!U_SUCCESS(st) || n != 2)
        return 0;
    unsigned v = (unsigned)(unsigned char)b[0] << 8 | (unsigned char)b[1];
    return v >= 0xA440 && v <= 0xC67E;
}

/* The common ideographs among the ideographs of s[0, len) read in
 * encoding, in percent; -1 when there are none or a converter is missing. */
static int common_han_percent(const char *encoding, const unsigned char *s,
                              size_t len, int flush)
{
    UConverter *cnv, *gb2312 = NULL, *big5 = NULL;
    UErrorCode st = U_ZERO_ERROR;
    size_t han = 0, common = 0;
    if (open_strict(encoding, &cnv, NULL) != ZC_OK)
        return -1;
    if (open_strict("GB2312", &gb2312, NULL) == ZC_OK &&
        open_strict(ENC_BIG5, &big5, NULL) == ZC_OK) {
        UChar buf[CHUNK];
        const char *src = (const char *)s, *limit = (const char *)s + len;
        do {
            UChar *tgt = buf;
            st = U_ZERO_ERROR;
            ucnv_toUnicode(cnv, &tgt, buf + CHUNK, &src, limit, NULL, (UBool)flush, &st);
            for (const UChar *u = buf; u < tgt; u++) {
                if (*u < 0x3400 || *u > 0x9FFF)
                    continue;
                han++;
                common += (size_t)is_common_han(gb2312, big5, *u);
            }
        } while (st == U_BUFFER_OVERFLOW_ERROR);
    }
    if (gb2312)
        ucnv_close(gb2312);
    if (big5)
        ucnv_close(big5);
    ucnv_close(cnv);
    return han ? (int)(100 * common / han) : -1;
}

/*
 * Short texts give ICU too little to be sure of and the scores too little
 * to differ (醫院3間: a score lead of 0, ICU 10 and 10). The share of
 * common ideographs under each reading then decides when it differs by at
 * least this many points; only then does a tie fall back to GB18030.
 */
enum { COMMON_SHARE_DECISIVE = 15 };

static const char *pick_gb_or_big5(const unsigned char *s, size_t sample,
                                   int flush, const probe_t *gb, const probe_t *big5)
{
    long lead = gb->score - big5->score;
    const char *pick = NULL;
    if (lead < SCORE_DECISIVE && lead > -SCORE_DECISIVE) {
        guesses_t g;
        detect_icu(s, sample, &g);
        pick = detector_pick(&g);
        if (!pick) {
            int gb_share = common_han_percent(ENC_GB18030, s, sample, flush);
            int big5_share = common_han_percent(ENC_BIG5, s, sample, flush);
            if (big5_share - gb_share >= COMMON_SHARE_DECISIVE)
                pick = ENC_BIG5;
            else if (gb_share - big5_share >= COMMON_SHARE_DECISIVE)
                pick = ENC_GB18030;
        }
    }
    if (!pick)
        pick = lead < 0 ? ENC_BIG5 : ENC_GB18030;
    return pick;
}

static zc_status_t detect_cjk(const unsigned char *s, size_t n, size_t sample,
                              size_t bad_utf8, const char **encoding,
                              zc_error_t *err)
{
    probe_t gb, big5;
    probe(ENC_GB18030, s, sample, sample == n, &gb);
    probe(ENC_BIG5, s, sample, sample == n, &big5);
    if (gb.ok && big5.ok) {
        *encoding = pick_gb_or_big5(s, sample, sample == n, &gb, &big5);
        return ZC_OK;
    }
    if (gb.ok || big5.ok) {
        *encoding = gb.ok ? ENC_GB18030 : ENC_BIG5;
        return ZC_OK;
    }
    /* UTF-16 without a BOM or any ASCII has no NUL to give it away; take
     * it only when the detector names it and it reads as Chinese. */
    guesses_t g;
    detect_icu(s, sample, &g);
    const char *u16 = utf16_guess(&g, 1);
    if (utf16_reads_as_text(u16, s, n, sample)) {
        *encoding = u16;
        return ZC_OK;
    }
    return zc_error_set(err, ZC_ERR_DECODE,
                        "not in a known encoding (invalid UTF-8 at byte offset "
                        "%zu, invalid GB18030 at byte offset %zu, invalid Big5 "
                        "at byte offset %zu, and not UTF-16)",
                        bad_utf8, gb.bad_at, big5.bad_at);
}

/* The encoding a BOM names, or NULL. */
static const char *bom_encoding(const unsigned char *bytes, size_t n)
{
    if (n >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        return ENC_UTF8;
    if (n >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
        return ENC_UTF16LE;
    if (n >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
        return ENC_UTF16BE;
    return NULL;
}

/*
 * Detection, for zc_detect_encoding() and zc_load_text() alike: a BOM, then
 * binary-looking bytes (settled as UTF-16 or refused), then UTF-8 validity,
 * then GB18030, Big5 or UTF-16 without BOM. UTF-8 validity is tested by
 * decoding into out: valid UTF-8, the usual input, is then read once, and
 * *decoded says out holds the text. Otherwise out's contents are
 * unspecified and the caller decodes in *encoding. An invalid byte sends
 * the other encodings to work from the offset it was found at.
 */
static zc_status_t detect(const unsigned char *bytes, size_t n,
                          const char **encoding, zc_cptext_t *out, int *decoded,
                          zc_error_t *err)
{
    *decoded = 0;
    *encoding = bom_encoding(bytes, n);
    if (*encoding || n == 0) {
        if (!*encoding)
            *encoding = ENC_UTF8;
        return ZC_OK;
    }
    size_t sample = n < SAMPLE_MAX ? n : SAMPLE_MAX;
    byte_stats_t bs;
    scan_bytes(bytes, n, &bs);
    if (bs.first_nul || too_many_controls(bs.n_ctrl, n))
        return detect_binary_or_utf16(bytes, n, sample, &bs, encoding, err);
    zc_cptext_clear(out);
    if (n > UINT32_MAX)
        return zc_error_set(err, ZC_ERR_LIMIT, "document of %zu bytes is "
                            "larger than the 4 GiB limit", n);
    size_t bad = n;
    zc_status_t st = decode_utf8_at(bytes, n, 0, out, &bad);
    if (st == ZC_OK) {
        *encoding = ENC_UTF8;
        *decoded = 1;
        return ZC_OK;
    }
    if (st == ZC_ERR_NOMEM)
        return zc_error_set(err, st, "out of memory decoding %zu bytes", n);
    return detect_cjk(bytes, n, sample, bad, encoding, err);
}

zc_status_t zc_detect_encoding(const unsigned char *bytes, size_t n,
                               const char **encoding, zc_error_t *err)
{
    zc_cptext_t scratch;
    int decoded;
    zc_cptext_init(&scratch);
    zc_status_t st = detect(bytes, n, encoding, &scratch, &decoded, err);
    zc_cptext_free(&scratch);
    return st;
}

zc_status_t zc_load_text(const unsigned char *bytes, size_t n,
                         const char **encoding, zc_cptext_t *out,
                         zc_error_t *err)
{
    int decoded;
    zc_status_t st = detect(bytes, n, encoding, out, &decoded, err);
    if (st != ZC_OK || decoded)
        return st;
    return zc_decode(bytes, n, *encoding, out, err);
}
