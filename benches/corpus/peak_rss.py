#!/usr/bin/env python3
"""Peak memory of one command, split into private and file-backed pages.

    peak_rss.py STDIN_FILE CMD ARGS...

Polls /proc/PID/status every 2 ms while CMD runs (stdin from STDIN_FILE,
stdout and stderr discarded) and prints one line: the peaks of VmRSS,
RssAnon (private memory) and RssFile (pages of mapped files, such as the
index's tables: shared page cache, clean and reclaimable) in MB.

Why the split: on kernels that keep files in large page-cache folios (ext4
on Linux 6.18 here), a fault in a mapped file maps the whole folio, up to
2 MB, even under MADV_RANDOM, so each row a query reads can add up to
2 MB to RssFile. A poll can miss a peak shorter than its interval.
"""
import re
import subprocess
import sys
import time


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(sys.argv[1], "rb") as stdin:
        proc = subprocess.Popen(sys.argv[2:], stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        peak = {"VmRSS": 0, "RssAnon": 0, "RssFile": 0}
        while proc.poll() is None:
            try:
                with open(f"/proc/{proc.pid}/status") as f:
                    status = f.read()
            except OSError:
                break
            for key in peak:
                found = re.search(key + r":\s+(\d+)", status)
                if found:
                    peak[key] = max(peak[key], int(found.group(1)))
            time.sleep(0.002)
        code = proc.wait()
    print(f"rss {peak['VmRSS'] // 1024} MB, private {peak['RssAnon'] // 1024} MB, mapped files {peak['RssFile'] // 1024} MB")
    return code


if __name__ == "__main__":
    sys.exit(main())
