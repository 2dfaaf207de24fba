#!/bin/sh
# test_sdk_install.sh - the plugin authoring kit, as a plugin author meets it:
#
#   1. `cmake --install` the build into a temporary prefix;
#   2. move that prefix elsewhere (an install must not depend on its
#      configured path), and check the installed zhclaim finds its own
#      plugins and rules with no flag;
#   3. build the template plugin with the one-line `cc` command from
#      docs/plugins.md and run it with --plugin-dir;
#   4. build the installed copy of examples/plugin-template with its own
#      CMakeLists.txt (zhclaim found through pkg-config) and run its test,
#      which uses the test kit in the installed libzhclaim;
#   5. add a rules-only extractor with --rules-dir.
#
# Usage: test_sdk_install.sh BUILD_DIR SOURCE_DIR WORK_DIR SANITIZE(ON|OFF)
# (SOURCE_DIR is unused: everything is taken from the install, as a plugin
# author would.)
set -eu

build=$1
work=$3/sdk_install
sanitize=$4

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

rm -rf "$work"
mkdir -p "$work"
# Only what the installed SDK gives: no environment folders.
unset ZHCLAIM_PLUGIN_PATH ZHCLAIM_RULES_PATH || true

# 1. Install.
cmake --install "$build" --prefix "$work/prefix" >"$work/install.log" ||
    fail "cmake --install (see $work/install.log)"

# 2. Relocate, then everything below uses the moved prefix only.
mv "$work/prefix" "$work/moved"
prefix=$work/moved
pc=$(find "$prefix" -name zhclaim.pc | head -n 1)
[ -n "$pc" ] || fail "no zhclaim.pc installed"
for f in bin/zhclaim include/zhclaim/plugin.h include/zhclaim/zhclaim.h \
    include/zhclaim/testkit.h share/zhclaim/rules/noise.txt \
    share/zhclaim/rules/duration/units.txt share/zhclaim/rules/area/units.txt \
    share/zhclaim/rules/extractors/weight.rules \
    share/doc/zhclaim/plugins.md share/doc/zhclaim/examples/plugin-template/CMakeLists.txt; do
    [ -e "$prefix/$f" ] || fail "not installed: $f"
done
ls "$prefix"/lib*/libzhclaim.so* >/dev/null 2>&1 || ls "$prefix"/lib/*/libzhclaim.so* >/dev/null 2>&1 ||
    fail "libzhclaim not installed"

# The guide keeps up with the headers: every zc_/ZC_ name they use and
# every service of the host table appears in docs/plugins.md.
doc=$prefix/share/doc/zhclaim/plugins.md
missing=""
for h in plugin.h zhclaim.h testkit.h; do
    names=$( (grep -ohE '\b(zc|ZC)_[A-Za-z0-9_]*[A-Za-z0-9]\b' "$prefix/include/zhclaim/$h"
              sed -n 's/.*(\*\([a-z_]*\))(.*/\1/p' "$prefix/include/zhclaim/$h") | sort -u)
    for n in $names; do
        grep -q "$n" "$doc" || missing="$missing $h:$n"
    done
done
[ -z "$missing" ] || fail "docs/plugins.md does not mention:$missing"

zhclaim=$prefix/bin/zhclaim
"$zhclaim" plugins >"$work/plugins.txt" 2>"$work/plugins.err" || fail "zhclaim plugins"
for p in duration area rules; do
    grep -q "^$p " "$work/plugins.txt" || fail "installed zhclaim does not load $p: $(cat "$work/plugins.txt" "$work/plugins.err")"
done
grep -q "file: $prefix/lib.*/zhclaim/plugins/duration.so" "$work/plugins.txt" ||
    fail "duration.so not loaded from the moved prefix: $(cat "$work/plugins.txt")"
grep -q "(ABI 1\.[0-9]*)" "$work/plugins.txt" || fail "zhclaim plugins shows no ABI"

printf '审批时限压缩至3个工作日，新增用地4930余亩，年产钢材10万吨。\n' >"$work/doc.txt"
"$zhclaim" extract --plugins duration,area,rules "$work/doc.txt" >"$work/builtin.jsonl" 2>"$work/builtin.err" ||
    fail "extract with the installed plugins: $(cat "$work/builtin.err")"
grep -q '"kind":"duration".*"text":"3个工作日","value":3,"unit":"工作日"' "$work/builtin.jsonl" ||
    fail "no duration record: $(cat "$work/builtin.jsonl")"
grep -q '"kind":"area".*"value":4930,"unit":"亩","approx":">"' "$work/builtin.jsonl" ||
    fail "no area record: $(cat "$work/builtin.jsonl")"
grep -q '"kind":"weight".*"value":100000,"unit":"吨"' "$work/builtin.jsonl" ||
    fail "no weight record from rules/extractors/weight.rules: $(cat "$work/builtin.jsonl")"

# --plugins naming a plugin that does not exist says so.
"$zhclaim" extract --plugins duration,nosuch "$work/doc.txt" >/dev/null 2>"$work/nosuch.err" || true
grep -q "plugin nosuch was selected but none of that name loaded" "$work/nosuch.err" ||
    fail "no warning for --plugins nosuch: $(cat "$work/nosuch.err")"

# The command found on PATH, run from another folder, finds its own plugins
# (the program names itself "zhclaim" then, no path).
(cd "$work" && PATH="$prefix/bin:$PATH" zhclaim plugins >"$work/onpath.out" 2>"$work/onpath.err") ||
    fail "zhclaim plugins from PATH: $(cat "$work/onpath.err")"
grep -q "file: $prefix/lib.*/zhclaim/plugins/count.so" "$work/onpath.out" ||
    fail "zhclaim on PATH did not load its own plugins: $(cat "$work/onpath.out" "$work/onpath.err")"

# 3. The one-line build of docs/plugins.md.
PKG_CONFIG_PATH=$(dirname "$pc")
export PKG_CONFIG_PATH
template=$prefix/share/doc/zhclaim/examples/plugin-template
mkdir -p "$work/oneline"
# shellcheck disable=SC2046
cc -std=c11 -Wall -Wextra -Werror -shared -fPIC $(pkg-config --cflags zhclaim) \
    "$template/temperature.c" -o "$work/oneline/temperature.so" ||
    fail "one-line cc build of the template"
printf '今日平均气温35℃，全年平均气温约20℃，夜间零下5℃。\n' >"$work/temp.txt"
"$zhclaim" extract --plugin-dir "$work/oneline" --rules-dir "$template/rules" --plugins temperature \
    "$work/temp.txt" >"$work/temp.jsonl" 2>"$work/temp.err" ||
    fail "extract with temperature.so: $(cat "$work/temp.err")"
[ "$(grep -c '"kind":"temperature"' "$work/temp.jsonl")" = 3 ] ||
    fail "temperature records: $(cat "$work/temp.jsonl" "$work/temp.err")"
grep -q '"text":"约20℃","value":20,"unit":"℃","approx":"~"' "$work/temp.jsonl" ||
    fail "temperature record 20: $(cat "$work/temp.jsonl")"
grep -q '"text":"零下5℃","value":-5,' "$work/temp.jsonl" ||
    fail "temperature record -5 (the finish hook): $(cat "$work/temp.jsonl")"
# Without its rules folder the plugin is refused, naming the file.
"$zhclaim" extract --plugin-dir "$work/oneline" --plugins temperature "$work/temp.txt" \
    >/dev/null 2>"$work/temp-norules.err" || true
grep -q 'temperature/units.txt' "$work/temp-norules.err" ||
    fail "no word of the missing units file: $(cat "$work/temp-norules.err")"

# 4. The template's own CMake build and test (the test kit from libzhclaim).
flags=""
if [ "$sanitize" = ON ]; then
    # The installed libzhclaim is instrumented: so must the test be.
    flags="-fsanitize=address,undefined -fno-omit-frame-pointer"
fi
CFLAGS="$flags" LDFLAGS="$flags" cmake -S "$template" -B "$work/template-build" \
    >"$work/template-cmake.log" 2>&1 || fail "template configure: $(cat "$work/template-cmake.log")"
cmake --build "$work/template-build" >"$work/template-build.log" 2>&1 ||
    fail "template build: $(cat "$work/template-build.log")"
[ -f "$work/template-build/temperature.so" ] || fail "template built no temperature.so"
if pkg-config --exists cmocka; then
    ctest --test-dir "$work/template-build" --output-on-failure >"$work/template-test.log" 2>&1 ||
        fail "template test: $(cat "$work/template-test.log")"
    grep -q "100% tests passed" "$work/template-test.log" || fail "template test did not run"
fi

# 5. A rules-only extractor, no C: one file in a rules folder of one's own.
mkdir -p "$work/myrules/extractors"
cat >"$work/myrules/extractors/households.rules" <<'EOF'
kind     households
pattern  (?<qual>约|近)?(?<num>{NUM})(?<qual2>余|多)?(?<unit>户)
unit     户   户   0
approx   约   ~
approx   近   ~
approx   余   >
approx   多   >
EOF
printf '惠及群众约1.2万户。\n' >"$work/hh.txt"
"$zhclaim" extract --rules-dir "$work/myrules" --plugins rules "$work/hh.txt" >"$work/hh.jsonl" 2>"$work/hh.err" ||
    fail "extract with a rules-only extractor: $(cat "$work/hh.err")"
grep -q '"kind":"households".*"text":"约1.2万户","value":12000,"unit":"户","approx":"~"' "$work/hh.jsonl" ||
    fail "households record: $(cat "$work/hh.jsonl" "$work/hh.err")"

echo "sdk install: ok ($prefix)"
rm -rf "$work"
