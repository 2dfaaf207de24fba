#!/usr/bin/python3
"""docs_code.py CC INCLUDE_DIR ZHCLAIM DOC WORK

The code in docs/plugins.md works verbatim, in the order shown: every
```c block, concatenated in order, is the tutorial's plugin
(temperature.c); a block whose info string names a file
(```c file=test_temperature.c, ```text file=rules/temperature/units.txt)
is that file. The plugin is built with the flags the tutorial gives plus
-Wall -Wextra -Werror (-Wno-unused-function and -Wno-unused-const-variable
only: later sections show helpers a plugin may add and need not call), the
other C files are compiled against the headers, and the plugin is run as
the "Build and run" section runs it (its printf line and its zhclaim
extract line, in the folder the files were written to): its records must
be the JSON lines the guide prints there, byte for byte.
"""
import os
import re
import shlex
import subprocess
import sys

cc, include, zhclaim, doc, work = sys.argv[1:6]
os.makedirs(work, exist_ok=True)
text = open(doc, encoding="utf-8").read()

files = {}
order = []
c_blocks = 0
blocks = re.findall(r"^```([^\n]*)\n(.*?)^```", text, flags=re.S | re.M)
for info, body in blocks:
    words = info.split()
    if not words:
        continue
    name = "temperature.c" if words[0] == "c" else None
    for w in words[1:]:
        if w.startswith("file="):
            name = w[5:]
    if name is None:
        continue
    c_blocks += words[0] == "c"
    if name not in files:
        files[name] = ""
        order.append(name)
    files[name] += body + ("\n" if words[0] == "c" else "")

if "temperature.c" not in files or "zc_plugin_entry" not in files["temperature.c"]:
    sys.exit("docs_code: no plugin in %s" % doc)
for name in order:
    path = os.path.join(work, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(files[name])

def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        sys.exit("docs_code: %s failed:\n%s%s" % (" ".join(cmd), r.stdout, r.stderr))
    return r

warn = ["-std=c11", "-Wall", "-Wextra", "-Werror", "-Wno-unused-function",
        "-Wno-unused-const-variable", "-I" + include]
so = os.path.join(work, "temperature.so")
run([cc, "-shared", "-fPIC"] + warn + [os.path.join(work, "temperature.c"), "-o", so])
for name in order:
    if name.endswith(".c") and name != "temperature.c":
        run([cc, "-c"] + warn + ['-DZHCLAIM_RULESDIR="rules"', os.path.join(work, name),
                                 "-o", os.path.join(work, name + ".o")])

# "Build and run": the printf line makes t.txt, the zhclaim extract line
# runs the plugin, and the JSON block after them is the output.
m = re.search(r"### [0-9.]+ Build and run\n.*?printf '([^']*)' > t\.txt\n"
              r"(zhclaim extract [^\n]*)\n```\n\n```json\n(.*?)```", text, flags=re.S)
if not m:
    sys.exit("docs_code: 'Build and run' has no printf ... > t.txt, zhclaim extract line "
             "and json block")
sample = m.group(1).replace("\\n", "\n").encode("utf-8")
with open(os.path.join(work, "t.txt"), "wb") as f:
    f.write(sample)
command = shlex.split(m.group(2))
r = run([zhclaim] + command[1:], cwd=work)
if r.stdout != m.group(3):
    sys.exit("docs_code: 'Build and run' prints\n%s\nbut the plugin gives\n%s%s"
             % (m.group(3), r.stdout, r.stderr))
print("docs_code: %d C blocks (%s) compile; the tutorial's records match"
      % (c_blocks, ", ".join(order)))
