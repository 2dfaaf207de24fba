#!/usr/bin/python3
"""docs_code.py CC INCLUDE_DIR ZHCLAIM DOC WORK

The C in docs/plugins.md compiles verbatim, in the order shown: every
```c block, concatenated in order, is the tutorial's plugin
(temperature.c); a block whose info string names a file
(```c file=test_temperature.c) is that file. The plugin is built with the
flags the tutorial gives plus -Wall -Wextra -Werror (-Wno-unused-function
and -Wno-unused-const-variable only: later sections show helpers a plugin
may add and need not call), the test program is compiled against the
headers, and the plugin is run as section 1.7 runs it: its records must be
the JSON lines the guide prints there, byte for byte.
"""
import os
import re
import subprocess
import sys

cc, include, zhclaim, doc, work = sys.argv[1:6]
os.makedirs(work, exist_ok=True)
text = open(doc, encoding="utf-8").read()

files = {}
order = []
blocks = re.findall(r"^```([^\n]*)\n(.*?)^```", text, flags=re.S | re.M)
for info, body in blocks:
    words = info.split()
    if not words or words[0] != "c":
        continue
    name = "temperature.c"
    for w in words[1:]:
        if w.startswith("file="):
            name = w[5:]
    if name not in files:
        files[name] = ""
        order.append(name)
    files[name] += body + "\n"

if "temperature.c" not in files or "zc_plugin_entry" not in files["temperature.c"]:
    sys.exit("docs_code: no plugin in %s" % doc)
for name in order:
    with open(os.path.join(work, name), "w", encoding="utf-8") as f:
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
    if name != "temperature.c":
        run([cc, "-c"] + warn + [os.path.join(work, name), "-o",
                                 os.path.join(work, name + ".o")])

# Section 1.7: the printf line makes t.txt; the JSON block after it is the
# output.
m = re.search(r"### 1\.7.*?printf '([^']*)' > t\.txt.*?```json\n(.*?)```", text, flags=re.S)
if not m:
    sys.exit("docs_code: section 1.7 has no printf ... > t.txt and json block")
sample = m.group(1).replace("\\n", "\n").encode("utf-8")
with open(os.path.join(work, "t.txt"), "wb") as f:
    f.write(sample)
r = run([zhclaim, "extract", "--plugin-dir", work, "--plugins", "temperature", "t.txt"],
        cwd=work)
if r.stdout != m.group(2):
    sys.exit("docs_code: section 1.7 prints\n%s\nbut the plugin gives\n%s%s"
             % (m.group(2), r.stdout, r.stderr))
print("docs_code: %d C blocks (%s) compile; section 1.7's records match"
      % (sum(1 for i, _ in blocks if i.split()[:1] == ["c"]), ", ".join(order)))
