/*
 * json_writer.h - claims as JSON Lines, SPEC section 1.
 *
 * One object per line, fields in a fixed order: doc, kind, plugin, span,
 * text, value, unit, approx, then range, subject, metric, from and sentence
 * when present. Numbers are printed as exact decimals (zc_decimal_format).
 */
#ifndef ZC_CORE_JSON_WRITER_H
#define ZC_CORE_JSON_WRITER_H

#include <stdio.h>

#include "zhclaim/zhclaim.h"

/* Write one claim and its newline. Returns 0, or -1 on a write error. */
int zc_json_write_claim(FILE *out, const zc_claim_t *claim);

/* Write every claim of a result, the same bytes as zc_json_write_claim()
 * on each, escaping the document's path once. Returns 0 or -1. */
int zc_json_write_result(FILE *out, const zc_result_t *result);

#endif
