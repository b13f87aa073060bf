package dev.waxseal.server.entries.rpm;

import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.MD5Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA224Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.jspecify.annotations.Nullable;

/**
 * The digests go-rpmutils checks, named as Go's {@code crypto.Hash.String()} names them (the names
 * its messages carry).
 *
 * <p>Stateless.
 */
final class RpmDigests {
  static final String MD5 = "MD5";
  static final String SHA1 = "SHA-1";
  static final String SHA256 = "SHA-256";

  private RpmDigests() {}

  /** The digest of {@code length} bytes of {@code data} from {@code offset}. */
  static byte[] digest(String algorithm, byte[] data, int offset, int length) {
    Digest d =
        switch (algorithm) {
          case MD5 -> new MD5Digest();
          case SHA1 -> new SHA1Digest();
          case "SHA-224" -> new SHA224Digest();
          case SHA256 -> new SHA256Digest();
          case "SHA-384" -> new SHA384Digest();
          case "SHA-512" -> new SHA512Digest();
          default -> throw new IllegalArgumentException(algorithm);
        };
    d.update(data, offset, length);
    byte[] out = new byte[d.getDigestSize()];
    d.doFinal(out, 0);
    return out;
  }

  /**
   * The algorithm of an RPM {@code PAYLOADDIGESTALGO} value (RPM's {@code pgpHashAlgo} numbers), or
   * null for one go-rpmutils does not know, which makes it fall back to {@code RPMSIGTAG_MD5}.
   */
  static @Nullable String payloadAlgorithm(long id) {
    if (id == 1) {
      return MD5;
    } else if (id == 2) {
      return SHA1;
    } else if (id == 8) {
      return SHA256;
    } else if (id == 9) {
      return "SHA-384";
    } else if (id == 10) {
      return "SHA-512";
    } else if (id == 11) {
      return "SHA-224";
    }
    return null;
  }
}
