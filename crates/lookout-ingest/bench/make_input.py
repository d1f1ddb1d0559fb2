#!/usr/bin/env python3
"""Benchmark input: the real AISdb capture (tag blocks with receive times) repeated N times,
each copy shifted by one hour, tag-block checksums recomputed. Real sentences, unique rows."""
import re, sys
src, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
lines = open(src, encoding="ascii", errors="replace").read().splitlines()
tag = re.compile(r"^\\([^*\\]*)\*[0-9A-Fa-f]{2}\\(.*)$")
def cs(s):
    x = 0
    for ch in s.encode():
        x ^= ch
    return "%02X" % x
with open(out, "w") as f:
    for k in range(n):
        for line in lines:
            m = tag.match(line)
            if not m:
                f.write(line + "\n"); continue
            fields = []
            for fld in m.group(1).split(","):
                if fld[:2] in ("c:", "t:") and fld[2:].isdigit():
                    fld = fld[:2] + str(int(fld[2:]) + k * 3600)
                fields.append(fld)
            body = ",".join(fields)
            f.write("\\%s*%s\\%s\n" % (body, cs(body), m.group(2)))
