package dev.waxseal.server.entries.alpine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code .PKGINFO} read with the rules of gopkg.in/ini.v1 that Rekor's map depends on. */
class PkginfoTest {
  private static Map<String, String> parse(String text) throws Exception {
    return Pkginfo.parse(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void keepsTheLastValueOfARepeatedKey() throws Exception {
    assertThat(parse("depend = a\ndepend = b\n")).containsExactly(Map.entry("depend", "b"));
  }

  @Test
  void dropsCommentsAndInlineComments() throws Exception {
    assertThat(parse("# comment\n; other\npkgdesc = C tools; fast # really\n"))
        .containsExactly(Map.entry("pkgdesc", "C tools"));
  }

  @Test
  void readsColonAsDelimiterAndTrimsQuotes() throws Exception {
    assertThat(parse("a: 1\nb = \"quoted\"\nc = x:y\n"))
        .containsExactly(Map.entry("a", "1"), Map.entry("b", "quoted"), Map.entry("c", "x:y"));
  }

  @Test
  void keepsOnlyTheDefaultSection() throws Exception {
    assertThat(parse("a = 1\n[other]\nb = 2\n[DEFAULT]\nc = 3\n"))
        .containsExactly(Map.entry("a", "1"), Map.entry("c", "3"));
  }

  @Test
  void rejectsALineWithoutDelimiter() {
    assertThatThrownBy(() -> parse("pkgname hello\n"))
        .hasMessage("key-value delimiter not found: pkgname hello");
  }
}
