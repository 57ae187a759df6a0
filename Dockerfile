# Container image: builds the jar in a JDK stage, then runs it on a JRE as an unprivileged user. Inside a
# container the service must be reachable from outside it, so it listens on every interface (the plain
# jar's default is 127.0.0.1), and rate limits are on (the plain jar's default is off).
FROM docker.io/library/eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests package

FROM docker.io/library/eclipse-temurin:25-jre
# curl for the health check; a fixed uid so a mounted volume's ownership is predictable.
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 datastore \
    && useradd --system --uid 10001 --gid datastore --home-dir /app --shell /usr/sbin/nologin datastore \
    && mkdir -p /data && chown datastore:datastore /data
WORKDIR /app
COPY --from=build /src/target/datastore.jar /app/datastore.jar
ENV HOST=0.0.0.0 \
    RATE_LIMIT_ENABLED=true \
    PORT=8080 \
    DATA_DIR=/data
VOLUME /data
EXPOSE 8080
USER datastore
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD curl -fsS "http://127.0.0.1:${PORT}/health" > /dev/null || exit 1
# SIGTERM reaches java directly (exec form), so the graceful stop runs.
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "-jar", "/app/datastore.jar"]
