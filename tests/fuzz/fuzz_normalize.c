/*
 * fuzz_normalize.c - detection, decoding and normalisation alone, as
 * `zhclaim normalize` runs them (no engine: the built-in noise set).
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = NULL;
    size_t len = 0;
    zc_error_t err;

    if (zc_normalize(NULL, "fuzz.txt", data, size, &text, &len, &err) != ZC_OK)
        return 0;
    /* The text is NUL-terminated UTF-8 of the length given. */
    if (text[len] != '\0')
        abort();
    free(text);
    return 0;
}
