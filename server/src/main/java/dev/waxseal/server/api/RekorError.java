package dev.waxseal.server.api;

/**
 * Rekor's {@code Error} body: {@code {"code": <HTTP status>, "message": "<text>"}}.
 *
 * @param code the HTTP status
 * @param message what went wrong, safe to show
 */
record RekorError(int code, String message) {}
