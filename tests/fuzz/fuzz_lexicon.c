/*
 * fuzz_lexicon.c - a lexicon file for the built-in extractors: the input
 * stands in for count/classifiers.txt (a folder tried before the shipped
 * rules), the count plugin loads it, and a sample text is extracted.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "fuzz_common.h"

static const char sample[] =
    "全市共有医院3所、学校12间，新增就业岗位2.5万个，覆盖人口一千二百万人。";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char *dir, path[4200];
    const char *rules[2];
    zc_result_t *r = NULL;
    zc_error_t err;

    if (!dir) {
        char sub[4000];

        dir = zc_fuzz_temp_dir("lexicon");
        snprintf(sub, sizeof sub, "%s/count", dir);
        if (mkdir(sub, 0700) != 0)
            abort();
        snprintf(path, sizeof path, "%s/classifiers.txt", sub);
    }
    zc_fuzz_write_file(path, data, size);
    rules[0] = dir;
    rules[1] = ZC_FUZZ_RULES_DIR;
    zc_engine_t *engine = zc_fuzz_engine("count", rules, 2);
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
