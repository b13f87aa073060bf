package dev.waxseal.server.entries.pki;

import java.util.EnumMap;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.jspecify.annotations.Nullable;

/** The public key types a Rekor hashedrekord verifier accepts, ECDSA split by named curve. */
enum KeyType {
  RSA(""),
  ECDSA_P256(SECObjectIdentifiers.secp256r1.getId()),
  ECDSA_P384(SECObjectIdentifiers.secp384r1.getId()),
  ECDSA_P521(SECObjectIdentifiers.secp521r1.getId()),
  ED25519("");

  /** Curve parameters by key type; static, so the enum constants themselves stay immutable. */
  private static final Map<KeyType, ECDomainParameters> DOMAINS = new EnumMap<>(KeyType.class);

  static {
    for (KeyType type : values()) {
      if (!type.curveOid.isEmpty()) {
        // Bouncy Castle's custom curve implementations: much faster than the generic Fp curves.
        X9ECParameters x9 = CustomNamedCurves.getByOID(new ASN1ObjectIdentifier(type.curveOid));
        DOMAINS.put(type, new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH()));
      }
    }
  }

  /** The named curve's dotted OID, or empty for non-ECDSA types. */
  private final String curveOid;

  KeyType(String curveOid) {
    this.curveOid = curveOid;
  }

  /** The ECDSA key type of a named curve, or null if the curve is not P-256, P-384 or P-521. */
  static @Nullable KeyType ofCurve(ASN1ObjectIdentifier oid) {
    for (KeyType t : values()) {
      if (oid.getId().equals(t.curveOid)) {
        return t;
      }
    }
    return null;
  }

  /** The named curve OID; only for ECDSA types. */
  ASN1ObjectIdentifier curveOid() {
    if (curveOid.isEmpty()) {
      throw new IllegalStateException(this + " has no curve");
    }
    return new ASN1ObjectIdentifier(curveOid);
  }

  /** The curve's domain parameters; only for ECDSA types. */
  ECDomainParameters domain() {
    ECDomainParameters domain = DOMAINS.get(this);
    if (domain == null) {
      throw new IllegalStateException(this + " has no curve");
    }
    return domain;
  }
}
