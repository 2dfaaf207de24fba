/* test_cli_extract.c - `zhclaim extract` over folders: bad files beside good
 * ones, -j and determinism, globs, CSV, -o and its temporary file,
 * --context, --max-bytes, the summary and the progress bar, exit statuses. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "test_support.h"

#define Z ZC_TEST_BINARY

/* A folder holding every kind of bad path beside good documents:
 *   bin.txt     binary (NUL bytes)
 *   bad.txt     invalid UTF-8, and no other encoding fits either
 *   pipe.txt    a FIFO (reading it would block forever)
 *   self.txt    a symbolic link to itself
 *   sub/up      a symbolic link to the folder above: a loop
 * and the corpus documents in good/ and sub/. */
static char *mixed_folder(void)
{
    char *dir = zc_test_tmpdir();
    char *good = fmt("%s/good", dir), *sub = fmt("%s/good/sub", dir);
    assert_int_equal(mkdir(good, 0755), 0);
    assert_int_equal(mkdir(sub, 0755), 0);
    copy_corpus(good, 1);
    copy_corpus(sub, 1);
    char *p = fmt("%s/bin.txt", good);
    /* The start of an ELF executable: NUL bytes, odd length. */
    static const char elf[] = "\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0\x3e\0\x01"
                              "\0\0\0\x10\x10\0\0\0\0\0";
    zc_test_write_file(p, elf, sizeof elf - 1);
    free(p);
    p = fmt("%s/bad.txt", good);
    const char bad[] = "\xe4\xb8\xad\xe6\x96\x87\x80\xff\xe4\xb8\xad 5%";
    zc_test_write_file(p, bad, sizeof bad - 1);
    free(p);
    p = fmt("%s/pipe.txt", good);
    assert_int_equal(mkfifo(p, 0644), 0);
    free(p);
    p = fmt("%s/self.txt", good);
    assert_int_equal(symlink("self.txt", p), 0);
    free(p);
    p = fmt("%s/up", sub);
    assert_int_equal(symlink("..", p), 0);
    free(p);
    free(good);
    free(sub);
    return dir;
}

/* The good documents of mixed_folder, named one by one, in walk order. */
static char *good_paths(const char *dir)
{
    size_t n;
    char **names = corpus_names(&n);
    size_t cap = 16384, used = 0;
    char *s = calloc(1, cap);
    assert_non_null(s);
    const char *const subs[] = {"good", "good/sub"};
    for (int k = 0; k < 2; k++)
        for (size_t i = 0; i < n; i++)
            used += (size_t)snprintf(s + used, cap - used, " '%s/%s/c00_%s'", dir, subs[k],
                                     names[i]);
    free_names(names);
    return s;
}

static void bad_files_are_named_and_good_documents_complete(void **state)
{
    (void)state;
    char *dir = mixed_folder();
    char *out = NULL, *alone = NULL;
    int rc = run(&out, "%s extract -j2 '%s/good' 2>'%s/err'", Z, dir, dir);
    assert_int_equal(rc, 1);
    char *errpath = fmt("%s/err", dir);
    char *err = zc_test_read_file(errpath, NULL);
    const char *const bad[] = {"good/bin.txt: binary", "good/bad.txt: not in a known encoding",
                               "good/pipe.txt: not a regular file",
                               "good/self.txt: symbolic link loop",
                               "good/sub/up: symbolic link loop"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (!strstr(err, bad[i]))
            fail_msg("stderr does not name %s:\n%s", bad[i], err);
    assert_non_null(strstr(err, "4 errors"));
    /* The good documents' records are exactly those they give alone. */
    char *paths = good_paths(dir);
    assert_int_equal(run(&alone, "%s extract -q -j1 %s", Z, paths), 0);
    assert_true(strlen(alone) > 0);
    assert_string_equal(out, alone);
    free(paths);
    free(err);
    free(errpath);
    free(out);
    free(alone);
    zc_test_remove_tree(dir);
    free(dir);
}

static void output_is_identical_whatever_j(void **state)
{
    (void)state;
    char *dir = mixed_folder();
    char *d = fmt("%s/good", dir);
    copy_corpus(d, 4);
    char *ref = NULL, *ref_err = NULL;
    assert_int_equal(run(&ref, "%s extract -q -j1 '%s' 2>/dev/null", Z, d), 1);
    assert_int_equal(run(&ref_err, "%s extract -q -j1 '%s' 2>&1 >/dev/null", Z, d), 1);
    assert_true(count_lines(ref) > 100);
    const char *const jobs[] = {"2", "3", "8"};
    for (size_t i = 0; i < 3; i++) {
        char *o = NULL, *e = NULL;
        assert_int_equal(run(&o, "%s extract -q -j%s '%s' 2>/dev/null", Z, jobs[i], d), 1);
        assert_string_equal(o, ref);
        /* The error messages come in document order too. */
        assert_int_equal(run(&e, "%s extract -q -j%s '%s' 2>&1 >/dev/null", Z, jobs[i], d), 1);
        assert_string_equal(e, ref_err);
        free(o);
        free(e);
    }
    char *c1 = NULL, *c2 = NULL;
    assert_int_equal(run(&c1, "%s extract -q -j1 --format csv '%s' 2>/dev/null", Z, d), 1);
    assert_int_equal(run(&c2, "%s extract -q -j2 --format csv '%s' 2>/dev/null", Z, d), 1);
    assert_string_equal(c1, c2);
    free(c1);
    free(c2);
    free(ref);
    free(ref_err);
    free(d);
    zc_test_remove_tree(dir);
    free(dir);
}

/* A folder named beside one of its subfolders, or a file named twice: each
 * document is listed once, the later paths noted. */
static void overlapping_paths_list_each_document_once(void **state)
{
    (void)state;
    char *dir = zc_test_tmpdir();
    char *sub = fmt("%s/sub", dir);
    assert_int_equal(mkdir(sub, 0755), 0);
    copy_corpus(dir, 1);
    copy_corpus(sub, 1);
    size_t n;
    char **names = corpus_names(&n);
    char *once = NULL, *twice = NULL, *err = NULL;
    assert_int_equal(run(&once, "%s extract -q '%s'", Z, dir), 0);
    assert_true(strlen(once) > 0);
    assert_int_equal(run(&twice, "%s extract -q '%s' '%s' 2>'%s/err'", Z, dir, sub, dir), 0);
    assert_string_equal(twice, once);
    char *errpath = fmt("%s/err", dir);
    err = zc_test_read_file(errpath, NULL);
    char *note = fmt("%s: folder already walked through another path, not walked again", sub);
    assert_non_null(strstr(err, note));
    free(note);
    free(err);
    free(twice);
    /* The same file named twice, and again inside a folder named after it. */
    char *file = fmt("%s/c00_%s", sub, names[0]);
    char *alone = NULL;
    assert_int_equal(run(&alone, "%s extract -q '%s'", Z, file), 0);
    assert_int_equal(run(&twice, "%s extract -q '%s' '%s' 2>'%s'", Z, file, file, errpath), 0);
    assert_string_equal(twice, alone);
    err = zc_test_read_file(errpath, NULL);
    assert_non_null(strstr(err, "file already listed through another path, not read again"));
    free(err);
    free(twice);
    char *summary = NULL;
    assert_int_equal(run(&summary, "%s extract '%s' '%s' 2>&1 >/dev/null", Z, file, sub), 0);
    char *docs = fmt("zhclaim: %zu documents, ", n);
    assert_non_null(strstr(summary, docs));
    free(docs);
    free(summary);
    free(alone);
    free(file);
    free(errpath);
    free(once);
    free_names(names);
    free(sub);
    zc_test_remove_tree(dir);
    free(dir);
}

static void include_and_exclude_globs(void **state)
{
    (void)state;
    char *dir = zc_test_tmpdir();
    copy_corpus(dir, 1);
    size_t n;
    char **names = corpus_names(&n);
    char *src = fmt("%s/c00_%s", dir, names[0]);
    char *md = fmt("%s/note.md", dir), *text = fmt("%s/note.text", dir),
         *other = fmt("%s/note.rst", dir);
    char *bytes = zc_test_read_file(src, NULL);
    zc_test_write_file(md, bytes, strlen(bytes));
    zc_test_write_file(text, bytes, strlen(bytes));
    zc_test_write_file(other, bytes, strlen(bytes));
    char *out = NULL;
    /* Defaults: *.txt, *.text, *.md (and the formats: *.html ...); not *.rst. */
    assert_int_equal(run(&out, "%s extract -q '%s' | grep -o '\"doc\":\"[^\"]*\"' | sort -u", Z,
                         dir), 0);
    assert_non_null(strstr(out, "note.md"));
    assert_non_null(strstr(out, "note.text"));
    assert_null(strstr(out, "note.rst"));
    assert_int_equal(count_lines(out), n + 2);
    free(out);
    assert_int_equal(run(&out, "%s extract -q --include '*.md' --include '*.rst' '%s' "
                               "| grep -o '\"doc\":\"[^\"]*\"' | sort -u", Z, dir), 0);
    assert_int_equal(count_lines(out), 2);
    assert_non_null(strstr(out, "note.rst"));
    free(out);
    assert_int_equal(run(&out, "%s extract -q --exclude 'c00_*' '%s' "
                               "| grep -o '\"doc\":\"[^\"]*\"' | sort -u", Z, dir), 0);
    assert_int_equal(count_lines(out), 2);
    free(out);
    free(bytes);
    free(src);
    free(md);
    free(text);
    free(other);
    free_names(names);
    zc_test_remove_tree(dir);
    free(dir);
}

static void csv_has_a_header_and_one_row_per_record(void **state)
{
    (void)state;
    char *dir = zc_test_tmpdir();
    copy_corpus(dir, 1);
    char *jsonl = NULL, *csv = NULL;
    assert_int_equal(run(&jsonl, "%s extract -q '%s'", Z, dir), 0);
    char *path = fmt("%s/out.csv", dir);
    assert_int_equal(run(NULL, "%s extract -q --format csv -o '%s' '%s'", Z, path, dir), 0);
    csv = zc_test_read_file(path, NULL);
    assert_memory_equal(csv, "doc,kind,plugin,start_byte,end_byte,text,value,", 47);
    /* RFC 4180: CRLF line ends; one row per record after the header.
     * (Quoted fields may hold line breaks: count with Python's reader.) */
    assert_non_null(strstr(csv, "\r\n"));
    char *rows = NULL;
    assert_int_equal(run(&rows, "python3 -c \"import csv,sys; "
                                "print(sum(1 for _ in csv.reader(open(sys.argv[1], "
                                "newline='', encoding='utf-8'))))\" '%s'", path), 0);
    assert_int_equal(strtoul(rows, NULL, 10), count_lines(jsonl) + 1);
    free(rows);
    free(jsonl);
    free(csv);
    free(path);
    zc_test_remove_tree(dir);
    free(dir);
}

static void output_file_appears_only_when_complete(void **state)
{
    (void)state;
    char *dir = zc_test_tmpdir();
    char *docs = fmt("%s/docs", dir);
    assert_int_equal(mkdir(docs, 0755), 0);
    copy_corpus(docs, 3);
    char *out = fmt("%s/claims.jsonl", dir);
    /* Killed part-way (the test hook sends SIGKILL: no cleanup runs):
     * nothing under the final name; the partial output has a temporary name. */
    assert_int_equal(run(NULL, "ZHCLAIM_TEST_KILL_AFTER=5 %s extract -q -j2 -o '%s' '%s'",
                         Z, out, docs), 128 + SIGKILL);
    struct stat st;
    assert_int_not_equal(stat(out, &st), 0);
    char *listing = NULL;
    assert_int_equal(run(&listing, "ls '%s'", dir), 0);
    assert_non_null(strstr(listing, "claims.jsonl.tmp."));
    free(listing);
    /* A complete run renames it into place and leaves nothing else. */
    assert_int_equal(run(NULL, "rm -f '%s'/claims.jsonl.tmp.*", dir), 0);
    assert_int_equal(run(NULL, "%s extract -q -j2 -o '%s' '%s'", Z, out, docs), 0);
    assert_int_equal(stat(out, &st), 0);
    assert_int_equal(run(&listing, "ls '%s'", dir), 0);
    assert_string_equal(listing, "claims.jsonl\ndocs\n");
    free(listing);
    char *stdout_copy = NULL;
    assert_int_equal(run(&stdout_copy, "%s extract -q -j2 '%s'", Z, docs), 0);
    char *written = zc_test_read_file(out, NULL);
    assert_string_equal(written, stdout_copy);
    free(written);
    free(stdout_copy);
    /* A fatal error (the folder for -o does not exist): exit 2. */
    assert_int_equal(run(NULL, "%s extract -q -o '%s/no/such/dir/x.jsonl' '%s' 2>/dev/null",
                         Z, dir, docs), 2);
    free(out);
    free(docs);
    zc_test_remove_tree(dir);
    free(dir);
}

/* -o naming a pipe or device writes to it in place: renaming a temporary
 * file over it would turn /dev/null into a plain file. */
static void output_to_a_fifo_keeps_the_fifo(void **state)
{
    (void)state;
    char *dir = zc_test_tmpdir();
    char *docs = fmt("%s/docs", dir);
    assert_int_equal(mkdir(docs, 0755), 0);
    copy_corpus(docs, 2);
    char *fifo = fmt("%s/pipe", dir);
    assert_int_equal(mkfifo(fifo, 0644), 0);
    char *copy = fmt("%s/copy.jsonl", dir);
    /* timeout: were the FIFO replaced, cat would wait for a writer forever.
     * The status is zhclaim's (a bare `wait` would return 0 whatever it
     * did), provided cat ended well too. */
    assert_int_equal(run(NULL, "timeout 20 cat '%s' > '%s' & cat_pid=$!; "
                               "%s extract -q -o '%s' '%s'; rc=$?; "
                               "wait $cat_pid || exit 99; exit $rc",
                         fifo, copy, Z, fifo, docs), 0);
    struct stat st;
    assert_int_equal(stat(fifo, &st), 0);
    assert_true(S_ISFIFO(st.st_mode));
    char *stdout_copy = NULL;
    assert_int_equal(run(&stdout_copy, "%s extract -q '%s'", Z, docs), 0);
    assert_true(strlen(stdout_copy) > 0);
    char *through_fifo = zc_test_read_file(copy, NULL);
    assert_string_equal(through_fifo, stdout_copy);
    free(through_fifo);
    free(stdout_copy);
    free(copy);
    free(fifo);
    free(docs);
    zc_test_remove_tree(dir);
    free(dir);
}

static void context_adds_the_sentence(void **state)
{
    (void)state;
    char *plain = NULL, *ctx = NULL;
    assert_int_equal(run(&plain, "%s extract -q '%s'", Z, CORPUS_DIR), 0);
    assert_int_equal(run(&ctx, "%s extract -q --context '%s'", Z, CORPUS_DIR), 0);
    assert_null(strstr(plain, "\"sentence\":"));
    size_t n = count_lines(ctx);
    assert_int_equal(n, count_lines(plain));
    char *with = NULL;
    assert_int_equal(run(&with, "%s extract -q --context '%s' | grep -c '\"sentence\":\"'", Z,
                         CORPUS_DIR), 0);
    assert_int_equal(strtoul(with, NULL, 10), n);
    free(with);
    free(plain);
    free(ctx);
}

static void max_bytes_refuses_larger_documents(void **state)
{
    (void)state;
    char *dir = zc_test_tmpdir();
    copy_corpus(dir, 1);
    char *err = NULL;
    /* The d02..d05 documents are about 2000 bytes; the others larger. */
    assert_int_equal(run(&err, "%s extract -q --max-bytes 2500 '%s' 2>&1 >/dev/null", Z, dir), 1);
    char *big = fmt("%s/c00_000_85037711d64bb8ac.txt", dir);
    struct stat st;
    assert_int_equal(stat(big, &st), 0);
    assert_true(st.st_size > 2500);
    char *why = fmt("%s: larger than --max-bytes (%lld > 2500 bytes)", big, (long long)st.st_size);
    if (!strstr(err, why))
        fail_msg("expected '%s' in: %s", why, err);
    free(why);
    free(big);
    assert_null(strstr(err, "d02"));
    free(err);
    /* A file that fstat calls empty and that then gives bytes (as a file
     * growing while read does): under the limit it is read in full, even
     * with the largest limit (once a double free: the limit + 1 wrapped to
     * 0); past it, it is refused. */
    char *out = NULL;
    assert_int_equal(run(&out, "%s extract -q --max-bytes 18446744073709551615 /proc/self/status "
                               "2>&1", Z), 0);
    free(out);
    assert_int_equal(run(&err, "%s extract -q --max-bytes 10 /proc/self/status 2>&1", Z), 1);
    assert_non_null(strstr(err, "/proc/self/status: larger than --max-bytes (grew past 10 bytes "
                                "while read)"));
    free(err);
    zc_test_remove_tree(dir);
    free(dir);
}

static void summary_line_and_quiet(void **state)
{
    (void)state;
    char *err = NULL;
    assert_int_equal(run(&err, "%s extract '%s' 2>&1 >/dev/null", Z, CORPUS_DIR), 0);
    size_t n;
    char **names = corpus_names(&n);
    char *docs = fmt("zhclaim: %zu documents, ", n);
    assert_non_null(strstr(err, docs));
    assert_non_null(strstr(err, "claims (amount "));
    assert_non_null(strstr(err, ", rate "));
    assert_non_null(strstr(err, ", 0 errors, "));
    assert_non_null(strstr(err, " MB/s\n"));
    /* Not a terminal: no progress bar (no carriage returns). */
    assert_null(strchr(err, '\r'));
    free(err);
    assert_int_equal(run(&err, "%s extract -q '%s' 2>&1 >/dev/null", Z, CORPUS_DIR), 0);
    assert_string_equal(err, "");
    free(err);
    free(docs);
    free_names(names);
}

static void progress_bar_on_a_terminal_only(void **state)
{
    (void)state;
    char *dir = zc_test_tmpdir();
    size_t made = copy_corpus(dir, 2);
    char *tty = NULL;
    assert_int_equal(run(&tty, "%s pty %s extract -j2 '%s'", DB_TOOL, Z, dir), 0);
    assert_non_null(strstr(tty, "\r\033[K["));
    assert_non_null(strstr(tty, " docs  "));
    assert_non_null(strstr(tty, " MB/s  ETA "));
    char *summary = fmt("zhclaim: %zu documents", made);
    assert_non_null(strstr(tty, summary));
    free(summary);
    free(tty);
    assert_int_equal(run(&tty, "%s pty %s extract -q -j2 '%s'", DB_TOOL, Z, dir), 0);
    assert_string_equal(tty, "");
    free(tty);
    zc_test_remove_tree(dir);
    free(dir);
}

static void usage_errors_exit_2(void **state)
{
    (void)state;
    const char *const bad[] = {"-j0", "-j x", "--format xml", "--resume", "--max-bytes 0",
                               "--format sqlite", "--stdin-jsonl"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char *err = NULL;
        /* --stdin-jsonl with a PATH is the usage error here. */
        int rc = run(&err, "%s extract %s '%s' 2>&1 </dev/null", Z, bad[i], CORPUS_DIR);
        if (rc != 2)
            fail_msg("'%s' exited %d, not 2: %s", bad[i], rc, err);
        assert_non_null(strstr(err, "zhclaim: "));
        free(err);
    }
    assert_int_equal(run(NULL, "%s extract 2>/dev/null", Z), 2);
    char *help = NULL;
    assert_int_equal(run(&help, "%s extract --help", Z), 0);
    /* Every database name the code takes is listed. */
    assert_non_null(strstr(help, ".sqlite,\n"));
    assert_non_null(strstr(help, ".sqlite3 or .db name means --format sqlite"));
    free(help);
    /* A path that does not exist is a failed document, not a usage error. */
    char *err = NULL;
    assert_int_equal(run(&err, "%s extract -q /no/such/file.txt 2>&1", Z), 1);
    assert_non_null(strstr(err, "/no/such/file.txt: No such file or directory"));
    free(err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bad_files_are_named_and_good_documents_complete),
        cmocka_unit_test(output_is_identical_whatever_j),
        cmocka_unit_test(overlapping_paths_list_each_document_once),
        cmocka_unit_test(include_and_exclude_globs),
        cmocka_unit_test(csv_has_a_header_and_one_row_per_record),
        cmocka_unit_test(output_file_appears_only_when_complete),
        cmocka_unit_test(output_to_a_fifo_keeps_the_fifo),
        cmocka_unit_test(context_adds_the_sentence),
        cmocka_unit_test(max_bytes_refuses_larger_documents),
        cmocka_unit_test(summary_line_and_quiet),
        cmocka_unit_test(progress_bar_on_a_terminal_only),
        cmocka_unit_test(usage_errors_exit_2),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
