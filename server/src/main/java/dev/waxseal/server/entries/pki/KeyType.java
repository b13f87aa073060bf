package dev.waxseal.server.entries.pki;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.jspecify.annotations.Nullable;

/** The public key types a Rekor hashedrekord verifier accepts, ECDSA split by named curve. */
enum KeyType {
  RSA(null),
  ECDSA_P256(SECObjectIdentifiers.secp256r1),
  ECDSA_P384(SECObjectIdentifiers.secp384r1),
  ECDSA_P521(SECObjectIdentifiers.secp521r1),
  ED25519(null);

  private final @Nullable ASN1ObjectIdentifier curveOid;
  private final @Nullable ECDomainParameters domain;

  KeyType(@Nullable ASN1ObjectIdentifier curveOid) {
    this.curveOid = curveOid;
    if (curveOid == null) {
      this.domain = null;
    } else {
      // Bouncy Castle's custom curve implementations: much faster than the generic Fp curves.
      X9ECParameters x9 = CustomNamedCurves.getByOID(curveOid);
      this.domain = new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH());
    }
  }

  /** The ECDSA key type of a named curve, or null if the curve is not P-256, P-384 or P-521. */
  static @Nullable KeyType ofCurve(ASN1ObjectIdentifier oid) {
    for (KeyType t : values()) {
      if (oid.equals(t.curveOid)) {
        return t;
      }
    }
    return null;
  }

  /** The named curve OID; only for ECDSA types. */
  ASN1ObjectIdentifier curveOid() {
    if (curveOid == null) {
      throw new IllegalStateException(this + " has no curve");
    }
    return curveOid;
  }

  /** The curve's domain parameters; only for ECDSA types. */
  ECDomainParameters domain() {
    if (domain == null) {
      throw new IllegalStateException(this + " has no curve");
    }
    return domain;
  }
}
