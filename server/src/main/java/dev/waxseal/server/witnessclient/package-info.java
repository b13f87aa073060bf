/**
 * The log's witness client (issue 17, docs/witness.md): sends each published checkpoint of every
 * tree to the witnesses of {@code WAXSEAL_WITNESS_POLICY} (C2SP tlog-witness {@code
 * add-checkpoint}), verifies and stores their cosignatures, and serves them on {@code /checkpoint};
 * in fail-closed mode readers see only checkpoints that meet the policy.
 */
@NullMarked
package dev.waxseal.server.witnessclient;

import org.jspecify.annotations.NullMarked;
