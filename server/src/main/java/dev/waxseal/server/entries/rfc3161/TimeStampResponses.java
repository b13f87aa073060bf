package dev.waxseal.server.entries.rfc3161;

import static dev.waxseal.server.entries.rfc3161.Rfc3161Kind.malformed;

import dev.waxseal.server.entries.InvalidEntryException;
import dev.waxseal.server.entries.InvalidEntryException.Reason;
import dev.waxseal.server.entries.pki.CmsSignerVerifiers;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.tsp.TimeStampResp;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;

/**
 * The checks Rekor makes on a time-stamp response ({@code validate()} with relic's {@code
 * pkcs9.TimeStampResp} and {@code SignedData.Verify(nil, false)}).
 */
final class TimeStampResponses {
  /** One provider instance, never registered or looked up by name. */
  private static final BigInteger GRANTED = BigInteger.valueOf(PKIStatus.GRANTED);

  private static final BigInteger GRANTED_WITH_MODS =
      BigInteger.valueOf(PKIStatus.GRANTED_WITH_MODS);

  private TimeStampResponses() {}

  /**
   * Checks {@code der} is a granted {@code TimeStampResp} whose token's signatures verify.
   *
   * @throws InvalidEntryException if not
   */
  static void check(byte[] der) {
    TimeStampResp response = parse(der);
    BigInteger status = response.getStatus().getStatus();
    if (!status.equals(GRANTED) && !status.equals(GRANTED_WITH_MODS)) {
      throw malformed("tsr status not granted: " + status);
    }
    ContentInfo token = response.getTimeStampToken();
    if (token == null) {
      throw malformed("tsr wrong content type: the response has no time-stamp token");
    }
    if (!CMSObjectIdentifiers.signedData.equals(token.getContentType())) {
      throw malformed("tsr wrong content type: " + token.getContentType().getId());
    }
    verify(token);
  }

  private static TimeStampResp parse(byte[] der) {
    try {
      // fromByteArray refuses trailing bytes, which Go's asn1.Unmarshal would leave unread.
      return TimeStampResp.getInstance(ASN1Primitive.fromByteArray(der));
    } catch (IOException | RuntimeException e) {
      throw malformed("tsr is not a DER TimeStampResp (RFC 3161 section 2.4.2)");
    }
  }

  private static void verify(ContentInfo token) {
    CMSSignedData signed;
    Collection<SignerInformation> signers;
    try {
      signed = new CMSSignedData(token);
      signers = signed.getSignerInfos().getSigners();
      // Bouncy Castle reads the certificates only when asked, and throws IllegalArgumentException
      // for a malformed one: read them here, where that is this refusal rather than a 500.
      signed.getCertificates();
    } catch (CMSException | RuntimeException e) {
      throw invalid("malformed SignedData");
    }
    if (signed.getSignedContent() == null) {
      throw invalid("the token has no encapsulated TSTInfo");
    }
    if (signers.isEmpty()) {
      throw invalid("the token has no signer");
    }
    Optional<CmsSignerVerifiers.Failure> failure = CmsSignerVerifiers.firstFailure(signed);
    if (failure.isPresent()) {
      throw invalid(
          failure.get() == CmsSignerVerifiers.Failure.CERTIFICATE_MISSING
              ? "the signer's certificate is not in the token"
              : "signature does not verify with the signer's certificate");
    }
  }

  private static InvalidEntryException invalid(String detail) {
    return new InvalidEntryException(Reason.INVALID_SIGNATURE, "tsr verification error: " + detail);
  }
}
