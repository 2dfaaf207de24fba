/*
 * decode.h - reading a document's bytes and decoding them.
 *
 * Detection order: a BOM (UTF-8, UTF-16LE/BE), then UTF-8 validity, then
 * ICU's charset detector restricted to the encodings reports come in
 * (GB18030 covering GBK and GB2312, Big5, UTF-16 without BOM). Decoding is
 * ICU's, keeping for every code point its byte range in the input.
 */
#ifndef ZC_TEXT_DECODE_H
#define ZC_TEXT_DECODE_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "cptext.h"
#include "zhclaim/zhclaim.h"

/* Read a whole regular file. *bytes is the caller's, to free(), and has a
 * NUL after its *n bytes (so a text file can be used as a string); an empty
 * file gives *n == 0. Errors name path and reason. */
zc_status_t zc_read_file(const char *path, unsigned char **bytes, size_t *n,
                         zc_error_t *err);

/* zc_read_file() refusing a file of more than max_bytes bytes (0: no
 * limit) with ZC_ERR_LIMIT, "PATH: larger than N bytes". The size is
 * checked before reading and again while reading (a file that grows past
 * the limit is not read past it); any max_bytes up to SIZE_MAX is safe. */
zc_status_t zc_read_file_max(const char *path, size_t max_bytes,
                             unsigned char **bytes, size_t *n,
                             zc_error_t *err);

/* Name the encoding of bytes ("UTF-8", "UTF-16LE", "UTF-16BE", "GB18030",
 * "Big5"), or fail with ZC_ERR_DECODE when they look binary (NUL bytes
 * outside UTF-16, control characters) or match no encoding. The returned
 * string is static. The same detection as zc_load_text(), which it runs
 * into a scratch text (UTF-8 is validated by decoding it): for tests and
 * tools; documents go through zc_load_text(). */
zc_status_t zc_detect_encoding(const unsigned char *bytes, size_t n,
                               const char **encoding, zc_error_t *err);

/* Decode bytes in the named encoding into out (cleared first), skipping a
 * BOM. Each code point gets its original byte range. Invalid sequences fail
 * with ZC_ERR_DECODE and the byte offset in the message. */
zc_status_t zc_decode(const unsigned char *bytes, size_t n,
                      const char *encoding, zc_cptext_t *out, zc_error_t *err);

/* zc_detect_encoding() and zc_decode() in one, reading valid UTF-8 - the
 * usual input - once instead of twice. Same results and errors. */
zc_status_t zc_load_text(const unsigned char *bytes, size_t n,
                         const char **encoding, zc_cptext_t *out,
                         zc_error_t *err);

/* Decoding the original bytes of a document's spans to UTF-8, for the
 * records' `text`: one converter (opened on first use; none for UTF-8) and
 * one scratch buffer serve every span of the document. */
typedef struct zc_slice_decoder_t {
    const unsigned char *bytes;
    size_t n;
    const char *encoding;
    int utf8;
    struct UConverter *cnv;
    uint16_t *units;       /* UTF-16 scratch (UChar) */
    size_t units_cap;
    char *utf8_buf;        /* UTF-8 scratch */
    size_t utf8_cap;
} zc_slice_decoder_t;

/* Start decoding spans of bytes[0, n) in encoding; cannot fail. The bytes
 * and the encoding name must outlive the decoder. */
void zc_slice_decoder_init(zc_slice_decoder_t *d, const unsigned char *bytes,
                           size_t n, const char *encoding);
/* Decode bytes [start, end) to a NUL-terminated UTF-8 copy in arena (a BOM
 * at 0 is left out). A range outside [0, n) is ZC_ERR_INVALID, bytes that
 * do not decode ZC_ERR_DECODE. */
zc_status_t zc_slice_decode(zc_slice_decoder_t *d, size_t start, size_t end,
                            zc_arena_t *arena, const char **out,
                            zc_error_t *err);
void zc_slice_decoder_close(zc_slice_decoder_t *d);

/* One span decoded as zc_slice_decode() does, to a string the caller
 * free()s. */
zc_status_t zc_decode_slice_utf8(const unsigned char *bytes, size_t n,
                                 size_t start, size_t end,
                                 const char *encoding, char **out,
                                 zc_error_t *err);

#endif
