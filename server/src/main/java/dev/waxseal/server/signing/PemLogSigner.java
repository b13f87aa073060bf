package dev.waxseal.server.signing;

import dev.waxseal.merkle.Rfc6962;
import java.io.IOException;
import java.math.BigInteger;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * A log key held in memory, loaded from a PEM file or generated: ECDSA P-256 or Ed25519, signed
 * with Bouncy Castle's lightweight API.
 *
 * <p>ECDSA nonces are derived deterministically (RFC 6979), so signing needs no entropy pool on the
 * append path.
 */
public final class PemLogSigner implements LogSigner {
  private final SignatureAlgorithm algorithm;
  private final AsymmetricKeyParameter privateKey;
  private final byte[] publicKeyDer;

  private PemLogSigner(
      SignatureAlgorithm algorithm, AsymmetricKeyParameter privateKey, byte[] publicKeyDer) {
    this.algorithm = algorithm;
    this.privateKey = privateKey;
    this.publicKeyDer = publicKeyDer;
  }

  /**
   * Wraps a private key of a supported type.
   *
   * @throws IllegalArgumentException if the key is neither P-256 ECDSA nor Ed25519
   */
  public static PemLogSigner of(AsymmetricKeyParameter privateKey) {
    if (privateKey instanceof Ed25519PrivateKeyParameters ed) {
      return new PemLogSigner(SignatureAlgorithm.ED25519, ed, spki(ed.generatePublicKey()));
    }
    if (privateKey instanceof ECPrivateKeyParameters ec) {
      if (ec.getParameters().getCurve().getFieldSize() != 256) {
        throw new IllegalArgumentException(
            "log key is ECDSA on a "
                + ec.getParameters().getCurve().getFieldSize()
                + "-bit curve; use P-256 or Ed25519");
      }
      // Bouncy Castle's custom P-256 curve does field arithmetic on fixed-size words; the
      // generic curve a PEM key is parsed onto does it with BigInteger division, about 10×
      // slower. Same curve, same key: only the arithmetic changes.
      ECNamedDomainParameters fast =
          new ECNamedDomainParameters(
              SECObjectIdentifiers.secp256r1,
              CustomNamedCurves.getByOID(SECObjectIdentifiers.secp256r1));
      if (!fast.getCurve().equals(ec.getParameters().getCurve())
          || !fast.getG().equals(ec.getParameters().getG())) {
        throw new IllegalArgumentException("log key is ECDSA on a curve other than P-256");
      }
      ECPrivateKeyParameters key = new ECPrivateKeyParameters(ec.getD(), fast);
      ECPoint q = new FixedPointCombMultiplier().multiply(fast.getG(), key.getD());
      return new PemLogSigner(
          SignatureAlgorithm.ECDSA_P256_SHA256,
          key,
          spki(new ECPublicKeyParameters(q.normalize(), fast)));
    }
    throw new IllegalArgumentException(
        "log key type "
            + privateKey.getClass().getSimpleName()
            + " is not supported;"
            + " use ECDSA P-256 or Ed25519");
  }

  @Override
  public SignatureAlgorithm algorithm() {
    return algorithm;
  }

  @Override
  public byte[] publicKeyDer() {
    return publicKeyDer.clone();
  }

  @Override
  public byte[] sign(byte[] message) {
    return switch (algorithm) {
      case ECDSA_P256_SHA256 -> signEcdsa(message);
      case ED25519 -> signEd25519(message);
    };
  }

  private byte[] signEcdsa(byte[] message) {
    ECPrivateKeyParameters ec = (ECPrivateKeyParameters) privateKey;
    // ECDSASigner is cheap to create and not thread-safe, so one per signature.
    ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
    signer.init(true, ec);
    byte[] digest = Rfc6962.sha256(message);
    BigInteger[] rs = signer.generateSignature(digest);
    try {
      return StandardDSAEncoding.INSTANCE.encode(ec.getParameters().getN(), rs[0], rs[1]);
    } catch (IOException e) {
      throw new SigningException("cannot DER-encode an ECDSA signature", e);
    }
  }

  private byte[] signEd25519(byte[] message) {
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, privateKey);
    signer.update(message, 0, message.length);
    try {
      return signer.generateSignature();
    } catch (RuntimeException e) {
      throw new SigningException("Ed25519 signing failed", e);
    }
  }

  private static byte[] spki(AsymmetricKeyParameter publicKey) {
    try {
      SubjectPublicKeyInfo info = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(publicKey);
      return info.getEncoded("DER");
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot encode the log's public key", e);
    }
  }
}
