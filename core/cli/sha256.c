/* sha256.c - SHA-256 through OpenSSL's EVP interface (the one that stays
 * supported across OpenSSL 1.1 and 3, and picks the CPU's SHA extensions). */
#include "sha256.h"

#include <openssl/evp.h>

int zc_sha256_hex(const void *bytes, size_t n, char hex[ZC_SHA256_HEX_LEN + 1])
{
    static const char digits[] = "0123456789abcdef";
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int md_len = 0;
    hex[0] = '\0';
    /* EVP_Digest is one-shot and keeps no state between calls, so worker
     * threads may call it at once. */
    if (EVP_Digest(bytes, n, md, &md_len, EVP_sha256(), NULL) != 1 || md_len != 32)
        return -1;
    for (unsigned i = 0; i < md_len; i++) {
        hex[2 * i] = digits[md[i] >> 4];
        hex[2 * i + 1] = digits[md[i] & 15];
    }
    hex[2 * md_len] = '\0';
    return 0;
}
