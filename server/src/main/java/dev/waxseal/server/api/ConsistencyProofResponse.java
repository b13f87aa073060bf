package dev.waxseal.server.api;

import java.util.List;

/**
 * Rekor's {@code ConsistencyProof}.
 *
 * @param hashes hex hashes of the RFC 6962 consistency proof
 * @param rootHash hex root at {@code lastSize}
 */
record ConsistencyProofResponse(List<String> hashes, String rootHash) {}
