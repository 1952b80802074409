"""wrk: one page's load, its figures, and which cache answered each response (a header counted in Lua)."""
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.config import CONNECTIONS, THREADS, say

RANDOM = "{random}"  # in a target's path: a different value on every request

# Counts the values of one response header over all responses, per wrk thread; done() prints the totals.
# For a path with RANDOM in it, each thread puts its own salt and a counter there, request by request.
SCRIPT = """
local header, prefix, suffix = %s, %s, %s
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args)
  counts = {}
  salt = tostring({}):match("0x(%%x+)") or "0"
  counter = 0
end
if prefix then
  request = function()
    counter = counter + 1
    return wrk.format(nil, prefix .. salt .. "x" .. counter .. suffix)
  end
end
if header then
  response = function(status, headers, body)
    local value = headers[header] or headers[string.lower(header)] or "none"
    counts[value] = (counts[value] or 0) + 1
  end
end
function done(summary, latency, requests)
  for _, thread in ipairs(threads) do
    for value, n in pairs(thread:get("counts")) do
      io.write(string.format("header-count %%s %%d\\n", value, n))
    end
  end
end
"""


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() != 0:
        sys.exit("wrk is not installed: run `apt-get install -y wrk` as root, then `make bench` again.")
    say("Installing wrk (apt-get install -y wrk)…")
    if subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], stdout=subprocess.DEVNULL).returncode != 0:
        subprocess.run(["apt-get", "update", "-q"], stdout=subprocess.DEVNULL, check=True)
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], stdout=subprocess.DEVNULL, check=True)
    return shutil.which("wrk")


def lua_string(text) -> str:
    if text is None:
        return "nil"
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def run_wrk(wrk, base, path, duration, header=None) -> dict:
    """Load base+path for `duration` seconds. `header`: a response header whose values to count."""
    command = [wrk, f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{duration}s", "--latency", "--timeout", "5s"]
    prefix = suffix = None
    if RANDOM in path:
        prefix, suffix = path.split(RANDOM, 1)
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        if prefix is not None or header:
            script = Path(scratch) / "bench.lua"
            script.write_text(SCRIPT % (lua_string(header), lua_string(prefix), lua_string(suffix)))
            command += ["-s", str(script)]
        output = subprocess.run(command + [base + path.replace(RANDOM, "")], capture_output=True, text=True, check=True).stdout
    latency = dict(re.findall(r"^\s*(50|99)(?:\.0+)?%\s+([\d.]+(?:us|ms|s|m))", output, re.M))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    served = {}
    for value, count in re.findall(r"^header-count (\S+) (\d+)$", output, re.M):
        served[value] = served.get(value, 0) + int(count)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": to_ms(latency["50"]), "p99": to_ms(latency["99"]),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "non_2xx": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
        "served": served,
    }


def combine(runs: list[dict]) -> dict:
    """One page's figures over its rounds: requests/s over all of them, the median p50, the worst p99."""
    seconds = sum(run["requests"] / run["rps"] for run in runs)
    p50s = sorted(run["p50"] for run in runs)
    served = {}
    for run in runs:
        for value, count in run["served"].items():
            served[value] = served.get(value, 0) + count
    return {
        "rps": sum(run["requests"] for run in runs) / seconds, "rounds": [run["rps"] for run in runs],
        "p50": p50s[len(p50s) // 2], "p99": max(run["p99"] for run in runs),
        "requests": sum(run["requests"] for run in runs), "non_2xx": sum(run["non_2xx"] for run in runs),
        "socket_errors": "; ".join(run["socket_errors"] for run in runs if run["socket_errors"]),
        "served": served,
    }
