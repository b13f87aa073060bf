/**
 * HTTP for log readers: JDK {@link java.net.http.HttpClient} with timeouts, retries with backoff on
 * server errors and I/O failures, gzip, and parallel fetches. Depends on the JDK only.
 */
@NullMarked
package dev.waxseal.client.http;

import org.jspecify.annotations.NullMarked;
