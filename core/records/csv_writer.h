/*
 * csv_writer.h - claims as CSV (RFC 4180, UTF-8, CRLF line ends, a header
 * row). Columns: doc, kind, plugin, start_byte, end_byte, text, value, unit,
 * approx, range_low, range_high, subject, metric, from, sentence; an absent
 * field is an empty cell.
 */
#ifndef ZC_CORE_CSV_WRITER_H
#define ZC_CORE_CSV_WRITER_H

#include <stdio.h>

#include "zhclaim/zhclaim.h"

int zc_csv_write_header(FILE *out);
/* Returns 0, or -1 on a write error. */
int zc_csv_write_claim(FILE *out, const zc_claim_t *claim);
/* The same with the claim's place (the page and bbox columns, empty for a
 * NULL place or page 0). */
int zc_csv_write_claim_at(FILE *out, const zc_claim_t *claim,
                          const zc_claim_place_t *place);

#endif
