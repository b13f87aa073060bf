package dev.waxseal.server.signing;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.note.Checkpoint;
import dev.waxseal.merkle.note.NoteKeys;
import dev.waxseal.merkle.note.NoteSigner;
import dev.waxseal.merkle.note.VerifierKey;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.jspecify.annotations.Nullable;

/**
 * Signs checkpoints in the C2SP dialect (c2sp.org/tlog-checkpoint, c2sp.org/signed-note) for the
 * tile API: origin and key name both {@code origin}, an Ed25519 signature (signature type 0x01, key
 * id {@code SHA-256(origin ‖ 0x0A ‖ 0x01 ‖ raw key)[:4]}), and optionally a second signature by the
 * log's ECDSA key (signature type 0x02, key id {@code SHA-256(DER SPKI)[:4]}).
 *
 * <pre>
 * log.example.com\n                                   origin (no " - treeID", unlike Rekor v1)
 * 70000\n                                             tree size
 * rKbDipCvhuX1GZ7g5BBe8sA6BbJ7ja/1nk427v383cs=\n      root hash
 * \n
 * — log.example.com M9e0lr5rpCQ…\n                     Ed25519, always
 * — log.example.com wNI9ajBFAiB…\n                     ECDSA, when co-signing is on
 * </pre>
 *
 * <p>Both signatures are deterministic (Ed25519; ECDSA with RFC 6979 nonces), so the same head
 * always yields the same note. Thread-safe.
 */
public final class C2spCheckpointSigner {
  private final String origin;
  private final VerifierKey verifierKey;
  private final @Nullable VerifierKey ecdsaVerifierKey;
  private final List<NoteSigner> signers;

  /**
   * Creates a signer under the name {@code origin} with the Ed25519 key {@code ed25519} and, if
   * {@code ecdsaCosigner} is not null, a second signature by that ECDSA P-256 key.
   *
   * @throws IllegalArgumentException if {@code origin} is not a valid key name (empty, a space or a
   *     {@code +}), {@code ed25519} is not an Ed25519 key, or {@code ecdsaCosigner} not ECDSA
   */
  public C2spCheckpointSigner(String origin, LogSigner ed25519, @Nullable LogSigner ecdsaCosigner) {
    NoteKeys.requireValidKeyName(origin);
    if (ed25519.algorithm() != SignatureAlgorithm.ED25519) {
      throw new IllegalArgumentException(
          "C2SP checkpoints need an Ed25519 key, got " + ed25519.algorithm());
    }
    this.origin = origin;
    this.verifierKey = VerifierKey.ed25519(origin, rawEd25519(ed25519.publicKeyDer()));
    List<NoteSigner> list = new ArrayList<>(2);
    list.add(new LogNoteSigner(origin, verifierKey.keyId(), ed25519));
    if (ecdsaCosigner != null) {
      if (ecdsaCosigner.algorithm() != SignatureAlgorithm.ECDSA_P256_SHA256) {
        throw new IllegalArgumentException(
            "the C2SP ECDSA co-signature needs an ECDSA P-256 key, got "
                + ecdsaCosigner.algorithm());
      }
      this.ecdsaVerifierKey = VerifierKey.ecdsa(origin, ecdsaCosigner.publicKeyDer());
      list.add(new LogNoteSigner(origin, ecdsaVerifierKey.keyId(), ecdsaCosigner));
    } else {
      this.ecdsaVerifierKey = null;
    }
    this.signers = List.copyOf(list);
  }

  /** The checkpoint origin, also the key name on every signature line. */
  public String origin() {
    return origin;
  }

  /** The Ed25519 verifier key; {@code verifierKey().format()} is what {@code /vkey} serves. */
  public VerifierKey verifierKey() {
    return verifierKey;
  }

  /** The ECDSA verifier key (signature type 0x02), when checkpoints are co-signed with it. */
  public Optional<VerifierKey> ecdsaVerifierKey() {
    return Optional.ofNullable(ecdsaVerifierKey);
  }

  /**
   * Returns the signed C2SP checkpoint note for a tree of {@code size} leaves with {@code
   * rootHash}.
   *
   * <p>The caller MUST only sign heads it has stored (or is storing in the same transaction): a log
   * MUST NOT sign two inconsistent checkpoints under one origin (C2SP tlog-checkpoint).
   *
   * @throws IllegalArgumentException if {@code size} is negative
   * @throws SigningException if a key fails
   */
  public String sign(long size, Hash rootHash) {
    Checkpoint checkpoint = new Checkpoint(origin, size, rootHash, List.of());
    try {
      return checkpoint.sign(signers).format();
    } catch (GeneralSecurityException e) {
      throw new SigningException("cannot sign the C2SP checkpoint for size " + size, e);
    }
  }

  /** The 32 raw bytes of an Ed25519 public key given as DER SubjectPublicKeyInfo (RFC 8410). */
  static byte[] rawEd25519(byte[] spkiDer) {
    SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(spkiDer);
    if (!EdECObjectIdentifiers.id_Ed25519.equals(info.getAlgorithm().getAlgorithm())) {
      throw new IllegalArgumentException(
          "public key algorithm " + info.getAlgorithm().getAlgorithm() + " is not Ed25519");
    }
    return info.getPublicKeyData().getOctets();
  }
}
