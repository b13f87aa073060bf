package dev.waxseal.server.explorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The explorer's routes and headers: pages at their paths with the CSP, files only from the
 * explorer's own list, ETag revalidation, the configured prefixes filled in (escaped), and no page
 * for what is not an entry UUID.
 */
@WebMvcTest(ExplorerController.class)
@Import(SimpleMeterRegistry.class)
@TestPropertySource(
    properties = {
      "waxseal.tiles.prefix=/t\"<x>",
      "waxseal.rekor-v2.enabled=true",
      "waxseal.rekor-v2.tiles-prefix=/rekor-v2"
    })
class ExplorerControllerTest {
  private static final String UUID = "ab".repeat(40);

  @Autowired MockMvc mvc;

  @Test
  void servesEachPageAsHtmlWithTheContentSecurityPolicy() throws Exception {
    for (String path :
        new String[] {"/", "/search", "/entries/" + UUID, "/entries/" + UUID.substring(16)}) {
      mvc.perform(get(path))
          .andExpect(status().isOk())
          .andExpect(content().contentType("text/html;charset=UTF-8"))
          .andExpect(
              header()
                  .string("Content-Security-Policy", ExplorerController.CONTENT_SECURITY_POLICY))
          .andExpect(header().string("X-Content-Type-Options", "nosniff"))
          .andExpect(header().string("Cache-Control", "no-cache"));
    }
  }

  @Test
  void fillsInThePrefixesEscaped() throws Exception {
    String home = body("/");
    assertThat(home)
        .contains("data-tiles-prefix=\"/t&quot;&lt;x&gt;\"")
        .contains("data-v2-prefix=\"/rekor-v2\"")
        .doesNotContain("{{");
  }

  @Test
  void servesOnlyTheExplorersOwnFiles() throws Exception {
    mvc.perform(get("/explorer/verify.js"))
        .andExpect(status().isOk())
        .andExpect(content().contentType("text/javascript;charset=UTF-8"));
    mvc.perform(get("/explorer/explorer.css"))
        .andExpect(content().contentType("text/css;charset=UTF-8"));
    mvc.perform(get("/explorer/application.yaml"))
        .andExpect(status().isNotFound())
        .andExpect(header().exists("Content-Security-Policy"));
    mvc.perform(get("/explorer/..%2Fapplication.yaml")).andExpect(status().isNotFound());
  }

  @Test
  void answers304WhenTheBrowsersCopyIsCurrent() throws Exception {
    MvcResult first = mvc.perform(get("/explorer/entry.js")).andReturn();
    String etag = first.getResponse().getHeader("ETag");
    assertThat(etag).matches("\"[0-9a-f]{32}\"");
    mvc.perform(get("/explorer/entry.js").header("If-None-Match", etag))
        .andExpect(status().isNotModified())
        .andExpect(content().bytes(new byte[0]));
    mvc.perform(get("/explorer/entry.js").header("If-None-Match", "\"other\""))
        .andExpect(status().isOk());
  }

  @Test
  void hasNoPageForWhatIsNotAnEntryUuid() throws Exception {
    for (String path :
        new String[] {"/entries/" + "ab".repeat(31), "/entries/xyz", "/entries/" + UUID + "0"}) {
      MvcResult result = mvc.perform(get(path)).andReturn();
      assertThat(result.getResponse().getStatus()).as(path).isEqualTo(404);
      assertThat(result.getResponse().getHeader("Content-Security-Policy")).as(path).isNull();
    }
  }

  private String body(String path) throws Exception {
    return new String(
        mvc.perform(get(path)).andReturn().getResponse().getContentAsByteArray(),
        StandardCharsets.UTF_8);
  }
}
