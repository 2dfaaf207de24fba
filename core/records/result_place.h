/*
 * result_place.h - the i-th place of a result, as zc_result_claim() steps
 * claims: by the library's place_size, so a result from a library with a
 * longer zc_claim_place_t still reads right. NULL when the result has no
 * places or the claim no page.
 */
#ifndef ZC_RECORDS_RESULT_PLACE_H
#define ZC_RECORDS_RESULT_PLACE_H

#include "zhclaim/zhclaim.h"

static inline const zc_claim_place_t *zc_records_place(const zc_result_t *r, size_t i)
{
    if (!r->places)
        return NULL;
    size_t size = r->place_size ? r->place_size : sizeof(zc_claim_place_t);
    const zc_claim_place_t *p = (const zc_claim_place_t *)(const void *)
        ((const char *)r->places + i * size);
    return p->page ? p : NULL;
}

#endif
