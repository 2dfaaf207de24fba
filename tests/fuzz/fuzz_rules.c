/*
 * fuzz_rules.c - an extractor file (rules/extractors/NAME.rules) for the rules
 * plugin: the input is written as the only extractor of a fresh rules
 * folder, the plugin loads it, and a sample text is extracted with it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "fuzz_common.h"

static const char sample[] =
    "2023年全市粮食产量6.5万吨，增长3.2%，新建医院3所，投资12亿元。";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char *dir, path[4200];
    const char *rules[1];
    zc_result_t *r = NULL;
    zc_error_t err;

    if (!dir) {
        char sub[4000];

        dir = zc_fuzz_temp_dir("rules");
        snprintf(sub, sizeof sub, "%s/extractors", dir);
        if (mkdir(sub, 0700) != 0)
            abort();
        snprintf(path, sizeof path, "%s/fuzz.rules", sub);
    }
    zc_fuzz_write_file(path, data, size);
    rules[0] = dir;
    zc_engine_t *engine = zc_fuzz_engine("rules", rules, 1);
    if (!engine)
        return 0;
    if (zc_engine_extract(engine, "fuzz.txt", (const unsigned char *)sample,
                          sizeof sample - 1, &r, &err) == ZC_OK) {
        zc_fuzz_check_result(r, sizeof sample - 1);
        zc_result_free(r);
    }
    zc_engine_close(engine);
    return 0;
}
