"""Makes the signed inputs the interop clients upload or verify, where no packaged tool makes them.

Run with the sigstore-python venv's interpreter (it has `cryptography`). Each command writes
files into a directory; nothing here talks to the server. The formats follow what the clients
parse (rekor-cli v1.5.4's types, sigstore-python 4.5.1's verifier), written from their specs:
minisign, Alpine APK, TUF metadata, COSE_Sign1, DSSE, a Sigstore trusted root / signing config,
and a throwaway certificate authority plus CT log standing in for Fulcio.
"""

from __future__ import annotations

import base64
import datetime
import gzip
import hashlib
import io
import json
import os
import struct
import sys
import tarfile
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

NOW = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def write(path: Path, data: bytes | str) -> None:
    path.write_bytes(data.encode() if isinstance(data, str) else data)


def pem_public(key) -> bytes:
    return key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def pem_private(key) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def p256():
    return ec.generate_private_key(ec.SECP256R1())


def iso(t: datetime.datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


# --- minisign (prehashed "ED" signatures, as minisign 0.11 makes) -------------------------------
def minisign(artifact: str, out: str) -> None:
    d = Path(out)
    key = ed25519.Ed25519PrivateKey.generate()
    raw_pub = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    key_id = os.urandom(8)
    write(d / "minisign.pub", f"untrusted comment: interop minisign key\n{b64(b'Ed' + key_id + raw_pub)}\n")
    message = Path(artifact).read_bytes()
    signature = key.sign(hashlib.blake2b(message, digest_size=64).digest())
    trusted = "timestamp:%d\tfile:%s" % (int(NOW.timestamp()), Path(artifact).name)
    global_sig = key.sign(signature + trusted.encode())
    write(
        d / (Path(artifact).name + ".minisig"),
        "untrusted comment: signature from interop minisign key\n"
        f"{b64(b'ED' + key_id + signature)}\ntrusted comment: {trusted}\n{b64(global_sig)}\n",
    )


# --- Alpine APK: signature.tar.gz | control.tar.gz | data.tar.gz --------------------------------
def _tar(name: str, content: bytes, end_blocks: bool) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        info = tarfile.TarInfo(name)
        info.size = len(content)
        info.mtime = int(NOW.timestamp())
        tar.addfile(info, io.BytesIO(content))
    data = buf.getvalue()
    # abuild cuts the end-of-archive blocks of the first two members, so the three concatenate
    return data if end_blocks else data[: 512 + (len(content) + 511) // 512 * 512]


def apk(out: str) -> None:
    d = Path(out)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    write(d / "apk.pub", pem_public(key))
    data_gz = gzip.compress(_tar("usr/bin/hello", b"#!/bin/sh\necho hello\n", True), mtime=0)
    pkginfo = (
        "pkgname = hello\npkgver = 1.0-r0\npkgdesc = interop package\narch = noarch\n"
        f"license = MIT\ndatahash = {hashlib.sha256(data_gz).hexdigest()}\n"
    )
    control_gz = gzip.compress(_tar(".PKGINFO", pkginfo.encode(), False), mtime=0)
    signature = key.sign(control_gz, padding.PKCS1v15(), hashes.SHA1())
    sig_gz = gzip.compress(_tar(".SIGN.RSA.interop@example.com.rsa.pub", signature, False), mtime=0)
    write(d / "hello.apk", sig_gz + control_gz + data_gz)


# --- TUF: a root and a timestamp role signed by its key ----------------------------------------
def _canonical(obj) -> bytes:
    # OLPC canonical JSON, as TUF signs: sorted keys, no whitespace, only \\ and " escaped
    if isinstance(obj, dict):
        items = sorted(obj.items())
        return b"{" + b",".join(_canonical(k) + b":" + _canonical(v) for k, v in items) + b"}"
    if isinstance(obj, list):
        return b"[" + b",".join(_canonical(v) for v in obj) + b"]"
    if isinstance(obj, str):
        return b'"' + obj.replace("\\", "\\\\").replace('"', '\\"').encode() + b'"'
    if isinstance(obj, bool):
        return b"true" if obj else b"false"
    if isinstance(obj, int):
        return str(obj).encode()
    raise TypeError(obj)


def tuf(out: str) -> None:
    d = Path(out)
    key = ed25519.Ed25519PrivateKey.generate()
    public = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    key_json = {"keytype": "ed25519", "scheme": "ed25519", "keyval": {"public": public.hex()}}
    key_id = hashlib.sha256(_canonical(key_json)).hexdigest()
    expires = iso(NOW + datetime.timedelta(days=365))

    def signed(body: dict) -> dict:
        return {"signatures": [{"keyid": key_id, "sig": key.sign(_canonical(body)).hex()}], "signed": body}

    role = {"keyids": [key_id], "threshold": 1}
    root = {
        "_type": "root", "spec_version": "1.0", "version": 1, "expires": expires,
        "consistent_snapshot": True, "keys": {key_id: key_json},
        "roles": {r: role for r in ("root", "snapshot", "targets", "timestamp")},
    }
    timestamp = {
        "_type": "timestamp", "spec_version": "1.0", "version": 1, "expires": expires,
        "meta": {"snapshot.json": {"version": 1}},
    }
    write(d / "root.json", json.dumps(signed(root), indent=1))
    write(d / "timestamp.json", json.dumps(signed(timestamp), indent=1))


# --- COSE_Sign1 (ES256) --------------------------------------------------------------------------
def _cbor_head(major: int, n: int) -> bytes:
    if n < 24:
        return bytes([major << 5 | n])
    if n < 256:
        return bytes([major << 5 | 24, n])
    if n < 65536:
        return bytes([major << 5 | 25]) + struct.pack(">H", n)
    return bytes([major << 5 | 26]) + struct.pack(">I", n)


def _cbor_bytes(b: bytes) -> bytes:
    return _cbor_head(2, len(b)) + b


def _cbor_text(s: str) -> bytes:
    return _cbor_head(3, len(s.encode())) + s.encode()


def cose(out: str, aad_b64: str) -> None:
    d = Path(out)
    key = p256()
    write(d / "cose.pub", pem_public(key))
    payload = json.dumps({"interop": "cose", "at": iso(NOW)}).encode()
    # protected header {1 (alg): -7 (ES256), 3 (content type): "application/json"}
    protected = _cbor_head(5, 2) + b"\x01\x26" + b"\x03" + _cbor_text("application/json")
    aad = base64.b64decode(aad_b64)
    to_sign = (
        _cbor_head(4, 4) + _cbor_text("Signature1") + _cbor_bytes(protected) + _cbor_bytes(aad)
        + _cbor_bytes(payload)
    )
    r, s = decode_dss_signature(key.sign(to_sign, ec.ECDSA(hashes.SHA256())))
    signature = r.to_bytes(32, "big") + s.to_bytes(32, "big")
    message = (
        b"\xd2"  # tag 18, COSE_Sign1
        + _cbor_head(4, 4) + _cbor_bytes(protected) + _cbor_head(5, 0) + _cbor_bytes(payload)
        + _cbor_bytes(signature)
    )
    write(d / "msg.cose", message)


# --- DSSE envelope of an in-toto statement -------------------------------------------------------
def dsse(out: str, name: str) -> None:
    d = Path(out)
    key = p256()
    write(d / f"{name}.pub", pem_public(key))
    subject = f"{name} subject {NOW.isoformat()}".encode()
    statement = {
        "_type": "https://in-toto.io/Statement/v1",
        "subject": [{"name": f"{name}.txt", "digest": {"sha256": hashlib.sha256(subject).hexdigest()}}],
        "predicateType": "https://example.com/interop/v1",
        "predicate": {"client": name},
    }
    payload = json.dumps(statement).encode()
    payload_type = "application/vnd.in-toto+json"
    pae = b"DSSEv1 %d %s %d %s" % (len(payload_type), payload_type.encode(), len(payload), payload)
    signature = key.sign(pae, ec.ECDSA(hashes.SHA256()))
    envelope = {"payloadType": payload_type, "payload": b64(payload), "signatures": [{"sig": b64(signature)}]}
    write(d / f"{name}.json", json.dumps(envelope))


# --- a certificate authority and CT log standing in for Fulcio -----------------------------------
SCT_LIST_OID = x509.ObjectIdentifier("1.3.6.1.4.1.11129.2.4.2")
OIDC_ISSUER_OID = x509.ObjectIdentifier("1.3.6.1.4.1.57264.1.1")


def fulcio(out: str) -> None:
    """A root CA (ca.crt, ca.key) and a CT log key (ct.key); trust() names both."""
    d = Path(out)
    ca_key, ct_key = p256(), p256()
    name = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "interop"),
                      x509.NameAttribute(NameOID.COMMON_NAME, "interop fulcio")])
    ca = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(NOW - datetime.timedelta(days=1))
        .not_valid_after(NOW + datetime.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=1), critical=True)
        .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    write(d / "ca.crt", ca.public_bytes(serialization.Encoding.PEM))
    write(d / "ca.key", pem_private(ca_key))
    write(d / "ct.key", pem_private(ct_key))


def _der_length(n: int) -> bytes:
    if n < 128:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def leaf(out: str, email: str, issuer: str) -> None:
    """A short-lived code-signing certificate for `email` (leaf.crt, leaf.key), with one
    embedded SCT from the CT key, as Fulcio issues them."""
    d = Path(out)
    ca = x509.load_pem_x509_certificate((d / "ca.crt").read_bytes())
    ca_key = serialization.load_pem_private_key((d / "ca.key").read_bytes(), None)
    ct_key = serialization.load_pem_private_key((d / "ct.key").read_bytes(), None)
    key = p256()
    builder = (
        x509.CertificateBuilder().subject_name(x509.Name([])).issuer_name(ca.subject)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(NOW - datetime.timedelta(minutes=1))
        .not_valid_after(NOW + datetime.timedelta(minutes=30))
        .add_extension(x509.KeyUsage(True, False, False, False, False, False, False, False, False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CODE_SIGNING]), critical=False)
        .add_extension(x509.SubjectAlternativeName([x509.RFC822Name(email)]), critical=True)
        .add_extension(x509.UnrecognizedExtension(OIDC_ISSUER_OID, issuer.encode()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.public_key()), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    precert = builder.sign(ca_key, hashes.SHA256())
    # RFC 6962 3.2: the SCT signs the precertificate's TBS (the final TBS minus the SCT list)
    issuer_key_hash = hashlib.sha256(
        ca.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    ).digest()
    tbs = precert.tbs_certificate_bytes
    millis = int(NOW.timestamp() * 1000)
    signed = (
        struct.pack(">BBQH", 0, 0, millis, 1) + issuer_key_hash
        + len(tbs).to_bytes(3, "big") + tbs + struct.pack(">H", 0)
    )
    ct_signature = ct_key.sign(signed, ec.ECDSA(hashes.SHA256()))
    log_id = hashlib.sha256(
        ct_key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    ).digest()
    sct = (
        b"\x00" + log_id + struct.pack(">QH", millis, 0)
        + b"\x04\x03" + struct.pack(">H", len(ct_signature)) + ct_signature  # SHA256, ECDSA
    )
    sct_list = struct.pack(">H", len(sct) + 2) + struct.pack(">H", len(sct)) + sct
    octets = b"\x04" + _der_length(len(sct_list)) + sct_list
    cert = builder.add_extension(x509.UnrecognizedExtension(SCT_LIST_OID, octets), critical=False).sign(
        ca_key, hashes.SHA256()
    )
    assert cert.tbs_precertificate_bytes == tbs
    write(d / "leaf.crt", cert.public_bytes(serialization.Encoding.PEM))
    write(d / "leaf.key", pem_private(key))


# --- trusted root / signing config naming the server --------------------------------------------
def _spki_der(pem: bytes) -> bytes:
    return serialization.load_pem_public_key(pem).public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def _key_details(pem: bytes) -> str:
    key = serialization.load_pem_public_key(pem)
    if isinstance(key, ed25519.Ed25519PublicKey):
        return "PKIX_ED25519"
    return "PKIX_ECDSA_P256_SHA_256"


def _fulcio_trust(fulcio_dir: str, start: str) -> dict:
    """The trusted root's certificateAuthorities and ctlogs for the CA and CT log made by fulcio()."""
    f = Path(fulcio_dir)
    ca = x509.load_pem_x509_certificate((f / "ca.crt").read_bytes())
    ct_key = serialization.load_pem_private_key((f / "ct.key").read_bytes(), None)
    ct_der = ct_key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return {
        "certificateAuthorities": [{
            "subject": {"organization": "interop", "commonName": "interop fulcio"},
            "uri": "https://fulcio.invalid",
            "certChain": {"certificates": [{"rawBytes": b64(ca.public_bytes(serialization.Encoding.DER))}]},
            "validFor": {"start": start},
        }],
        "ctlogs": [{
            "baseUrl": "https://ctfe.invalid",
            "hashAlgorithm": "SHA2_256",
            "publicKey": {"rawBytes": b64(ct_der), "keyDetails": "PKIX_ECDSA_P256_SHA_256", "validFor": {"start": start}},
            "logId": {"keyId": b64(hashlib.sha256(ct_der).digest())},
        }],
    }


def _fulcio_services(start: str) -> list[dict]:
    """caUrls and oidcUrls entries (in that order) for the stand-in Fulcio: never called, since
    the leaf certificate is made here, but sigstore-python's signing config requires a CA."""
    return [{"url": u, "majorApiVersion": 1, "validFor": {"start": start}, "operator": "interop"}
            for u in ("https://fulcio.invalid", "https://oauth2.invalid")]


def trust(out: str, url: str, log_pub: str, fulcio_dir: str = "") -> None:
    """trusted_root.json, signing_config.json and client_trust_config.json (both together) naming
    the log at `url` with the key in `log_pub`; with `fulcio_dir`, also its CA and CT log."""
    d = Path(out)
    d.mkdir(parents=True, exist_ok=True)
    pem = Path(log_pub).read_bytes()
    der = _spki_der(pem)
    start = iso(NOW - datetime.timedelta(days=1))
    trusted_root = {
        "mediaType": "application/vnd.dev.sigstore.trustedroot+json;version=0.1",
        "tlogs": [{
            "baseUrl": url,
            "hashAlgorithm": "SHA2_256",
            "publicKey": {"rawBytes": b64(der), "keyDetails": _key_details(pem), "validFor": {"start": start}},
            "logId": {"keyId": b64(hashlib.sha256(der).digest())},
        }],
        "certificateAuthorities": [],
        "ctlogs": [],
        "timestampAuthorities": [],
    }
    if fulcio_dir:
        trusted_root.update(_fulcio_trust(fulcio_dir, start))
    # key-based signing needs no CA; sigstore-python's trust config wants one named all the same
    services = _fulcio_services(start) if fulcio_dir else []
    signing_config = {
        "mediaType": "application/vnd.dev.sigstore.signingconfig.v0.2+json",
        "caUrls": services[:1],
        "oidcUrls": services[1:],
        "rekorTlogUrls": [{"url": url, "majorApiVersion": 1, "validFor": {"start": start}, "operator": "waxseal"}],
        "tsaUrls": [],
        "rekorTlogConfig": {"selector": "ANY"},
        "tsaConfig": {"selector": "ANY"},
    }
    write(d / "trusted_root.json", json.dumps(trusted_root, indent=1))
    write(d / "signing_config.json", json.dumps(signing_config, indent=1))
    write(d / "client_trust_config.json", json.dumps({
        "mediaType": "application/vnd.dev.sigstore.clienttrustconfig.v0.1+json",
        "trustedRoot": trusted_root,
        "signingConfig": signing_config,
    }, indent=1))


def shard_key(out: str, url: str, log_pub: str, start: str) -> None:
    """Adds a log key to the trust files made by `trust` in `out`, as an operator publishes a new
    shard's key: the keys already listed end their validity at `start` (ISO 8601), the new one
    begins there. The base URL stays the same: every shard is served by the one service."""
    d = Path(out)
    pem = Path(log_pub).read_bytes()
    der = _spki_der(pem)
    tlog = {
        "baseUrl": url,
        "hashAlgorithm": "SHA2_256",
        "publicKey": {"rawBytes": b64(der), "keyDetails": _key_details(pem), "validFor": {"start": start}},
        "logId": {"keyId": b64(hashlib.sha256(der).digest())},
    }
    for name, root_of in (("trusted_root.json", lambda doc: doc),
                          ("client_trust_config.json", lambda doc: doc["trustedRoot"])):
        doc = json.loads((d / name).read_text())
        root = root_of(doc)
        for old in root["tlogs"]:
            old["publicKey"]["validFor"].setdefault("end", start)
        root["tlogs"].append(tlog)
        write(d / name, json.dumps(doc, indent=1))


def v2_trust(out: str, served_root: str, served_signing: str, fulcio_dir: str, v2_url: str,
             wrong_pub: str) -> None:
    """Client trust configs for signing into the Rekor v2 log at `v2_url` with the server's own
    timestamp authority: the trusted root and signing config the server serves (its logs and
    TSA), merged with the stand-in Fulcio CA and CT log, the signing config narrowed to the v2
    log. Writes <out>/{trust,no-v2,wrong-v2,no-tsa,wrong-tsa}/client_trust_config.json: the good
    one, and for the negative controls one without the v2 log, one whose v2 log key is
    `wrong_pub`, one without any timestamp authority, and one whose timestamp authority's chain
    is another certificate (the stand-in CA's), that did not sign the timestamps."""
    root = json.loads(Path(served_root).read_text())
    signing = json.loads(Path(served_signing).read_text())
    start = iso(NOW - datetime.timedelta(days=1))
    root.update(_fulcio_trust(fulcio_dir, start))
    signing["caUrls"], signing["oidcUrls"] = [[s] for s in _fulcio_services(start)]
    signing["rekorTlogUrls"] = [t for t in signing["rekorTlogUrls"] if t.get("majorApiVersion") == 2]
    if [t["url"] for t in signing["rekorTlogUrls"]] != [v2_url]:
        sys.exit(f"the served signing config names no v2 log at {v2_url} alone: {signing['rekorTlogUrls']}")
    if not root.get("timestampAuthorities") or not signing.get("tsaUrls"):
        sys.exit("the served trust material names no timestamp authority")
    if not any(t["baseUrl"] == v2_url for t in root["tlogs"]):
        sys.exit(f"the served trusted root names no log at {v2_url}")

    def variant(name: str, change) -> None:
        doc = json.loads(json.dumps(root))
        change(doc)
        d = Path(out) / name
        d.mkdir(parents=True, exist_ok=True)
        write(d / "client_trust_config.json", json.dumps({
            "mediaType": "application/vnd.dev.sigstore.clienttrustconfig.v0.1+json",
            "trustedRoot": doc,
            "signingConfig": signing,
        }, indent=1))

    def without_v2(doc: dict) -> None:
        doc["tlogs"] = [t for t in doc["tlogs"] if t["baseUrl"] != v2_url]

    def wrong_v2_key(doc: dict) -> None:
        pem = Path(wrong_pub).read_bytes()
        der = _spki_der(pem)
        for t in doc["tlogs"]:
            if t["baseUrl"] == v2_url:
                t["publicKey"]["rawBytes"] = b64(der)
                t["publicKey"]["keyDetails"] = _key_details(pem)
                t["logId"] = {"keyId": b64(hashlib.sha256(der).digest())}

    def without_tsa(doc: dict) -> None:
        doc["timestampAuthorities"] = []

    variant("trust", lambda doc: None)
    variant("no-v2", without_v2)
    variant("wrong-v2", wrong_v2_key)
    variant("no-tsa", without_tsa)

    def wrong_tsa_chain(doc: dict) -> None:
        other = doc["certificateAuthorities"][0]["certChain"]
        for tsa in doc["timestampAuthorities"]:
            tsa["certChain"] = json.loads(json.dumps(other))

    variant("wrong-tsa", wrong_tsa_chain)


COMMANDS = {"minisign": minisign, "apk": apk, "tuf": tuf, "cose": cose, "dsse": dsse,
            "fulcio": fulcio, "leaf": leaf, "trust": trust, "shard-key": shard_key,
            "v2-trust": v2_trust}

if __name__ == "__main__":
    COMMANDS[sys.argv[1]](*sys.argv[2:])
