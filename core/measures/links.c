/*
 * links.c - claims that belong together in a sentence.
 *
 *   lists    claims joined only by 、 和 及 与 (rules/common/change.txt, role
 *            join) form a group; members share the head's subject and metric
 *            unless they name their own (8个职能机构、50余名编制);
 *   分别     签约项目、开工项目、投产项目同比分别增长5.6%、27.4%、33.3%: the
 *            items before 分别 are the subjects, in order, when the counts
 *            agree;
 *   changes  由/从/把/将 A ... 到/至/为 B (roles open and to): B gets from =
 *            A; parallel lists pair in order (由303人、513人精简到183名和
 *            267名), a single B takes the last A. B without a subject of its
 *            own takes A's subject and metric.
 */
#include <string.h>

#include "measure_internal.h"
#include "rules_schema.h"
#include "text_scan.h"

/* How far before B its change word may end: 精简为2024年的69项. */
#define TO_GAP_CHARS 10

static const zc_lex_entry_t *role_forward(const zc_common_t *cm, const char *t,
                                          size_t pos, size_t hi,
                                          int role)
{
    const zc_lex_entry_t *e = zc_lex_forward(&cm->change, t, pos, hi);
    return e && zc_lex_value(&cm->change, e, ZC_CHANGE_ROLE) == role ? e : NULL;
}

/* Is t[a, b) nothing but join words? */
static int only_joins(const zc_common_t *cm, const char *t, size_t a, size_t b)
{
    while (a < b) {
        const zc_lex_entry_t *e = role_forward(cm, t, a, b, ZC_ROLE_JOIN);
        if (!e)
            return 0;
        a += e->len;
    }
    return 1;
}

void zc_links_groups(const zc_common_t *cm, const char *t, zc_cand_t *c,
                     size_t n)
{
    for (size_t i = 0; i < n; i++) {
        c[i].group = (int)i;
        if (i > 0 && c[i - 1].end < c[i].start &&
            only_joins(cm, t, c[i - 1].end, c[i].start))
            c[i].group = c[i - 1].group;
    }
}

static void copy_str(char *dst, const char *src)
{
    memmove(dst, src, strlen(src) + 1);
}

/* 分别: give the members of the group at head h the items before 分别. */
static void distribute(const zc_common_t *cm, const char *t,
                       zc_sent_t *s, zc_cand_t *c, size_t n, size_t h,
                       size_t n_members)
{
    size_t cs = zc_sent_clause_start(s, t, c[h].num_start);
    size_t f = (size_t)-1;
    for (size_t p = c[h].num_start; p > cs;) {
        p = zc_u8_prev(t, cs, p);
        if (zc_starts_with(t, p, c[h].num_start, "分别")) {
            f = p;
            break;
        }
    }
    if (f == (size_t)-1)
        return;
    size_t starts[16], ends[16];
    size_t items = 0;
    size_t a = cs;
    for (size_t p = cs; p < f && items < 16;) {
        const zc_lex_entry_t *e = role_forward(cm, t, p, f, ZC_ROLE_JOIN);
        if (e) {
            starts[items] = a;
            ends[items++] = p;
            p += e->len;
            a = p;
        } else {
            p = zc_u8_next(t, p, f);
        }
    }
    if (items < 16) {
        starts[items] = a;
        ends[items++] = f;
    }
    if (items != n_members)
        return;
    size_t k = 0;
    for (size_t i = h; k < items && i < n; i++) {
        if (c[i].group != (int)h)
            continue;
        char buf[ZC_SUBJECT_MAX];
        if (zc_phrase_clean(cm, t, starts[k], ends[k], buf, sizeof buf))
            copy_str(c[i].subject, buf);
        k++;
    }
}

/* A change ending at group head b: find its to word and opener, pair. */
static void change(const zc_common_t *cm, const zc_kind_ops_t *ops,
                   const char *t, zc_sent_t *s, zc_cand_t *c, size_t n,
                   size_t b)
{
    size_t cs = zc_sent_clause_start(s, t, c[b].num_start);
    size_t gap_lo = cs;
    if (b > 0 && c[b - 1].end > gap_lo && c[b - 1].end <= c[b].start)
        gap_lo = c[b - 1].end;
    const zc_lex_entry_t *to = NULL;
    size_t q = c[b].start;
    for (int k = 0; k <= TO_GAP_CHARS && q > gap_lo; k++) {
        const zc_lex_entry_t *e = zc_lex_backward(&cm->change, t, gap_lo, q);
        if (e && zc_lex_value(&cm->change, e, ZC_CHANGE_ROLE) == ZC_ROLE_TO) {
            to = e;
            break;
        }
        q = zc_u8_prev(t, gap_lo, q);
    }
    if (!to)
        return;
    size_t to_start = q - to->len;
    size_t open_end = (size_t)-1;
    for (size_t p = to_start; p > cs;) {
        p = zc_u8_prev(t, cs, p);
        const zc_lex_entry_t *e = role_forward(cm, t, p, to_start, ZC_ROLE_OPEN);
        if (e) {
            open_end = p + e->len;
            break;
        }
    }
    if (open_end == (size_t)-1)
        return;
    size_t as[16], na = 0, bs[16], nb = 0;
    for (size_t j = 0; j < b && na < 16; j++)
        if (c[j].num_start >= open_end && c[j].end <= to_start)
            as[na++] = j;
    if (na == 0)
        return;
    /* Parallel changes pair in order: 从原8个职能机构、50余名编制精简到5个
     * 职能机构、30余名编制. Take the claims to the clause end as B when
     * their number matches A's; else B's own list. */
    for (size_t j = b; j < n && nb < 16; j++) {
        if (zc_sent_clause_start(s, t, c[j].num_start) != cs)
            break;
        bs[nb++] = j;
    }
    if (nb != na) {
        nb = 0;
        for (size_t j = b; j < n && nb < 16; j++)
            if (c[j].group == (int)b)
                bs[nb++] = j;
    }
    for (size_t k = 0; k < nb; k++) {
        const zc_cand_t *ak = NULL;
        if (na == nb) {
            ak = &c[as[k]];
        } else if (nb == 1) {
            /* A single B takes the last A of its unit. */
            for (size_t j = na; j-- > 0 && !ak;)
                if (strcmp(c[as[j]].hit.unit, c[bs[k]].hit.unit) == 0)
                    ak = &c[as[j]];
        }
        if (!ak)
            return;
        zc_cand_t *bk = &c[bs[k]];
        bk->has_from = 1;
        bk->from = ak->value;
        if (ak->subject[0] && (!bk->subj_after || ops->subject_after != 1))
            copy_str(bk->subject, ak->subject);
        if (ak->metric[0])
            copy_str(bk->metric, ak->metric);
    }
}

void zc_links_apply(const zc_common_t *cm, const zc_kind_ops_t *ops,
                    const char *t, zc_sent_t *s, zc_cand_t *c,
                    size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (c[i].group == (int)i)
            continue;
        const zc_cand_t *h = &c[c[i].group];
        if (!c[i].subj_after || !ops->subject_after)
            copy_str(c[i].subject, h->subject);
        if (h->metric[0])
            copy_str(c[i].metric, h->metric);
    }
    for (size_t i = 0; i < n; i++) {
        if (c[i].group != (int)i)
            continue;
        size_t members = 0;
        for (size_t j = i; j < n; j++)
            members += c[j].group == (int)i;
        if (members > 1)
            distribute(cm, t, s, c, n, i, members);
        change(cm, ops, t, s, c, n, i);
    }
}
