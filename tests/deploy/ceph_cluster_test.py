#!/usr/bin/env python3
"""deploy/ceph.sh's cluster is a real S3 store (ctest label ceph, fixture ceph).

Against the fixture's radosgw, with curl's own SigV4 signing (the keys go to
curl on stdin): a PUT and ranged GETs return the bytes; a PUT whose
Content-MD5 is wrong is refused with 400 BadDigest and stores nothing; of 8
racing PUTs with If-None-Match: * to one name exactly one wins; and after
`ceph.sh stop` and `ceph.sh start` on the same DIR the object is still there.

    ceph_cluster_test.py PATH/TO/deploy/ceph.sh   (HOSO_TEST_S3_ENV=DIR/s3.env)

It stops the fixture's cluster for a moment, so ctest runs it alone (RUN_SERIAL).
"""
import base64
import hashlib
import os
import secrets
import subprocess
import sys
import tempfile
import time

T0 = time.monotonic()

FAILURES = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what + " (%.1f s)" % (time.monotonic() - T0), flush=True)
    if not ok:
        FAILURES.append(what)


def read_pairs(path):
    pairs = {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if "=" in line and not line.startswith(("#", "[")):
                key, value = line.split("=", 1)
                pairs[key.strip()] = value.strip()
    return pairs


class S3:
    def __init__(self, env_file):
        env = read_pairs(env_file)
        keys = read_pairs(env["HOSO_S3_CREDENTIALS"])
        self.endpoint = env["HOSO_S3_ENDPOINT"]
        self.region = env["HOSO_S3_REGION"]
        self.user = '"%s:%s"' % (keys["aws_access_key_id"], keys["aws_secret_access_key"])

    def start(self, method, path, body=b"", headers=()):
        """Starts curl for one signed request; finish() gives (status, body)."""
        tmp = tempfile.NamedTemporaryFile(delete=False)
        tmp.write(body)
        tmp.close()
        verb = ["--head"] if method == "HEAD" else ["-X", method]
        args = ["curl", "-K", "-", "-sS", "--max-time", "60"] + verb + [
                "--aws-sigv4", "aws:amz:%s:s3" % self.region,
                "-H", "x-amz-content-sha256: " + hashlib.sha256(body).hexdigest(),
                "-o", "-", "-w", "\n%{http_code}"]
        for h in headers:
            args += ["-H", h]
        if method in ("PUT", "POST"):
            args += ["--data-binary", "@" + tmp.name]
        proc = subprocess.Popen(args + [self.endpoint + path], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE)
        proc.stdin.write(("user = %s\n" % self.user).encode())
        proc.stdin.close()
        return proc, tmp.name

    @staticmethod
    def finish(started):
        proc, tmp = started
        out = proc.stdout.read()
        proc.wait()
        os.unlink(tmp)
        body, _, code = out.rpartition(b"\n")
        return int(code or 0), body

    def request(self, method, path, body=b"", headers=()):
        return self.finish(self.start(method, path, body, headers))


def md5_header(data):
    return "Content-MD5: " + base64.b64encode(hashlib.md5(data).digest()).decode()


def main():
    script = sys.argv[1]
    env_file = os.environ.get("HOSO_TEST_S3_ENV")
    if not env_file:
        print("HOSO_TEST_S3_ENV is not set: run through ctest -L ceph", file=sys.stderr)
        return 1
    cluster_dir = os.path.dirname(env_file)
    s3 = S3(env_file)
    bucket = "/hoso-t-" + secrets.token_hex(8)
    code, _ = s3.request("PUT", bucket)
    check(code == 200, "create bucket %s: %d" % (bucket, code))

    data = os.urandom(3 * 1024 * 1024 + 17)
    code, _ = s3.request("PUT", bucket + "/object", data, [md5_header(data)])
    check(code == 200, "PUT 3 MiB with Content-MD5: %d" % code)
    code, got = s3.request("GET", bucket + "/object", headers=["Range: bytes=1048570-2097160"])
    check(code == 206 and got == data[1048570:2097161], "ranged GET: %d, %d bytes" % (code, len(got)))
    code, got = s3.request("GET", bucket + "/object", headers=["Range: bytes=-17"])
    check(code == 206 and got == data[-17:], "suffix range GET: %d" % code)

    other = os.urandom(4096)
    code, got = s3.request("PUT", bucket + "/bad-md5", other, [md5_header(other[:-1])])
    check(code == 400 and b"BadDigest" in got, "PUT with a wrong Content-MD5: %d %s" % (code, got[:80]))
    code, _ = s3.request("HEAD", bucket + "/bad-md5")
    check(code == 404, "nothing stored by the refused PUT: HEAD %d" % code)

    racers = [os.urandom(64 * 1024) for _ in range(8)]
    started = [s3.start("PUT", bucket + "/raced", body, ["If-None-Match: *", md5_header(body)])
               for body in racers]
    codes = [S3.finish(s)[0] for s in started]
    winners = [body for body, code in zip(racers, codes) if code == 200]
    check(len(winners) == 1 and all(c in (200, 409, 412) for c in codes),
          "8 racing PUTs with If-None-Match: * -> %s" % codes)
    code, got = s3.request("GET", bucket + "/raced")
    check(code == 200 and len(winners) == 1 and got == winners[0], "the winner's bytes are stored")

    stop = subprocess.run(["bash", script, "stop", cluster_dir])
    check(stop.returncode == 0, "ceph.sh stop")
    code, _ = s3.request("GET", bucket + "/object")
    check(code == 0, "stopped: radosgw no longer answers (%d)" % code)
    start = subprocess.run(["bash", script, "start", cluster_dir])
    check(start.returncode == 0, "ceph.sh start again")
    code, got = s3.request("GET", bucket + "/object")
    check(code == 200 and got == data, "after stop and start the object is there: %d" % code)

    for name in ("object", "raced"):
        s3.request("DELETE", bucket + "/" + name)
    s3.request("DELETE", bucket)
    if FAILURES:
        print("%d check(s) failed" % len(FAILURES), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
