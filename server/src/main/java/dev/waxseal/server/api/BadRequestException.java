package dev.waxseal.server.api;

import org.springframework.http.HttpStatus;

/** A parameter, id or search query is malformed: 400 with what to fix. */
final class BadRequestException extends ApiException {
  private static final long serialVersionUID = 1L;

  BadRequestException(String message) {
    super(message);
  }

  @SuppressWarnings("AnnotateFormatMethod") // templates are the constants of ApiMessages
  static BadRequestException format(String template, Object... args) {
    return new BadRequestException(String.format(template, args));
  }

  @Override
  HttpStatus status() {
    return HttpStatus.BAD_REQUEST;
  }
}
