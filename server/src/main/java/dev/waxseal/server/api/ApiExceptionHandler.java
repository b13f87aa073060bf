package dev.waxseal.server.api;

import dev.waxseal.server.log.AppendFailedException;
import dev.waxseal.server.log.CheckpointNotPublishedException;
import dev.waxseal.server.log.DatabaseFault;
import dev.waxseal.server.log.LogOverloadedException;
import dev.waxseal.server.log.LogReadException;
import dev.waxseal.server.log.LogStorageFullException;
import dev.waxseal.server.log.LogUnavailableException;
import dev.waxseal.server.log.ShardArchivedException;
import dev.waxseal.server.warmup.WarmupRequests;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Maps every failure on {@code /api/v1/**} to Rekor's {@code {"code","message"}} body: the API's
 * own outcomes, the log's (503 + Retry-After when overloaded, 500 when a batch failed), Spring
 * MVC's (unknown path, wrong method or media type, missing or mistyped parameter), the database's
 * (503 + Retry-After while it is away, 507 + Retry-After when its disk is full: never a 500, see
 * {@link DatabaseFault}) and anything unexpected (500 with a generic message; the detail goes to
 * the server's log only). Failures on other paths are left to Spring's default handling.
 */
@RestControllerAdvice
final class ApiExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);
  private static final String API_PREFIX = "/api/v1/";

  /**
   * What a read that met a database fault tells the client to wait: the database is probed every
   * 250 ms while it is away (log.DatabaseAvailability), so a second is a fair first wait.
   */
  private static final Duration READ_RETRY_AFTER = Duration.ofSeconds(1);

  private final MeterRegistry registry;

  ApiExceptionHandler(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Counts an error response by status and a bounded reason ({@code waxseal.api.errors}). */
  private void count(HttpStatusCode status, String reason) {
    registry
        .counter("waxseal.api.errors", "status", Integer.toString(status.value()), "reason", reason)
        .increment();
  }

  @ExceptionHandler(ApiException.class)
  ResponseEntity<RekorError> api(ApiException e, HttpServletRequest request) {
    log.atDebug()
        .addKeyValue("path", request.getRequestURI())
        .addKeyValue("status", e.status().value())
        .addKeyValue("reason", e.reason())
        .log(e.clientMessage());
    if (!WarmupRequests.isWarmup(request)) {
      count(e.status(), e.reason());
    }
    ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status());
    if (e instanceof DuplicateEntryException duplicate) {
      response.header(HttpHeaders.LOCATION, duplicate.location());
    }
    return body(response, e.status(), e.clientMessage());
  }

  /** An entry of an archived shard: it existed, and this log no longer serves it (410). */
  @ExceptionHandler(ShardArchivedException.class)
  ResponseEntity<RekorError> archived(ShardArchivedException e, HttpServletRequest request) {
    log.atDebug()
        .addKeyValue("path", request.getRequestURI())
        .addKeyValue("tree_id", e.treeId())
        .log("entry of an archived shard: 410");
    count(HttpStatus.GONE, "ShardArchived");
    return body(
        ResponseEntity.status(HttpStatus.GONE),
        HttpStatus.GONE,
        String.format(ApiMessages.SHARD_ARCHIVED, e.treeId()));
  }

  @ExceptionHandler(LogOverloadedException.class)
  ResponseEntity<RekorError> overloaded(LogOverloadedException e, HttpServletRequest request) {
    log.atWarn().addKeyValue("path", request.getRequestURI()).log("log overloaded: 503");
    return retryLater(
        HttpStatus.SERVICE_UNAVAILABLE,
        "LogOverloaded",
        ApiMessages.LOG_OVERLOADED,
        e.retryAfter());
  }

  @ExceptionHandler(CheckpointNotPublishedException.class)
  ResponseEntity<RekorError> notPublished(
      CheckpointNotPublishedException e, HttpServletRequest request) {
    log.atWarn()
        .addKeyValue("path", request.getRequestURI())
        .log("no published checkpoint yet: 503: {}", e.getMessage());
    return retryLater(
        HttpStatus.SERVICE_UNAVAILABLE,
        "CheckpointNotPublished",
        ApiMessages.CHECKPOINT_NOT_PUBLISHED,
        e.retryAfter());
  }

  @ExceptionHandler(LogUnavailableException.class)
  ResponseEntity<RekorError> unavailable(LogUnavailableException e, HttpServletRequest request) {
    log.atWarn()
        .addKeyValue("path", request.getRequestURI())
        .addKeyValue("outcome_unknown", e.outcomeUnknown())
        .log("database unavailable: 503");
    return retryLater(
        HttpStatus.SERVICE_UNAVAILABLE,
        e.outcomeUnknown() ? "CommitOutcomeUnknown" : "DatabaseUnavailable",
        e.outcomeUnknown() ? ApiMessages.COMMIT_OUTCOME_UNKNOWN : ApiMessages.DATABASE_UNAVAILABLE,
        e.retryAfter());
  }

  @ExceptionHandler(LogStorageFullException.class)
  ResponseEntity<RekorError> storageFull(LogStorageFullException e, HttpServletRequest request) {
    log.atWarn()
        .addKeyValue("path", request.getRequestURI())
        .log("database out of disk space: 507");
    return retryLater(
        HttpStatus.INSUFFICIENT_STORAGE, "StorageFull", ApiMessages.STORAGE_FULL, e.retryAfter());
  }

  /** A database fault met outside the append path (a read): retryable, never a 500. */
  private ResponseEntity<RekorError> databaseFault(
      DatabaseFault fault, Exception e, HttpServletRequest request) {
    log.atWarn()
        .addKeyValue("path", request.getRequestURI())
        .addKeyValue("fault", fault.name())
        .setCause(e)
        .log("database fault on a request");
    return fault == DatabaseFault.DISK_FULL
        ? retryLater(
            HttpStatus.INSUFFICIENT_STORAGE,
            "StorageFull",
            ApiMessages.STORAGE_FULL,
            READ_RETRY_AFTER)
        : retryLater(
            HttpStatus.SERVICE_UNAVAILABLE,
            "DatabaseUnavailable",
            ApiMessages.DATABASE_UNAVAILABLE,
            READ_RETRY_AFTER);
  }

  /**
   * A retryable refusal: {@code Retry-After} in whole seconds ({@link RetryAfter}), and the same
   * number in the message ({@code template} has one {@code %d}).
   */
  private ResponseEntity<RekorError> retryLater(
      HttpStatus status, String reason, String template, Duration wait) {
    long seconds = RetryAfter.seconds(wait);
    count(status, reason);
    return body(
        ResponseEntity.status(status).header(HttpHeaders.RETRY_AFTER, Long.toString(seconds)),
        status,
        String.format(template, seconds));
  }

  @ExceptionHandler(AppendFailedException.class)
  ResponseEntity<RekorError> appendFailed(AppendFailedException e, HttpServletRequest request) {
    log.atError()
        .addKeyValue("path", request.getRequestURI())
        .setCause(e)
        .log("append failed: 500");
    count(HttpStatus.INTERNAL_SERVER_ERROR, "AppendFailed");
    return body(
        ResponseEntity.internalServerError(),
        HttpStatus.INTERNAL_SERVER_ERROR,
        ApiMessages.APPEND_FAILED);
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<RekorError> missingParameter(
      MissingServletRequestParameterException e, HttpServletRequest request)
      throws MissingServletRequestParameterException {
    requireApi(request, e);
    count(HttpStatus.BAD_REQUEST, "MissingParameter");
    return badRequest(String.format(ApiMessages.REQUIRED, e.getParameterName(), "query"));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<RekorError> typeMismatch(
      MethodArgumentTypeMismatchException e, HttpServletRequest request) {
    requireApi(request, e);
    count(HttpStatus.BAD_REQUEST, "TypeMismatch");
    Class<?> type = e.getRequiredType();
    String want =
        type == null
            ? "the declared type"
            : type.getSimpleName().toLowerCase(java.util.Locale.ROOT);
    return badRequest(String.format(ApiMessages.MUST_BE_OF_TYPE, e.getName(), "query", want));
  }

  @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
  ResponseEntity<RekorError> notFound(Exception e, HttpServletRequest request) throws Exception {
    requireApi(request, e);
    count(HttpStatus.NOT_FOUND, "NoSuchPath");
    return body(
        ResponseEntity.status(HttpStatus.NOT_FOUND),
        HttpStatus.NOT_FOUND,
        String.format(ApiMessages.NOT_FOUND, requestedPath(request)));
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<RekorError> methodNotAllowed(
      HttpRequestMethodNotSupportedException e, HttpServletRequest request)
      throws HttpRequestMethodNotSupportedException {
    requireApi(request, e);
    count(HttpStatus.METHOD_NOT_ALLOWED, "MethodNotAllowed");
    String allowed =
        e.getSupportedHttpMethods() == null
            ? ""
            : e.getSupportedHttpMethods().stream()
                .map(Object::toString)
                .collect(Collectors.joining(", "));
    ResponseEntity.BodyBuilder response = ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED);
    if (!allowed.isEmpty()) {
      response.header(HttpHeaders.ALLOW, allowed);
    }
    return body(
        response,
        HttpStatus.METHOD_NOT_ALLOWED,
        String.format(
            ApiMessages.METHOD_NOT_ALLOWED, e.getMethod(), requestedPath(request), allowed));
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<RekorError> unsupportedMediaType(
      HttpMediaTypeNotSupportedException e, HttpServletRequest request)
      throws HttpMediaTypeNotSupportedException {
    requireApi(request, e);
    count(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UnsupportedMediaType");
    MediaType sent = e.getContentType();
    return body(
        ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE),
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        String.format(ApiMessages.UNSUPPORTED_MEDIA_TYPE, sent == null ? "(none)" : sent));
  }

  @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
  ResponseEntity<RekorError> notAcceptable(
      HttpMediaTypeNotAcceptableException e, HttpServletRequest request)
      throws HttpMediaTypeNotAcceptableException {
    requireApi(request, e);
    count(HttpStatus.NOT_ACCEPTABLE, "NotAcceptable");
    return body(
        ResponseEntity.status(HttpStatus.NOT_ACCEPTABLE),
        HttpStatus.NOT_ACCEPTABLE,
        ApiMessages.NOT_ACCEPTABLE);
  }

  /** Anything else is a server bug or an infrastructure failure: 500, detail in the log only. */
  @ExceptionHandler(Exception.class)
  ResponseEntity<RekorError> unexpected(Exception e, HttpServletRequest request) throws Exception {
    requireApi(request, e);
    if (e instanceof ErrorResponse spring) {
      count(spring.getStatusCode(), "Spring");
      return springError(spring, request);
    }
    DatabaseFault fault = DatabaseFault.of(e).orElse(null);
    if (fault != null) {
      return databaseFault(fault, e, request);
    }
    count(
        HttpStatus.INTERNAL_SERVER_ERROR, e instanceof LogReadException ? "LogRead" : "Unexpected");
    if (e instanceof LogReadException) {
      log.atError().addKeyValue("path", request.getRequestURI()).setCause(e).log("read failed");
    } else {
      log.atError()
          .addKeyValue("path", request.getRequestURI())
          .addKeyValue("method", request.getMethod())
          .setCause(e)
          .log("unexpected error: 500");
    }
    return body(
        ResponseEntity.internalServerError(),
        HttpStatus.INTERNAL_SERVER_ERROR,
        ApiMessages.UNEXPECTED);
  }

  /** Spring MVC's other request errors: their status, with the status's reason as message. */
  private static ResponseEntity<RekorError> springError(
      ErrorResponse e, HttpServletRequest request) {
    HttpStatusCode status = e.getStatusCode();
    log.atInfo()
        .addKeyValue("path", request.getRequestURI())
        .addKeyValue("status", status.value())
        .log(e.getClass().getSimpleName());
    HttpStatus known = HttpStatus.resolve(status.value());
    String message = known == null ? "request failed" : known.getReasonPhrase();
    return body(ResponseEntity.status(status), status, message);
  }

  private static ResponseEntity<RekorError> badRequest(String message) {
    return body(ResponseEntity.badRequest(), HttpStatus.BAD_REQUEST, message);
  }

  private static ResponseEntity<RekorError> body(
      ResponseEntity.BodyBuilder response, HttpStatusCode status, String message) {
    return response
        .contentType(MediaType.APPLICATION_JSON)
        .body(new RekorError(status.value(), message));
  }

  /**
   * The path as the client sent it, before {@link ApiPathFilter} cleaned it: Rekor's messages name
   * the path that was asked for.
   */
  private static String requestedPath(HttpServletRequest request) {
    return request.getAttribute(ApiPathFilter.REQUESTED_PATH) instanceof String sent
        ? sent
        : request.getRequestURI();
  }

  /** Rethrows {@code e} (to Spring's default handling) unless the request is for the API. */
  private static <E extends Exception> void requireApi(HttpServletRequest request, E e) throws E {
    if (!request.getRequestURI().startsWith(API_PREFIX)) {
      throw e;
    }
  }
}
