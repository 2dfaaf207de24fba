/*
 * records_write.h - a result's records written to a stream in a format,
 * for zc_records_render() (a memory stream) and zc_records_extract_files()
 * (the caller's descriptor): one place that picks the writer.
 */
#ifndef ZC_RECORDS_WRITE_H
#define ZC_RECORDS_WRITE_H

#include <stdio.h>

#include "zhclaim/records.h"

/* 0, or -1 when the stream failed. format must be a known one. */
int zc_records_write(FILE *out, const zc_result_t *result, zc_records_format_t format);

#endif
