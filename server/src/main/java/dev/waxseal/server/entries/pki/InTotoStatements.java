package dev.waxseal.server.entries.pki;

import dev.waxseal.server.entries.CanonicalJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The search keys Rekor takes from an in-toto statement carried as a DSSE payload: each subject's
 * {@code <algorithm>:<digest>}, then, if the statement also reads as a SLSA 0.2 provenance
 * statement, each material's. Mirrors {@code IndexKeys()} of Rekor's dsse and intoto kinds, which
 * decode into in-toto-golang's {@code Statement} and {@code ProvenanceStatement}.
 */
public final class InTotoStatements {
  /** The DSSE payload type of in-toto statements ({@code in_toto.PayloadType}). */
  public static final String PAYLOAD_TYPE = "application/vnd.in-toto+json";

  private InTotoStatements() {}

  /**
   * The subject digest keys followed by the SLSA 0.2 material digest keys.
   *
   * @return empty if the payload does not decode as an in-toto statement (Rekor then fails {@code
   *     IndexKeys}); materials are left out silently if the predicate is not SLSA 0.2 provenance
   */
  public static Optional<List<String>> digestKeys(byte[] payload) {
    JsonNode root;
    try {
      root = CanonicalJson.parse(payload);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (!isStatementHeader(root)) {
      return Optional.empty();
    }
    List<String> keys = new ArrayList<>();
    JsonNode subjects = GoJson.member(root, "subject");
    if (subjects != null) {
      for (JsonNode subject : subjects.values()) {
        if (subject.isObject()) {
          addDigests(GoJson.member(subject, "digest"), keys);
        }
      }
    }
    JsonNode predicate = GoJson.member(root, "predicate");
    if (isSlsa02Predicate(predicate) && predicate != null) {
      JsonNode materials = GoJson.member(predicate, "materials");
      if (materials != null) {
        for (JsonNode material : materials.values()) {
          if (material.isObject()) {
            addDigests(GoJson.member(material, "digest"), keys);
          }
        }
      }
    }
    return Optional.of(keys);
  }

  private static void addDigests(@Nullable JsonNode digest, List<String> keys) {
    if (digest == null) {
      return;
    }
    for (Map.Entry<String, JsonNode> entry : digest.properties()) {
      String value = entry.getValue().isNull() ? "" : entry.getValue().stringValue();
      keys.add(entry.getKey() + ":" + value);
    }
  }

  /** {@code _type}, {@code predicateType} strings; {@code subject} [{name, digest map}]. */
  private static boolean isStatementHeader(JsonNode root) {
    if (!root.isObject()
        || !GoJson.isString(GoJson.member(root, "_type"))
        || !GoJson.isString(GoJson.member(root, "predicateType"))) {
      return false;
    }
    JsonNode subjects = GoJson.member(root, "subject");
    if (!GoJson.isArray(subjects)) {
      return false;
    }
    if (subjects != null) {
      for (JsonNode subject : subjects.values()) {
        if (subject.isNull()) {
          continue;
        }
        if (!subject.isObject()
            || !GoJson.isString(GoJson.member(subject, "name"))
            || !GoJson.isStringMap(GoJson.member(subject, "digest"))) {
          return false;
        }
      }
    }
    return true;
  }

  /** Whether Go decodes {@code predicate} into {@code slsa02.ProvenancePredicate} without error. */
  private static boolean isSlsa02Predicate(@Nullable JsonNode predicate) {
    if (predicate == null) {
      return true;
    }
    if (!predicate.isObject()) {
      return false;
    }
    JsonNode builder = GoJson.member(predicate, "builder");
    JsonNode invocation = GoJson.member(predicate, "invocation");
    JsonNode metadata = GoJson.member(predicate, "metadata");
    JsonNode materials = GoJson.member(predicate, "materials");
    return GoJson.isObject(builder)
        && (builder == null || GoJson.isString(GoJson.member(builder, "id")))
        && GoJson.isString(GoJson.member(predicate, "buildType"))
        && isInvocation(invocation)
        && isMetadata(metadata)
        && isMaterials(materials);
  }

  private static boolean isInvocation(@Nullable JsonNode invocation) {
    if (invocation == null) {
      return true;
    }
    if (!invocation.isObject()) {
      return false;
    }
    JsonNode source = GoJson.member(invocation, "configSource");
    return GoJson.isObject(source)
        && (source == null
            || (GoJson.isString(GoJson.member(source, "uri"))
                && GoJson.isStringMap(GoJson.member(source, "digest"))
                && GoJson.isString(GoJson.member(source, "entryPoint"))));
  }

  private static boolean isMetadata(@Nullable JsonNode metadata) {
    if (metadata == null) {
      return true;
    }
    if (!metadata.isObject()) {
      return false;
    }
    JsonNode completeness = GoJson.member(metadata, "completeness");
    return GoJson.isString(GoJson.member(metadata, "buildInvocationID"))
        && GoJson.isTime(GoJson.member(metadata, "buildStartedOn"))
        && GoJson.isTime(GoJson.member(metadata, "buildFinishedOn"))
        && GoJson.isBoolean(GoJson.member(metadata, "reproducible"))
        && GoJson.isObject(completeness)
        && (completeness == null
            || (GoJson.isBoolean(GoJson.member(completeness, "parameters"))
                && GoJson.isBoolean(GoJson.member(completeness, "environment"))
                && GoJson.isBoolean(GoJson.member(completeness, "materials"))));
  }

  private static boolean isMaterials(@Nullable JsonNode materials) {
    if (!GoJson.isArray(materials)) {
      return false;
    }
    if (materials != null) {
      for (JsonNode material : materials.values()) {
        if (material.isNull()) {
          continue;
        }
        if (!material.isObject()
            || !GoJson.isString(GoJson.member(material, "uri"))
            || !GoJson.isStringMap(GoJson.member(material, "digest"))) {
          return false;
        }
      }
    }
    return true;
  }
}
