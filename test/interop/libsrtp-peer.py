#!/usr/bin/env python3
"""A libsrtp peer for the SRTP interop test and bench, through Debian's python3-pylibsrtp.

Reads one JSON request per line on stdin and writes one JSON answer per line on stdout:
  {"id": 1, "op": "session", "name": "a", "suite": "AES_CM_128_HMAC_SHA1_80",
   "key": "<hex of key||salt>", "direction": "outbound" | "inbound"}
  {"id": 2, "op": "protect" | "unprotect" | "protect_rtcp" | "unprotect_rtcp", "name": "a",
   "packets": ["<hex>", ...]}                -> {"id": 2, "results": [{"packet": "<hex>"} | {"error": "..."}]}
  {"id": 3, "op": "bench", "suite": ..., "count": 20000, "payload": 160}
                                             -> packets per CPU second for protect and unprotect
Exits at the end of stdin. Packets stay in this process; nothing touches the network.
"""
import json
import sys
import time

try:
    import pylibsrtp
    from pylibsrtp import Policy, Session
except ImportError as error:  # the test turns this into a message that says what to install
    print(json.dumps({"fatal": "python3-pylibsrtp is not installed (%s)" % error}), flush=True)
    sys.exit(3)

PROFILES = {
    "AES_CM_128_HMAC_SHA1_80": Policy.SRTP_PROFILE_AES128_CM_SHA1_80,
    "AES_CM_128_HMAC_SHA1_32": Policy.SRTP_PROFILE_AES128_CM_SHA1_32,
}

sessions = {}


def make_session(suite, key, direction):
    ssrc_type = Policy.SSRC_ANY_OUTBOUND if direction == "outbound" else Policy.SSRC_ANY_INBOUND
    return Session(policy=Policy(key=key, ssrc_type=ssrc_type, srtp_profile=PROFILES[suite]))


def run_packets(session, op, packets):
    method = getattr(session, op)
    results = []
    for text in packets:
        try:
            results.append({"packet": method(bytes.fromhex(text)).hex()})
        except pylibsrtp.Error as error:
            results.append({"error": str(error)})
    return results


def rtp(seq, payload):
    header = bytes([0x80, 0x00, seq >> 8, seq & 0xFF]) + (seq * 160).to_bytes(4, "big") + b"\x11\x22\x33\x44"
    return header + payload


def bench(suite, count, payload_bytes):
    key = bytes(range(30))
    sender = make_session(suite, key, "outbound")
    receiver = make_session(suite, key, "inbound")
    payload = b"\xd5" * payload_bytes
    plain = [rtp(seq % 65536, payload) for seq in range(count)]
    # CPU time of this process, not wall time: other work on a shared machine does not count.
    started = time.process_time()
    protected = [sender.protect(packet) for packet in plain]
    middle = time.process_time()
    for packet in protected:
        receiver.unprotect(packet)
    ended = time.process_time()
    return {
        "protect_per_s": count / (middle - started),
        "unprotect_per_s": count / (ended - middle),
        "pairs_per_s": count / (ended - started),
    }


def answer(request):
    op = request["op"]
    if op == "version":
        return {"pylibsrtp": getattr(pylibsrtp, "__version__", "unknown")}
    if op == "session":
        sessions[request["name"]] = make_session(
            request["suite"], bytes.fromhex(request["key"]), request["direction"]
        )
        return {}
    if op in ("protect", "unprotect", "protect_rtcp", "unprotect_rtcp"):
        return {"results": run_packets(sessions[request["name"]], op, request["packets"])}
    if op == "bench":
        return bench(request["suite"], int(request["count"]), int(request["payload"]))
    raise ValueError("unknown op %r" % op)


for line in sys.stdin:
    if not line.strip():
        continue
    request = json.loads(line)
    try:
        reply = answer(request)
    except Exception as error:  # report to the caller instead of dying mid-test
        reply = {"failed": "%s: %s" % (type(error).__name__, error)}
    reply["id"] = request.get("id")
    print(json.dumps(reply), flush=True)
