package dev.waxseal.server.api;

import com.networknt.schema.Error;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaContext;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Draft4;
import com.networknt.schema.format.Format;
import com.networknt.schema.keyword.Keyword;
import com.networknt.schema.keyword.KeywordValidator;
import com.networknt.schema.keyword.WriteOnlyValidator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code api-spec/openapi.yaml} (from the classpath) and the validation of JSON against its
 * schemas.
 *
 * <p>Swagger 2.0 schemas are JSON Schema draft 4 plus a few keywords, and networknt validates them
 * as draft 4 with what matters to the entry kinds: {@code format: byte} (standard base64, padded,
 * as go-openapi's strfmt decodes it) and the document's {@code x-writeOnly} (Rekor's {@code
 * writeOnly}: never in what the server stores and returns). {@code readOnly} is not enforced on
 * requests: Rekor accepts a client's value and recomputes it (cosign sends intoto 0.0.1's {@code
 * content.hash}), and so does this server. The discriminator is not a JSON Schema keyword: {@link
 * #kinds()} and {@link #proposedEntryOf} apply it.
 */
final class OpenApiDocument {
  /** Which way a JSON document goes: where {@code x-writeOnly} fields may be. */
  enum Direction {
    /** Sent by a client: any field of the schema. */
    REQUEST,
    /** Sent or stored by the server: no {@code x-writeOnly} field. */
    RESPONSE
  }

  private static final String RESOURCE = "/META-INF/waxseal/openapi.yaml";

  /** go-openapi's strfmt.Base64: Go's padded standard encoding. */
  private static final Format BYTE =
      new Format() {
        @Override
        public String getName() {
          return "byte";
        }

        @Override
        public boolean matches(ExecutionContext context, String value) {
          if (value.length() % 4 != 0) {
            return false;
          }
          try {
            Base64.getDecoder().decode(value);
            return true;
          } catch (IllegalArgumentException e) {
            return false;
          }
        }
      };

  /** Enforced by networknt's writeOnly validator when the execution says writeOnly. */
  private static final Keyword X_WRITE_ONLY =
      new Keyword() {
        @Override
        public String getValue() {
          return "x-writeOnly";
        }

        @Override
        public KeywordValidator newValidator(
            SchemaLocation location, JsonNode node, Schema parent, SchemaContext context) {
          return new WriteOnlyValidator(location, node, parent, context);
        }
      };

  private final JsonNode spec;
  private final SchemaRegistry registry;
  private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

  private OpenApiDocument(JsonNode spec) {
    this.spec = spec;
    Dialect swagger2 =
        Dialect.builder("https://waxseal.dev/swagger-2.0-schema", Draft4.getInstance())
            .format(BYTE)
            .keyword(X_WRITE_ONLY)
            .build();
    this.registry = SchemaRegistry.withDefaultDialect(swagger2);
  }

  /** Reads the document that module waxseal-api-spec puts on the classpath. */
  static OpenApiDocument load() {
    return load(RESOURCE);
  }

  /** Reads another document of module waxseal-api-spec, e.g. the Rekor v2 API's. */
  static OpenApiDocument load(String resource) {
    try (InputStream in = OpenApiDocument.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " (module waxseal-api-spec) not on classpath");
      }
      return new OpenApiDocument(YAMLMapper.builder().build().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The document as a tree. */
  JsonNode spec() {
    return spec;
  }

  /**
   * Validates {@code instance} against the schema at {@code pointer} (e.g. {@code
   * #/definitions/LogEntry}), going {@code direction}.
   *
   * @return the violations, empty if it is valid
   */
  List<Error> validate(String pointer, JsonNode instance, Direction direction) {
    Schema schema = schemas.computeIfAbsent(pointer, this::compile);
    return schema.validate(
        instance,
        context ->
            context.executionConfig(config -> config.writeOnly(direction == Direction.RESPONSE)));
  }

  private Schema compile(String pointer) {
    if (spec.at(pointer.substring(1)).isMissingNode()) {
      throw new IllegalArgumentException(pointer + " is not in openapi.yaml");
    }
    // Draft 4 ignores the siblings of $ref: the root is the whole document, reduced to the pointer.
    ObjectNode root = (ObjectNode) spec.deepCopy();
    root.put("$ref", pointer);
    return registry.getSchema(root);
  }

  /**
   * The entry kinds the document declares: the definitions that extend ProposedEntry ({@code allOf}
   * with its {@code $ref}), each named by its {@code kind} value as Swagger 2.0's discriminator
   * says.
   */
  Set<String> kinds() {
    Set<String> kinds = new TreeSet<>();
    spec.get("definitions")
        .properties()
        .forEach(
            definition -> {
              for (JsonNode part : definition.getValue().path("allOf").values()) {
                if (part.path("$ref").asString("").equals("#/definitions/ProposedEntry")) {
                  kinds.add(definition.getKey());
                }
              }
            });
    return kinds;
  }

  /**
   * The definition a proposed or stored entry must validate against: {@code #/definitions/<kind>},
   * by its discriminator.
   *
   * @throws IllegalArgumentException if the document has no such kind
   */
  String proposedEntryOf(JsonNode entry) {
    String kind = entry.path("kind").asString("");
    if (!kinds().contains(kind)) {
      throw new IllegalArgumentException(
          "openapi.yaml declares no entry kind '" + kind + "'; it declares " + kinds());
    }
    return "#/definitions/" + kind;
  }
}
