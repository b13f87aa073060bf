# syntax=docker/dockerfile:1
#
# Waxseal server runtime image.
#
# The jar is built outside the image (`mvn -B package` -> server/target/waxseal-server.jar), so
# building this image needs no Maven and no network beyond pulling the base:
#
#   docker build -t waxseal-server:dev .
#
# RUNTIME_IMAGE picks the Java 17 runtime base. The default is a pinned Temurin JRE tag; in
# production pin it by digest too (eclipse-temurin:17.0.16_8-jre-noble@sha256:...). The base must
# provide `java` on PATH and `bash` (used by HEALTHCHECK; distroless bases have no shell: drop the
# HEALTHCHECK there and rely on the orchestrator's probes).
ARG RUNTIME_IMAGE=eclipse-temurin:17.0.16_8-jre-noble

FROM ${RUNTIME_IMAGE}

ARG VERSION=0.1.0-SNAPSHOT
ARG REVISION=unknown
ARG CREATED=unknown
LABEL org.opencontainers.image.title="waxseal-server" \
      org.opencontainers.image.description="Waxseal: a Rekor-v1-compatible transparency log server on PostgreSQL" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.vendor="Waxseal"

# A fixed, non-root UID/GID so that Kubernetes (runAsUser/fsGroup) and volume ownership agree.
# The only writable paths at run time are /tmp and the data directory; everything else may be
# mounted read-only (docker run --read-only --tmpfs /tmp, readOnlyRootFilesystem in Kubernetes).
RUN groupadd --system --gid 10001 waxseal \
 && useradd --system --uid 10001 --gid 10001 --home-dir /var/lib/waxseal --no-create-home \
      --shell /usr/sbin/nologin waxseal \
 && install -d -o 10001 -g 10001 -m 0750 /var/lib/waxseal \
 && install -d -o root -g root -m 0755 /app

# Owned by root and not writable by the runtime user.
COPY server/target/waxseal-server.jar /app/waxseal-server.jar

# JVM sizing goes through JAVA_TOOL_OPTIONS rather than the command line, because flags given on
# the command line win over JAVA_TOOL_OPTIONS: set in ENV they stay overridable at run time
# (docker run -e JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=60 ..."; keep MaxRAMPercentage in it).
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp" \
    SERVER_PORT=3000 \
    WAXSEAL_DATA_DIR=/var/lib/waxseal

WORKDIR /var/lib/waxseal
USER 10001:10001
EXPOSE 3000 9090

# Readiness over the management port (MANAGEMENT_SERVER_PORT, else SERVER_PORT). JRE base images
# do not reliably ship curl or wget, so this speaks HTTP/1.0 through bash's /dev/tcp using bash
# builtins only, and passes on a "200" status line.
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${MANAGEMENT_SERVER_PORT:-${SERVER_PORT:-3000}} && printf 'GET /actuator/health/readiness HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && read -r -t 4 _ status _ <&3 && [[ $status == 200* ]]"]

# The JVM runs as PID 1 and handles SIGTERM itself (Spring graceful shutdown).
STOPSIGNAL SIGTERM
ENTRYPOINT ["java", "-jar", "/app/waxseal-server.jar"]
