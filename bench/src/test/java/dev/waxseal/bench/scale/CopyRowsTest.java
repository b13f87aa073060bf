package dev.waxseal.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** COPY text format: what PostgreSQL reads back as the same values. */
class CopyRowsTest {
  @Test
  void writesTabSeparatedRowsWithEscapedBytesAndText() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CopyRows rows = new CopyRows(out);
    rows.number(-7).bytes(new byte[] {0, (byte) 0xab, 0x7f}).text("a\tb\nc\\d").endRow();
    rows.number(1).endRow();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo("-7\t\\\\x00ab7f\ta\\tb\\nc\\\\d\n1\n");
  }
}
