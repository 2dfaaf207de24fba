/* version.c - the library's version at run time. */
#include "zhclaim/zhclaim.h"

const char *zc_version(void)
{
    return ZC_VERSION;
}
