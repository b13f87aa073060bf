package dev.waxseal.server.entries.rpm;

import dev.waxseal.server.entries.pgp.PgpKeyRing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An RPM package read and verified as go-rpmutils v0.4.0's {@code Verify}: the 96-byte lead, the
 * signature header (padded to 8 bytes), the main header (checked against the signature header's
 * {@code RPMSIGTAG_SHA256}, else its {@code RPMSIGTAG_SHA1}, when one is there) and the payload,
 * which is the rest of the file.
 *
 * <p>Immutable.
 */
final class RpmPackage {
  private static final int LEAD = 96;
  private static final long LEAD_MAGIC = 0xedabeedbL;

  // Signature header tags (go-rpmutils' SIG_* less the 16384 base for the 1000s).
  private static final int SIG_DSA = 267;
  private static final int SIG_RSA = 268;
  private static final int SIG_SHA1 = 269;
  private static final int SIG_SHA256 = 273;
  private static final int SIG_PGP = 1002;
  private static final int SIG_MD5 = 1004;
  private static final int SIG_GPG = 1005;
  // Main header tags.
  private static final int NAME = 1000;
  private static final int VERSION = 1001;
  private static final int RELEASE = 1002;
  private static final int EPOCH = 1003;
  private static final int ARCH = 1022;
  private static final int PAYLOAD_DIGEST = 5092;
  private static final int PAYLOAD_DIGEST_ALGO = 5093;

  /** Header-only signatures first, then header+payload ones, each list in go-rpmutils' order. */
  private static final int[] HEADER_ONLY = {SIG_DSA, SIG_RSA};

  private static final int[] HEADER_AND_PAYLOAD = {SIG_PGP, SIG_GPG};
  private static final HexFormat HEX = HexFormat.of();

  private final byte[] file;
  private final RpmHeader signatureHeader;
  private final RpmHeader main;

  private RpmPackage(byte[] file, RpmHeader signatureHeader, RpmHeader main) {
    this.file = file;
    this.signatureHeader = signatureHeader;
    this.main = main;
  }

  /**
   * Reads the lead and both headers and checks the main header's digest.
   *
   * @throws RpmFormatException in go-rpmutils' wording
   */
  static RpmPackage read(byte[] file) {
    RpmCursor in = new RpmCursor(file);
    in.read(LEAD, "error reading RPM lead: ");
    if (RpmCursor.u32(file, 0) != LEAD_MAGIC) {
      throw new RpmFormatException("file is not an RPM");
    }
    RpmHeader signatureHeader = RpmHeader.read(in, true, null);
    RpmHeader.Digest digest =
        new RpmHeader.Digest(firstString(signatureHeader, SIG_SHA256), RpmDigests.SHA256);
    if (digest.hex().isEmpty()) {
      digest = new RpmHeader.Digest(firstString(signatureHeader, SIG_SHA1), RpmDigests.SHA1);
    }
    RpmHeader main = RpmHeader.read(in, false, digest);
    return new RpmPackage(file, signatureHeader, main);
  }

  /**
   * Checks the package as go-rpmutils' {@code Verify} does: every signature present, header-only
   * ({@code RPMSIGTAG_DSA}, {@code RPMSIGTAG_RSA}, over the main header) and header+payload ({@code
   * RPMSIGTAG_PGP}, {@code RPMSIGTAG_GPG}, over main header and payload), must parse; then the
   * payload digest must match; then every signature must verify with a key of {@code ring}.
   *
   * @return how many signatures verified (0 if the package has none)
   * @throws RpmFormatException at the first failure, in go-rpmutils' wording
   */
  int verify(PgpKeyRing ring) {
    List<RpmSignature> headerOnly = signatures(HEADER_ONLY);
    List<RpmSignature> headerAndPayload = signatures(HEADER_AND_PAYLOAD);
    checkPayloadDigest();
    byte[] header = Arrays.copyOfRange(file, main.start(), main.end());
    byte[] payload = Arrays.copyOfRange(file, main.end(), file.length);
    for (RpmSignature s : headerOnly) {
      s.verify(ring, header);
    }
    for (RpmSignature s : headerAndPayload) {
      s.verify(ring, header, payload);
    }
    return headerOnly.size() + headerAndPayload.size();
  }

  private List<RpmSignature> signatures(int[] tags) {
    List<RpmSignature> found = new ArrayList<>();
    for (int tag : tags) {
      byte[] blob = optionalBytes(signatureHeader, tag, true);
      if (blob != null) {
        found.add(RpmSignature.parse(blob));
      }
    }
    return found;
  }

  /**
   * The main header's {@code PAYLOADDIGEST} over the payload if it has one in a known algorithm,
   * else the signature header's {@code RPMSIGTAG_MD5} over main header and payload.
   */
  private void checkPayloadDigest() {
    String expected = firstStringOrNull(main, PAYLOAD_DIGEST);
    String algorithm = null;
    if (expected != null) {
      long[] ids = unsignedOrNull(main, PAYLOAD_DIGEST_ALGO);
      algorithm = ids == null || ids.length == 0 ? null : RpmDigests.payloadAlgorithm(ids[0]);
    }
    if (expected != null && algorithm != null) {
      byte[] computed = RpmDigests.digest(algorithm, file, main.end(), file.length - main.end());
      if (!HEX.formatHex(computed).equals(expected)) {
        throw new RpmFormatException(
            "payload " + algorithm + " digest mismatch", RpmFormatException.Kind.DIGEST);
      }
      return;
    }
    byte[] md5 = optionalBytes(signatureHeader, SIG_MD5, false);
    if (md5 != null && md5.length > 0) {
      byte[] computed =
          RpmDigests.digest(RpmDigests.MD5, file, main.start(), file.length - main.start());
      if (!Arrays.equals(computed, md5)) {
        throw new RpmFormatException("md5 digest mismatch", RpmFormatException.Kind.DIGEST);
      }
      return;
    }
    throw new RpmFormatException("no usable payload digest found");
  }

  /**
   * What Rekor stores as {@code package.headers}: the main header's {@code Name}, {@code Epoch} (0
   * if absent), {@code Version}, {@code Release}, {@code Architecture} (go-rpmutils' {@code
   * GetNEVRA}) and, if the signature header has a non-empty binary one, {@code RPMSIGTAG_MD5} in
   * hex. Rekor v1.5.4 leaves out {@code RPMSIGTAG_SHA1} and {@code RPMSIGTAG_SHA256}.
   *
   * @throws RpmFormatException if a NEVRA tag is missing or of the wrong type
   */
  Map<String, String> headers() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Name", first(main, NAME));
    long[] epoch;
    try {
      epoch = main.unsigned(EPOCH, true);
    } catch (RpmFormatException e) {
      if (e.kind() != RpmFormatException.Kind.NO_SUCH_TAG) {
        throw e;
      }
      epoch = new long[0];
    }
    headers.put("Epoch", epoch.length == 0 ? "0" : Long.toUnsignedString(epoch[0]));
    headers.put("Version", first(main, VERSION));
    headers.put("Release", first(main, RELEASE));
    headers.put("Architecture", first(main, ARCH));
    byte[] md5 = optionalBytes(signatureHeader, SIG_MD5, false);
    if (md5 != null && md5.length > 0) {
      headers.put("RPMSIGTAG_MD5", HEX.formatHex(md5));
    }
    return headers;
  }

  private static String first(RpmHeader header, int tag) {
    List<String> values = header.strings(tag);
    if (values.isEmpty()) {
      throw noValue(tag);
    }
    return values.get(0);
  }

  /** The first string of a tag, or "" if it is absent or not a string (go-rpmutils' getSha1). */
  private static String firstString(RpmHeader header, int tag) {
    List<String> values = stringsOrNull(header, tag);
    if (values == null) {
      return "";
    }
    if (values.isEmpty()) {
      throw noValue(tag);
    }
    return values.get(0);
  }

  /** The first string of a tag, or null if it is absent, empty or not a string. */
  private static @Nullable String firstStringOrNull(RpmHeader header, int tag) {
    List<String> values = stringsOrNull(header, tag);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static @Nullable List<String> stringsOrNull(RpmHeader header, int tag) {
    try {
      return header.strings(tag);
    } catch (RpmFormatException e) {
      return null;
    }
  }

  private static long @Nullable [] unsignedOrNull(RpmHeader header, int tag) {
    try {
      return header.unsigned(tag, false);
    } catch (RpmFormatException e) {
      return null;
    }
  }

  /**
   * A binary value, or null if absent; a value of another type is an error when {@code strict}
   * (go-rpmutils' signature lookup) and ignored otherwise (its MD5 lookups).
   */
  private static byte @Nullable [] optionalBytes(RpmHeader header, int tag, boolean strict) {
    try {
      return header.bytes(tag);
    } catch (RpmFormatException e) {
      if (strict && e.kind() != RpmFormatException.Kind.NO_SUCH_TAG) {
        throw e;
      }
      return null;
    }
  }

  // go-rpmutils indexes an empty list here and panics (Rekor answers 500).
  private static RpmFormatException noValue(int tag) {
    return new RpmFormatException("error reading RPM header: tag " + tag + " has no value");
  }
}
