/*
 * units_check.h - the columns of rules/duration/units.txt, checked once
 * when the plugin starts, so that a typo (contxt) fails init with
 * FILE:LINE instead of making the unit silently never a duration. The
 * shared lists of rules/common/ are checked by the host; this list's
 * columns are the plugin's own.
 */
#ifndef ZC_DURATION_UNITS_CHECK_H
#define ZC_DURATION_UNITS_CHECK_H

#include "zhclaim/plugin.h"

/* Logs every line of name that does not fit WORD UNIT NEEDS
 * [no-classifier] (UNIT may be empty), NEEDS one of free, classifier,
 * context, chinese;
 * ZC_ERR_PATTERN when any does, the read's status when it fails. */
zc_status_t zc_duration_units_check(const zc_plugin_init_t *args, const char *name);

#endif
