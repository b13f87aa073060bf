package dev.waxseal.server.entries.rpm;

import dev.waxseal.server.entries.pgp.PgpTestKeys;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.openpgp.PGPSignature;

/**
 * Builds RPM files laid out as old {@code rpmbuild} and {@code rpmsign --addsign} wrote them,
 * before header digests: the lead, a signature header with {@code RPMSIGTAG_SIZE}, {@code
 * RPMSIGTAG_MD5} and {@code RPMSIGTAG_PGP} (the key's signature of main header + payload), padding
 * to 8 bytes, the main header with only the NEVRA tags (no {@code PAYLOADDIGEST}, so the MD5 is the
 * payload check), and the payload. For the cases real rpm tools do not produce; the packages made
 * by today's rpm are in {@link RealRpms}.
 */
final class Rpms {
  private Rpms() {}

  /** One header entry: tag, type, count and its bytes in the data store. */
  record Tag(int tag, int type, int count, byte[] value) {
    static Tag string(int tag, String s) {
      byte[] b = (s + "\0").getBytes(StandardCharsets.UTF_8);
      return new Tag(tag, 6, 1, b);
    }

    static Tag int32(int tag, int v) {
      return new Tag(tag, 4, 1, ByteBuffer.allocate(4).putInt(v).array());
    }

    static Tag bin(int tag, byte[] v) {
      return new Tag(tag, 7, v.length, v);
    }
  }

  static byte[] header(List<Tag> tags) {
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    ByteBuffer index = ByteBuffer.allocate(16 * tags.size());
    for (Tag t : tags) {
      if (t.type() == 4) {
        while (data.size() % 4 != 0) {
          data.write(0);
        }
      }
      index.putInt(t.tag()).putInt(t.type()).putInt(data.size()).putInt(t.count());
      data.writeBytes(t.value());
    }
    ByteBuffer intro = ByteBuffer.allocate(16);
    intro.put(new byte[] {(byte) 0x8e, (byte) 0xad, (byte) 0xe8, 1, 0, 0, 0, 0});
    intro.putInt(tags.size()).putInt(data.size());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(intro.array());
    out.writeBytes(index.array());
    out.writeBytes(data.toByteArray());
    return out.toByteArray();
  }

  static byte[] lead(String name) {
    ByteBuffer lead = ByteBuffer.allocate(96);
    lead.put(new byte[] {(byte) 0xed, (byte) 0xab, (byte) 0xee, (byte) 0xdb, 3, 0});
    lead.putShort((short) 0).putShort((short) 1);
    byte[] n = name.getBytes(StandardCharsets.US_ASCII);
    lead.put(n, 0, Math.min(n.length, 65));
    lead.position(76);
    lead.putShort((short) 1).putShort((short) 5);
    return lead.array();
  }

  static byte[] main(String name, int epoch, String version, String release, String arch) {
    List<Tag> tags = new ArrayList<>();
    tags.add(Tag.string(1000, name));
    tags.add(Tag.string(1001, version));
    tags.add(Tag.string(1002, release));
    if (epoch >= 0) {
      tags.add(Tag.int32(1003, epoch));
    }
    tags.add(Tag.string(1022, arch));
    return header(tags);
  }

  /** A signed package of {@code main} and {@code payload}; {@code sign} false leaves out PGP. */
  static byte[] rpm(PgpTestKeys.Ring key, byte[] main, byte[] payload, boolean sign)
      throws Exception {
    byte[] covered = concat(main, payload);
    List<Tag> sigTags = new ArrayList<>();
    sigTags.add(Tag.int32(1000, covered.length));
    sigTags.add(Tag.bin(1004, MessageDigest.getInstance("MD5").digest(covered)));
    if (sign) {
      sigTags.add(Tag.bin(1002, key.sign(PGPSignature.BINARY_DOCUMENT, covered)));
    }
    return assemble(sigTags, main, payload);
  }

  static byte[] concat(byte[] a, byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(a);
    out.writeBytes(b);
    return out.toByteArray();
  }

  /** A package with the signature header {@code sigTags}. */
  static byte[] assemble(List<Tag> sigTags, byte[] main, byte[] payload) {
    byte[] covered = concat(main, payload);
    byte[] sigHeader = header(sigTags);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(lead("hello-1.0-1"));
    out.writeBytes(sigHeader);
    out.write(new byte[(8 - sigHeader.length % 8) % 8], 0, (8 - sigHeader.length % 8) % 8);
    out.writeBytes(covered);
    return out.toByteArray();
  }
}
