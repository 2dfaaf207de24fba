#!/bin/sh
# test_exports.sh CC INCLUDE_DIR LIBZHCLAIM LIBTESTKIT LIBRECORDS
#
# Each shared library exports exactly the functions its public header
# declares: libzhclaim what zhclaim.h declares, libzhclaim-testkit what
# testkit.h declares, libzhclaim-records what records.h declares. The
# declarations come from the compiler itself (-aux-info lists every function a translation unit declares, with the
# header it came from), the exports from `nm -D`. A function added to a
# header without ZC_API is declared but not exported; an internal function
# that lost its hiding is exported but not declared: either fails here.
set -eu
cc=$1 include=$2 lib=$3 testkit=$4 records=$5
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

printf '#include "zhclaim/zhclaim.h"\n#include "zhclaim/testkit.h"\n#include "zhclaim/records.h"\n' >"$work/all.c"
"$cc" -std=c11 -I"$include" -fsyntax-only -aux-info "$work/aux.txt" "$work/all.c"

declared() { # header: the non-static functions it declares
    grep "/zhclaim/$1:" "$work/aux.txt" | grep -v '\*/ static ' |
        sed -n 's/.*[ *]\([A-Za-z_][A-Za-z0-9_]*\) (.*/\1/p' | sort -u
}
exported() { # library: the functions it defines in its dynamic symbol table
    nm -D --defined-only "$1" | awk '$2 == "T" || $2 == "W" || $2 == "i" { print $3 }' |
        grep -v -e '^_init$' -e '^_fini$' -e '^__' | sort -u
}

status=0
# Symbols exported for binaries built against an older header, which no
# longer declares them as functions of the library: each with its reason.
#   zc_engine_config_default  0.1 returned the config by value; 0.2 makes it
#                             inline (core/host/engine_config_compat.c)
compat_exports() { # header
    [ "$1" = zhclaim.h ] && echo zc_engine_config_default
    return 0
}
check() { # header library
    { declared "$1"; compat_exports "$1"; } | sort -u >"$work/declared"
    exported "$2" >"$work/exported"
    [ -s "$work/declared" ] || { echo "no function found in $1"; status=1; return; }
    if ! cmp -s "$work/declared" "$work/exported"; then
        echo "$(basename "$2") exports differ from $1 (< declared only, > exported only):"
        diff "$work/declared" "$work/exported" | grep '^[<>]' || true
        status=1
    else
        echo "$(basename "$2"): $(wc -l <"$work/exported") functions, as $1 declares"
    fi
}
check zhclaim.h "$lib"
check testkit.h "$testkit"
check records.h "$records"
exit $status
