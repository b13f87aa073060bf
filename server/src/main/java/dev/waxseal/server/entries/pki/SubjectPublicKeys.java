package dev.waxseal.server.entries.pki;

import dev.waxseal.server.entries.InvalidEntryException;
import java.io.IOException;
import java.math.BigInteger;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.X509ObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.math.ec.ECPoint;

/**
 * PKIX {@code SubjectPublicKeyInfo} parsing with Go's {@code x509.ParsePKIXPublicKey} rules, and
 * re-marshalling with {@code x509.MarshalPKIXPublicKey}'s layout (Rekor's canonical key form).
 */
final class SubjectPublicKeys {
  /** A parsed key: its type, RSA size as sigstore counts it (bytes × 8), and the BC parameters. */
  record Parsed(KeyType type, int rsaBits, AsymmetricKeyParameter key) {}

  private static final int MAX_RSA_BITS = 16384;
  private static final String UNSUPPORTED = "verifying signature: unsupported public key type";

  private SubjectPublicKeys() {}

  static Parsed parse(byte[] der, boolean fromCertificate) {
    SubjectPublicKeyInfo spki;
    try {
      spki = SubjectPublicKeyInfo.getInstance(ASN1Primitive.fromByteArray(der));
    } catch (IOException | RuntimeException e) {
      throw X509PublicKey.invalid("x509: failed to parse public key");
    }
    try {
      return parse(spki, fromCertificate);
    } catch (InvalidEntryException e) {
      throw e;
    } catch (RuntimeException e) {
      // e.g. a BIT STRING with unused bits, which Bouncy Castle refuses to read as octets
      throw X509PublicKey.invalid("x509: failed to parse public key");
    }
  }

  private static Parsed parse(SubjectPublicKeyInfo spki, boolean fromCertificate) {
    ASN1ObjectIdentifier algorithm = spki.getAlgorithm().getAlgorithm();
    ASN1Encodable params = spki.getAlgorithm().getParameters();
    if (algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
      return ecdsa(spki, params);
    }
    if (algorithm.equals(PKCSObjectIdentifiers.rsaEncryption)) {
      return rsa(spki, params);
    }
    if (algorithm.equals(EdECObjectIdentifiers.id_Ed25519)) {
      return ed25519(spki, params);
    }
    if (fromCertificate
        || algorithm.equals(X9ObjectIdentifiers.id_dsa)
        || algorithm.equals(EdECObjectIdentifiers.id_X25519)
        || algorithm.equals(X509ObjectIdentifiers.id_ea_rsa)) {
      // Go parses these (or, in a certificate, skips unknown ones) and then finds no verifier.
      throw X509PublicKey.invalid(UNSUPPORTED);
    }
    throw X509PublicKey.invalid("x509: unknown public key algorithm");
  }

  private static Parsed ecdsa(SubjectPublicKeyInfo spki, ASN1Encodable params) {
    if (!(params instanceof ASN1ObjectIdentifier curveOid)) {
      throw X509PublicKey.invalid("x509: unsupported elliptic curve");
    }
    KeyType type = KeyType.ofCurve(curveOid);
    if (type == null) {
      throw X509PublicKey.invalid("x509: unsupported elliptic curve");
    }
    ECDomainParameters domain = type.domain();
    byte[] encoded = spki.getPublicKeyData().getOctets();
    int fieldBytes = (domain.getCurve().getFieldSize() + 7) / 8;
    // Go accepts only the uncompressed form 04 ‖ X ‖ Y, and only points on the curve.
    if (encoded.length != 1 + 2 * fieldBytes || encoded[0] != 0x04) {
      throw X509PublicKey.invalid("x509: failed to unmarshal elliptic curve point");
    }
    ECPoint point;
    try {
      point = domain.getCurve().decodePoint(encoded);
    } catch (RuntimeException e) {
      throw X509PublicKey.invalid("x509: failed to unmarshal elliptic curve point");
    }
    return new Parsed(type, 0, new ECPublicKeyParameters(point, domain));
  }

  private static Parsed rsa(SubjectPublicKeyInfo spki, ASN1Encodable params) {
    if (!DERNull.INSTANCE.equals(params)) {
      throw X509PublicKey.invalid("x509: RSA key missing NULL parameters");
    }
    RSAPublicKey rsa;
    try {
      rsa = RSAPublicKey.getInstance(spki.parsePublicKey());
    } catch (IOException | RuntimeException e) {
      throw X509PublicKey.invalid("x509: invalid RSA public key");
    }
    BigInteger n = rsa.getModulus();
    BigInteger e = rsa.getPublicExponent();
    if (n.signum() <= 0) {
      throw X509PublicKey.invalid("x509: RSA modulus is not a positive number");
    }
    if (e.signum() <= 0) {
      throw X509PublicKey.invalid("x509: RSA public exponent is not a positive number");
    }
    // Go holds the exponent in an int and refuses larger ones; the modulus cap bounds the cost
    // of a verification (Go's crypto/rsa refuses moduli over 16384 bits as well).
    if (e.bitLength() > 31) {
      throw X509PublicKey.invalid("x509: RSA public exponent is too large");
    }
    if (n.bitLength() > MAX_RSA_BITS) {
      throw X509PublicKey.invalid("x509: RSA key too large");
    }
    // sigstore compares rsa.PublicKey.Size()*8, the modulus length rounded up to whole bytes.
    int bits = (n.bitLength() + 7) / 8 * 8;
    return new Parsed(KeyType.RSA, bits, new RSAKeyParameters(false, n, e));
  }

  private static Parsed ed25519(SubjectPublicKeyInfo spki, ASN1Encodable params) {
    if (params != null) {
      throw X509PublicKey.invalid("x509: Ed25519 key encoded with illegal parameters");
    }
    byte[] raw = spki.getPublicKeyData().getOctets();
    if (raw.length != Ed25519PublicKeyParameters.KEY_SIZE) {
      throw X509PublicKey.invalid("x509: wrong Ed25519 public key size");
    }
    try {
      return new Parsed(KeyType.ED25519, 0, new Ed25519PublicKeyParameters(raw));
    } catch (RuntimeException e) {
      throw X509PublicKey.invalid("x509: invalid Ed25519 public key");
    }
  }

  /** The key re-marshalled as Go's {@code x509.MarshalPKIXPublicKey} does. */
  static byte[] canonicalDer(Parsed parsed) {
    try {
      return encoded(spkiOf(parsed));
    } catch (IOException e) {
      throw new IllegalStateException("DER encoding of a parsed key failed", e);
    }
  }

  private static SubjectPublicKeyInfo spkiOf(Parsed parsed) throws IOException {
    return switch (parsed.type()) {
      case ECDSA_P256, ECDSA_P384, ECDSA_P521 ->
          new SubjectPublicKeyInfo(
              new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, parsed.type().curveOid()),
              ((ECPublicKeyParameters) parsed.key()).getQ().getEncoded(false));
      case RSA -> {
        RSAKeyParameters rsa = (RSAKeyParameters) parsed.key();
        yield new SubjectPublicKeyInfo(
            new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
            new RSAPublicKey(rsa.getModulus(), rsa.getExponent())
                .toASN1Primitive()
                .getEncoded(ASN1Encoding.DER));
      }
      case ED25519 ->
          new SubjectPublicKeyInfo(
              new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519),
              ((Ed25519PublicKeyParameters) parsed.key()).getEncoded());
    };
  }

  static Certificate parseCertificate(byte[] der) {
    try {
      return Certificate.getInstance(ASN1Primitive.fromByteArray(der));
    } catch (IOException | RuntimeException e) {
      throw X509PublicKey.invalid("x509: malformed certificate");
    }
  }

  static byte[] encoded(SubjectPublicKeyInfo spki) {
    try {
      return spki.getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new IllegalStateException("DER encoding of a parsed key failed", e);
    }
  }
}
