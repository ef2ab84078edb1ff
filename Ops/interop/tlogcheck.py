"""Shared helpers for the independent checkers: signed notes (c2sp.org/signed-note),
checkpoints (c2sp.org/tlog-checkpoint), cosignatures (c2sp.org/tlog-cosignature) and
RFC 9162 proof verification. Written from the specifications with hashlib and the
`cryptography` package only; it shares no code with Mutual."""

import base64
import binascii
import hashlib

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

EM_DASH = "\u2014"


class CheckFailed(Exception):
    """The input is well formed but does not verify (exit 1)."""


class Malformed(Exception):
    """The input is not in the expected format (exit 65)."""


def b64(text):
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as error:
        raise Malformed(f"not base64: {text!r}") from error
    if base64.b64encode(raw).decode() != text:
        raise Malformed(f"not canonical base64: {text!r}")
    return raw


def parse_vkey(text):
    parts = text.strip().split("+", 2)
    if len(parts) != 3:
        raise Malformed("a vkey is <name>+<hex id>+<base64 key>")
    name, hex_id, key = parts
    raw = b64(key)
    if len(raw) != 33 or raw[0] not in (0x01, 0x04):
        raise Malformed("only Ed25519 (0x01) and cosignature/v1 (0x04) keys of 32 bytes")
    key_id = hashlib.sha256(name.encode() + b"\n" + raw).digest()[:4]
    if key_id.hex() != hex_id:
        raise Malformed("the vkey's key ID does not match its name and key")
    return {"name": name, "id": key_id, "type": raw[0], "key": Ed25519PublicKey.from_public_bytes(raw[1:])}


def split_note(data):
    """Returns (text bytes, [(name, key id, signature bytes)])."""
    cut = data.rfind(b"\n\n")
    if cut < 0 or not data.endswith(b"\n"):
        raise Malformed("a note is text, a blank line, then signature lines")
    text, sigs = data[: cut + 1], data[cut + 2 :]
    lines = []
    for line in sigs.decode("utf-8").split("\n")[:-1]:
        if not line.startswith(EM_DASH + " "):
            raise Malformed(f"signature line does not start with an em dash: {line!r}")
        fields = line[2:].split(" ")
        if len(fields) != 2:
            raise Malformed(f"bad signature line {line!r}")
        raw = b64(fields[1])
        lines.append((fields[0], raw[:4], raw[4:]))
    return text, lines


def verify_note(data, vkey):
    """True if the note carries a valid signature by vkey; raises on a bad one."""
    text, lines = split_note(data)
    found = False
    for name, key_id, sig in lines:
        if name != vkey["name"] or key_id != vkey["id"]:
            continue
        if vkey["type"] == 0x01:
            message, signature = text, sig
        else:
            if len(sig) != 72:
                raise CheckFailed("a cosignature is 8 bytes of time and 64 of signature")
            stamp = int.from_bytes(sig[:8], "big")
            message, signature = b"cosignature/v1\ntime %d\n" % stamp + text, sig[8:]
        try:
            vkey["key"].verify(signature, message)
        except InvalidSignature as error:
            raise CheckFailed(f"signature by {name} does not verify") from error
        found = True
    return found


def parse_checkpoint(text):
    lines = text.decode("utf-8").split("\n")
    if len(lines) < 4 or lines[-1] != "":
        raise Malformed("a checkpoint has origin, size and root lines")
    size = lines[1]
    if not size.isdigit() or (size != "0" and size.startswith("0")):
        raise Malformed("bad checkpoint size")
    root = b64(lines[2])
    if len(root) != 32:
        raise Malformed("a root is 32 bytes")
    return lines[0], int(size), root


def leaf_hash(data):
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def inclusion_root(index, size, leaf, path):
    """RFC 9162 section 2.1.3.2: the root the audit path leads to."""
    if index >= size:
        raise CheckFailed("index beyond size")
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            raise CheckFailed("inclusion proof too long")
        if fn % 2 == 1 or fn == sn:
            r = node_hash(p, r)
            while fn % 2 == 0 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = node_hash(r, p)
        fn, sn = fn >> 1, sn >> 1
    if sn != 0:
        raise CheckFailed("inclusion proof too short")
    return r


def check_consistency(first, second, old_root, new_root, proof):
    """RFC 9162 section 2.1.4.2."""
    if first == second:
        if proof or old_root != new_root:
            raise CheckFailed("equal sizes need equal roots and an empty proof")
        return
    if first == 0 or first > second:
        raise CheckFailed("sizes out of order")
    path = list(proof)
    if first & (first - 1) == 0:
        path.insert(0, old_root)
    fn, sn = first - 1, second - 1
    while fn % 2 == 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            raise CheckFailed("consistency proof too long")
        if fn % 2 == 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            while fn % 2 == 0 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            sr = node_hash(sr, c)
        fn, sn = fn >> 1, sn >> 1
    if sn != 0 or fr != old_root or sr != new_root:
        raise CheckFailed("consistency proof does not lead to both roots")
