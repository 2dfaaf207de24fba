#!/usr/bin/env bash
# The bad-input matrix of issue 10, sections 3 and 4: each input with the
# exit status and the message (or output) it must give.
#   bad_input_matrix.sh ZHCLAIM SOURCE_DIR WORK_DIR
set -uo pipefail
z=$1 src=$2 work=$3/bad_input_matrix
py=/usr/bin/python3
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
fails=0
# check NAME EXPECTED_STATUS STDERR_REGEX -- command...
check() {
  local name=$1 want=$2 re=$3
  shift 4
  "$@" >out.txt 2>err.txt
  local got=$?
  if [ "$got" != "$want" ] || ! grep -Eq -- "$re" err.txt; then
    echo "FAIL $name: status $got (want $want), stderr:"; head -c 600 err.txt; echo
    fails=$((fails + 1))
  else
    echo "ok   $name"
  fi
}
expect() { # NAME CONDITION-COMMAND...
  local name=$1; shift
  if "$@"; then echo "ok   $name"; else echo "FAIL $name"; fails=$((fails + 1)); fi
}

# 3. values formatted exactly, or refused with a message
printf '1%s元\n' "$(printf '0%.0s' $(seq 70))" > big.txt
check big_value 0 'documents' -- "$z" extract big.txt
expect big_value_exact grep -q "\"value\":1$(printf '0%.0s' $(seq 70)),\"unit\"" out.txt
printf '0.%s1元\n' "$(printf '0%.0s' $(seq 80))" > small.txt
check small_value 0 'documents' -- "$z" extract small.txt
expect small_value_exact grep -q "\"value\":0\.$(printf '0%.0s' $(seq 80))1," out.txt
$py -c "print('投资'+'7'*400+'元')" > n400.txt
check numeral_400_digits 0 'n400.txt: bytes 6-406: a numeral of 400 characters, too long' -- "$z" extract n400.txt
$py -c "print('投资1'+'0'*399+'元')" > z400.txt
check value_400_digits 0 'z400.txt: bytes 6-409: amount claim refused: its value has 400 characters' -- "$z" extract z400.txt
expect value_400_not_written test ! -s out.txt

# 3. a file name that is not UTF-8, escaped reversibly
mkdir names && printf '医院3所\n' > "$(printf 'names/b\xff.txt')"
check name_jsonl 0 'documents' -- "$z" extract names -o names.jsonl
expect name_jsonl_reversible $py -c "
import json, os
r = json.loads(open('names.jsonl', encoding='utf-8').readline())
assert os.fsencode(r['doc']) == b'names/b\xff.txt', r['doc']"
check name_csv 0 'documents' -- "$z" extract names -f csv -o names.csv
expect name_csv_utf8 $py -c "
b = open('names.csv', 'rb').read(); b.decode('utf-8'); assert b'names/b\\\\xFF.txt' in b, b"

# 3. --stdin-jsonl: a doc holding \u0000 is refused, the others kept
printf '{"doc":"a\\u0000x","text":"医院3所"}\n{"doc":"ok","text":"医院5所"}\n' > nul.jsonl
check jsonl_nul_doc 1 'stdin line 1: column 8: "doc" holds a NUL' -- sh -c "\"$z\" extract --stdin-jsonl < nul.jsonl"
expect jsonl_nul_others_kept grep -q '"doc":"ok"' out.txt

# 3. a rules file that is not UTF-8
mkdir -p gbkrules/extractors
printf 'kind      mass\npattern   (?<num>{NUM})(?<unit>\xb6\xd6)\nunit      \xb6\xd6  \xb6\xd6  0\n' > gbkrules/extractors/gbk.rules
printf '产10吨\n' > ton.txt
check rules_not_utf8 0 'gbk.rules:2: not UTF-8 \(byte 0xB6 at column 32\)' -- "$z" extract --rules-dir gbkrules ton.txt
expect rules_not_utf8_output_valid $py -c "
import json; [json.loads(l) for l in open('out.txt', encoding='utf-8')]"

# 3. short Big5, and an invalid GB18030 sequence with its offset
printf '醫院3間' | iconv -f utf-8 -t big5 > big5.txt
check short_big5 0 'documents' -- "$z" extract big5.txt
expect short_big5_claim grep -q '"text":"3間"' out.txt
printf '\xd2\xbd\xd4\xba\x81\x30\xff\x33\xcb\xf9' > badgb.txt
check gb18030_offset 1 'badgb.txt: not in a known encoding .*invalid GB18030 at byte offset 4' -- "$z" extract badgb.txt

# 4. two runs on one .sqlite: the second is refused while the first runs
mkfifo feed
"$z" extract --stdin-jsonl -o shared.sqlite < feed 2>first.err &
first=$!
exec 9>feed
printf '{"doc":"one","text":"医院3所"}\n' >&9
for _ in $(seq 50); do [ -e shared.sqlite ] && break; sleep 0.1; done
sleep 0.5
check sqlite_in_use 2 'shared.sqlite: in use by another zhclaim run' -- "$z" extract ton.txt -o shared.sqlite
printf '{"doc":"two","text":"医院4所"}\n' >&9
exec 9>&-
wait $first
expect sqlite_first_run_ok test $? -eq 0
expect sqlite_first_run_complete test "$(sqlite3 shared.sqlite 'select count(*) from documents')" = 2
check sqlite_after_lock_released 0 'documents' -- "$z" extract ton.txt -o shared.sqlite

# 4. a path longer than PATH_MAX is named and fails the run
mkdir deep && (cd deep && d=$(printf 'd%.0s' $(seq 200)); for _ in $(seq 22); do mkdir $d && cd $d || exit 1; done; printf '医院3所\n' > a.txt)
check path_max 1 'longer than PATH_MAX' -- "$z" extract deep

# 4. a FIFO named *.so in a plugin folder never blocks loading
mkdir fifoplug && mkfifo fifoplug/evil.so
check plugin_fifo 0 'plugin fifoplug/evil.so refused: not a regular file' -- timeout 20 "$z" extract --plugin-dir fifoplug ton.txt

# 4. -o naming an input is refused; an output in the folder is not read back
mkdir io && printf '医院3所\n' > io/a.txt && cp io/a.txt io/keep.txt
check output_is_input 2 'io/a.txt: is both an input and the output' -- "$z" extract io/a.txt -o io/a.txt
expect output_is_input_kept grep -q '医院3所' io/a.txt
check output_in_folder_first 0 'documents' -- "$z" extract io -o io/out.txt
check output_in_folder_again 0 'io/out.txt: the output file of this run \(-o\), not read' -- "$z" extract io -o io/out.txt
expect output_in_folder_not_read test "$(wc -l < io/out.txt)" = 2

# 4. no "cannot replace" for a database that never existed
check sqlite_cannot_create 2 'nodir/x.sqlite: cannot create' -- "$z" extract ton.txt -o nodir/x.sqlite

[ $fails -eq 0 ] || { echo "$fails case(s) failed"; exit 1; }
