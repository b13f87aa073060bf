"""sigstore-python 4.5.1's own Rekor v1 client against the server (run with its venv).

  loginfo  <url>                              GET /api/v1/log
  submit   <url> <fulcio-dir> <artifact> <out-dir>
           signs the artifact with the leaf key, logs a hashedrekord entry with the leaf
           certificate, writes <out-dir>/bundle.sigstore.json (the bundle sigstore-python makes
           from the entry), artifact.sig (base64) and entry.json (index 
  get      <url> <out-dir>                    GET /api/v1/log/entries/{uuid}
  retrieve <url> <fulcio-dir> <artifact> <out-dir>
           POST /api/v1/log/entries/retrieve/ (with its trailing slash) for those materials

  dsse     <url> <fulcio-dir> <artifact> <out-dir>
           signs an in-toto statement about the artifact (DSSE), logs it as a dsse entry and
           writes <out-dir>/dsse.sigstore.json
  verify-dsse <client-trust-config> <bundle> <identity> <issuer>
           Verifier.verify_dsse (the CLI verifies only hashedrekord bundles)
  sign-v2  <client-trust-config> <fulcio-dir> <artifact> <bundle-out>
           sigstore-python's own signing flow (SigningContext.from_trust_config, Signer.sign_artifact)
           with the log and timestamp authority the trust config's signing config names: its
           Rekor v2 client and its RFC 3161 client; the leaf certificate stands in for Fulcio's
  sign-dsse-v2 <client-trust-config> <fulcio-dir> <artifact> <bundle-out>
           the same with Signer.sign_dsse: an in-toto statement about the artifact, logged as
           a hashedrekord 0.0.2 entry over the envelope's PAE (Rekor v2 has no dsse kind)

Each command prints what it found and exits non-zero when the client raises or the answer is not
the entry it expects.
"""

from __future__ import annotations

import base64
import hashlib
import json
import sys
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from sigstore._internal.rekor import _hashedrekord_from_parts
from sigstore._internal.rekor.client import RekorClient
from sigstore._utils import sha256_digest
from sigstore import dsse
from sigstore.dsse import StatementBuilder, Subject
from sigstore._internal.rekor.client_v2 import RekorV2Client
from sigstore.models import Bundle, ClientTrustConfig
from sigstore.sign import Signer, SigningContext
from sigstore.verify import Verifier
from sigstore.verify.policy import Identity


def loginfo(url: str) -> None:
    info = RekorClient(url).log.get()
    print(f"tree size {info.tree_size}, root {info.root_hash}")


def _materials(fulcio_dir: str, artifact: str):
    d = Path(fulcio_dir)
    cert = x509.load_pem_x509_certificate((d / "leaf.crt").read_bytes())
    key = serialization.load_pem_private_key((d / "leaf.key").read_bytes(), None)
    hashed = sha256_digest(Path(artifact).read_bytes())
    return cert, key, hashed


def submit(url: str, fulcio_dir: str, artifact: str, out: str) -> None:
    cert, key, _ = _materials(fulcio_dir, artifact)
    data = Path(artifact).read_bytes()
    signature = key.sign(data, ec.ECDSA(hashes.SHA256()))
    client = RekorClient(url)
    hashed = sha256_digest(data)
    entry = client.log.entries.post(client._build_hashed_rekord_request(hashed, signature, cert))
    bundle = Bundle.from_parts(cert, signature, entry)
    o = Path(out)
    (o / "bundle.sigstore.json").write_text(bundle.to_json())
    (o / "artifact.sig").write_text(base64.b64encode(signature).decode())
    logged = json.loads(bundle.to_json())["verificationMaterial"]["tlogEntries"][0]
    body = base64.b64decode(logged["canonicalizedBody"])
    uuid = hashlib.sha256(b"\x00" + body).hexdigest()  # the RFC 6962 leaf hash
    (o / "entry.json").write_text(json.dumps({"logIndex": int(entry._inner.log_index), "uuid": uuid}))
    proof = entry._inner.inclusion_proof
    if proof is None or not proof.checkpoint:
        sys.exit("the entry came back without an inclusion proof and checkpoint")
    print(f"logged at index {entry._inner.log_index}, inclusion proof of {len(proof.hashes)} hashes")


def get(url: str, out: str) -> None:
    expected = json.loads((Path(out) / "entry.json").read_text())
    client = RekorClient(url)
    # (the client takes log_index=0 for "no index": ask by UUID, the leaf hash)
    by_uuid = client.log.entries.get(uuid=expected["uuid"])
    if int(by_uuid._inner.log_index) != expected["logIndex"]:
        sys.exit(f"asked for {expected['uuid']}, got index {by_uuid._inner.log_index}")
    print(f"entry {by_uuid._inner.log_index} by its UUID")


def retrieve(url: str, fulcio_dir: str, artifact: str, out: str) -> None:
    cert, _, hashed = _materials(fulcio_dir, artifact)
    signature = base64.b64decode((Path(out) / "artifact.sig").read_text())
    expected = json.loads((Path(out) / "entry.json").read_text())
    entry = RekorClient(url).log.entries.retrieve.post(_hashedrekord_from_parts(cert, signature, hashed))
    if entry is None:
        sys.exit("no entry found for these materials")
    if int(entry._inner.log_index) != expected["logIndex"]:
        sys.exit(f"found index {entry._inner.log_index}, expected {expected['logIndex']}")
    print(f"found entry {entry._inner.log_index} by its materials")


def dsse_entry(url: str, fulcio_dir: str, artifact: str, out: str) -> None:
    cert, key, hashed = _materials(fulcio_dir, artifact)
    statement = (
        StatementBuilder()
        .subjects([Subject(name=Path(artifact).name, digest={"sha256": hashed.digest.hex()})])
        .predicate_type("https://example.com/interop/v1")
        .predicate({"client": "sigstore-python"})
        .build()
    )
    envelope = dsse._sign(key, statement)
    client = RekorClient(url)
    entry = client.log.entries.post(client._build_dsse_request(envelope, cert))
    bundle = Bundle._from_parts(cert, envelope, entry)
    (Path(out) / "dsse.sigstore.json").write_text(bundle.to_json())
    print(f"logged a dsse entry at index {entry._inner.log_index}")


def verify_dsse(trust_config: str, bundle_path: str, identity: str, issuer: str) -> None:
    trusted_root = ClientTrustConfig.from_json(Path(trust_config).read_text()).trusted_root
    bundle = Bundle.from_json(Path(bundle_path).read_bytes())
    payload_type, payload = Verifier(trusted_root=trusted_root).verify_dsse(
        bundle, Identity(identity=identity, issuer=issuer)
    )
    print(f"OK: {payload_type}, {len(payload)} bytes")


class _LeafSigner(Signer):
    """Signer with the leaf certificate and key made by make.py in place of a certificate
    requested from Fulcio with an OIDC token; the rest of the flow is sigstore-python's."""

    def __init__(self, ctx: SigningContext, cert: x509.Certificate, key: ec.EllipticCurvePrivateKey):
        super().__init__(identity_token=None, signing_ctx=ctx, cache=False)  # type: ignore[arg-type]
        self._leaf_cert, self._leaf_key = cert, key

    @property
    def _private_key(self) -> ec.EllipticCurvePrivateKey:
        return self._leaf_key

    def _signing_cert(self) -> x509.Certificate:
        return self._leaf_cert


def _v2_signer(trust_config: str, fulcio_dir: str, artifact: str) -> tuple[SigningContext, Signer]:
    cert, key, _ = _materials(fulcio_dir, artifact)
    ctx = SigningContext.from_trust_config(ClientTrustConfig.from_json(Path(trust_config).read_text()))
    if not isinstance(ctx._rekor, RekorV2Client):
        sys.exit(f"the signing config chose {type(ctx._rekor).__name__}, not the Rekor v2 client")
    if not ctx._tsa_clients:
        sys.exit("the signing config names no timestamp authority")
    return ctx, _LeafSigner(ctx, cert, key)


def sign_v2(trust_config: str, fulcio_dir: str, artifact: str, bundle_out: str) -> None:
    ctx, signer = _v2_signer(trust_config, fulcio_dir, artifact)
    _report_v2(ctx, signer.sign_artifact(Path(artifact).read_bytes()), bundle_out)


def sign_dsse_v2(trust_config: str, fulcio_dir: str, artifact: str, bundle_out: str) -> None:
    ctx, signer = _v2_signer(trust_config, fulcio_dir, artifact)
    hashed = sha256_digest(Path(artifact).read_bytes())
    statement = (
        StatementBuilder()
        .subjects([Subject(name=Path(artifact).name, digest={"sha256": hashed.digest.hex()})])
        .predicate_type("https://example.com/interop/v1")
        .predicate({"client": "sigstore-python", "log": "rekor v2"})
        .build()
    )
    _report_v2(ctx, signer.sign_dsse(statement), bundle_out)


def _report_v2(ctx: SigningContext, bundle: Bundle, bundle_out: str) -> None:
    doc = json.loads(bundle.to_json())
    Path(bundle_out).write_text(bundle.to_json())
    entry = doc["verificationMaterial"]["tlogEntries"][0]
    stamps = doc["verificationMaterial"].get("timestampVerificationData", {}).get("rfc3161Timestamps", [])
    if not stamps:
        sys.exit("the bundle holds no RFC 3161 timestamp (the TSA client failed: see its warning)")
    print(f"logged {entry['kindVersion']['kind']} {entry['kindVersion']['version']} at index "
          f"{entry['logIndex']} via {ctx._rekor.url}, {len(stamps)} RFC 3161 timestamp(s) from "
          f"{', '.join(t.url for t in ctx._tsa_clients)}")


COMMANDS = {"loginfo": loginfo, "submit": submit, "get": get, "retrieve": retrieve,
            "dsse": dsse_entry, "verify-dsse": verify_dsse, "sign-v2": sign_v2,
            "sign-dsse-v2": sign_dsse_v2}

if __name__ == "__main__":
    COMMANDS[sys.argv[1]](*sys.argv[2:])
