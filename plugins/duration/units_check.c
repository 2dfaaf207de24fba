/* units_check.c - rules/duration/units.txt's columns (units_check.h). */
#include "units_check.h"

#include <stdio.h>
#include <string.h>

typedef struct check_t {
    const zc_plugin_init_t *args;
    const char *name;
    int bad;
} check_t;

static const char *const needs_words[] = {"free", "classifier", "context", "chinese", NULL};

static int is_needs(const char *s)
{
    for (size_t i = 0; needs_words[i]; i++)
        if (strcmp(s, needs_words[i]) == 0)
            return 1;
    return 0;
}

/* Messages in the words of the host's checks of rules/common/ (columns
 * counted as an editor shows them, WORD being 1). */
static zc_status_t check_line(void *user, char *line, int line_no)
{
    check_t *c = user;
    char *col[5] = {NULL};
    int n = 0;
    for (char *p = line; p && n < 5; n++) {
        col[n] = p;
        p = strchr(p, '\t');
        if (p)
            *p++ = '\0';
    }
    const char *why = NULL;
    char buf[160];
    if (n > 4)
        why = "too many columns (at most 4: WORD, UNIT, NEEDS, NO-CLASSIFIER)";
    else if (!col[0][0])
        why = "the line starts with a TAB: no word";
    else if (n < 3 || !col[2][0]) /* UNIT may be empty: the word itself */
        why = "column 3 (NEEDS): empty (expected: free, classifier, context, chinese)";
    else if (!is_needs(col[2])) {
        snprintf(buf, sizeof buf, "column 3 (NEEDS): unknown value \"%s\" (expected: free, "
                 "classifier, context, chinese)", col[2]);
        why = buf;
    } else if (n == 4 && strcmp(col[3], "no-classifier") != 0) {
        snprintf(buf, sizeof buf, "column 4 (NO-CLASSIFIER): unknown value \"%s\" "
                 "(expected: no-classifier)", col[3]);
        why = buf;
    }
    if (why) {
        c->args->host->log(c->args->call, ZC_LOG_ERROR, "%s:%d: %s", c->name, line_no, why);
        c->bad = 1;
    }
    return ZC_OK; /* every mistake of the file in one run */
}

zc_status_t zc_duration_units_check(const zc_plugin_init_t *args, const char *name)
{
    check_t c = {args, name, 0};
    char err[256];
    zc_status_t st = args->host->rules_lines(args->call, name, check_line, &c, err, sizeof err);
    if (st != ZC_OK) {
        args->host->log(args->call, ZC_LOG_ERROR, "%s", err);
        return st;
    }
    return c.bad ? ZC_ERR_PATTERN : ZC_OK;
}
