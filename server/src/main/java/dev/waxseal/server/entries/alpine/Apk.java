package dev.waxseal.server.entries.alpine;

import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.server.entries.InvalidEntryException;
import dev.waxseal.server.entries.InvalidEntryException.Reason;
import dev.waxseal.server.entries.pki.Pem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.jspecify.annotations.Nullable;

/**
 * An Alpine package as Rekor's {@code pkg/types/alpine/apk.go} reads it: three concatenated gzip
 * members, the signature tar (its first {@code .SIGN*} file is the signature, PEM or raw), the
 * control tar (its {@code .PKGINFO}), and the data tar, whose SHA-256 must be the {@code .PKGINFO}
 * {@code datahash}. The signature is over the SHA-1 of the control member's compressed bytes, as
 * {@code abuild-sign} makes it.
 *
 * @param signature the signature bytes (PEM-decoded if they were PEM)
 * @param controlSha1 SHA-1 of the control member as it appears in the file
 * @param pkginfo the {@code .PKGINFO} key/value pairs
 */
// Short-lived: never compared or hashed.
@SuppressWarnings("ArrayRecordComponent")
record Apk(byte[] signature, byte[] controlSha1, Map<String, String> pkginfo) {
  /** Decompressed signature and control tars are bounded at this multiple of the metadata limit. */
  static final int SEGMENT_SIZE_FACTOR = 16;

  private static final HexFormat HEX = HexFormat.of();

  /**
   * Reads an APK.
   *
   * @param maxMetadataSize the largest {@code .SIGN} and {@code .PKGINFO} accepted, in bytes
   *     (Rekor's {@code --max_apk_metadata_size})
   * @throws InvalidEntryException with Rekor's message for the first problem found
   */
  static Apk parse(byte[] file, int maxMetadataSize) {
    int maxSegment =
        (int) Math.min(Integer.MAX_VALUE - 16L, (long) maxMetadataSize * SEGMENT_SIZE_FACTOR);
    GzipMember signatureTar;
    try {
      signatureTar = GzipMember.read(file, 0, maxSegment);
    } catch (GzipMember.GzipException e) {
      throw malformed(
          (file.length == 0 ? "create gzip reader: " : "reading signature.tar.gz: ")
              + e.getMessage());
    }
    byte[] controlTar;
    int controlEnd;
    if (signatureTar.end() == file.length) {
      controlTar = new byte[0]; // Go's Reset hits EOF: no control member, no .PKGINFO
      controlEnd = file.length;
    } else {
      try {
        GzipMember control = GzipMember.read(file, signatureTar.end(), maxSegment);
        controlTar = control.data();
        controlEnd = control.end();
      } catch (GzipMember.GzipException e) {
        throw malformed("reading control.tar.gz: " + e.getMessage());
      }
    }
    SHA1Digest sha1 = new SHA1Digest();
    sha1.update(file, signatureTar.end(), controlEnd - signatureTar.end());
    byte[] controlSha1 = new byte[sha1.getDigestSize()];
    sha1.doFinal(controlSha1, 0);

    byte[] signature = signature(signatureTar.data(), maxMetadataSize);
    byte[] pkginfoBytes = metadata(controlTar, ".PKGINFO", maxMetadataSize, false);
    if (pkginfoBytes == null) {
      throw malformed(".PKGINFO file was not located");
    }
    Map<String, String> pkginfo;
    try {
      pkginfo = Pkginfo.parse(pkginfoBytes);
    } catch (Pkginfo.PkginfoException e) {
      throw malformed("parsing .PKGINFO: " + e.getMessage());
    }
    byte[] datahash = datahash(pkginfo.getOrDefault("datahash", ""));
    byte[] computed = Rfc6962.sha256(Arrays.copyOfRange(file, controlEnd, file.length));
    if (!MessageDigest.isEqual(computed, datahash)) {
      throw malformed(
          "checksum for data.tar.gz ("
              + HEX.formatHex(computed)
              + ") does not match value from .PKGINFO ("
              + HEX.formatHex(datahash)
              + ")");
    }
    return new Apk(signature, controlSha1, Map.copyOf(pkginfo));
  }

  private static byte[] signature(byte[] signatureTar, int maxMetadataSize) {
    byte[] sign = metadata(signatureTar, ".SIGN", maxMetadataSize, true);
    if (sign == null) {
      throw malformed("no signature detected in alpine package");
    }
    return Pem.decodeFirst(sign).map(Pem.Block::der).orElse(sign);
  }

  /**
   * The content of the first file named {@code name} (or, with {@code prefix}, starting with it),
   * or, for {@code .PKGINFO}, the last one, as Rekor's loops keep them.
   */
  private static byte @Nullable [] metadata(
      byte[] tar, String name, int maxMetadataSize, boolean prefix) {
    byte[] found = null;
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
      TarArchiveEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        boolean match = prefix ? entry.getName().startsWith(name) : entry.getName().equals(name);
        if (!match || (prefix && found != null)) {
          continue;
        }
        long size = entry.getSize();
        if (size < 0) {
          throw malformed("negative header size for " + name + " file");
        }
        if (size > maxMetadataSize) {
          throw malformed(
              "uncompressed "
                  + name
                  + " file size "
                  + size
                  + " exceeds max allowed size "
                  + maxMetadataSize);
        }
        found = in.readNBytes((int) size);
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof InvalidEntryException invalid) {
        throw invalid;
      }
      throw malformed("getting next entry in tar archive: malformed tar");
    }
    return found;
  }

  private static byte[] datahash(String hex) {
    if (hex.length() % 2 != 0) {
      throw malformed("parsing datahash: encoding/hex: odd length hex string");
    }
    try {
      return HEX.parseHex(hex);
    } catch (IllegalArgumentException e) {
      throw malformed("parsing datahash: encoding/hex: invalid byte");
    }
  }

  static InvalidEntryException malformed(String detail) {
    return new InvalidEntryException(Reason.MALFORMED_ENTRY, detail);
  }
}
