/* test_records_files.c - zc_records_extract_files() writes to a descriptor
 * exactly the records zc_engine_extract() + zc_records_render() give one
 * document at a time, in order, in JSON Lines and CSV; says of each
 * document what became of it (the command's words for a file that is
 * missing, a folder or too large); counts the claims by kind; fails the
 * call, not a document, when the descriptor cannot be written; refuses bad
 * arguments. And zc_read_document() reads as the command reads. */
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "test_support.h"
#include "zhclaim/records.h"
#include "zhclaim/zhclaim.h"

static zc_engine_t *open_engine(void)
{
    zc_engine_config_t cfg = zc_engine_config_default();
    const char *plugins[] = {ZC_TEST_PLUGIN_DIR};
    const char *rules[] = {ZC_TEST_RULES_DIR};
    cfg.plugin_dirs = plugins;
    cfg.n_plugin_dirs = 1;
    cfg.rules_dirs = rules;
    cfg.n_rules_dirs = 1;
    cfg.no_default_dirs = 1;
    cfg.log_level = ZC_LOG_ERROR;
    zc_engine_t *e;
    zc_error_t err;
    assert_int_equal(zc_engine_open(&cfg, &e, &err), ZC_OK);
    return e;
}

/* What one document at a time gives: its records appended to *all, its
 * claims counted by kind into kinds (names[i], counts[i]). */
typedef struct expected_t {
    char *all;
    size_t len;
    const char *names[32];
    size_t counts[32];
    size_t n_kinds;
} expected_t;

static void expect_doc(zc_engine_t *e, const char *path, zc_records_format_t f, expected_t *x,
                       size_t *n_claims)
{
    size_t len;
    char *bytes = zc_test_read_file(path, &len);
    zc_result_t *r;
    zc_error_t err;
    assert_int_equal(zc_engine_extract(e, path, (unsigned char *)bytes, len, &r, &err), ZC_OK);
    char *out;
    size_t n;
    assert_int_equal(zc_records_render(r, f, &out, &n), ZC_OK);
    x->all = realloc(x->all, x->len + n + 1);
    assert_non_null(x->all);
    if (n)
        memcpy(x->all + x->len, out, n);
    x->len += n;
    for (size_t i = 0; i < r->n_claims; i++) {
        const char *kind = zc_result_claim(r, i)->kind;
        size_t k = 0;
        while (k < x->n_kinds && strcmp(x->names[k], kind) != 0)
            k++;
        if (k == x->n_kinds) {
            assert_true(k < 32);
            x->names[x->n_kinds++] = strdup(kind);
        }
        x->counts[k]++;
    }
    *n_claims = r->n_claims;
    zc_records_free(out);
    zc_result_free(r);
    free(bytes);
}

static char *slurp_fd(int fd, size_t *len)
{
    struct stat st;
    assert_int_equal(fstat(fd, &st), 0);
    char *buf = malloc((size_t)st.st_size + 1);
    assert_non_null(buf);
    assert_int_equal(pread(fd, buf, (size_t)st.st_size, 0), st.st_size);
    *len = (size_t)st.st_size;
    return buf;
}

static void batch_in(zc_records_format_t f)
{
    zc_engine_t *e = open_engine();
    char *dir = zc_test_tmpdir();
    size_t n_names;
    char **names = corpus_names(&n_names);
    assert_true(n_names >= 4);
    /* Four corpus documents, with a missing file, a folder and one too
     * large between them. */
    char *paths[7];
    for (size_t i = 0; i < 4; i++)
        paths[i] = fmt("%s/%s", CORPUS_DIR, names[i]);
    char *missing = fmt("%s/missing.txt", dir), *folder = fmt("%s/folder.txt", dir);
    char *big = fmt("%s/big.txt", dir);
    assert_int_equal(mkdir(folder, 0700), 0);
    /* The limit lets every corpus document through and stops big.txt,
     * one byte over it. */
    size_t limit = 0;
    for (size_t i = 0; i < 4; i++) {
        struct stat st;
        assert_int_equal(stat(paths[i], &st), 0);
        if ((size_t)st.st_size > limit)
            limit = (size_t)st.st_size;
    }
    char *filler = malloc(limit + 1);
    assert_non_null(filler);
    memset(filler, 'x', limit + 1);
    zc_test_write_file(big, filler, limit + 1);
    free(filler);
    const char *order[7] = {paths[0], missing, paths[1], folder, paths[2], big, paths[3]};
    zc_records_doc_t docs[7];
    memset(docs, 0xAB, sizeof docs); /* every out field is written */
    for (size_t i = 0; i < 7; i++)
        docs[i].path = order[i];

    expected_t x = {0};
    size_t claims[7] = {0};
    for (size_t i = 0; i < 7; i++)
        if (order[i] != missing && order[i] != folder && order[i] != big)
            expect_doc(e, order[i], f, &x, &claims[i]);

    char *out_path = fmt("%s/out", dir);
    int fd = open(out_path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "head\n", 5), 5); /* appended after what is there */
    size_t written = 99, n_kinds = 99;
    zc_records_kind_t *kinds = NULL;
    zc_error_t err;
    assert_int_equal(zc_records_extract_files(e, docs, 7, sizeof docs[0], limit, f, fd,
                                              &written, &kinds, &n_kinds, &err),
                     ZC_OK);
    size_t len;
    char *got = slurp_fd(fd, &len);
    assert_int_equal(len, 5 + x.len);
    assert_int_equal(written, x.len);
    assert_memory_equal(got, "head\n", 5);
    assert_memory_equal(got + 5, x.all, x.len);

    for (size_t i = 0; i < 7; i++) {
        assert_ptr_equal(docs[i].path, order[i]);
        if (order[i] == missing) {
            assert_int_equal(docs[i].status, ZC_ERR_IO);
            assert_string_equal(docs[i].error, "cannot open: No such file or directory");
        } else if (order[i] == folder) {
            assert_int_equal(docs[i].status, ZC_ERR_IO);
            assert_string_equal(docs[i].error, "is a directory");
        } else if (order[i] == big) {
            assert_int_equal(docs[i].status, ZC_ERR_LIMIT);
            char *want = fmt("larger than --max-bytes (%zu > %zu bytes)", limit + 1, limit);
            assert_string_equal(docs[i].error, want);
            assert_int_equal(docs[i].n_bytes, limit + 1);
            free(want);
        } else {
            struct stat st;
            assert_int_equal(stat(order[i], &st), 0);
            assert_int_equal(docs[i].status, ZC_OK);
            assert_string_equal(docs[i].error, "");
            assert_true(docs[i].has_result);
            assert_int_equal(docs[i].n_bytes, (size_t)st.st_size);
            assert_int_equal(docs[i].n_claims, claims[i]);
            assert_string_equal(docs[i].encoding, "UTF-8");
            continue;
        }
        assert_false(docs[i].has_result);
        assert_int_equal(docs[i].n_claims, 0);
        assert_string_equal(docs[i].encoding, "");
    }
    /* The kinds, in the order they first appear, with their counts. */
    assert_int_equal(n_kinds, x.n_kinds);
    assert_true(n_kinds >= 2);
    for (size_t k = 0; k < n_kinds; k++) {
        assert_string_equal(kinds[k].kind, x.names[k]);
        assert_int_equal(kinds[k].n_claims, x.counts[k]);
        free((char *)x.names[k]);
    }
    zc_records_kinds_free(kinds, n_kinds);

    close(fd);
    free(got);
    free(x.all);
    for (size_t i = 0; i < 4; i++)
        free(paths[i]);
    free(missing);
    free(folder);
    free(big);
    free(out_path);
    free_names(names);
    zc_test_remove_tree(dir);
    free(dir);
    zc_engine_close(e);
}

static void jsonl_batch(void **state)
{
    (void)state;
    batch_in(ZC_RECORDS_JSONL);
}

static void csv_batch(void **state)
{
    (void)state;
    batch_in(ZC_RECORDS_CSV);
}

static void a_full_disk_fails_the_call(void **state)
{
    (void)state;
    zc_engine_t *e = open_engine();
    size_t n_names;
    char **names = corpus_names(&n_names);
    char *path = fmt("%s/%s", CORPUS_DIR, names[0]);
    zc_records_doc_t docs[1] = {{.path = path}};
    int fd = open("/dev/full", O_WRONLY);
    assert_true(fd >= 0);
    size_t written, n_kinds;
    zc_records_kind_t *kinds = (zc_records_kind_t *)1;
    zc_error_t err;
    assert_int_equal(zc_records_extract_files(e, docs, 1, sizeof docs[0], 0, ZC_RECORDS_JSONL,
                                              fd, &written, &kinds, &n_kinds, &err),
                     ZC_ERR_IO);
    assert_int_equal(err.status, ZC_ERR_IO);
    assert_string_equal(err.message, "cannot write the records: No space left on device");
    assert_null(kinds);
    assert_int_equal(n_kinds, 0);
    close(fd);
    free(path);
    free_names(names);
    zc_engine_close(e);
}

/* A plugin that fails on a document: the others' records are written, and
 * the document is failed with the command's words. */
static void a_failing_plugin_is_named(void **state)
{
    (void)state;
    static const char *const dirs[] = {ZC_FIXTURE_PLUGIN_DIR};
    zc_engine_config_t cfg = zc_engine_config_default();
    cfg.plugin_dirs = dirs;
    cfg.n_plugin_dirs = 1;
    cfg.no_default_dirs = 1;
    cfg.only_plugins = "fixture_good,fixture_extract_fails";
    cfg.log_level = ZC_LOG_ERROR;
    zc_engine_t *e = NULL;
    zc_error_t err;
    assert_int_equal(zc_engine_open(&cfg, &e, &err), ZC_OK);
    char *dir = zc_test_tmpdir();
    char *path = fmt("%s/doc.txt", dir);
    static const char text[] = "新增616项，共120家。";
    zc_test_write_file(path, text, sizeof text - 1);
    char *out = fmt("%s/out.jsonl", dir);
    int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    assert_true(fd >= 0);
    zc_records_doc_t docs[1] = {{.path = path}};
    size_t written, n_kinds;
    zc_records_kind_t *kinds = NULL;
    assert_int_equal(zc_records_extract_files(e, docs, 1, sizeof docs[0], 0, ZC_RECORDS_JSONL,
                                              fd, &written, &kinds, &n_kinds, &err),
                     ZC_OK);
    close(fd);
    assert_int_equal(docs[0].status, ZC_ERR_PLUGIN);
    assert_true(docs[0].has_result);
    assert_int_equal(docs[0].n_claims, 2);
    assert_string_equal(docs[0].error, "plugin failed: fixture_extract_fails (plugin error)");
    assert_true(written > 0);
    zc_records_kinds_free(kinds, n_kinds);
    zc_test_remove_tree(dir);
    free(out);
    free(path);
    free(dir);
    zc_engine_close(e);
}

static void bad_arguments_are_refused(void **state)
{
    (void)state;
    zc_engine_t *e = open_engine();
    zc_records_doc_t docs[1] = {{.path = "x.txt"}};
    size_t written, n_kinds;
    zc_records_kind_t *kinds;
    zc_error_t err;
    /* A caller's struct smaller than the library's. */
    assert_int_equal(zc_records_extract_files(e, docs, 1, sizeof docs[0] - 1, 0,
                                              ZC_RECORDS_JSONL, 1, &written, &kinds, &n_kinds,
                                              &err),
                     ZC_ERR_INVALID);
    assert_int_equal(zc_records_extract_files(e, docs, 1, sizeof docs[0], 0,
                                              (zc_records_format_t)9, 1, &written, &kinds,
                                              &n_kinds, &err),
                     ZC_ERR_INVALID);
    assert_int_equal(zc_records_extract_files(NULL, docs, 1, sizeof docs[0], 0,
                                              ZC_RECORDS_JSONL, 1, &written, &kinds, &n_kinds,
                                              &err),
                     ZC_ERR_INVALID);
    assert_int_equal(zc_records_extract_files(e, docs, 1, sizeof docs[0], 0, ZC_RECORDS_JSONL,
                                              1, &written, &kinds, &n_kinds, NULL),
                     ZC_ERR_INVALID);
    /* No documents: nothing written, no kinds. */
    assert_int_equal(zc_records_extract_files(e, NULL, 0, sizeof docs[0], 0, ZC_RECORDS_JSONL,
                                              1, &written, &kinds, &n_kinds, &err),
                     ZC_OK);
    assert_int_equal(written, 0);
    assert_null(kinds);
    assert_int_equal(n_kinds, 0);
    zc_records_kinds_free(NULL, 0);
    zc_engine_close(e);
}

static void read_document_reads_as_the_command(void **state)
{
    (void)state;
    char *dir = zc_test_tmpdir();
    char *path = fmt("%s/a.txt", dir);
    zc_test_write_file(path, "0123456789", 10);
    unsigned char *bytes;
    size_t n;
    zc_error_t err;
    assert_int_equal(zc_read_document(path, 0, &bytes, &n, &err), ZC_OK);
    assert_int_equal(n, 10);
    assert_memory_equal(bytes, "0123456789", 11); /* with its NUL */
    free(bytes);
    assert_int_equal(zc_read_document(path, 10, &bytes, &n, &err), ZC_OK);
    free(bytes);
    assert_int_equal(zc_read_document(path, 9, &bytes, &n, &err), ZC_ERR_LIMIT);
    assert_null(bytes);
    char *want = fmt("%s: larger than 9 bytes", path);
    assert_string_equal(err.message, want);
    free(want);
    assert_int_equal(zc_read_document(dir, 0, &bytes, &n, &err), ZC_ERR_IO);
    want = fmt("%s: is a directory", dir);
    assert_string_equal(err.message, want);
    free(want);
    assert_int_equal(zc_read_document("/dev/null", 0, &bytes, &n, &err), ZC_ERR_IO);
    assert_string_equal(err.message, "/dev/null: not a regular file");
    free(path);
    zc_test_remove_tree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(jsonl_batch),
        cmocka_unit_test(csv_batch),
        cmocka_unit_test(a_full_disk_fails_the_call),
        cmocka_unit_test(a_failing_plugin_is_named),
        cmocka_unit_test(bad_arguments_are_refused),
        cmocka_unit_test(read_document_reads_as_the_command),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
