/*
 * sha256.h - a document's fingerprint, for the documents table and --resume.
 */
#ifndef ZC_CLI_SHA256_H
#define ZC_CLI_SHA256_H

#include <stddef.h>

#define ZC_SHA256_HEX_LEN 64

/* Write the SHA-256 of bytes as 64 lowercase hex digits and a NUL into hex
 * (at least ZC_SHA256_HEX_LEN + 1 bytes). Returns 0, or -1 when the digest
 * could not be computed (OpenSSL failed), leaving hex empty. */
int zc_sha256_hex(const void *bytes, size_t n, char hex[ZC_SHA256_HEX_LEN + 1]);

#endif
