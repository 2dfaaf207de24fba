/*
 * fuzz_extract.c - a whole document through the public API: detection,
 * decoding, normalisation, every built-in plugin with the shipped rules,
 * and both record writers.
 */
#include <stdio.h>
#include <stdlib.h>

#include "csv_writer.h"
#include "fuzz_common.h"
#include "json_writer.h"

static zc_engine_t *engine;
static FILE *sink;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const rules[] = {ZC_FUZZ_RULES_DIR};
    zc_result_t *r = NULL;
    zc_error_t err;

    if (!engine) {
        engine = zc_fuzz_engine(NULL, rules, 1);
        sink = fopen("/dev/null", "w");
        if (!engine || !sink)
            abort();
    }
    if (zc_engine_extract(engine, "fuzz.txt", data, size, &r, &err) != ZC_OK)
        return 0;
    zc_fuzz_check_result(r, size);
    zc_json_write_result(sink, r);
    for (size_t i = 0; i < r->n_claims; i++)
        zc_csv_write_claim(sink, zc_result_claim(r, i));
    zc_result_free(r);
    return 0;
}
