package dev.waxseal.server.tsa;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The timestamp authority's key, certificate chain and request policy ({@code waxseal.tsa.*}).
 *
 * @param keyFile the signing key, PEM (PKCS #8, or SEC 1 / PKCS #1) ({@code WAXSEAL_TSA_KEY_FILE})
 * @param certChainFile the PEM certificate chain, leaf first ({@code WAXSEAL_TSA_CERT_CHAIN_FILE});
 *     the leaf certifies {@code keyFile} and has the critical {@code id-kp-timeStamping} extended
 *     key usage as its only one (RFC 3161 §2.3)
 * @param allowGeneratedKey whether a key and chain may be generated in {@code <dataDir>/keys} when
 *     none is configured; false in the production profile
 * @param dataDir the data directory, where a generated key and chain are kept
 * @param defaultPolicyOid the policy of a timestamp whose request names none (timestamp-authority's
 *     {@code --default-policy-oid}, default {@code 1.3.6.1.4.1.57264.2})
 * @param acceptedPolicyOids the policies a request may name ({@code --accepted-policy-oids})
 * @param includeChainInResponse with {@code certReq}, include the issuing chain and not only the
 *     leaf ({@code --include-chain-in-response}, default false)
 * @param useHttp201 answer 201 instead of 200 ({@code --use-http-201}, default false)
 * @param maxRequestBodySize the largest request body in bytes ({@code --max-request-body-size},
 *     default 1 MiB)
 */
@Validated
@ConfigurationProperties("waxseal.tsa")
public record TsaProperties(
    @Nullable Path keyFile,
    @Nullable Path certChainFile,
    @DefaultValue("true") boolean allowGeneratedKey,
    @NotNull Path dataDir,
    @DefaultValue(TimestampAuthority.SIGSTORE_POLICY) String defaultPolicyOid,
    @DefaultValue(TimestampAuthority.SIGSTORE_POLICY) List<String> acceptedPolicyOids,
    @DefaultValue("false") boolean includeChainInResponse,
    @DefaultValue("false") boolean useHttp201,
    @DefaultValue("1048576") int maxRequestBodySize) {

  /** Where a generated key is written and found again on the next start. */
  Path generatedKeyFile() {
    return dataDir.resolve("keys").resolve("tsa-signer.pem");
  }

  /** Where the generated key's certificate chain (leaf, root) is written. */
  Path generatedChainFile() {
    return dataDir.resolve("keys").resolve("tsa-chain.pem");
  }
}
