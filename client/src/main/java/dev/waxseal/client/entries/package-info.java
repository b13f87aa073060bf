/**
 * Decoding of log entries of any kind into what a monitor watches: certificates, SAN emails and
 * URIs, Fulcio OIDC issuers, key fingerprints, artifact digests and in-toto subjects. Depends on
 * the JDK and Jackson.
 */
@NullMarked
package dev.waxseal.client.entries;

import org.jspecify.annotations.NullMarked;
