/* rules_schema.c - the columns of the rules/common/ word lists (see
 * rules_schema.h). */
#include "rules_schema.h"

#include <stdio.h>
#include <string.h>

#include "zhclaim/plugin.h"

/* What a column takes, for a message: "open, to, join". */
static void expected(const zc_rules_col_t *c, char *buf, size_t cap)
{
    switch (c->kind) {
    case ZC_COL_KEYWORD: {
        size_t used = 0;
        buf[0] = '\0';
        for (size_t i = 0; c->words[i] && used < cap; i++)
            used += (size_t)snprintf(buf + used, cap - used, "%s%s",
                                     i ? ", " : "", c->words[i]);
        break;
    }
    case ZC_COL_APPROX:
        snprintf(buf, cap, "=, ~, >, >=, <, <=");
        break;
    case ZC_COL_INT:
        snprintf(buf, cap, "a whole number from %d to %d", c->lo, c->hi);
        break;
    case ZC_COL_TEXT:
        snprintf(buf, cap, "any text");
        break;
    }
}

/* s as a whole number in [lo, hi]: -?[0-9]+, nothing else (atoi() would
 * read "1o" as 1). */
static int read_int(const char *s, int lo, int hi, int *out)
{
    const char *p = s + (s[0] == '-');
    if (!*p)
        return 0;
    long v = 0;
    for (; *p; p++) {
        if (*p < '0' || *p > '9' || v > 1000)
            return 0;
        v = v * 10 + (*p - '0');
    }
    if (s[0] == '-')
        v = -v;
    if (v < lo || v > hi)
        return 0;
    *out = (int)v;
    return 1;
}

/* The value of a non-empty column, or -1 when s is none it takes. */
static int read_col(const zc_rules_col_t *c, const char *s, int *out)
{
    switch (c->kind) {
    case ZC_COL_KEYWORD:
        for (int i = 0; c->words[i]; i++)
            if (strcmp(s, c->words[i]) == 0) {
                *out = i + 1;
                return 0;
            }
        return -1;
    case ZC_COL_APPROX: {
        zc_approx_t ap;
        if (!zc_approx_parse(s, &ap))
            return -1;
        *out = (int)ap;
        return 0;
    }
    case ZC_COL_INT:
        return read_int(s, c->lo, c->hi, out) ? 0 : -1;
    case ZC_COL_TEXT:
        break;
    }
    *out = 0;
    return 0;
}

int zc_rules_schema_read(const zc_rules_schema_t *schema,
                         const char *const *cols, int n_cols, int8_t *out,
                         char *why, size_t why_len)
{
    char exp[128];
    memset(out, 0, ZC_LEX_MAX_FIELDS * sizeof *out);
    if (n_cols > schema->n_cols) {
        size_t used = (size_t)snprintf(why, why_len,
                                       "too many columns (at most %d: WORD",
                                       schema->n_cols + 1);
        for (int i = 0; i < schema->n_cols && used < why_len; i++)
            used += (size_t)snprintf(why + used, why_len - used, ", %s",
                                     schema->col[i].name);
        if (used < why_len)
            snprintf(why + used, why_len - used, ")");
        return -1;
    }
    for (int i = 0; i < schema->n_cols; i++) {
        const zc_rules_col_t *c = &schema->col[i];
        const char *s = i < n_cols ? cols[i] : "";
        int v = 0;
        if (!s[0]) {
            if (!c->required)
                continue;
            expected(c, exp, sizeof exp);
            snprintf(why, why_len, "column %d (%s): empty (expected: %s)",
                     i + 2, c->name, exp);
            return -1;
        }
        if (read_col(c, s, &v) != 0) {
            expected(c, exp, sizeof exp);
            snprintf(why, why_len, "column %d (%s): %s \"%.40s\" (expected: %s)",
                     i + 2, c->name,
                     c->kind == ZC_COL_INT ? "bad integer" : "unknown value",
                     s, exp);
            return -1;
        }
        out[i] = (int8_t)v;
    }
    return 0;
}

/* The keyword sets, in the order of their enums in rules_schema.h. */
static const char *const reach_words[] = {"adjacent", "clause", NULL};
static const char *const role_words[] = {"open", "to", "join", NULL};
static const char *const compare_words[] = {"compare", NULL};
static const char *const flag_words[] = {"noun", "before", NULL};
static const char *const share_words[] = {"share", NULL};
static const char *const where_words[] = {"head", "tail", "drop", NULL};
static const char *const keep_words[] = {"keep", NULL};

#define KEYWORD(name, words, required) {name, ZC_COL_KEYWORD, required, words, 0, 0}
#define APPROX {"APPROX", ZC_COL_APPROX, 1, NULL, 0, 0}
#define TEXT(name) {name, ZC_COL_TEXT, 0, NULL, 0, 0}

const zc_rules_schema_t zc_schema_words = {0, {{0}}};

const zc_rules_schema_t zc_schema_qualifiers_before = {
    2, {APPROX, KEYWORD("REACH", reach_words, 0)}};

const zc_rules_schema_t zc_schema_qualifiers_after = {1, {APPROX}};

const zc_rules_schema_t zc_schema_change = {
    1, {KEYWORD("ROLE", role_words, 1)}};

const zc_rules_schema_t zc_schema_continues = {
    1, {KEYWORD("COMPARE", compare_words, 0)}};

const zc_rules_schema_t zc_schema_metrics = {
    3, {TEXT("SHOWN-AS"), KEYWORD("FLAG", flag_words, 0),
        KEYWORD("SHARE", share_words, 0)}};

const zc_rules_schema_t zc_schema_not_subjects = {
    1, {KEYWORD("WHERE", where_words, 1)}};

const zc_rules_schema_t zc_schema_names = {1, {TEXT("FULL")}};

/* A power of ten a scale word multiplies by: 十 1 ... 兆 12; the bound is
 * the units lists' (measure_kind.c). */
const zc_rules_schema_t zc_schema_scales = {
    1, {{"EXP", ZC_COL_INT, 1, NULL, -18, 18}}};

const zc_rules_schema_t zc_schema_subject_stop = {
    1, {KEYWORD("KEEP", keep_words, 0)}};

/* Each set has one word per enum value of rules_schema.h, plus the NULL. */
_Static_assert(sizeof reach_words / sizeof *reach_words == ZC_REACH_CLAUSE + 1,
               "reach_words and ZC_REACH_*");
_Static_assert(sizeof role_words / sizeof *role_words == ZC_ROLE_JOIN + 1,
               "role_words and ZC_ROLE_*");
_Static_assert(sizeof flag_words / sizeof *flag_words == ZC_FLAG_BEFORE + 1,
               "flag_words and ZC_FLAG_*");
_Static_assert(sizeof where_words / sizeof *where_words == ZC_WHERE_DROP + 1,
               "where_words and ZC_WHERE_*");
