/*
 * zhclaim/plugin.h - the interface between zhclaim and its extractor plugins.
 *
 * This is the only header a plugin needs. It depends on the C standard
 * library alone: no ICU or PCRE2 type crosses the boundary.
 *
 * A plugin is a shared object exporting one function,
 *
 *     ZC_PLUGIN_EXPORT const zc_plugin_t *zc_plugin_entry(void);
 *
 * which returns a pointer to a static, const descriptor. The host dlopen()s
 * the file, resolves that one symbol, and refuses the plugin (naming the file
 * and the reason) when the symbol is missing, when the descriptor is shorter
 * than the host needs, or when its ABI major differs from ZC_PLUGIN_ABI_MAJOR.
 *
 * Ownership, stated once for the whole interface:
 *   - Everything the host hands a plugin (the host table, the document view,
 *     its text, sentences and numbers) belongs to the host. The document view
 *     is valid only during the extract() call that received it.
 *   - Everything a plugin hands the host (records and their strings) is
 *     copied by the host before the call returns; the plugin may reuse or
 *     free its buffers at once.
 *   - A plugin's state, made in init() and freed in fini(), is the only
 *     memory of the plugin that outlives a call. Objects the host creates
 *     for the plugin (compiled patterns, rules file contents) say in their
 *     comment which host function frees them.
 *
 * Errors are status codes. A plugin never calls exit(), abort() or longjmp()
 * across this boundary; a failing extract() is reported for that document
 * and the other plugins' records are kept.
 *
 * Threads: extract() may run on different documents at once with the same
 * state, so the state must be read-only after init().
 *
 * ABI policy: appending a field to the end of a struct, or a function to the
 * end of zc_host_t, bumps ZC_PLUGIN_ABI_MINOR and stays compatible (every
 * struct begins with struct_size so each side can tell what the other has).
 * Removing, reordering or retyping anything bumps ZC_PLUGIN_ABI_MAJOR.
 *
 * Frozen structs: the elements of arrays that cross the boundary are indexed
 * with the reader's sizeof, so they can never grow within a major version:
 * zc_sentence_t, zc_number_t (host -> plugin, doc->numbers[i]),
 * zc_plugin_option_t (plugin -> host), zc_match_t and zc_match_group_t.
 * They have no struct_size and are FROZEN for all of ABI 1.x. Anything new
 * about a number or a sentence comes as a parallel array appended to
 * zc_doc_view_t (guarded by its struct_size), never as a field.
 * Use ZC_HOST_HAS() before calling a service added after ABI 1.0.
 */
#ifndef ZHCLAIM_PLUGIN_H
#define ZHCLAIM_PLUGIN_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

#define ZC_PLUGIN_ABI_MAJOR 1
#define ZC_PLUGIN_ABI_MINOR 4

/* The one symbol the host resolves in a plugin. */
#define ZC_PLUGIN_ENTRY_SYMBOL "zc_plugin_entry"

#if defined(__GNUC__)
#define ZC_PLUGIN_EXPORT __attribute__((visibility("default")))
#else
#define ZC_PLUGIN_EXPORT
#endif

typedef enum zc_status_t {
    ZC_OK = 0,
    ZC_ERR_NOMEM,     /* an allocation failed */
    ZC_ERR_IO,        /* a file could not be read or written */
    ZC_ERR_DECODE,    /* bytes are binary or not in any known encoding */
    ZC_ERR_INVALID,   /* a bad argument, option or input */
    ZC_ERR_PATTERN,   /* a pattern or rules file failed to compile */
    ZC_ERR_LIMIT,     /* a size or match limit was reached */
    ZC_ERR_PLUGIN,    /* a plugin failed or was refused */
    ZC_ERR_NOT_FOUND  /* a named thing does not exist */
} zc_status_t;

/*
 * An exact decimal: the value is mantissa * 10^exponent. Numbers travel as
 * decimals so that 57.4 stays 57.4 and 0.84亿 stays 84000000 exactly; a
 * binary double would print as 57.399999999999999.
 */
typedef struct zc_decimal_t {
    int64_t mantissa;
    int32_t exponent;
} zc_decimal_t;

/* Qualifier of a claim (SPEC section 4). */
typedef enum zc_approx_t {
    ZC_APPROX_EQ = 0, /* plain, 为, 达, 达到, 实现 */
    ZC_APPROX_ABOUT,  /* 约, 左右, 近 ...          printed "~"  */
    ZC_APPROX_GT,     /* 余, 多, 超过, 逾 ...       printed ">"  */
    ZC_APPROX_GE,     /* 以上, 不低于, 至少 ...     printed ">=" */
    ZC_APPROX_LT,     /* 不足, 不到, 低于 ...       printed "<"  */
    ZC_APPROX_LE      /* 以下, 以内, 不超过 ...     printed "<=" */
} zc_approx_t;

/* The approx a record prints and a rules file names: "=", "~", ">", ">=",
 * "<" or "<=". Sets *out and returns 1; for any other text sets *out to
 * ZC_APPROX_EQ and returns 0, for a caller that reports the typo. */
static inline int zc_approx_parse(const char *s, zc_approx_t *out)
{
    static const char *const signs[] = {"=", "~", ">", ">=", "<", "<="};
    for (size_t i = 0; i < sizeof signs / sizeof signs[0]; i++)
        if (strcmp(s, signs[i]) == 0) {
            *out = (zc_approx_t)i;
            return 1;
        }
    *out = ZC_APPROX_EQ;
    return 0;
}

/* Flags of a number found by the core (zc_number_t.flags). */
enum {
    ZC_NUM_ARABIC = 1u << 0,  /* written with digits: 57.4, 1,826, 1.2万 */
    ZC_NUM_CHINESE = 1u << 1, /* written with Chinese numerals: 三千二百五十亿 */
    ZC_NUM_PERCENT = 1u << 2, /* 百分之X, 千分之X, X分之Y: value is in percent */
    ZC_NUM_DECIMAL = 1u << 3, /* has a fractional part: 57.4, 四点一 */
    ZC_NUM_SCALED = 1u << 4,  /* carries a scale word: 1.2万, 16万5千, 三亿 */
    ZC_NUM_GROUPED = 1u << 5, /* has thousands separators: 1,826 */
    ZC_NUM_DIGITWISE = 1u << 6 /* Chinese digits read one by one, no units:
                                  二零一四 (2014); such numbers are years
                                  or codes far more often than quantities */
};

/*
 * A number as the core found it in the normalised text. FROZEN for ABI 1.x
 * (an array element: see the ABI policy above). Scale words are part
 * of the number (1.2万 is 12000; the 元 after it is not), and so are the
 * words of a percentage (百分之四点一 is one number, 4.1, with ZC_NUM_PERCENT).
 * A % sign after digits is not part of the number.
 */
typedef struct zc_number_t {
    size_t start_byte;  /* half-open byte range in zc_doc_view_t.text */
    size_t end_byte;
    zc_decimal_t value;
    uint32_t flags;     /* ZC_NUM_* */
    uint32_t sentence;  /* index into zc_doc_view_t.sentences */
} zc_number_t;

/* A sentence: half-open byte range in zc_doc_view_t.text. FROZEN for
 * ABI 1.x (an array element). */
typedef struct zc_sentence_t {
    size_t start_byte;
    size_t end_byte;
} zc_sentence_t;

/*
 * What a plugin sees of one document. The text is normalised: simplified
 * script, half-width digits and punctuation, noise marks and pinyin removed,
 * split digits joined. Offsets are bytes into this text; the host maps them
 * back to the original file when a record is emitted.
 */
typedef struct zc_doc_view_t {
    size_t struct_size;
    const char *path;                /* as the user named it */
    const char *text;                /* normalised UTF-8, NUL-terminated */
    size_t text_len;                 /* bytes, without the NUL */
    const zc_sentence_t *sentences;  /* in order, covering the text */
    size_t n_sentences;
    const zc_number_t *numbers;      /* in order, never overlapping */
    size_t n_numbers;
} zc_doc_view_t;

/*
 * One claim, as a plugin hands it to zc_host_t.emit(). Offsets are bytes in
 * the normalised text. Strings may be NULL where the field is unknown
 * (subject, metric); kind and unit are required (unit may be ""). The host
 * copies everything before emit() returns.
 */
typedef struct zc_record_t {
    size_t struct_size;      /* sizeof(zc_record_t) */
    const char *kind;        /* "rate", "count", "amount", ... */
    size_t start_byte;       /* span in the normalised text */
    size_t end_byte;
    zc_decimal_t value;      /* canonical value, SPEC section 3 */
    const char *unit;        /* "%", "pp", "x", "CNY", "项", "" ... */
    zc_approx_t approx;
    int has_range;           /* 5~6个: value 5, range [5, 6] */
    zc_decimal_t range_low;
    zc_decimal_t range_high;
    const char *subject;     /* simplified script, short; NULL if unknown */
    const char *metric;      /* named indicator for rates; NULL if none */
    int has_from;            /* on the "after" side of a change */
    zc_decimal_t from;
} zc_record_t;

/* A compiled pattern, owned by the host; free with zc_host_t.regex_free(). */
typedef struct zc_regex_t zc_regex_t;

/* Options of zc_host_t.regex_compile(). Patterns are always UTF-8 with
 * Unicode properties, and JIT-compiled when the machine allows it. */
enum {
    ZC_RE_CASELESS = 1u << 0,
    ZC_RE_EXTENDED = 1u << 1 /* whitespace and # comments in the pattern */
};

/* Options of zc_host_t.regex_match(). */
enum {
    ZC_RE_ANCHORED = 1u << 0 /* match only at the start offset */
};

#define ZC_MATCH_MAX_GROUPS 16

/* Result of a match: group 0 is the whole match. A group that did not take
 * part has start == end == ZC_MATCH_UNSET. Offsets are bytes in the subject.
 * FROZEN for ABI 1.x: regex_match() fills at most ZC_MATCH_MAX_GROUPS
 * groups; for more, use regex_match_groups() (ABI 1.2) with an array of
 * the capacity the pattern needs. */
#define ZC_MATCH_UNSET ((size_t)-1)
typedef struct zc_match_t {
    int n_groups; /* groups filled in, including group 0 */
    size_t start[ZC_MATCH_MAX_GROUPS];
    size_t end[ZC_MATCH_MAX_GROUPS];
} zc_match_t;

/* One group of a match (ABI 1.2, regex_match_groups()). FROZEN for ABI 1.x. */
typedef struct zc_match_group_t {
    size_t start; /* ZC_MATCH_UNSET when the group did not take part */
    size_t end;
} zc_match_group_t;

typedef enum zc_log_level_t {
    ZC_LOG_ERROR = 0,
    ZC_LOG_WARN,
    ZC_LOG_INFO,
    ZC_LOG_DEBUG
} zc_log_level_t;

/* ---- ABI 1.3: word lists and the measure reader (see zc_host_t) ---- */

/* A word list read from a rules file by zc_host_t.words_load(). Owned by
 * the engine, shared by every plugin that loads the same file, and valid
 * until the engine closes. */
typedef struct zc_words_t zc_words_t;

/* One line of a word list: the word and up to three columns after it.
 * A column is "" when the line has none. Returned by pointer, never
 * indexed as an array by a plugin: FROZEN for ABI 1.x all the same. */
#define ZC_WORD_MAX_FIELDS 3
typedef struct zc_word_t {
    const char *word;
    size_t len;                              /* bytes of word */
    const char *field[ZC_WORD_MAX_FIELDS];
} zc_word_t;

/* A kind's measure reader, made by zc_host_t.measure_open(); owned by the
 * engine and valid until it closes. */
typedef struct zc_measure_t zc_measure_t;

/* What a unit reader found after a number (zc_measure_def_t.unit_at). The
 * host zeroes it and sets struct_size before each call; a hook sets only
 * the fields it knows. */
typedef struct zc_measure_unit_t {
    size_t struct_size;
    size_t end;          /* byte just after the unit's text */
    const char *unit;    /* the record's unit: static, or a word list's */
    int exp;             /* scale the value by 10^exp: 万元 -> 4, 三成 -> 1 */
    const char *metric;  /* a default metric (成 -> 占比), or NULL */
} zc_measure_unit_t;

/* A claim the measure reader built, handed to zc_measure_def_t.finish()
 * before its subject is found. The hook may change the span, value, unit,
 * approx and metric; the host reads them back. */
typedef struct zc_measure_claim_t {
    size_t struct_size;
    size_t start, end;      /* the span to emit */
    size_t lead;            /* where the words before it (qualifiers,
                               fillers) start: the subject ends here */
    size_t num_start;       /* the (first) number */
    size_t unit_end;        /* just after the unit's text */
    zc_decimal_t value;
    int has_range;
    zc_decimal_t range_low, range_high;
    zc_approx_t approx;
    const char *unit;
    char *metric;           /* the host's buffer, NUL-terminated ("" for
                               none); rewrite it in place */
    size_t metric_size;     /* its capacity in bytes, NUL included */
} zc_measure_claim_t;

/* Where a claim's subject is looked for first (zc_measure_def_t). */
typedef enum zc_subject_at_t {
    ZC_SUBJECT_BEFORE = 0,       /* the phrase before (or 的 after) */
    ZC_SUBJECT_AFTER_UNIT = 1,   /* the noun after a classifier: 120个机构 */
    ZC_SUBJECT_AFTER_AMOUNT = 2  /* a noun right after: 200亿元专项资金 */
} zc_subject_at_t;

/*
 * A kind for the measure reader. Everything but kind and units is
 * optional (0 / NULL). The reader does, for every number the core found,
 * in its sentence: the unit after it (a units word, or unit_at()), a
 * range (5~6个, 5%-6%), 多/余 (40多项), qualifiers before and after
 * (约, 超过, 以上, 左右: rules/common/qualifiers_*.txt, at word
 * boundaries), the exclusions (rules/common/exclude.re and the kind's
 * own), lists and 分别, changes (由60%上升至78.57%: from 60), and the
 * subject and metric; then it emits the records under kind.
 */
typedef struct zc_measure_def_t {
    size_t struct_size;      /* sizeof(zc_measure_def_t) */
    const char *kind;        /* the records' kind: "temperature" */
    /* A word list: the unit words, longest match wins. Columns: the unit
     * written to the record ("" or absent: the word itself; "\"\"": no
     * unit), a power of ten (万元 4), a default metric. */
    const char *units;
    const char *not_units;   /* words that begin with a unit word and are
                                none (成为 for 成): a list file */
    const char *not_before;  /* a word right before the number rules it
                                out (第3亩): a list file */
    const char *not_after;   /* a word right after the unit rules it out
                                (亩产): a list file */
    const char *exclude;     /* a patterns file, as rules/KIND/exclude.re */
    /* Numbers the core marked ZC_NUM_PERCENT (百分之五) are claims of this
     * kind with unit "%" when 1; otherwise they are never this kind's. */
    int percent;
    zc_subject_at_t subject_at;
    /* Counts with no unit: a number right after a verb of this list that
     * opens its clause (新增市场主体1853、), or a scaled one before a noun
     * (增加500万沼气用户), unless a word of a not_bare list follows. */
    const char *bare_verbs;
    const char *const *not_bare; /* NULL-terminated list files, or NULL */
    void *user;              /* handed to the hooks */
    /* Hooks, each optional. unit_at() replaces the units lookup: read the
     * unit at text[pos, hi) after number n, return 1 and fill *hit. */
    int (*unit_at)(void *user, const zc_doc_view_t *doc, const zc_number_t *n,
                   size_t pos, size_t hi, zc_measure_unit_t *hit);
    /* Return 1 to drop number n, once its unit is read. */
    int (*veto)(void *user, const zc_doc_view_t *doc, const zc_number_t *n);
    /* Adjust a built claim (a currency named before it: 港币5亿元). */
    void (*finish)(void *user, const zc_doc_view_t *doc, zc_measure_claim_t *c);
    /* ABI 1.4. A word list: when set, a number is this kind's only when a
     * word of the list stands before it in its clause (降水 in 年降水量1200
     * 毫米; 管径1200毫米 is no rainfall). A comma between digits (1,150) is
     * part of a number, not a clause end. A host before 1.4 ignores this
     * field: check host->abi_minor >= 4 in init(). */
    const char *context;
} zc_measure_def_t;

/* The host's context of a call: one plugin on one document during extract(),
 * or the plugin alone during init() and fini(). Opaque to the plugin; every
 * host service takes it so the host knows whom it serves. */
typedef struct zc_call_t zc_call_t;

/*
 * Services the host offers. The table only grows at its end; check
 * ZC_HOST_HAS(host, member) before using a function added after ABI 1.0.
 */
typedef struct zc_host_t {
    size_t struct_size;
    uint32_t abi_major;
    uint32_t abi_minor;

    /* Hand one record to the host, which maps its span to the original
     * file, copies it, and keeps it for the document's output. */
    zc_status_t (*emit)(zc_call_t *call, const zc_record_t *record);

    /* Log a message, printf-style. The host prefixes the plugin's name and,
     * during extract(), the document's path. */
    void (*log)(zc_call_t *call, zc_log_level_t level, const char *fmt, ...)
#if defined(__GNUC__)
        __attribute__((format(printf, 3, 4)))
#endif
        ;

    /* Compile a PCRE2 pattern (UTF-8, Unicode properties, JIT, match limits).
     * On failure returns ZC_ERR_PATTERN and writes the reason and offset to
     * err. The caller owns *out and frees it with regex_free(). */
    zc_status_t (*regex_compile)(const char *pattern, uint32_t options,
                                 zc_regex_t **out, char *err, size_t err_len);

    /* Free a pattern from regex_compile(); NULL is allowed. */
    void (*regex_free)(zc_regex_t *re);

    /* Index of a named group, or -1 when the pattern has no such group. */
    int (*regex_group)(const zc_regex_t *re, const char *name);

    /* Match re against subject[0, len) starting at byte offset start.
     * Returns 1 on a match (filling m), 0 on none, and a negative number when
     * a match limit was hit (the host logs it). Safe to call from several
     * threads at once, each with its own call. */
    int (*regex_match)(zc_call_t *call, const zc_regex_t *re,
                       const char *subject, size_t len, size_t start,
                       uint32_t options, zc_match_t *m);

    /* Read a rules file by its name relative to a rules directory
     * ("count/classifiers.txt"); the first directory holding it wins. *data is
     * NUL-terminated; the caller frees it with rules_free(). On failure
     * writes the directories searched to err. */
    zc_status_t (*rules_read)(zc_call_t *call, const char *name, char **data,
                              size_t *len, char *err, size_t err_len);

    /* Free the contents returned by rules_read(); NULL is allowed. */
    void (*rules_free)(char *data);

    /* Index of the number in doc whose span contains byte, or -1. */
    long (*number_at)(const zc_doc_view_t *doc, size_t byte);

    /* ---- ABI 1.1 ---- Check with ZC_HOST_HAS(host, rules_list) before
     * use (a 1.0 host's table ends before this field).
     *
     * List the regular files of a rules folder ("extractors"), across all
     * rules directories: each() is called once per file name, in byte order,
     * with the name as rules_read() takes it ("extractors/weight.rules");
     * where several directories hold the same name, rules_read() reads the
     * first one's, as everywhere. Names starting with '.' are skipped. The
     * name passed to each() is valid only during that call. A folder that no
     * directory holds lists nothing and returns ZC_OK; a bad folder name
     * (absolute, or with "..") gives ZC_ERR_INVALID. */
    zc_status_t (*rules_list)(zc_call_t *call, const char *folder,
                              void (*each)(void *user, const char *name),
                              void *user);

    /* ---- ABI 1.2 ---- Check with ZC_HOST_HAS(host, regex_match_groups).
     *
     * Like regex_match(), but the caller gives the groups' array and its
     * capacity (entries). Fills min(capacity, groups the pattern has)
     * entries; *n_groups (may be NULL) receives the number of groups the
     * pattern has, group 0 included, so a caller whose capacity was too
     * small can tell. Returns 1, 0 or negative as regex_match() does. */
    int (*regex_match_groups)(zc_call_t *call, const zc_regex_t *re,
                              const char *subject, size_t len, size_t start,
                              uint32_t options, zc_match_group_t *groups,
                              size_t capacity, size_t *n_groups);

    /* ---- ABI 1.2 ---- Check with ZC_HOST_HAS(host, option).
     *
     * The value of one of the plugin's options (declared in
     * zc_plugin_t.options): the one the user set (zc_engine_config_t
     * .plugin_options, `zhclaim extract --plugin-opt NAME.KEY=VALUE`), else
     * the declared default_value, else NULL. Callable in init() (with
     * args->call) and extract(). The string is the host's and stays valid
     * until fini() returns. */
    const char *(*option)(zc_call_t *call, const char *key);

    /* ---- ABI 1.2 ---- Check with ZC_HOST_HAS(host, supersede).
     *
     * Settle overlapping kinds: called in init(), declares that this
     * plugin's records supersede records of `kind` (from any other plugin)
     * whose spans overlap them on the same document; those are dropped
     * from the output. An `energy` plugin calls supersede(call, "weight")
     * so that 1.2万吨标准煤 does not also come out as the weight 1.2万吨.
     * Without such a declaration the host drops nothing: overlapping
     * records of different kinds are all kept. ZC_ERR_INVALID outside
     * init() or for an empty kind; ZC_ERR_NOMEM. */
    zc_status_t (*supersede)(zc_call_t *call, const char *kind);

    /* ---- ABI 1.3 ---- Check with ZC_HOST_HAS(host, measure_extract).
     *
     * Read a word list, a rules file of one word per line with optional
     * tab-separated columns ("#" starts a comment), in init() only. The
     * engine reads each file once and shares it between plugins; *out
     * stays valid until the engine closes (do not free it). Errors are
     * logged as FILE:LINE: what, and returned (ZC_ERR_NOT_FOUND,
     * ZC_ERR_PATTERN for a malformed line, ZC_ERR_NOMEM). */
    zc_status_t (*words_load)(zc_call_t *call, const char *name,
                              const zc_words_t **out);

    /* The longest word of the list that starts at text[pos] and ends by
     * hi, or NULL. */
    const zc_word_t *(*words_forward)(const zc_words_t *words,
                                      const char *text, size_t pos,
                                      size_t hi);

    /* The longest word of the list that ends at text[pos] and starts at
     * lo or after, or NULL. */
    const zc_word_t *(*words_backward)(const zc_words_t *words,
                                       const char *text, size_t lo,
                                       size_t pos);

    /* Where the word holding byte pos starts, by ICU's word breaks over
     * text[lo, hi): 节约 is one word, so the 约 of 节约5000吨 starts none
     * (word_start(..., pos of 约, ...) != pos). */
    size_t (*word_start)(const char *text, size_t lo, size_t pos, size_t hi);

    /* Read rules file name (as rules_read() takes it) line by line, the
     * one reader every rules file of zhclaim goes through: each() gets
     * every line that is not blank and does not start with '#', its
     * trailing spaces and CR cut, writable and NUL-terminated, with its
     * 1-based number for FILE:LINE messages. A status other than ZC_OK
     * from each() stops the read and is returned. When the file cannot be
     * read, writes why to err and returns the status. */
    zc_status_t (*rules_lines)(zc_call_t *call, const char *name,
                               zc_status_t (*each)(void *user, char *line,
                                                   int line_no),
                               void *user, char *err, size_t err_len);

    /* Make a measure reader for def's kind, in init() only; def and its
     * strings need not outlive the call. The engine owns *out until it
     * closes. Errors are logged (a missing or malformed file names
     * FILE:LINE) and returned. */
    zc_status_t (*measure_open)(zc_call_t *call, const zc_measure_def_t *def,
                                const zc_measure_t **out);

    /* Find every claim of the measure's kind in doc and emit() it, in
     * extract(). Safe on several documents at once. */
    zc_status_t (*measure_extract)(zc_call_t *call, const zc_measure_t *measure,
                                   const zc_doc_view_t *doc);
} zc_host_t;

/* Whether a host table has a member: the way to check for a service added
 * after ABI 1.0 before calling it. host->abi_minor says the same, but a
 * struct_size check cannot be fooled by a table built with an older
 * header. */
#define ZC_HOST_HAS(host, member)                                            \
    ((host)->struct_size >= offsetof(zc_host_t, member) + sizeof((host)->member))

/* What init() receives. */
typedef struct zc_plugin_init_t {
    size_t struct_size;
    const zc_host_t *host;   /* valid until fini() returns */
    const char *plugin_file; /* the shared object's path, for messages */
    zc_call_t *call;         /* context for host services during init() */
} zc_plugin_init_t;

/* One option a plugin accepts, documented; a table ends with {0}. The
 * host reads the table with this sizeof: FROZEN for ABI 1.x. Read the value
 * in effect with zc_host_t.option(). */
typedef struct zc_plugin_option_t {
    const char *name;
    const char *default_value;
    const char *doc;
} zc_plugin_option_t;

/* The descriptor a plugin's entry function returns. */
typedef struct zc_plugin_t {
    size_t struct_size;     /* sizeof(zc_plugin_t) as the plugin was built */
    uint32_t abi_major;     /* ZC_PLUGIN_ABI_MAJOR */
    uint32_t abi_minor;     /* ZC_PLUGIN_ABI_MINOR */
    const char *name;       /* short, unique: "rate" */
    const char *version;    /* the plugin's own version: "1.0.0" */
    const char *description;
    /* NULL-terminated: {"rate", NULL}. The host refuses a record of a
     * kind not listed here (and says why); {"*", NULL} allows any kind
     * (the rules plugin, whose kinds come from its files). */
    const char *const *kinds;
    const zc_plugin_option_t *options;   /* may be NULL */

    /* Build the plugin's state (load rules, compile patterns). On failure
     * return a status and log the reason; the host then skips the plugin and
     * does not call fini(). */
    zc_status_t (*init)(const zc_plugin_init_t *args, void **state);

    /* Find the claims in one document and emit() them. */
    zc_status_t (*extract)(void *state, const zc_doc_view_t *doc,
                           zc_call_t *call);

    /* Free the state made by init(). */
    void (*fini)(void *state);
} zc_plugin_t;

typedef const zc_plugin_t *(*zc_plugin_entry_fn)(void);

#ifdef __cplusplus
}
#endif

#endif /* ZHCLAIM_PLUGIN_H */
