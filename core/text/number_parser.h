/*
 * number_parser.h - finding every number in the normalised text, once.
 *
 * Forms (after normalisation, so digits are ASCII and the script simplified):
 *   Arabic:   57.4   1,826   0.84   (a ',' groups only when 3 digits follow)
 *   scaled:   1.2万  0.84亿  1.18万亿  3千  16万5千  500万
 *   Chinese:  三千二百五十亿  五亿二千九百万  二百多 -> 200 (多 is not taken)
 *             十二  两千三百  一千  一百零五  壹贰叁肆伍陆柒捌玖拾佰仟
 *             四点一 -> 4.1   二零一四 -> 2014 (ZC_NUM_DIGITWISE)
 *   percent:  百分之四点一 -> 4.1   百分之50 -> 50   千分之五 -> 0.5
 *             三分之一 -> 33.333333333333333 (value in percent)
 * Not numbers: a scale word alone (万, 百姓), 〇 or 零 alone.
 * Numbers never overlap and come out in text order.
 */
#ifndef ZC_CORE_NUMBER_PARSER_H
#define ZC_CORE_NUMBER_PARSER_H

#include <stddef.h>

#include "zhclaim/plugin.h"

/* Find the numbers of text. *out is the caller's, to free(); sentence
 * indices are left 0 (the caller assigns them). */
zc_status_t zc_find_numbers(const char *text, size_t len, zc_number_t **out,
                            size_t *n);

/* Parse one number that starts exactly at text[0]; on success set *value,
 * *flags and *consumed (bytes) and return 1, else return 0. */
int zc_parse_number_at(const char *text, size_t len, zc_decimal_t *value,
                       uint32_t *flags, size_t *consumed);

#endif
