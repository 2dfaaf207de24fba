/*
 * result_wire.h - a zc_result_t (and the job and outcome around it) as
 * bytes, for the pipe between a worker process and the supervisor.
 *
 * Every field travels: the 0.1 ones, and format, places and warnings from
 * 0.2. Integers are written in the machine's own byte order (both ends are
 * the same program on the same machine). A string is its length plus two,
 * then its bytes (no NUL); 0 means NULL and 1 "the same pointer as this
 * field of the claim before" (for a claim's doc: the result's doc), so the
 * doc, kind, plugin and a sentence shared by the claims of one sentence are
 * sent once, and stay shared on the other side.
 *
 * A result read back is one malloc'd block (structs, then strings): free()
 * it, never zc_result_free(), which knows only the library's results.
 */
#ifndef ZC_CLI_RESULT_WIRE_H
#define ZC_CLI_RESULT_WIRE_H

#include <stddef.h>
#include <stdint.h>

#include "zhclaim/zhclaim.h"

/* A growing byte buffer; failed is set (and stays) when memory ran out. */
typedef struct zc_wire_buf_t {
    unsigned char *data;
    size_t len;
    size_t cap;
    int failed;
} zc_wire_buf_t;

void zc_wire_put_bytes(zc_wire_buf_t *b, const void *p, size_t n);
void zc_wire_put_u64(zc_wire_buf_t *b, uint64_t v);
void zc_wire_put_str(zc_wire_buf_t *b, const char *s, const char *prev);
void zc_wire_buf_free(zc_wire_buf_t *b);

/* Reading: a cursor over received bytes; bad is set (and stays) when the
 * bytes end early or hold a value that cannot be. */
typedef struct zc_wire_in_t {
    const unsigned char *p;
    size_t n;
    size_t at;
    int bad;
} zc_wire_in_t;

uint64_t zc_wire_get_u64(zc_wire_in_t *in);
/* A string into a fresh malloc'd copy (*out NULL for NULL); a back
 * reference is refused here (only results use them). Returns 0 or -1. */
int zc_wire_get_strdup(zc_wire_in_t *in, char **out);
/* Borrow n raw bytes from the input; NULL when there are not n left. */
const unsigned char *zc_wire_get_bytes(zc_wire_in_t *in, size_t n);

/* Append r to b. */
void zc_wire_put_result(zc_wire_buf_t *b, const zc_result_t *r);

/* Read a result written by zc_wire_put_result; returns it as one block
 * (free() it) or NULL when the bytes are malformed or memory ran out. */
zc_result_t *zc_wire_get_result(zc_wire_in_t *in);

#endif
