/*
 * jsonl_reader.h - one line of `zhclaim extract --stdin-jsonl` input:
 *
 *     {"doc": "reports/a.txt", "text": "2023年增长5.6%\n..."}
 *
 * A JSON object (RFC 8259) with a string member "doc" (the name records
 * carry) and a string member "text" (the document). Other members are
 * skipped, whatever their value, so rows exported with extra columns need
 * no trimming. Strings are unescaped in full: \" \\ \/ \b \f \n \r \t and
 * \uXXXX, a surrogate pair giving one supplementary character. The result
 * is UTF-8; raw bytes must already be valid UTF-8, and a lone surrogate is
 * refused, because spans are then byte offsets into that UTF-8.
 */
#ifndef ZC_CLI_JSONL_READER_H
#define ZC_CLI_JSONL_READER_H

#include <stddef.h>

typedef struct zc_jsonl_doc_t {
    char *doc;        /* NUL-terminated UTF-8; the caller's (zc_jsonl_doc_free) */
    size_t doc_len;
    char *text;       /* NUL-terminated; may hold NULs (\u0000): use text_len */
    size_t text_len;
} zc_jsonl_doc_t;

/* Parse the object in line[0, len) (a trailing newline is allowed). On
 * success returns 0 and fills *out. On failure returns -1, leaves *out
 * empty, and writes to err (err_cap bytes) why, naming the byte column
 * (1-based) where it went wrong: `column 17: invalid escape "\q"`. */
int zc_jsonl_parse(const char *line, size_t len, zc_jsonl_doc_t *out,
                   char *err, size_t err_cap);

/* Free what zc_jsonl_parse filled; *doc is left empty. */
void zc_jsonl_doc_free(zc_jsonl_doc_t *doc);

/* Is the line only blanks? (Blank lines are skipped, not errors.) */
int zc_jsonl_blank(const char *line, size_t len);

#endif
