package dev.waxseal.server.entries.alpine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Gzip members read one at a time with their exact end, as an APK's signature needs. */
class GzipMemberTest {
  private static final byte[] ONE = "first member".getBytes(StandardCharsets.UTF_8);
  private static final byte[] TWO = "second".getBytes(StandardCharsets.UTF_8);

  @Test
  void readsConcatenatedMembersWithTheirExactEnds() throws Exception {
    byte[] first = Apks.gzip(ONE);
    byte[] file = Apks.apk(first, Apks.gzip(TWO));

    GzipMember a = GzipMember.read(file, 0, 1024);
    GzipMember b = GzipMember.read(file, a.end(), 1024);

    assertThat(a.data()).isEqualTo(ONE);
    assertThat(a.end()).isEqualTo(first.length);
    assertThat(b.data()).isEqualTo(TWO);
    assertThat(b.end()).isEqualTo(file.length);
  }

  @Test
  void rejectsABadChecksum() throws Exception {
    byte[] file = Apks.gzip(ONE);
    file[file.length - 8] ^= 1;

    assertThatThrownBy(() -> GzipMember.read(file, 0, 1024)).hasMessage("gzip: invalid checksum");
  }

  @Test
  void rejectsATruncatedMember() throws Exception {
    byte[] file = Apks.gzip(ONE);

    assertThatThrownBy(() -> GzipMember.read(Arrays.copyOf(file, file.length - 3), 0, 1024))
        .hasMessage("unexpected EOF");
  }

  @Test
  void stopsAtTheSizeLimit() throws Exception {
    byte[] file = Apks.gzip(new byte[10_000]);

    assertThatThrownBy(() -> GzipMember.read(file, 0, 4096))
        .hasMessage("decompressed size exceeds 4096 bytes");
  }
}
