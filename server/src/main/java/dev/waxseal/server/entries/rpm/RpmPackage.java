package dev.waxseal.server.entries.rpm;

import dev.waxseal.server.entries.InvalidEntryException;
import dev.waxseal.server.entries.InvalidEntryException.Reason;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RPM package as Rekor reads it with {@code github.com/cavaliercoder/go-rpm}: the 96-byte lead
 * (magic, signature type 5), the signature header padded to 8 bytes, then the main header and the
 * payload, which together are what the header+payload OpenPGP signature covers.
 *
 * @param signature the first of the signature header's {@code RPMSIGTAG_PGP} (1002), {@code
 *     RPMSIGTAG_PGP5} (1006) and {@code RPMSIGTAG_GPG} (1005), as binary OpenPGP packets
 * @param signedStart where the main header starts: the signature covers the file from here
 * @param headers the values Rekor stores as {@code package.headers}
 */
// Short-lived: never compared or hashed.
@SuppressWarnings("ArrayRecordComponent")
record RpmPackage(byte[] signature, int signedStart, Map<String, String> headers) {
  private static final int LEAD = 96;
  private static final int HEADER_SIGNATURE_TYPE = 5;
  private static final int[] SIGNATURE_TAGS = {1002, 1006, 1005};
  private static final HexFormat HEX = HexFormat.of();

  /**
   * Reads the lead and both headers of {@code file}.
   *
   * @throws InvalidEntryException if the file is not an RPM or has no header+payload signature
   */
  static RpmPackage parse(byte[] file) {
    if (file.length < LEAD) {
      throw malformed("error reading RPM lead: unexpected EOF");
    }
    if ((file[0] & 0xff) != 0xed
        || (file[1] & 0xff) != 0xab
        || (file[2] & 0xff) != 0xee
        || (file[3] & 0xff) != 0xdb) {
      throw malformed("file is not an RPM: lead magic number invalid");
    }
    int signatureType = (file[78] & 0xff) << 8 | (file[79] & 0xff);
    if (signatureType != HEADER_SIGNATURE_TYPE) {
      throw malformed("unknown RPM signature type: " + Integer.toHexString(signatureType));
    }
    RpmHeader signatureHeader;
    RpmHeader main;
    int mainStart;
    try {
      signatureHeader = RpmHeader.read(file, LEAD);
      int length = signatureHeader.length();
      mainStart = LEAD + length + (8 - length % 8) % 8;
      main = RpmHeader.read(file, mainStart);
    } catch (IllegalArgumentException e) {
      throw malformed("error reading RPM header: " + e.getMessage());
    }
    byte[] signature = null;
    for (int tag : SIGNATURE_TAGS) {
      signature = signatureHeader.bin(tag).orElse(null);
      if (signature != null) {
        break;
      }
    }
    if (signature == null) {
      throw new InvalidEntryException(
          Reason.INVALID_SIGNATURE,
          "Package signature not found (a header+payload OpenPGP signature, RPMSIGTAG_PGP or"
              + " RPMSIGTAG_GPG, is required)");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Name", main.string(1000));
    headers.put("Epoch", Integer.toString(main.int32(1003)));
    headers.put("Version", main.string(1001));
    headers.put("Release", main.string(1002));
    headers.put("Architecture", main.string(1022));
    signatureHeader.bin(1004).ifPresent(v -> headers.put("RPMSIGTAG_MD5", HEX.formatHex(v)));
    signatureHeader.bin(1012).ifPresent(v -> headers.put("RPMSIGTAG_SHA1", HEX.formatHex(v)));
    signatureHeader.bin(1016).ifPresent(v -> headers.put("RPMSIGTAG_SHA256", HEX.formatHex(v)));
    return new RpmPackage(signature, mainStart, Map.copyOf(headers));
  }

  /** The bytes the signature covers: main header and payload. */
  byte[] signed(byte[] file) {
    return Arrays.copyOfRange(file, signedStart, file.length);
  }

  static InvalidEntryException malformed(String detail) {
    return new InvalidEntryException(Reason.MALFORMED_ENTRY, detail);
  }
}
